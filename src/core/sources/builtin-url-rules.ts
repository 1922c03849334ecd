import type { UrlRules } from './types';

/*
 * How each built-in source's originals are recognized: its hosts and URL shapes. Kept apart
 * from the rest of the source (builtin.ts adds names and mirrors) because the content script
 * bundles this part alone.
 *
 * Path patterns are tested against the decoded pathname, anchored at both ends. `gb` is the
 * simplified and `b5` the traditional edition of the same article; mobile hosts (`m.`) serve
 * the same paths, so both map to one key.
 */
export const builtinUrlRules = [
  {
    id: 'epochtimes.com',
    hosts: ['epochtimes.com'],
    // /gb/21/1/11/n12681566.htm — year in two digits (one before 2010).
    patterns: [{ path: '/(?:gb|b5)/\\d{1,2}/\\d{1,2}/\\d{1,2}/(?<id>n\\d{3,12})\\.htm' }],
  },
  {
    id: 'ntdtv.com',
    hosts: ['ntdtv.com'],
    // /gb/2022/07/03/a103470752.html
    patterns: [{ path: '/(?:gb|b5)/\\d{4}/\\d{1,2}/\\d{1,2}/(?<id>a\\d{5,12})\\.html' }],
  },
  {
    id: 'secretchina.com',
    hosts: ['secretchina.com'],
    // /news/gb/2022/10/26/1020087.html
    patterns: [{ path: '/news/(?:gb|b5)/\\d{4}/\\d{1,2}/\\d{1,2}/(?<id>\\d{3,12})\\.html' }],
  },
  {
    id: 'soundofhope.org',
    hosts: ['soundofhope.org'],
    // /gb/2019/09/29/n3219520.html
    patterns: [{ path: '/(?:gb|b5)/\\d{4}/\\d{1,2}/\\d{1,2}/(?<id>n\\d{3,12})\\.html' }],
  },
  {
    id: 'rfa.org',
    hosts: ['rfa.org'],
    // /mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html: the mirror folder is the
    // last section; the id ends in a timestamp, which section and index pages lack.
    patterns: [
      {
        path: '/mandarin/(?:[a-z0-9_-]+/){0,3}(?<folder>[a-z0-9_-]+)/(?<id>[A-Za-z0-9_-]{1,80}-\\d{8,14})\\.html',
      },
    ],
  },
  {
    id: 'minghui.org',
    hosts: ['minghui.org'],
    // /mh/articles/2020/3/30/<title>-403141.html, the title optional. Only the Chinese site
    // uses /mh/articles/; en.minghui.org and the other languages have their own ids elsewhere.
    patterns: [{ path: '/mh/articles/\\d{4}/\\d{1,2}/\\d{1,2}/(?:[^/]*-)?(?<id>\\d{3,8})\\.html' }],
  },
] as const satisfies readonly UrlRules[];

export type BuiltinSourceId = (typeof builtinUrlRules)[number]['id'];
