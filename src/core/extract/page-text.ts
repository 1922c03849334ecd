/**
 * Is this text a page at all? Bytes from the network or a file may be binary or not UTF-8.
 * Checked on a prefix: a page's start says what it is, and the check stays cheap on 5 MB.
 */
import { ExtractError } from './extract-error';

/** Pages larger than this are refused (the largest mirror page seen is 50 KB). */
export const MAX_PAGE_CHARS = 8 * 1024 * 1024;

const SAMPLE = 256 * 1024;

export function checkPageText(text: unknown): string {
  if (typeof text !== 'string') throw new ExtractError('empty', 'no page text');
  if (text.length > MAX_PAGE_CHARS) {
    throw new ExtractError(
      'too-large',
      `page too large: ${text.length} characters (the limit is ${MAX_PAGE_CHARS})`,
    );
  }
  const page = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (page.trim() === '') throw new ExtractError('empty', 'the page is empty');
  let controls = 0;
  let replacements = 0;
  let visible = 0;
  const end = Math.min(page.length, SAMPLE);
  for (let i = 0; i < end; i++) {
    const c = page.charCodeAt(i);
    if (c === 0) throw new ExtractError('binary', 'not a text page: it holds NUL bytes');
    if (c < 32 ? c !== 9 && c !== 10 && c !== 13 && c !== 12 : c === 127) controls++;
    else if (c === 0xfffd) replacements++;
    if (c > 32) visible++;
  }
  if (controls > 8 && controls * 50 > end) {
    throw new ExtractError('binary', 'not a text page: it is mostly control characters');
  }
  if (replacements > 8 && replacements * 10 > visible) {
    throw new ExtractError('encoding', 'not UTF-8 text: most of it could not be decoded');
  }
  return page;
}

/** Decodes a page's bytes as UTF-8 (invalid sequences become U+FFFD) and checks the text. */
export function decodePage(bytes: Uint8Array): string {
  if (bytes.length > MAX_PAGE_CHARS * 3) {
    throw new ExtractError('too-large', `page too large: ${bytes.length} bytes`);
  }
  return checkPageText(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
}
