/**
 * HTML text → lightweight tree (html-tree.ts). A tokenizer after the HTML standard's states
 * for what mirror pages use, and a tree builder with the rules that shape their content
 * (void elements, `<p>` closed by blocks, lists, tables, `</br>`), not the full algorithm:
 * the tree only feeds the extractor, which re-serializes everything it keeps, escaped, and
 * DOMPurify has the last word. A reading that differs from a browser's can change what text
 * is shown, never what markup runs.
 *
 * Linear time, no recursion. Nesting is capped at MAX_DEPTH (browsers cap it too): deeper
 * start tags are ignored and their content flows into the deepest element.
 */
import { decodeEntities } from './entities';
import { createElement, createText, type HElement } from './html-tree';

const MAX_DEPTH = 256;

const VOID = new Set(
  'area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr'.split(
    ' ',
  ),
);

/** Elements whose content is not markup. It is dropped (they are never shown) except for plaintext. */
const RAW_TEXT = new Set(
  'script style xmp iframe noembed noframes noscript textarea title'.split(' '),
);

const CLOSES_P = new Set(
  (
    'address article aside blockquote center details dialog dir div dl fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre listing search ' +
    'section summary table ul li dd dt plaintext xmp'
  ).split(' '),
);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * HTML tags that end SVG or MathML content, as in browsers (unless inside an integration
 * point such as foreignObject): an unclosed `<svg>` must not swallow the rest of the article.
 */
const BREAKOUT = new Set(
  (
    'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img ' +
    'li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var'
  ).split(' '),
);
const FOREIGN_ROOTS = new Set(['svg', 'math']);
const INTEGRATION_POINTS = new Set([
  'foreignobject',
  'desc',
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
]);
const FOREIGN_SCOPE = new Set([...FOREIGN_ROOTS, ...INTEGRATION_POINTS]);

/** End tags do not reach through these (a `</div>` inside a table cell stays in the cell). */
const SCOPE = new Set([
  '#root',
  'table',
  'td',
  'th',
  'caption',
  'template',
  'applet',
  'marquee',
  'object',
]);
const TABLE_PARTS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption']);

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

function isAsciiAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

class TreeBuilder {
  readonly root = createElement('#root', null);
  private readonly stack: HElement[] = [this.root];

  private get current(): HElement {
    return this.stack[this.stack.length - 1] ?? this.root;
  }

  text(text: string): void {
    if (text === '') return;
    const parent = this.current;
    const last = parent.children[parent.children.length - 1];
    if (last?.type === 'text') last.text += text;
    else parent.children.push(createText(text, parent));
  }

  /** Index in the stack of the innermost open `tag` that `boundaries` do not hide, or -1. */
  private find(test: (tag: string) => boolean, boundaries: Set<string>): number {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const tag = this.stack[i]?.tag ?? '#root';
      if (test(tag)) return i;
      if (boundaries.has(tag)) return -1;
    }
    return -1;
  }

  private popTo(index: number): void {
    if (index > 0) this.stack.length = index;
  }

  private closeP(): void {
    this.popTo(this.find((t) => t === 'p', SCOPE_BUTTON));
  }

  start(rawTag: string, attrs: Map<string, string>): void {
    const tag = rawTag === 'image' ? 'img' : rawTag;
    if (tag === 'html' || tag === 'head' || tag === 'body') return;
    if (this.stack.length >= MAX_DEPTH && !VOID.has(tag)) return;
    if (BREAKOUT.has(tag)) this.breakOut();
    if (CLOSES_P.has(tag)) this.closeP();
    if (tag === 'li') {
      this.popTo(this.find((t) => t === 'li', SCOPE_LIST));
    } else if (tag === 'dd' || tag === 'dt') {
      this.popTo(this.find((t) => t === 'dd' || t === 'dt', SCOPE_LIST));
    } else if (HEADINGS.has(tag) && HEADINGS.has(this.current.tag)) {
      this.stack.pop();
    } else if (tag === 'a') {
      this.popTo(this.find((t) => t === 'a', SCOPE));
    } else if (tag === 'tr') {
      const table = this.find((t) => t === 'table', SCOPE_TABLE);
      if (table > 0) this.popTo(this.innermostAfter(table, ['tbody', 'thead', 'tfoot']));
    } else if (tag === 'td' || tag === 'th') {
      const row = this.find((t) => t === 'tr', SCOPE_TABLE);
      if (row > 0) this.popTo(row + 1);
    } else if (tag === 'tbody' || tag === 'thead' || tag === 'tfoot') {
      const table = this.find((t) => t === 'table', SCOPE_TABLE);
      if (table > 0) this.popTo(table + 1);
    } else if (tag === 'option' && this.current.tag === 'option') {
      this.stack.pop();
    }
    const parent = this.current;
    const el = createElement(tag, parent);
    el.attrs = attrs;
    parent.children.push(el);
    if (!VOID.has(tag)) this.stack.push(el);
  }

  /** Leaves open SVG or MathML content, unless inside one of its HTML integration points. */
  private breakOut(): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const tag = this.stack[i]?.tag ?? '';
      if (FOREIGN_SCOPE.has(tag)) {
        if (FOREIGN_ROOTS.has(tag)) this.popTo(i);
        return;
      }
    }
  }

  /** Just above `index`, the deepest open element among `tags` directly under it, if any. */
  private innermostAfter(index: number, tags: string[]): number {
    const next = this.stack[index + 1];
    return next && tags.includes(next.tag) ? index + 2 : index + 1;
  }

  end(tag: string): void {
    if (tag === 'br') {
      this.start('br', new Map());
      return;
    }
    if (tag === 'html' || tag === 'head' || tag === 'body') return;
    if (tag === 'p') {
      this.closeP();
      return;
    }
    if (HEADINGS.has(tag)) {
      this.popTo(this.find((t) => HEADINGS.has(t), SCOPE));
      return;
    }
    if (TABLE_PARTS.has(tag)) {
      this.popTo(this.find((t) => t === tag, tag === 'table' ? ROOT_ONLY : SCOPE_TABLE));
      return;
    }
    this.popTo(this.find((t) => t === tag, SCOPE));
  }
}

