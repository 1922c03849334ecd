/**
 * When the page says the article was published: the dateline (`【大纪元2021年01月12日讯】`,
 * `【明慧网二零二零年八月二十五日】`), a byline with a date near the start, or else the date
 * in the original URL (`/gb/21/1/11/n….htm`, `/2019/03/18/`, rfa's `-MMDDYYYYhhmmss`).
 */

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  '○': 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 三十一 (and 十, 二十). */
function chineseNumber(text: string): number {
  if (text === '十') return 10;
  const ten = text.indexOf('十');
  if (ten < 0) return DIGITS[text] ?? Number.NaN;
  const tens = ten === 0 ? 1 : (DIGITS[text.slice(0, ten)] ?? Number.NaN);
  const ones = ten === text.length - 1 ? 0 : (DIGITS[text.slice(ten + 1)] ?? Number.NaN);
  return tens * 10 + ones;
}

function chineseYear(text: string): number {
  return Number([...text].map((ch) => DIGITS[ch] ?? 'x').join(''));
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO date (and time) when the parts make a real one. */
export function isoDate(
  year: number,
  month: number,
  day: number,
  hour?: number,
  minute?: number,
): string | null {
  if (!(year >= 1990 && year <= 2100)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const ymd = `${year}-${pad(month)}-${pad(day)}`;
  if (hour === undefined || minute === undefined) return ymd;
  if (!(hour >= 0 && hour < 24 && minute >= 0 && minute < 60)) return ymd;
  return `${ymd}T${pad(hour)}:${pad(minute)}`;
}

const CN_DIGIT = '[〇零○一二三四五六七八九]';
const CN_SMALL = '[一二三四五六七八九十]{1,3}';
const TIME = '(?:\\s*(\\d{1,2})[:：](\\d{2}))?';
const ARABIC = new RegExp(`(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日${TIME}`);
const CHINESE = new RegExp(`(${CN_DIGIT}{4})年(${CN_SMALL})月(${CN_SMALL})日`);
const NUMERIC = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2}))?(?!\d)/;

/** The first date in `text`. */
function dateIn(text: string): string | null {
  const candidates: { at: number; iso: string | null }[] = [];
  const a = ARABIC.exec(text);
  if (a) {
    const time = a[4] === undefined ? [] : [Number(a[4]), Number(a[5])];
    candidates.push({
      at: a.index,
      iso: isoDate(Number(a[1]), Number(a[2]), Number(a[3]), ...time),
    });
  }
  const c = CHINESE.exec(text);
  if (c) {
    const [, year = '', month = '', day = ''] = c;
    candidates.push({
      at: c.index,
      iso: isoDate(chineseYear(year), chineseNumber(month), chineseNumber(day)),
    });
  }
  const n = NUMERIC.exec(text);
  if (n) {
    const time = n[4] === undefined ? [] : [Number(n[4]), Number(n[5])];
    candidates.push({
      at: n.index,
      iso: isoDate(Number(n[1]), Number(n[2]), Number(n[3]), ...time),
    });
  }
  candidates.sort((x, y) => x.at - y.at);
  return candidates.find((x) => x.iso !== null)?.iso ?? null;
}

/** `【<outlet><date>讯】` at the start of the text: the outlet's name is short. */
const DATELINE = /^\s*[【[]([^】\]]{0,40})[】\]]/;
/** A byline: a short paragraph near the start that carries a date. */
const BYLINE_MAX = 60;

function fromUrl(url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  const full = /\/((?:19|20)\d\d)\/(\d{1,2})\/(\d{1,2})\//.exec(path);
  if (full) return isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
  // epochtimes: /gb/21/1/11/n12681566.htm — a two-digit year.
  const short = /\/(?:gb|b5)\/(\d{1,2})\/(\d{1,2})\/(\d{1,2})\//.exec(path);
  if (short) return isoDate(2000 + Number(short[1]), Number(short[2]), Number(short[3]));
  // rfa: …-05312019110343.html (month, day, year, hour, minute, second).
  const stamp = /-(\d{2})(\d{2})(\d{4})(\d{2})(\d{2})\d{2}\.html?$/.exec(path);
  if (stamp) {
    const [m = 0, d = 0, y = 0, h, min] = stamp.slice(1).map(Number);
    return isoDate(y, m, d, h, min);
  }
  return null;
}

/** `blocks`: the body's paragraphs in order. */
export function findPublished(
  blocks: readonly string[],
  originalUrl: string | null,
): string | null {
  const first = blocks[0] ?? '';
  const dateline = DATELINE.exec(first);
  if (dateline) {
    const iso = dateIn(dateline[1] ?? '');
    if (iso) return iso;
  }
  for (const block of blocks.slice(0, 3)) {
    if (block.length <= BYLINE_MAX) {
      const iso = dateIn(block);
      if (iso) return iso;
    }
  }
  return originalUrl ? fromUrl(originalUrl) : null;
}
