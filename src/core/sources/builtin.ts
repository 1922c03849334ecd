import { builtinUrlRules, type BuiltinSourceId } from './builtin-url-rules';
import type { LocalizedName, Mirror, Source } from './types';

/*
 * The sources shipped with the extension: the URL rules of builtin-url-rules, with names and
 * mirrors. Plain data, checked by `validateSource` in tests.
 *
 * Lookup folders, most frequent first, were counted as follows:
 * - gfw-breaker/mh-news: pages per folder in the repository tree at 5529f83 (the mirror keeps
 *   about 300 pages per folder and deletes older ones); ties broken by pages ever published
 *   (present + deleted), then by pages in the corpus.
 * - begood0513/goodnews: distinct pages linked from the corpus (pages, README.md, indexes);
 *   the resolver learns the other folders from the mirror's README.md and index pages.
 */

const pageTemplate = 'pages/{folder}/{id}.md';

/**
 * This project's repository: its workflow (.github/workflows/mirror-index.yml) publishes the
 * index of each built-in mirror to this branch, one folder per mirror.
 */
export const INDEX_HOME = { repo: 'mirror-reader/mirror-reader', branch: 'mirror-index' };

const publishedIndex = (repo: string) => ({ ...INDEX_HOME, path: repo });

function goodnews(folders: string[]): Mirror {
  return {
    owner: 'begood0513',
    repo: 'goodnews',
    branch: 'master',
    path: { kind: 'lookup', template: pageTemplate, folders },
    // Older pages' share links and QR codes name the repository's former name.
    formerNames: ['begood0513/banned-news'],
    index: publishedIndex('begood0513/goodnews'),
  };
}

function mhNews(folders: string[]): Mirror {
  return {
    owner: 'gfw-breaker',
    repo: 'mh-news',
    branch: 'master',
    path: { kind: 'lookup', template: pageTemplate, folders },
    index: publishedIndex('gfw-breaker/mh-news'),
  };
}

const details: Record<BuiltinSourceId, { name: LocalizedName; mirrors: Mirror[] }> = {
  'epochtimes.com': {
    name: { zh_CN: '大纪元', zh_TW: '大紀元', en: 'The Epoch Times (Chinese)' },
    mirrors: [
      // goodnews: nsc423 60 pages, nsc424 2, nsc412 1.
      goodnews(['nsc423', 'nsc424', 'nsc412']),
      // mh-news tree: nf4778 87, nf4779 51, nf4780 51, nf1148019 50, nf1299941 50, nf5951 30.
      mhNews(['nf4778', 'nf4779', 'nf4780', 'nf1148019', 'nf1299941', 'nf5951']),
    ],
  },
  'ntdtv.com': {
    name: { zh_CN: '新唐人电视台', zh_TW: '新唐人電視台', en: 'NTD Television' },
    mirrors: [goodnews(['prog1138'])],
  },
  'secretchina.com': {
    name: { zh_CN: '看中国', zh_TW: '看中國', en: 'Secret China' },
    mirrors: [goodnews(['p1'])],
  },
  'soundofhope.org': {
    name: { zh_CN: '希望之声', zh_TW: '希望之聲', en: 'Sound of Hope' },
    mirrors: [goodnews(['soh_rdzz'])],
  },
  'rfa.org': {
    name: { zh_CN: '自由亚洲电台', zh_TW: '自由亞洲電台', en: 'Radio Free Asia' },
    mirrors: [
      {
        owner: 'begood0513',
        repo: 'goodnews',
        branch: 'master',
        path: { kind: 'template', template: pageTemplate },
        formerNames: ['begood0513/banned-news'],
        index: publishedIndex('begood0513/goodnews'),
      },
    ],
  },
  'minghui.org': {
    name: { zh_CN: '明慧网', zh_TW: '明慧網', en: 'Minghui' },
    mirrors: [
      // mh-news tree: 91 299 (484 ever), 328 299 (412), 81 299 (360), 78 299 (356),
      // 251 299 (333), 73 299 (316), 277 172, 19 147, 140 132, 365 106, 87 91, 282 90, 245 83.
      mhNews(['91', '328', '81', '78', '251', '73', '277', '19', '140', '365', '87', '282', '245']),
    ],
  },
};

export const builtinSources: readonly Source[] = builtinUrlRules.map((rules) => ({
  ...rules,
  ...details[rules.id],
}));
