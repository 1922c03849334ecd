import { describe, expect, it } from 'vitest';
import { hostMatches, matchUrl } from '../../src/core/match/match';
import { builtinSources } from '../../src/core/sources/builtin';
import type { Source } from '../../src/core/sources/types';

/** [url, expected source id or null, key, folder] */
type Row = [string, string | null, string?, string?];

const ET = 'epochtimes.com';
const ET_PATH = '/gb/21/1/11/n12681566.htm';
const MH_TITLE = '中共的脆弱';
const MH_PATH = `/mh/articles/2021/1/6/${MH_TITLE}-418196.html`;
const RFA_PATH = '/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html';

/** Every article shape on www/bare/m hosts, over http and https, in both editions. */
function variants(
  source: string,
  paths: string[],
  key: string,
  prefixes = ['www.', '', 'm.'],
  folder?: string,
): Row[] {
  const rows: Row[] = [];
  for (const path of paths) {
    for (const prefix of prefixes) {
      for (const scheme of ['https', 'http']) {
        rows.push([`${scheme}://${prefix}${source}${path}`, source, key, folder]);
      }
    }
  }
  return rows;
}

const rows: Row[] = [
  // --- epochtimes.com: editions, mobile, scheme, host case, ports, query, fragment
  ...variants(ET, [ET_PATH, '/b5/21/1/11/n12681566.htm'], 'n12681566'),
  ['https://www.epochtimes.com/gb/19/7/31/n11421628.htm', ET, 'n11421628'],
  ['https://www.epochtimes.com/gb/5/3/1/n1234567.htm', ET, 'n1234567'],
  [`HTTPS://WWW.EPOCHTIMES.COM${ET_PATH}`, ET, 'n12681566'],
  [`https://www.EpochTimes.com${ET_PATH}`, ET, 'n12681566'],
  [`https://www.epochtimes.com:443${ET_PATH}`, ET, 'n12681566'],
  [`http://www.epochtimes.com:80${ET_PATH}`, ET, 'n12681566'],
  // A non-default port names the same site; the article id is the same.
  [`https://www.epochtimes.com:8443${ET_PATH}`, ET, 'n12681566'],
  [`https://www.epochtimes.com.${ET_PATH}`, ET, 'n12681566'],
  [`https://epochtimes.com.${ET_PATH}`, ET, 'n12681566'],
  [`https://www.epochtimes.com${ET_PATH}?utm_source=tw&a=b`, ET, 'n12681566'],
  [`https://www.epochtimes.com${ET_PATH}#comments`, ET, 'n12681566'],
  [`https://www.epochtimes.com${ET_PATH}?a=1#/gb/x`, ET, 'n12681566'],
  ['https://www.epochtimes.com/%67%62/21/1/11/n12681566.htm', ET, 'n12681566'],
  ['https://www.epochtimes.com/gb/21/1/11/%6E12681566%2Ehtm', ET, 'n12681566'],
  // Dot segments are resolved by the URL parser, as the browser does.
  ['https://www.epochtimes.com/gb/21/1/11/../11/n12681566.htm', ET, 'n12681566'],
  ['https://www.epochtimes.com/gb/21/1/11/%2e%2e/11/n12681566.htm', ET, 'n12681566'],
  // WHATWG URL parsing: backslashes are slashes, tabs/newlines and edge spaces are dropped.
  ['https://www.epochtimes.com\\gb\\21\\1\\11\\n12681566.htm', ET, 'n12681566'],
  [`  https://www.epochtimes.com${ET_PATH}  `, ET, 'n12681566'],
  [`https://www.epoch\ttimes.com${ET_PATH}`, ET, 'n12681566'],
  ['https://www.epochtimes.com/gb/21/1/11/n1268\n1566.htm', ET, 'n12681566'],
  [`\u0000https://www.epochtimes.com${ET_PATH}\u001f`, ET, 'n12681566'],
  [`http:///www.epochtimes.com${ET_PATH}`, ET, 'n12681566'],
  [`https:www.epochtimes.com${ET_PATH}`, ET, 'n12681566'],
  // Full-width letters and invisible characters map to the real host (the browser goes there).
  [`https://ｗｗｗ．ｅｐｏｃｈｔｉｍｅｓ．ｃｏｍ${ET_PATH}`, ET, 'n12681566'],
  [`https://www.epoch\u00adtimes.com${ET_PATH}`, ET, 'n12681566'],
  [`https://www.epochtimes.com${ET_PATH}?${'q'.repeat(10_240)}`, ET, 'n12681566'],
  [`https://${'a.'.repeat(2_000)}epochtimes.com${ET_PATH}`, ET, 'n12681566'],
  [`https://www.epochtimes.com${ET_PATH}?\ud800`, ET, 'n12681566'],
  // Empty userinfo is dropped by the parser and carries nothing.
  [`http://@www.epochtimes.com${ET_PATH}`, ET, 'n12681566'],
  // Not articles
  ['https://www.epochtimes.com/gb/21/1/11/n12681566.html', null],
  ['https://www.epochtimes.com/gb/21/1/11/n12681566.htm/', null],
  ['https://www.epochtimes.com/gb/21/1/11/n12681566.htm.jpg', null],
  ['https://www.epochtimes.com/gb/21/1/11/', null],
  ['https://www.epochtimes.com/gb/21/1/11/n.htm', null],
  ['https://www.epochtimes.com/gb/2021/1/11/n12681566.htm', null],
  ['https://www.epochtimes.com/gb/21/1/11/a12681566.htm', null],
  ['https://www.epochtimes.com/en/21/1/11/n12681566.htm', null],
  ['https://www.epochtimes.com/x/gb/21/1/11/n12681566.htm', null],
  ['https://www.epochtimes.com/gb/21/1/11%2Fn12681566.htm', null],
  ['https://www.epochtimes.com/gb/tag/%E8%88%9E%E8%B9%88.html', null],
  ['https://www.epochtimes.com/gb/ncid277.htm', null],
  ['https://www.epochtimes.com/gb/', null],
  ['https://www.epochtimes.com/', null],
  ['https://www.epochtimes.com', null],
  ['https://i.epochtimes.com/assets/uploads/2020/11/GettyImages-1225872887-600x400.jpg', null],
  [`https://www.epochtimes.com/?next=${ET_PATH}`, null],
  [`https://www.epochtimes.com/${'a/'.repeat(5_120)}`, null],
  // Malformed percent-encoding and control characters in the path
  [`https://www.epochtimes.com${ET_PATH}%`, null],
  ['https://www.epochtimes.com/gb/21/1/11/n12681566%zz.htm', null],
  ['https://www.epochtimes.com/gb/%E4%B8/1/11/n12681566.htm', null],
  ['https://www.epochtimes.com/gb/21/1/11/n1268\u00001566.htm', null],
  ['https://www.epochtimes.com/gb/21/1/11/n12681566\u0007.htm', null],
  ['https://www.epochtimes.com/gb/\ud800/1/11/n12681566.htm', null],
  // Look-alike and foreign hosts
  [`https://www.epochtimes.com.evil.example${ET_PATH}`, null],
  [`https://epochtimes.com.evil.example${ET_PATH}`, null],
  [`http://epochtimes.com@evil.example${ET_PATH}`, null],
  [`http://www.epochtimes.com:80@evil.example${ET_PATH}`, null],
  [`http://evil.example@www.epochtimes.com${ET_PATH}`, null],
  [`http://user:pass@www.epochtimes.com${ET_PATH}`, null],
  [`http://:pass@www.epochtimes.com${ET_PATH}`, null],
  [`http://evil.example\\@www.epochtimes.com${ET_PATH}`, null],
  [`http://evil.example/@www.epochtimes.com${ET_PATH}`, null],
  [`http://www.epochtimes.com%2Eevil.example${ET_PATH}`, null],
  [`https://evilepochtimes.com${ET_PATH}`, null],
  [`https://epochtimes.co${ET_PATH}`, null],
  [`https://epochtimes.com.cn${ET_PATH}`, null],
  [`https://www.epochtimes.com.tw${ET_PATH}`, null],
  [`https://www.theepochtimes.com${ET_PATH}`, null],
  [`https://www.\u0435pochtimes.com${ET_PATH}`, null], // Cyrillic е
  [`https://www.xn--pochtimes-f0h.com${ET_PATH}`, null],
  [`https://www.epochtimes.c\u03bfm${ET_PATH}`, null], // Greek ο
  [`https://www.epochtimes.xn--cm-jbc${ET_PATH}`, null],
  [`https://www.epochtіmes.com${ET_PATH}`, null], // Ukrainian і
  [`https://www.epoch\ud800times.com${ET_PATH}`, null],
  [`http://[::1]${ET_PATH}`, null],
  [`http://127.0.0.1${ET_PATH}`, null],
  [`https://www.epochtimes.com:99999${ET_PATH}`, null],
  // Other schemes and malformed input
  [`ftp://www.epochtimes.com${ET_PATH}`, null],
  [`ws://www.epochtimes.com${ET_PATH}`, null],
  [`file://www.epochtimes.com${ET_PATH}`, null],
  [`javascript:alert(1)//https://www.epochtimes.com${ET_PATH}`, null],
  [`data:text/html,https://www.epochtimes.com${ET_PATH}`, null],
  [`blob:https://www.epochtimes.com/${ET_PATH}`, null],
  [`view-source:https://www.epochtimes.com${ET_PATH}`, null],
  [`//www.epochtimes.com${ET_PATH}`, null],
  [`www.epochtimes.com${ET_PATH}`, null],
  [ET_PATH, null],
  ['http://', null],
  ['https://', null],
  ['http:///x', null],
  ['https://:443/', null],
  ['', null],
  ['not a url', null],
  ['\u0000\u0001\u0002\u001f\u007f', null],
  ['\ud800\udc00\udfff\ud800', null],
  ['%'.repeat(10_240), null],
  [`https://www.epochtimes.com${ET_PATH}?${'q'.repeat(70_000)}`, null], // over 64 KiB

  // --- ntdtv.com
  ...variants(
    'ntdtv.com',
    ['/gb/2022/07/03/a103470752.html', '/b5/2022/07/03/a103470752.html'],
    'a103470752',
  ),
  ['https://www.ntdtv.com/gb/2019/03/18/a102535727.html', 'ntdtv.com', 'a102535727'],
  ['https://www.ntdtv.com/gb/2022/07/03/a103470752.html?utm=1#x', 'ntdtv.com', 'a103470752'],
  ['https://WWW.NTDTV.COM/gb/2022/07/03/a103470752.html', 'ntdtv.com', 'a103470752'],
  ['https://www.ntdtv.com/gb/中南海.htm', null],
  ['https://www.ntdtv.com/gb/%E4%B8%AD%E5%8D%97%E6%B5%B7.htm', null],
  ['https://www.ntdtv.com/gb/2022/07/03/', null],
  ['https://www.ntdtv.com/gb/2022/07/03/a103470752.htm', null],
  ['https://www.ntdtv.com/xtr/gb/2016/03/18/a1258912.html', null],
  ['https://i.ntdtv.com/assets/uploads/2019/03/a.jpg', null],
  ['https://www.ntdtv.com.evil.example/gb/2022/07/03/a103470752.html', null],
  ['https://www.ntdtv.com.tw/gb/2022/07/03/a103470752.html', null],

  // --- secretchina.com
  ...variants(
    'secretchina.com',
    ['/news/gb/2022/10/26/1020087.html', '/news/b5/2022/10/26/1020087.html'],
    '1020087',
  ),
  ['https://www.secretchina.com/news/gb/2022/04/15/1003550.html', 'secretchina.com', '1003550'],
  ['https://www.secretchina.com/news/gb/2022/10/26/1020087.html#top', 'secretchina.com', '1020087'],
  ['https://www.secretchina.com/news/gb/tag/上海', null],
  ['https://www.secretchina.com/gb/2022/10/26/1020087.html', null],
  ['https://www.secretchina.com/news/gb/2022/10/26/1020087.htm', null],
  ['https://www.secretchina.com', null],
  ['https://img5.secretchina.com/pic/2022/4-15/p3386261a475376405.jpg', null],
  ['https://secretchina.com.evil.example/news/gb/2022/10/26/1020087.html', null],

  // --- soundofhope.org
  ...variants(
    'soundofhope.org',
    ['/gb/2019/09/29/n3219520.html', '/b5/2019/09/29/n3219520.html'],
    'n3219520',
  ),
  ['http://www.soundofhope.org/gb/2019/05/20/n2896840.html', 'soundofhope.org', 'n2896840'],
  ['http://www.soundofhope.org/gb/2019/05/20/n2896840.html?p=2', 'soundofhope.org', 'n2896840'],
  ['http://img.soundofhope.org/2019/05/a.jpg', null],
  ['https://www.soundofhope.org/post/123456', null],
  ['https://www.soundofhope.org/gb/2019/09/29/3219520.html', null],
  ['https://soundofhope.org.evil.example/gb/2019/09/29/n3219520.html', null],

  // --- rfa.org: the folder is the last section before the file
  ...variants('rfa.org', [RFA_PATH], 'jkdv-05312019110343', ['www.', ''], 'butongdeshengyin'),
  [
    'https://www.rfa.org/mandarin/yataibaodao/renquanfazhi/hj-05312019165609.html',
    'rfa.org',
    'hj-05312019165609',
    'renquanfazhi',
  ],
  [
    'https://www.rfa.org/mandarin/yataibaodao/Baotong-12222008093954.html',
    'rfa.org',
    'Baotong-12222008093954',
    'yataibaodao',
  ],
  [
    `https://www.rfa.org${RFA_PATH}?encoding=simplified#a`,
    'rfa.org',
    'jkdv-05312019110343',
    'butongdeshengyin',
  ],
  [
    'https://www.rfa.org/mandarin/yataibaodao/Baotong-12222008093954.html/baotong_bp_2008-303.jpg/image',
    null,
  ],
  [`https://www.rfa.org${RFA_PATH}/00cf2f61-e0fd-4080-9dd1-a418bec8db09.jpeg/image`, null],
  ['https://www.rfa.org/mandarin/', null],
  ['https://www.rfa.org/mandarin/index.html', null],
  ['https://www.rfa.org/mandarin/yataibaodao/', null],
  ['https://www.rfa.org/mandarin/yataibaodao/story_archive.html', null],
  ['https://www.rfa.org/mandarin/jkdv-05312019110343.html', null],
  ['https://www.rfa.org/cantonese/news/xxx-05312019110343.html', null],
  ['https://www.rfa.org/mandarin/zhuanlan/butong%20deshengyin/jkdv-05312019110343.html', null],
  ['https://www.rfa.org/mandarin/zhuanlan/..%2F/jkdv-05312019110343.html', null],
  ['https://www.rfa.org/mandarin/zhuanlan/a/b.c-05312019110343.html', null],
  ['https://www.rfa.org/mandarin/zhuanlan/a/%25-05312019110343.html', null],
  ['https://www.rfa.org.evil.example/mandarin/zhuanlan/a/b-05312019110343.html', null],

  // --- minghui.org: title percent-encoded or not, optional
  ...variants('minghui.org', [MH_PATH, encodeURI(MH_PATH)], '418196', ['www.', '']),
  [`http://big5.minghui.org${MH_PATH}`, 'minghui.org', '418196'],
  [`http://www.minghui.org${encodeURI(MH_PATH).toLowerCase()}`, 'minghui.org', '418196'],
  ['http://www.minghui.org/mh/articles/2020/3/10/402272.html', 'minghui.org', '402272'],
  [
    'http://www.minghui.org/mh/articles/2020/12/30/谁将被历史“清零”--417485.html',
    'minghui.org',
    '417485',
  ],
  [
    'http://www.minghui.org/mh/articles/2021/7/20/【720评论】江泽民的迫害元凶之路-428315.html',
    'minghui.org',
    '428315',
  ],
  ['http://www.minghui.org/mh/articles/2020/3/30/a%2Fb-403141.html', 'minghui.org', '403141'],
  ['http://www.minghui.org/mh/articles/2020/3/30/a b-403141.html', 'minghui.org', '403141'],
  [
    `http://www.minghui.org/mh/articles/2020/3/30/${'%E4%B8%AD'.repeat(1_100)}-403141.html`,
    'minghui.org',
    '403141',
  ],
  [`http://www.minghui.org${MH_PATH}?${'x'.repeat(10_240)}`, 'minghui.org', '418196'],
  ['http://www.minghui.org/mh/articles/2020/3/30/%E4%B8-403141.html', null],
  ['http://www.minghui.org/mh/article_images/2020-3-30-403141.jpg', null],
  ['http://www.minghui.org/mh/articles/2020/3/30/403141.html/', null],
  ['http://www.minghui.org/mh/articles/2020/3/30/', null],
  ['http://www.minghui.org/mh/articles/2020/3/30/title-403141.htm', null],
  ['http://www.minghui.org/mh/articles/2020/3/30/x/title-403141.html', null],
  ['http://www.minghui.org/mh/glossary.html#1', null],
  ['http://package.minghui.org/mh/2020/12/29/ebao.zip', null],
  ['https://en.minghui.org/html/articles/2020/3/30/183456.html', null],
  ['https://www.minghui.org.evil.example/mh/articles/2020/3/30/403141.html', null],
  ['https://minghui.org.cn/mh/articles/2020/3/30/403141.html', null],
];

