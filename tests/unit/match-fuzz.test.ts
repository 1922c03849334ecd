import { describe, expect, it } from 'vitest';
import { decodePathOnce } from '../../src/core/match/decode-path';
import { matchUrl } from '../../src/core/match/match';
import { builtinSources } from '../../src/core/sources/builtin';
import { compilePathPattern } from '../../src/core/sources/path-pattern';
import type { Match } from '../../src/core/sources/types';

const COUNT = 100_000;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20_190_531;
let random = prng(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const int = (n: number): number => Math.floor(random() * n);

const articles = [
  'https://www.epochtimes.com/gb/21/1/11/n12681566.htm',
  'http://m.epochtimes.com/b5/20/3/8/n11923903.htm?x=1#y',
  'https://www.ntdtv.com/gb/2022/07/03/a103470752.html',
  'https://www.secretchina.com/news/b5/2022/10/26/1020087.html',
  'http://www.soundofhope.org/gb/2019/09/29/n3219520.html',
  'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html',
  'http://www.minghui.org/mh/articles/2021/1/6/中共的脆弱-418196.html',
  `http://www.minghui.org/mh/articles/2021/1/6/${encodeURIComponent('中共的脆弱')}-418196.html`,
];
const schemes = [
  'http',
  'https',
  'HTTPS',
  'Http',
  'ftp',
  'javascript',
  'data',
  'ws',
  'file',
  'h\ttp',
  '',
];
const hosts = [
  'www.epochtimes.com',
  'epochtimes.com',
  'm.epochtimes.com',
  'EpochTimes.COM',
  'epochtimes.com.',
  'epochtimes.com.evil.example',
  'evilepochtimes.com',
  'www.\u0435pochtimes.com',
  'xn--pochtimes-f0h.com',
  'ｅｐｏｃｈｔｉｍｅｓ．ｃｏｍ',
  'ntdtv.com',
  'www.secretchina.com',
  'soundofhope.org',
  'rfa.org',
  'big5.minghui.org',
  'en.minghui.org',
  'minghui.org.evil.example',
  'example.com',
  '127.0.0.1',
  '[::1]',
  'xn--zz.epochtimes.com',
  'a..epochtimes.com',
  '',
];
const paths = [
  '/gb/21/1/11/n12681566.htm',
  '/b5/21/1/11/n12681566.htm',
  '/gb/2022/07/03/a103470752.html',
  '/news/gb/2022/10/26/1020087.html',
  '/gb/2019/09/29/n3219520.html',
  '/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html',
  '/mandarin/yataibaodao/Baotong-12222008093954.html',
  '/mh/articles/2021/1/6/中共的脆弱-418196.html',
  '/mh/articles/2020/3/10/402272.html',
  '/gb/tag/x.html',
  '/',
  '',
];
const tokens = [
  '@',
  ':',
  ':80',
  ':443',
  ':99999',
  '/',
  '//',
  '\\',
  '.',
  '..',
  '/../',
  '/%2e%2e/',
  '%',
  '%2F',
  '%2e',
  '%E4%B8',
  '%25',
  '?',
  '#',
  '\t',
  '\n',
  '\u0000',
  ' ',
  '\ud800',
  '\udc00',
  'ｅ',
  '\u0435',
  '\u00ad',
  '\u200b',
  'xn--',
  '.evil.example',
  'epochtimes.com',
  'minghui.org',
  'evil.example@',
  'user:pass@',
  'n12681566',
  '-418196.html',
  'http://',
];
const alphabet = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...':/?#@.%\\-_~!$&\'()*+,;=[]{}|^`"<> ',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u001f',
  '\u007f',
  '中',
  '共',
  'é',
  '\ud800',
  '\udfff',
  '😀',
];

function randomString(max: number): string {
  let s = '';
  for (let n = int(max); n > 0; n--) s += pick(alphabet);
  return s;
}

function mutate(url: string): string {
  let s = url;
  for (let n = 1 + int(4); n > 0; n--) {
    const at = int(s.length + 1);
    const op = int(5);
    if (op === 0) s = s.slice(0, at) + pick(tokens) + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + int(4));
    else if (op === 2) s = s.slice(0, at) + pick(alphabet) + s.slice(at + 1);
    else if (op === 3) s = s.slice(0, at) + s.slice(at).toUpperCase();
    else s = s.slice(0, at) + randomString(8) + s.slice(at);
  }
  return s;
}

