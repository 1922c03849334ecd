import { describe, expect, it } from 'vitest';
import { readerPath, readerTarget } from '../../src/core/reader-url';

const origin = 'chrome-extension://abcdefghijklmnop/';
const original = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm?x=1&y=2#top';

describe('reader addresses', () => {
  it('carry the article URL through a round trip, query and fragment included', () => {
    expect(readerTarget(origin + readerPath(original), origin)).toBe(original);
  });

  it('open on the share panel when asked', () => {
    expect(readerPath(original, { share: true })).toMatch(/#share$/);
    expect(readerTarget(origin + readerPath(original, { share: true }), origin)).toBe(original);
  });

  it('are not recognized on another origin or another page', () => {
    expect(readerTarget(`https://evil.example/${readerPath(original)}`, origin)).toBeNull();
    expect(readerTarget(`${origin}src/popup/index.html?url=x`, origin)).toBeNull();
  });
});