describe('matchUrl', () => {
  it('has a table of at least 150 URLs', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
  });

  // Titles show control characters escaped and long URLs shortened.
  const labelled = rows.map(([url, source, key, folder]) => {
    const shown = JSON.stringify(url);
    const input = shown.length > 120 ? `${shown.slice(0, 100)}… (${url.length} chars)` : shown;
    const title = `${input} → ${source === null ? 'no match' : [source, key, folder].join(' ')}`;
    return [title, url, source, key, folder] as const;
  });

  it.each(labelled)('%s', (_, url, source, key, folder) => {
    const found = matchUrl(url);
    if (source === null) {
      expect(found).toBeNull();
      return;
    }
    expect(found?.source.id).toBe(source);
    expect(found?.key).toBe(key);
    expect(found?.folder).toBe(folder);
  });

  it('returns the built-in source object itself', () => {
    expect(matchUrl(`https://www.epochtimes.com${ET_PATH}`)?.source).toBe(builtinSources[0]);
  });

  it('returns null for values that are not strings (JavaScript callers)', () => {
    for (const value of [undefined, null, 42, {}, ['https://www.epochtimes.com' + ET_PATH]]) {
      expect(matchUrl(value as unknown as string)).toBeNull();
    }
  });

  it('matches against a given source list and caches it by identity', () => {
    const custom: Source[] = [
      {
        id: 'example.org',
        name: { zh_CN: '例', zh_TW: '例', en: 'Example' },
        hosts: ['example.org'],
        patterns: [{ path: '/a/(?<id>\\d+)' }],
        mirrors: [],
      },
    ];
    expect(matchUrl('https://news.example.org/a/42', custom)).toMatchObject({ key: '42' });
    expect(matchUrl('https://news.example.org/a/42', custom)?.source).toBe(custom[0]);
    expect(matchUrl(`https://www.epochtimes.com${ET_PATH}`, custom)).toBeNull();
    expect(matchUrl('https://news.example.org/a/42')).toBeNull();
  });

  it('prefers the most specific listed host and falls back to the broader one', () => {
    const name = { zh_CN: '例', zh_TW: '例', en: 'Example' };
    const sources: Source[] = [
      {
        id: 'example.org',
        name,
        hosts: ['example.org'],
        patterns: [{ path: '/(?<id>\\d+)' }],
        mirrors: [],
      },
      {
        id: 'sub.example.org',
        name,
        hosts: ['sub.example.org'],
        patterns: [{ path: '/s/(?<id>\\d+)' }],
        mirrors: [],
      },
    ];
    expect(matchUrl('https://sub.example.org/s/1', sources)?.source.id).toBe('sub.example.org');
    expect(matchUrl('https://sub.example.org/1', sources)?.source.id).toBe('example.org');
  });

  it('skips patterns that do not compile or capture unsafe keys, without throwing', () => {
    const name = { zh_CN: '例', zh_TW: '例', en: 'Example' };
    const sources: Source[] = [
      {
        id: 'example.org',
        name,
        hosts: ['example.org'],
        patterns: [
          { path: '(?<id>[' },
          { path: '/u/(?<id>.+)' },
          { path: '/f/(?<folder>.+)/(?<id>\\d+)' },
        ],
        mirrors: [],
      },
    ];
    expect(matchUrl('https://example.org/u/..%2Fetc', sources)).toBeNull();
    expect(matchUrl('https://example.org/u/a.b', sources)).toBeNull();
    expect(matchUrl('https://example.org/u/ok-1', sources)?.key).toBe('ok-1');
    expect(matchUrl('https://example.org/f/a%25b/1', sources)).toBeNull();
    expect(matchUrl('https://example.org/f/ab/1', sources)).toMatchObject({
      key: '1',
      folder: 'ab',
    });
  });
});

describe('hostMatches', () => {
  it('accepts listed hosts and real subdomains in any case, with a trailing dot', () => {
    for (const host of [
      'epochtimes.com',
      'www.epochtimes.com',
      'M.EpochTimes.com',
      'rfa.org.',
      'big5.minghui.org',
    ]) {
      expect(hostMatches(host)).toBe(true);
    }
  });

  it('rejects look-alikes and other hosts', () => {
    for (const host of [
      'epochtimes.com.evil.example',
      'evilepochtimes.com',
      'com',
      '',
      'xn--pochtimes-f0h.com',
    ]) {
      expect(hostMatches(host)).toBe(false);
    }
  });
});
