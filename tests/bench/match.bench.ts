/**
 * URLs per second through `matchUrl` on one core, over a mixed list like the links of a news
 * page: articles of every source, non-articles on the same hosts, look-alikes, other sites.
 */
import { matchUrl } from '../../src/core/match/match';

const COUNT = 200_000;
const ROUNDS = 9;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const title = encodeURIComponent('中共操控舆论遭抵制-百姓发声封不住');

const makers: ((n: number) => string)[] = [
  // articles
  (n) => `https://www.epochtimes.com/gb/21/1/${n % 28}/n${12_000_000 + n}.htm`,
  (n) => `https://m.epochtimes.com/b5/20/3/${n % 28}/n${11_000_000 + n}.htm?utm_source=x`,
  (n) => `https://www.ntdtv.com/gb/2022/07/03/a${103_000_000 + n}.html`,
  (n) => `https://www.secretchina.com/news/gb/2022/10/26/${1_000_000 + n}.html`,
  (n) => `http://www.soundofhope.org/gb/2019/09/29/n${3_000_000 + n}.html#top`,
  (n) => `https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-0531${2019_000_000 + n}.html`,
  (n) => `http://www.minghui.org/mh/articles/2020/3/17/${title}-${400_000 + (n % 99_999)}.html`,
  // same hosts, not articles
  (n) => `https://www.epochtimes.com/gb/tag/${encodeURIComponent('舞蹈')}${n}.html`,
  (n) => `https://i.epochtimes.com/assets/uploads/2020/11/img-${n}-600x400.jpg`,
  (n) => `http://www.minghui.org/mh/article_images/2020-3-17-${n}.jpg`,
  // look-alikes
  (n) => `https://www.epochtimes.com.evil.example/gb/21/1/11/n${n}.htm`,
  (n) => `http://epochtimes.com@evil.example/gb/21/1/11/n${n}.htm`,
  // elsewhere
  (n) => `https://www.google.com/search?q=${n}&hl=zh-CN`,
  (n) => `https://github.com/begood0513/goodnews/blob/master/pages/p1/${n}.md`,
  (n) => `https://twitter.com/intent/tweet?url=https%3A%2F%2Fexample.com%2F${n}`,
  (n) => `https://www.youtube.com/watch?v=${n.toString(36)}`,
  (n) => `https://example.com/news/2022/07/${n}.html`,
  (n) => `mailto:someone${n}@example.com`,
  () => `javascript:void(0)`,
  (n) => `/relative/path/${n}`,
];

export default async function (): Promise<void> {
  const random = prng(4);
  const urls = Array.from({ length: COUNT }, (_, n) => {
    const make = makers[Math.floor(random() * makers.length)]!;
    return make(n);
  });
  let matched = 0;
  for (const url of urls) if (matchUrl(url)) matched++;

  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    let sink = 0;
    for (const url of urls) if (matchUrl(url)) sink++;
    const seconds = (performance.now() - start) / 1000;
    if (sink !== matched) throw new Error('matchUrl is not deterministic');
    rates.push(COUNT / seconds);
  }
  rates.sort((a, b) => a - b);
  const fmt = (r: number): string => Math.round(r).toLocaleString('en-US');
  console.log(`match: ${COUNT} URLs (${matched} articles), ${ROUNDS} rounds, one core`);
  console.log(`match: best ${fmt(rates[rates.length - 1]!)} URLs/s`);
  console.log(`match: median ${fmt(rates[Math.floor(rates.length / 2)]!)} URLs/s`);
  console.log(`match: worst ${fmt(rates[0]!)} URLs/s`);
}
