import { describe, expect, it } from 'vitest';
import { parseMirrorUrl } from '../../src/core/match/mirror-url';
import type { Source } from '../../src/core/sources/types';

const GN = { owner: 'begood0513', repo: 'goodnews', branch: 'master' };
const MH = { owner: 'gfw-breaker', repo: 'mh-news', branch: 'master' };
const PAGE = 'pages/p1/1003550.md';

/** [url, expected location or null] */
const rows: [string, { owner: string; repo: string; branch: string; path: string } | null][] = [
  // github.com
  [`https://github.com/begood0513/goodnews/blob/master/${PAGE}`, { ...GN, path: PAGE }],
  [`https://github.com/begood0513/goodnews/raw/master/${PAGE}`, { ...GN, path: PAGE }],
  [`https://github.com/begood0513/goodnews/blob/master/${PAGE}?plain=1`, { ...GN, path: PAGE }],
  [`https://github.com/begood0513/goodnews/blob/master/${PAGE}#L10-L20`, { ...GN, path: PAGE }],
  [`http://www.github.com/begood0513/goodnews/blob/master/${PAGE}`, { ...GN, path: PAGE }],
  [`https://GitHub.com/BeGood0513/GoodNews/blob/master/${PAGE}`, { ...GN, path: PAGE }],
  [`https://github.com/begood0513/goodnews/blob/refs/heads/master/${PAGE}`, { ...GN, path: PAGE }],
  [
    `https://github.com/begood0513/goodnews/blob/53242b06901928ab058b4dccbb716f3bf37823e8/${PAGE}`,
    { ...GN, branch: '53242b06901928ab058b4dccbb716f3bf37823e8', path: PAGE },
  ],
  [
    'https://github.com/gfw-breaker/mh-news/blob/master/pages/nf4778/n11923903.md',
    { ...MH, path: 'pages/nf4778/n11923903.md' },
  ],
  [
    'https://github.com/begood0513/goodnews/blob/master/pages/butongdeshengyin/jkdv-05312019110343.md',
    { ...GN, path: 'pages/butongdeshengyin/jkdv-05312019110343.md' },
  ],
  [`https://github.com/begood0513/goodnews/blob/master/pages%2Fp1%2F1003550.md`, null],
  [
    `https://github.com/begood0513/goodnews/blob/master/pages/p1/%31003550.md`,
    { ...GN, path: PAGE },
  ],
  [`https://github.com/begood0513/goodnews/tree/master/${PAGE}`, null],
  [`https://github.com/begood0513/goodnews/blob/master/${PAGE}.png`, null],
  [`https://github.com/begood0513/goodnews/blob/master/README.md`, null],
  [`https://github.com/begood0513/goodnews/blob/master/indexes/p1.md`, null],
  [`https://github.com/begood0513/goodnews/blob/master/pages/p1/sub/1003550.md`, null],
  [`https://github.com/begood0513/goodnews/blob/master/pages/../p1/1003550.md`, null],
  [`https://github.com/begood0513/goodnews/blob/master/pages/p1/..%2F..%2Fx.md`, null],
  [`https://github.com/begood0513/goodnews/blob/master/pages/p1/a.b.md`, null],
  [`https://github.com/begood0513/goodnews/blob/master/pages/p1/%E4%B8.md`, null],
  [`https://github.com/begood0513/goodnews/blob/${PAGE}`, null],
  [`https://github.com/someone/goodnews/blob/master/${PAGE}`, null],
  [`https://github.com.evil.example/begood0513/goodnews/blob/master/${PAGE}`, null],
  [`https://evil.example/begood0513/goodnews/blob/master/${PAGE}`, null],
  [`https://user@github.com/begood0513/goodnews/blob/master/${PAGE}`, null],
  [`https://gist.github.com/begood0513/goodnews/blob/master/${PAGE}`, null],
  [`ftp://github.com/begood0513/goodnews/blob/master/${PAGE}`, null],
  // raw.githubusercontent.com
  [`https://raw.githubusercontent.com/begood0513/goodnews/master/${PAGE}`, { ...GN, path: PAGE }],
  [
    `https://raw.githubusercontent.com/begood0513/goodnews/refs/heads/master/${PAGE}`,
    { ...GN, path: PAGE },
  ],
  [
    `https://raw.githubusercontent.com/Gfw-Breaker/MH-News/master/pages/251/406378.md`,
    { ...MH, path: 'pages/251/406378.md' },
  ],
  [
    `https://raw.githubusercontent.com/begood0513/goodnews/dev/${PAGE}`,
    { ...GN, branch: 'dev', path: PAGE },
  ],
  [`https://raw.githubusercontent.com/begood0513/goodnews/${PAGE}`, null],
  [`https://raw.githubusercontent.com/begood0513/goodnews/master/${PAGE}.png`, null],
  [`https://raw.githubusercontent.com/begood0513/goodnews/.../${PAGE}`, null],
  // jsDelivr
  [`https://cdn.jsdelivr.net/gh/begood0513/goodnews@master/${PAGE}`, { ...GN, path: PAGE }],
  [`https://fastly.jsdelivr.net/gh/begood0513/goodnews@master/${PAGE}`, { ...GN, path: PAGE }],
  [`https://gcore.jsdelivr.net/gh/begood0513/goodnews@master/${PAGE}`, { ...GN, path: PAGE }],
  [`https://testingcf.jsdelivr.net/gh/begood0513/goodnews@master/${PAGE}`, { ...GN, path: PAGE }],
  [`https://cdn.jsdelivr.net/gh/begood0513/goodnews/${PAGE}`, { ...GN, path: PAGE }],
  [
    'https://fastly.jsdelivr.net/gh/gfw-breaker/mh-news@5529f830e0b374540508c9b77c038091bd82e782/pages/19/418196.md',
    { ...MH, branch: '5529f830e0b374540508c9b77c038091bd82e782', path: 'pages/19/418196.md' },
  ],
  [`https://cdn.jsdelivr.net/gh/begood0513/goodnews@/${PAGE}`, null],
  [`https://cdn.jsdelivr.net/gh/begood0513/goodnews@../${PAGE}`, null],
  [`https://cdn.jsdelivr.net/npm/begood0513/goodnews@master/${PAGE}`, null],
  [`https://cdn.jsdelivr.net/gh/begood0513/goodnews/${PAGE}.png`, null],
  [`https://evil.jsdelivr.net/gh/begood0513/goodnews@master/${PAGE}`, null],
  // not URLs
  ['', null],
  ['http://', null],
  [PAGE, null],
  [`javascript:alert(1)//https://github.com/begood0513/goodnews/blob/master/${PAGE}`, null],
];

