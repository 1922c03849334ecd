import type { Mirror, Source } from './types';

/*
 * The sources shipped with the extension. Plain data (the content script bundles it), checked
 * by `validateSource` in tests.
 *
 * Path patterns are tested against the decoded pathname, anchored at both ends. `gb` is the
 * simplified and `b5` the traditional edition of the same article; mobile hosts (`m.`) serve
 * the same paths, so both map to one key.
 *
 * Lookup folders, most frequent first, were counted as follows:
 * - gfw-breaker/mh-news: pages per folder in the repository tree at 5529f83 (the mirror keeps
 *   about 300 pages per folder and deletes older ones); ties broken by pages ever published
 *   (present + deleted), then by pages in the corpus.
 * - begood0513/goodnews: distinct pages linked from the corpus (pages, README.md, indexes);
 *   the resolver learns the other folders from the mirror's README.md and index pages.
 */

const pageTemplate = 'pages/{folder}/{id}.md';

function goodnews(folders: string[]): Mirror {
  return {
    owner: 'begood0513',
    repo: 'goodnews',
    branch: 'master',
    path: { kind: 'lookup', template: pageTemplate, folders },
    // Older pages' share links and QR codes name the repository's former name.
    formerNames: ['begood0513/banned-news'],
  };
}

function mhNews(folders: string[]): Mirror {
  return {
    owner: 'gfw-breaker',
    repo: 'mh-news',
    branch: 'master',
    path: { kind: 'lookup', template: pageTemplate, folders },
  };
}

export const builtinSources: readonly Source[] = [
  {
    id: 'epochtimes.com',
    name: { zh_CN: '大纪元', zh_TW: '大紀元', en: 'The Epoch Times (Chinese)' },
    hosts: ['epochtimes.com'],
    // /gb/21/1/11/n12681566.htm — year in two digits (one before 2010).
    patterns: [{ path: '/(?:gb|b5)/\\d{1,2}/\\d{1,2}/\\d{1,2}/(?<id>n\\d{3,12})\\.htm' }],
    mirrors: [
      // goodnews: nsc423 60 pages, nsc424 2, nsc412 1.
      goodnews(['nsc423', 'nsc424', 'nsc412']),
      // mh-news tree: nf4778 87, nf4779 51, nf4780 51, nf1148019 50, nf1299941 50, nf5951 30.
      mhNews(['nf4778', 'nf4779', 'nf4780', 'nf1148019', 'nf1299941', 'nf5951']),
    ],
  },
  {
    id: 'ntdtv.com',
    name: { zh_CN: '新唐人电视台', zh_TW: '新唐人電視台', en: 'NTD Television' },
    hosts: ['ntdtv.com'],
    // /gb/2022/07/03/a103470752.html
    patterns: [{ path: '/(?:gb|b5)/\\d{4}/\\d{1,2}/\\d{1,2}/(?<id>a\\d{5,12})\\.html' }],
    mirrors: [goodnews(['prog1138'])],
  },
  {
    id: 'secretchina.com',
    name: { zh_CN: '看中国', zh_TW: '看中國', en: 'Secret China' },
    hosts: ['secretchina.com'],
    // /news/gb/2022/10/26/1020087.html
    patterns: [{ path: '/news/(?:gb|b5)/\\d{4}/\\d{1,2}/\\d{1,2}/(?<id>\\d{3,12})\\.html' }],
    mirrors: [goodnews(['p1'])],
  },
  {
    id: 'soundofhope.org',
    name: { zh_CN: '希望之声', zh_TW: '希望之聲', en: 'Sound of Hope' },
    hosts: ['soundofhope.org'],
    // /gb/2019/09/29/n3219520.html
    patterns: [{ path: '/(?:gb|b5)/\\d{4}/\\d{1,2}/\\d{1,2}/(?<id>n\\d{3,12})\\.html' }],
    mirrors: [goodnews(['soh_rdzz'])],
  },
  {
    id: 'rfa.org',
    name: { zh_CN: '自由亚洲电台', zh_TW: '自由亞洲電台', en: 'Radio Free Asia' },
    hosts: ['rfa.org'],
    // /mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html: the mirror folder is the
    // last section; the id ends in a timestamp, which section and index pages lack.
    patterns: [
      {
        path: '/mandarin/(?:[a-z0-9_-]+/){0,3}(?<folder>[a-z0-9_-]+)/(?<id>[A-Za-z0-9_-]{1,80}-\\d{8,14})\\.html',
      },
    ],
    mirrors: [
      {
        owner: 'begood0513',
        repo: 'goodnews',
        branch: 'master',
        path: { kind: 'template', template: pageTemplate },
        formerNames: ['begood0513/banned-news'],
      },
    ],
  },
  {
    id: 'minghui.org',
    name: { zh_CN: '明慧网', zh_TW: '明慧網', en: 'Minghui' },
    hosts: ['minghui.org'],
    // /mh/articles/2020/3/30/<title>-403141.html, the title optional. Only the Chinese site
    // uses /mh/articles/; en.minghui.org and the other languages have their own ids elsewhere.
    patterns: [{ path: '/mh/articles/\\d{4}/\\d{1,2}/\\d{1,2}/(?:[^/]*-)?(?<id>\\d{3,8})\\.html' }],
    mirrors: [
      // mh-news tree: 91 299 (484 ever), 328 299 (412), 81 299 (360), 78 299 (356),
      // 251 299 (333), 73 299 (316), 277 172, 19 147, 140 132, 365 106, 87 91, 282 90, 245 83.
      mhNews(['91', '328', '81', '78', '251', '73', '277', '19', '140', '365', '87', '282', '245']),
    ],
  },
];
