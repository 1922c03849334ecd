import { describe, expect, it } from 'vitest';
import {
  isIncognitoAddress,
  newReaderId,
  parseReaderAddress,
  privateReaderPath,
  readerIdsOf,
  readerPath,
  readerTarget,
  withReaderId,
} from '../../src/core/pages/reader-url';

const origin = 'chrome-extension://abcdefghijklmnop/';
const original = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm?x=1&y=2#top';
const id = '0123456789abcdef0123456789abcdef';

describe('reader addresses', () => {
  it('flag an article asked for from an incognito tab, still private and still parsed by id', () => {
    const path = privateReaderPath(id, { incognito: true, share: true });
    expect(path).toBe(`reader.html?id=${id}&incognito#share`);
    expect(isIncognitoAddress(origin + path)).toBe(true);
    expect(parseReaderAddress(origin + path, origin)).toEqual({ kind: 'id', id, share: true });
    expect(isIncognitoAddress(origin + privateReaderPath(id))).toBe(false);
    expect(isIncognitoAddress('not a url')).toBe(false);
  });

  it('carry the article URL through a round trip, query and fragment included', () => {
    expect(readerTarget(origin + readerPath(original), origin)).toBe(original);
  });

  it('open on the share panel when asked', () => {
    expect(readerPath(original, { share: true })).toMatch(/#share$/);
    expect(readerTarget(origin + readerPath(original, { share: true }), origin)).toBe(original);
    expect(parseReaderAddress(origin + privateReaderPath(id, { share: true }), origin)).toEqual({
      kind: 'id',
      id,
      share: true,
    });
  });

  it('are not recognized on another origin or another page', () => {
    expect(readerTarget(`https://evil.example/${readerPath(original)}`, origin)).toBeNull();
    expect(readerTarget(`${origin}src/popup/index.html?url=x`, origin)).toBeNull();
    expect(parseReaderAddress(`https://evil.example/${privateReaderPath(id)}`, origin)).toBeNull();
  });

  it('in private form name no article: only an opaque id, and readerTarget reads none', () => {
    const address = origin + privateReaderPath(id);
    expect(address).not.toMatch(/epochtimes|n12681566|url=/);
    expect(readerTarget(address, origin)).toBeNull();
    expect(parseReaderAddress(address, origin)).toEqual({ kind: 'id', id, share: false });
  });

  it('without a usable id or url are the empty reader', () => {
    expect(parseReaderAddress(`${origin}reader.html`, origin)?.kind).toBe('empty');
    expect(parseReaderAddress(`${origin}reader.html?id=../x`, origin)?.kind).toBe('empty');
  });
});

describe('private reader ids', () => {
  it('are 32 hex digits from the random source', () => {
    const made = newReaderId(new Uint8Array(16).fill(0xab));
    expect(made).toBe('ab'.repeat(16));
  });

  it('map to their URLs, newest last, the oldest dropped beyond the limit', () => {
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(32);
    const c = 'c'.repeat(32);
    let map = withReaderId(undefined, a, 'https://x/1', 2);
    map = withReaderId(map, b, 'https://x/2', 2);
    map = withReaderId(map, c, 'https://x/3', 2);
    expect(map).toEqual({ [b]: 'https://x/2', [c]: 'https://x/3' });
  });

  it('keep only well-formed stored entries', () => {
    expect(readerIdsOf({ [id]: 'https://x/', bad: 'https://y/', ['f'.repeat(32)]: 3 })).toEqual({
      [id]: 'https://x/',
    });
    expect(readerIdsOf('junk')).toEqual({});
  });
});
