import { describe, expect, it } from 'vitest';
import { parseIndexPage, repoPath } from '../../src/core/resolve/index-pages';

const README = { owner: 'gfw-breaker', repo: 'mh-news', path: 'README.md' };
const INDEX = { owner: 'gfw-breaker', repo: 'mh-news', path: 'indexes/19.md' };

describe('index pages', () => {
  it('reads index page links from a README', () => {
    const text = `### 明慧海外之窗
####  [武汉肺炎](indexes/365.md?t=07210801) &nbsp;|&nbsp; [时事评论](indexes/19.md?t=07210801)
#### 大纪元 - [专栏文集](indexes/E专栏文集.md?t=09301139) | [推荐](pages/nsc424/n11355551.md?t=09301139)
#### [翻墙](https://github.com/gfw-breaker/guides/wiki/) [法轮功真相](../../../basic/blob/master/README.md?t=1)`;
    expect(parseIndexPage(text, README)).toEqual({
      indexPages: ['indexes/365.md', 'indexes/19.md', 'indexes/E专栏文集.md'],
      articles: [{ id: 'n11355551', folder: 'nsc424', path: 'pages/nsc424/n11355551.md' }],
    });
  });

  it('reads article links relative to an index page, once each', () => {
    const text = `#### [【720评论】江泽民的迫害元凶之路](../pages/19/428315.md?t=07210801)
#### [again](../pages/19/428315.md)
#### [other](../pages/251/419031.md#top)
<img src='http://gfw-breaker.win/mh-news/indexes/19.md' width='0px'/>`;
    expect(parseIndexPage(text, INDEX).articles.map((a) => a.path)).toEqual([
      'pages/19/428315.md',
      'pages/251/419031.md',
    ]);
  });

  it('reads full github.com, raw and jsDelivr links of the same repository only, any case', () => {
    const text = `[a](https://github.com/gfw-breaker/mh-news/blob/master/pages/81/1.md)
<a href="https://github.com/GFW-Breaker/MH-News/blob/master/pages/81/2.md">b</a>
https://raw.githubusercontent.com/gfw-breaker/mh-news/master/pages/82/3.md
https://fastly.jsdelivr.net/gh/gfw-breaker/mh-news@master/pages/83/4.md
[other repo](https://github.com/begood0513/goodnews/blob/master/pages/p1/5.md)
[qr](https://github.com/gfw-breaker/mh-news/blob/master/pages/81/1.md.png)`;
    expect(parseIndexPage(text, INDEX).articles.map((a) => a.path)).toEqual([
      'pages/81/1.md',
      'pages/81/2.md',
      'pages/82/3.md',
      'pages/83/4.md',
    ]);
  });

  it('decodes percent-encoded Chinese names and ignores links that leave the repository', () => {
    expect(repoPath('../indexes/%E7%83%AD%E7%82%B9%E6%8E%A8%E8%8D%90.md', { ...INDEX })).toBe(
      'indexes/热点推荐.md',
    );
    expect(repoPath('../../../../basic/blob/master/README.md', INDEX)).toBeNull();
    expect(repoPath('/pages/1/2.md', INDEX)).toBe('pages/1/2.md');
    expect(repoPath('../pages/%E4%B8/2.md', INDEX)).toBeNull();
    expect(repoPath('../pages/a%2Fb/2.md', INDEX)).toBeNull();
    expect(repoPath('javascript:alert(1)', INDEX)).toBeNull();
    expect(repoPath('#top', INDEX)).toBeNull();
  });

  it('survives garbage without throwing', () => {
    const garbage = '](]([(](http://[::1/](\u0000)<a href=>'.repeat(200);
    expect(parseIndexPage(garbage, INDEX)).toEqual({ indexPages: [], articles: [] });
  });
});