const SCOPE_BUTTON = new Set([...SCOPE, 'button']);
const SCOPE_LIST = new Set([...SCOPE, 'ol', 'ul', 'dl']);
const SCOPE_TABLE = new Set(['#root', 'table', 'template']);
const ROOT_ONLY = new Set(['#root', 'template']);

const rawEndCache = new Map<string, RegExp>();

function rawEnd(tag: string): RegExp {
  let re = rawEndCache.get(tag);
  if (!re) {
    re = new RegExp(`</${tag}[\\t\\n\\f\\r />]`, 'gi');
    rawEndCache.set(tag, re);
  }
  return re;
}

interface TagToken {
  name: string;
  attrs: Map<string, string>;
  /** Index after the tag's `>`, or -1 when the input ends inside the tag. */
  next: number;
}

/** Reads a tag from `s[i]` (the first character of its name) to its `>`. */
function readTag(s: string, i: number): TagToken {
  const n = s.length;
  let j = i;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (isSpace(c) || c === 47 || c === 62) break;
    j++;
  }
  const name = s.slice(i, j).toLowerCase();
  const attrs = new Map<string, string>();
  while (j < n) {
    let c = s.charCodeAt(j);
    if (isSpace(c) || c === 47) {
      j++;
      continue;
    }
    if (c === 62) return { name, attrs, next: j + 1 };
    // Attribute name: up to whitespace, `/`, `>` or `=` (a leading `=` belongs to the name).
    const nameStart = j;
    j++;
    while (j < n) {
      c = s.charCodeAt(j);
      if (isSpace(c) || c === 47 || c === 62 || c === 61) break;
      j++;
    }
    const attrName = s.slice(nameStart, j).toLowerCase();
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    let value = '';
    if (j < n && s.charCodeAt(j) === 61) {
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      const quote = s.charCodeAt(j);
      if (quote === 34 || quote === 39) {
        const close = s.indexOf(quote === 34 ? '"' : "'", j + 1);
        if (close < 0) return { name, attrs, next: -1 };
        value = s.slice(j + 1, close);
        j = close + 1;
      } else {
        const valueStart = j;
        while (j < n && !isSpace(s.charCodeAt(j)) && s.charCodeAt(j) !== 62) j++;
        value = s.slice(valueStart, j);
      }
    }
    if (!attrs.has(attrName)) attrs.set(attrName, decodeEntities(value, true));
  }
  return { name, attrs, next: -1 };
}

/** Parses an HTML fragment into a tree under a `#root` element. */
export function parseHtml(s: string): HElement {
  const builder = new TreeBuilder();
  const n = s.length;
  let i = 0;
  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      builder.text(decodeEntities(s.slice(i)));
      break;
    }
    if (lt > i) builder.text(decodeEntities(s.slice(i, lt)));
    i = lt;
    const c = s.charCodeAt(i + 1);
    if (isAsciiAlpha(c)) {
      const tag = readTag(s, i + 1);
      if (tag.next < 0) break; // The input ends inside a tag: browsers drop it.
      i = tag.next;
      builder.start(tag.name, tag.attrs);
      if (tag.name === 'plaintext') {
        builder.text(s.slice(i));
        break;
      }
      if (RAW_TEXT.has(tag.name)) {
        const re = rawEnd(tag.name);
        re.lastIndex = i;
        const end = re.exec(s);
        // Raw content is never shown: skip it. Unclosed (browsers would hide the rest of the
        // page in it), it costs only itself: its text up to the next tag is skipped, and
        // what follows is read as markup again.
        if (end) i = end.index;
        else {
          builder.end(tag.name);
          const next = s.indexOf('<', i);
          i = next < 0 ? n : next;
        }
      }
    } else if (c === 47) {
      const c2 = s.charCodeAt(i + 2);
      if (isAsciiAlpha(c2)) {
        const tag = readTag(s, i + 2);
        if (tag.next < 0) break;
        i = tag.next;
        builder.end(tag.name);
      } else if (c2 === 62) {
        i += 3; // `</>` is ignored.
      } else {
        const gt = s.indexOf('>', i + 2);
        i = gt < 0 ? n : gt + 1; // A bogus comment.
      }
    } else if (c === 33) {
      if (s.startsWith('<!--', i)) {
        if (s.startsWith('<!-->', i)) i += 5;
        else if (s.startsWith('<!--->', i)) i += 6;
        else {
          const end = s.indexOf('-->', i + 4);
          const bang = s.indexOf('--!>', i + 4);
          if (end < 0 && bang < 0) break;
          i = end >= 0 && (bang < 0 || end < bang) ? end + 3 : bang + 4;
        }
      } else {
        const gt = s.indexOf('>', i + 2);
        i = gt < 0 ? n : gt + 1; // Doctype, CDATA outside foreign content: bogus comments.
      }
    } else if (c === 63) {
      const gt = s.indexOf('>', i + 2);
      i = gt < 0 ? n : gt + 1;
    } else {
      builder.text('<');
      i++;
    }
  }
  return builder.root;
}