describe('parseMirrorUrl', () => {
  it.each(rows)('%s', (url, expected) => {
    expect(parseMirrorUrl(url)).toEqual(expected);
  });

  it('never throws on odd input', () => {
    for (const input of [
      '\ud800',
      '%'.repeat(10_000),
      `https://github.com/${'a/'.repeat(5_000)}`,
      7,
    ]) {
      expect(parseMirrorUrl(input as string)).toBeNull();
    }
  });

  it('follows the template of a custom source, and a branch holding a slash', () => {
    const name = { zh_CN: '例', zh_TW: '例', en: 'Example' };
    const sources: Source[] = [
      {
        id: 'example.org',
        name,
        hosts: ['example.org'],
        patterns: [{ path: '/(?<id>\\d+)' }],
        mirrors: [
          {
            owner: 'Someone',
            repo: 'Mirror',
            branch: 'release/v1',
            path: { kind: 'lookup', template: 'articles/{folder}/{id}.md', folders: [] },
          },
        ],
      },
    ];
    expect(
      parseMirrorUrl('https://github.com/someone/mirror/blob/release/v1/articles/a/1.md', sources),
    ).toEqual({
      owner: 'Someone',
      repo: 'Mirror',
      branch: 'release/v1',
      path: 'articles/a/1.md',
    });
    expect(
      parseMirrorUrl('https://cdn.jsdelivr.net/gh/someone/mirror/articles/a/1.md', sources)?.branch,
    ).toBe('release/v1');
    expect(
      parseMirrorUrl(`https://github.com/begood0513/goodnews/blob/master/${PAGE}`, sources),
    ).toBeNull();
  });
});

describe('parseMirrorUrl with former repository names', () => {
  it("maps goodnews's former name banned-news to the repository under its current name", () => {
    expect(
      parseMirrorUrl(
        'https://github.com/begood0513/banned-news/blob/master/pages/prog1138/a102598260.md',
      ),
    ).toEqual({
      owner: 'begood0513',
      repo: 'goodnews',
      branch: 'master',
      path: 'pages/prog1138/a102598260.md',
    });
  });
});
