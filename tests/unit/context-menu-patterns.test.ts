import { describe, expect, it } from 'vitest';
import { mirrorUrlPatterns, originalUrlPatterns } from '../../src/core/match/context-menu-patterns';
import { matchUrl } from '../../src/core/match/match';
import { parseMirrorUrl } from '../../src/core/match/mirror-url';
import type { Source } from '../../src/core/sources/types';

// Chrome's match pattern grammar: <scheme>://<host><path>, host `*`, `*.name` or a name.
const GRAMMAR = /^(\*|https?):\/\/(\*|(\*\.)?[a-z0-9.-]+)\/[^\s]*$/;

/** Chrome's matching rule for the patterns we generate (`*.host` covers host itself too). */
function covers(pattern: string, url: string): boolean {
  const [, scheme, host, path] = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  const u = new URL(url);
  if (scheme === '*' ? !['http:', 'https:'].includes(u.protocol) : u.protocol !== `${scheme}:`)
    return false;
  const hostOk = host!.startsWith('*.')
    ? u.hostname === host!.slice(2) || u.hostname.endsWith(host!.slice(1))
    : u.hostname === host;
  const pathRe = new RegExp(
    `^${path!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`,
  );
  return hostOk && pathRe.test(u.pathname + u.search);
}

const originals = [
  'https://www.epochtimes.com/gb/21/1/11/n12681566.htm',
  'http://epochtimes.com/b5/21/1/11/n12681566.htm',
  'https://m.ntdtv.com/gb/2022/07/03/a103470752.html',
  'https://www.secretchina.com/news/gb/2022/10/26/1020087.html',
  'http://www.soundofhope.org/gb/2019/09/29/n3219520.html',
  'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html',
  'http://big5.minghui.org/mh/articles/2020/3/10/402272.html',
];
const mirrors = [
  'https://github.com/begood0513/goodnews/blob/master/pages/p1/1003550.md',
  'https://raw.githubusercontent.com/gfw-breaker/mh-news/master/pages/19/418196.md',
  'https://fastly.jsdelivr.net/gh/begood0513/goodnews@master/pages/p1/1003550.md',
  'https://cdn.jsdelivr.net/gh/gfw-breaker/mh-news/pages/19/418196.md',
  'https://gcore.jsdelivr.net/gh/gfw-breaker/mh-news@master/pages/19/418196.md',
  'https://testingcf.jsdelivr.net/gh/begood0513/goodnews@master/pages/p1/1003550.md',
];

describe('originalUrlPatterns', () => {
  const patterns = originalUrlPatterns();

  it('lists each host and its subdomains, in Chrome match pattern syntax', () => {
    expect(patterns).toContain('*://epochtimes.com/*');
    expect(patterns).toContain('*://*.epochtimes.com/*');
    expect(patterns).toHaveLength(6 * 2);
    for (const p of patterns) expect(p).toMatch(GRAMMAR);
  });

  it('covers every URL the matcher accepts, and no look-alike host', () => {
    for (const url of originals) {
      expect(matchUrl(url), url).not.toBeNull();
      expect(
        patterns.some((p) => covers(p, url)),
        url,
      ).toBe(true);
    }
    for (const url of [
      'https://epochtimes.com.evil.example/gb/x',
      'https://evilepochtimes.com/',
      'https://x.org/',
    ]) {
      expect(
        patterns.some((p) => covers(p, url)),
        url,
      ).toBe(false);
    }
  });

  it('follows the given sources, lowercasing and deduplicating hosts', () => {
    const name = { zh_CN: '例', zh_TW: '例', en: 'Example' };
    const sources: Source[] = ['a', 'b'].map((id) => ({
      id: `${id}.example.org`,
      name,
      hosts: ['Example.org'],
      patterns: [{ path: '/(?<id>\\d+)' }],
      mirrors: [],
    }));
    expect(originalUrlPatterns(sources)).toEqual(['*://example.org/*', '*://*.example.org/*']);
  });
});

describe('mirrorUrlPatterns', () => {
  const patterns = mirrorUrlPatterns();

  it('lists github.com, raw.githubusercontent.com and each jsDelivr host per repository', () => {
    // Two repositories (goodnews, mh-news) and goodnews's former name × six endpoints.
    expect(patterns).toHaveLength(18);
    expect(patterns).toContain('*://github.com/begood0513/banned-news/*');
    expect(patterns).toContain('*://github.com/begood0513/goodnews/*');
    expect(patterns).toContain('*://raw.githubusercontent.com/gfw-breaker/mh-news/*');
    expect(patterns).toContain('*://fastly.jsdelivr.net/gh/begood0513/goodnews*');
    for (const p of patterns) expect(p).toMatch(GRAMMAR);
  });

  it('covers every mirror page URL the parser accepts', () => {
    for (const url of mirrors) {
      expect(parseMirrorUrl(url), url).not.toBeNull();
      expect(
        patterns.some((p) => covers(p, url)),
        url,
      ).toBe(true);
    }
    expect(
      patterns.some((p) => covers(p, 'https://github.com/someone/goodnews/blob/master/x.md')),
    ).toBe(false);
  });
});
