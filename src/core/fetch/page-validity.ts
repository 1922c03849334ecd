/**
 * Is a 200 body the page we asked for? Networks in front of our users answer with error
 * pages, captchas, rate-limit notices and cut-off bodies, all with status 200. Mirror pages
 * are Markdown (`### <title>`, a share block, a `原文地址` line); be lenient with templates we
 * have not seen, strict with HTML documents (github.com's blob page is parsed before this).
 */
import { utf8Length } from './utf8';

export type Validity =
  { ok: true } | { ok: false; outcome: 'invalid' | 'truncated'; detail: string };

const OK: Validity = { ok: true };
const ORIGINAL_LINE = '原文地址';
const SHARE_BLOCK = '手机上长按并复制';

/** Bodies shorter than `Content-Length` were cut off on the way. */
export function checkLength(
  text: string,
  contentLength: string | null,
  contentEncoding: string | null,
): Validity {
  // A compressed body's Content-Length counts compressed bytes; nothing to compare then.
  if (contentEncoding && !/^\s*identity\s*$/i.test(contentEncoding)) return OK;
  if (contentLength === null || !/^\s*\d+\s*$/.test(contentLength)) return OK;
  const declared = Number(contentLength);
  const received = utf8Length(text);
  return received < declared
    ? { ok: false, outcome: 'truncated', detail: `received ${received} of ${declared} bytes` }
    : OK;
}

/** A mirror article page (`pages/<folder>/<id>.md`). */
export function validateMirrorPage(text: string): Validity {
  const notDocument = rejectDocument(text);
  if (!notDocument.ok) return notDocument;
  if (text.includes(ORIGINAL_LINE)) return OK;
  // The share block is followed by the 原文地址 line in every page seen.
  if (text.includes(SHARE_BLOCK)) {
    return {
      ok: false,
      outcome: 'truncated',
      detail: 'ends after the share block, before 原文地址',
    };
  }
  const start = head(text);
  // The known template (`### title` then a `-----` rule) always ends with those lines.
  if (/^### [^\n]*\n-{3,}/.test(start)) {
    return { ok: false, outcome: 'truncated', detail: 'no share block or 原文地址 line' };
  }
  if (/^#{1,6} \S/.test(start)) return OK;
  return { ok: false, outcome: 'invalid', detail: describe(text) };
}

/** A mirror's README.md or indexes/*.md: Markdown with links. */
export function validateIndexPage(text: string): Validity {
  const notDocument = rejectDocument(text);
  if (!notDocument.ok) return notDocument;
  if (text.includes('](') || /^#{1,6} /m.test(text)) return OK;
  return { ok: false, outcome: 'invalid', detail: describe(text) };
}

/** A JSON object (the repository index's manifest and shards). */
export function validateData(text: string): Validity {
  const notDocument = rejectDocument(text);
  if (!notDocument.ok) return notDocument;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) return OK;
  } catch {
    // Described below.
  }
  return { ok: false, outcome: 'invalid', detail: `not JSON: ${describe(text)}` };
}

function rejectDocument(text: string): Validity {
  const start = head(text);
  if (start === '') return { ok: false, outcome: 'invalid', detail: 'empty body' };
  const lower = start.slice(0, 2048).toLowerCase();
  // Only a body that starts as markup can be an error page: a Markdown page may hold a stray
  // `<html manifest>` or a `data:…<html>` link in its article, and must not be refused for it.
  const markup = lower.startsWith('<');
  if (
    /^<(!doctype|html[\s>]|head[\s>]|body[\s>]|\?xml)/.test(lower) ||
    (markup && /<html[\s>]/.test(lower))
  ) {
    return { ok: false, outcome: 'invalid', detail: `HTML document: ${describe(text)}` };
  }
  return OK;
}

const ERROR_HINTS: [RegExp, string][] = [
  [/captcha|verify you are (a )?human|cf-chl|验证码|人机验证/i, 'captcha'],
  [/rate.?limit|too many requests|请求过于频繁/i, 'rate-limit notice'],
  [/access denied|forbidden|attention required/i, 'access denied'],
  [/not found|couldn't find|404/i, 'not-found notice'],
  [/package size exceeded|bandwidth/i, 'CDN limit notice'],
];

function describe(text: string): string {
  const sample = text.slice(0, 4096);
  for (const [pattern, name] of ERROR_HINTS) if (pattern.test(sample)) return name;
  const title = /<title[^>]*>([^<]{0,80})/i.exec(sample)?.[1]?.trim();
  if (title) return `titled "${title}"`;
  return `starts with ${JSON.stringify(head(text).slice(0, 40))}`;
}

function head(text: string): string {
  return text.replace(/^\uFEFF/, '').trimStart();
}
