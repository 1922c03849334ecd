/**
 * Whitespace as the pages mean it. Mirror pages are pretty-printed: every text node sits on its
 * own indented line, so a sentence split over inline elements (`起诉\n <ok>\n  亚马逊\n </ok>\n ，`)
 * carries newlines that the original never had. A browser shows them as spaces, which is wrong
 * in Chinese. Rule: whitespace holding a line break next to a CJK character is nothing; other
 * whitespace is one space. Authors' own spaces (no line break) stay.
 */
import { plainText } from './entities';
import { pushReversed, type HElement, type HNode } from './html-tree';

const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u2E80-\u2FFF\u3000-\u303F\u31C0-\u31EF\uFE30-\uFE4F\uFF00-\uFFEF\u2014\u2026]/u;

export function isCjk(ch: string): boolean {
  if (ch === '') return false;
  const code = ch.charCodeAt(0);
  // ASCII and Latin: most of what is not CJK, decided without the regular expression.
  if (code < 0x2000) return false;
  return CJK.test(ch);
}

/** 0: none, 1: spaces, 2: spaces with a line break. */
export type PendingSpace = 0 | 1 | 2;

/** The space to write between `before` and `after` for pending whitespace of this kind. */
export function spaceBetween(pending: PendingSpace, before: string, after: string): string {
  if (pending === 0 || before === '') return '';
  if (pending === 2 && (isCjk(before) || isCjk(after))) return '';
  return ' ';
}

/** Splits text into alternating runs; `space` runs are ASCII whitespace (not NBSP or U+3000). */
export function forEachRun(text: string, onRun: (run: string, space: boolean) => void): void {
  const n = text.length;
  let at = 0;
  while (at < n) {
    const space = isSpace(text.charCodeAt(at));
    let end = at + 1;
    while (end < n && isSpace(text.charCodeAt(end)) === space) end++;
    onRun(at === 0 && end === n ? text : text.slice(at, end), space);
    at = end;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12;
}

export function pendingOf(space: string): PendingSpace {
  return space.includes('\n') || space.includes('\r') ? 2 : 1;
}

/** Joins text pieces into one line of plain text (captions, titles) by the rule above. */
export class TextJoiner {
  private readonly parts: string[] = [];
  private last = '';
  private pending: PendingSpace = 0;

  push(text: string): void {
    forEachRun(text, (run, space) => {
      if (space) {
        this.pending = Math.max(this.pending, pendingOf(run)) as PendingSpace;
        return;
      }
      const gap = spaceBetween(this.pending, this.last, run.charAt(0));
      if (gap) this.parts.push(gap);
      this.parts.push(run);
      this.last = run.charAt(run.length - 1);
      this.pending = 0;
    });
  }

  /** A block edge or line break between pieces. */
  lineBreak(): void {
    this.pending = 2;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** Tags that end a line of text: blocks, breaks, table cells. */
export const LINE_BREAKING = new Set(
  (
    'address article aside blockquote br center dd details dialog div dl dt fieldset figcaption ' +
    'figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table ' +
    'tbody td tfoot th thead tr ul'
  ).split(' '),
);

/** The text of a subtree as one line, joined by the rule above; blocks and breaks separate. */
export function joinedText(root: HElement): string {
  const joiner = new TextJoiner();
  const stack: (HNode | null)[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null) {
      joiner.lineBreak(); // Leaving a block.
      continue;
    }
    if (!node || node.dead) continue;
    if (node.type === 'text') {
      joiner.push(node.text);
      continue;
    }
    if (LINE_BREAKING.has(node.tag)) {
      joiner.lineBreak();
      stack.push(null);
    }
    pushReversed(stack, node.children);
  }
  return plainText(joiner.toString());
}
