// Issue 11: the toolbar popup works on every page where the user can be looking at an
// article. One table of addresses → the kind of page, covering each kind the popup handles.
import { describe, expect, it } from 'vitest';
import { articleOf, pageKind, type PageKindName } from '../../src/core/pages/page-kind';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const SHA = '53242b06901928ab058b4dccbb716f3bf37823e8';
const PAGE = 'pages/prog1138/a103470752.md';
const NTDTV = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';

/** [what the user looks at, address, expected kind, article the address names (or null)] */
const rows: [string, string, PageKindName, string | null][] = [
  ['original, loaded or failed', NTDTV, 'original', NTDTV],
  [
    'original over http with a query',
    'http://epochtimes.com/gb/21/1/11/n12681566.htm?x=1',
    'original',
    'http://epochtimes.com/gb/21/1/11/n12681566.htm?x=1',
  ],
  ['reader tab', `${ORIGIN}reader.html?url=${encodeURIComponent(NTDTV)}`, 'reader', null],
  ['reader tab, opaque id (#17)', `${ORIGIN}reader.html?id=k3J9x`, 'reader', null],
  ['reader tab, share panel', `${ORIGIN}reader.html?url=x#share`, 'reader', null],
  [
    'another page of ours (library hook, #13)',
    `${ORIGIN}src/options/index.html#library`,
    'extension',
    null,
  ],
  ['Chromium error page', 'chrome-error://chromewebdata/', 'browser-error', null],
  ...(
    [
      ['github.com blob view', `https://github.com/begood0513/goodnews/blob/master/${PAGE}`],
      ['github.com raw view', `https://github.com/begood0513/goodnews/raw/master/${PAGE}`],
      ['github.com blob at a commit', `https://github.com/begood0513/goodnews/blob/${SHA}/${PAGE}`],
      [
        'raw.githubusercontent.com',
        `https://raw.githubusercontent.com/begood0513/goodnews/master/${PAGE}`,
      ],
      [
        'raw.githubusercontent.com refs/heads',
        `https://raw.githubusercontent.com/begood0513/goodnews/refs/heads/master/${PAGE}`,
      ],
      ['cdn.jsdelivr.net branch', `https://cdn.jsdelivr.net/gh/begood0513/goodnews@master/${PAGE}`],
      ['cdn.jsdelivr.net no ref', `https://cdn.jsdelivr.net/gh/begood0513/goodnews/${PAGE}`],
      [
        'fastly.jsdelivr.net commit',
        `https://fastly.jsdelivr.net/gh/begood0513/goodnews@${SHA}/${PAGE}`,
      ],
      [
        'gcore.jsdelivr.net commit',
        `https://gcore.jsdelivr.net/gh/begood0513/goodnews@${SHA}/${PAGE}`,
      ],
      [
        'testingcf.jsdelivr.net branch',
        `https://testingcf.jsdelivr.net/gh/begood0513/goodnews@master/${PAGE}`,
      ],
    ] as const
  ).map(([what, url]): [string, string, PageKindName, string] => [what, url, 'mirror', url]),
  [
    'a look-alike host',
    'https://www.ntdtv.com.evil.example/gb/2022/07/03/a103470752.html',
    'other',
    null,
  ],
  [
    'a jsDelivr look-alike',
    `https://cdn.jsdelivr.net.evil.example/gh/begood0513/goodnews@master/${PAGE}`,
    'other',
    null,
  ],
  [
    'a repository no source mirrors to',
    `https://github.com/someone/else/blob/master/${PAGE}`,
    'other',
    null,
  ],
  [
    "another extension's reader",
    `chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/reader.html?url=${NTDTV}`,
    'other',
    null,
  ],
  ['a plain page', 'https://example.com/', 'other', null],
  ['the new tab page', 'chrome://newtab/', 'other', null],
  ['nothing', '', 'other', null],
];

describe('pageKind', () => {
  it.each(rows)('%s: %s → %s', (_what, address, kind, article) => {
    const found = pageKind(address, ORIGIN);
    expect(found.kind).toBe(kind);
    expect(articleOf(found)).toBe(article);
  });

  it('tells the mirror views apart', () => {
    const views = rows
      .filter(([, , kind]) => kind === 'mirror')
      .map(([, address]) => {
        const found = pageKind(address, ORIGIN);
        return found.kind === 'mirror' ? found.view : null;
      });
    expect(new Set(views)).toEqual(new Set(['github-blob', 'github-raw', 'raw', 'jsdelivr']));
  });

  it('recognises no page of ours without the extension origin', () => {
    expect(pageKind(`${ORIGIN}reader.html?url=x`, '').kind).toBe('other');
    expect(pageKind(undefined, ORIGIN).kind).toBe('other');
  });
});
