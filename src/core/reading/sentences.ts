/**
 * Sentences for reading aloud: spans of a text ending at Chinese or Western sentence marks
 * (with any closing quotes after them) or at a line break. Offsets let the page highlight
 * the sentence being spoken.
 */

export interface Sentence {
  start: number;
  /** Exclusive. */
  end: number;
  text: string;
}

const END = /[。！？!?；;…]+[」』”’"')）】]*|\n+/g;

/** Sentences with at least one letter, digit or CJK character, trimmed of spaces. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (/[\p{L}\p{N}]/u.test(trimmed)) {
      out.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
    }
    start = end;
  };
  for (const match of text.matchAll(END)) push(match.index + match[0].length);
  if (start < text.length) push(text.length);
  return out;
}