function assemble(): string {
  const scheme = pick(schemes);
  const userinfo =
    random() < 0.1 ? pick(['user@', 'user:pass@', 'epochtimes.com@', '@', ':@']) : '';
  const port = random() < 0.1 ? pick([':80', ':443', ':8080', ':', ':65536']) : '';
  const tail =
    random() < 0.3 ? pick(['?a=1', '#x', '?q=/gb/21/1/11/n1.htm', '#@evil.example']) : '';
  const slashes = pick(['//', '//', '//', '/', '///', '\\\\', '']);
  return `${scheme}:${slashes}${userinfo}${pick(hosts)}${port}${pick(paths)}${tail}`;
}

function generate(i: number): string {
  const kind = i % 4;
  if (kind === 0) return randomString(120);
  if (kind === 1) return mutate(pick(articles));
  if (kind === 2) return assemble();
  return random() < 0.5 ? mutate(assemble()) : pick(articles);
}

const compiled = builtinSources.map((source) => ({
  source,
  patterns: source.patterns.map((p) => compilePathPattern(p.path)),
}));

/** The matcher's rules restated the slow way: `new URL` for everything. */
function reference(input: string): Match | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) return null;
  const host = url.hostname.replace(/\.$/, '');
  const path = decodePathOnce(url.pathname);
  if (path === null) return null;
  const safe = /^[A-Za-z0-9_-]{1,128}$/;
  // Most specific listed host first, as the matcher does.
  const listed = compiled
    .flatMap(({ source, patterns }) => source.hosts.map((h) => ({ h, source, patterns })))
    .filter(({ h }) => host === h || host.endsWith(`.${h}`))
    .sort((a, b) => b.h.length - a.h.length);
  for (const { source, patterns } of listed) {
    for (const pattern of patterns) {
      const groups = pattern.exec(path)?.groups;
      if (!groups?.id || !safe.test(groups.id)) continue;
      if (groups.folder === undefined) return { source, key: groups.id };
      if (safe.test(groups.folder)) return { source, key: groups.id, folder: groups.folder };
    }
  }
  return null;
}

function inputsFor(seed: number): string[] {
  random = prng(seed);
  return Array.from({ length: COUNT }, (_, i) => generate(i));
}

describe('matchUrl fuzz (100,000 seeded random and mutated URLs)', () => {
  const inputs = inputsFor(SEED);

  it('never throws, matches only listed hosts, and agrees with a new URL reference', () => {
    const problems: string[] = [];
    let matched = 0;
    for (const input of inputs) {
      let found: Match | null;
      try {
        found = matchUrl(input);
      } catch (error) {
        problems.push(`threw on ${JSON.stringify(input)}: ${String(error)}`);
        continue;
      }
      const expected = reference(input);
      if (JSON.stringify(found) !== JSON.stringify(expected)) {
        problems.push(`${JSON.stringify(input)}: got ${found?.key}, reference ${expected?.key}`);
      }
      if (!found) continue;
      matched++;
      // Independent of the matcher: the URL parser must agree on the host.
      const url = new URL(input);
      const host = url.hostname.replace(/\.$/, '');
      const listed = found.source.hosts.some((h) => host === h || host.endsWith(`.${h}`));
      if (!listed || url.username || url.password || !/^https?:$/.test(url.protocol)) {
        problems.push(`matched a foreign URL ${JSON.stringify(input)}`);
      }
      if (
        !/^[A-Za-z0-9_-]+$/.test(found.key) ||
        !decodeURIComponent(url.pathname).includes(found.key)
      ) {
        problems.push(`unsafe or invented key ${found.key} from ${JSON.stringify(input)}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // The generator reaches the matching paths often enough to mean something.
    expect(matched).toBeGreaterThan(COUNT / 20);
  });

  it('is deterministic: the same seed gives the same inputs', () => {
    expect(inputsFor(SEED)).toEqual(inputs);
  });
});
