/**
 * The cleaned tree → the body's HTML, written from scratch: paragraphs of text with a few
 * inline marks (strong, em, u, s, sub, sup, code, links), headings, figures, quotes, lists,
 * rules and audio players. Wrappers (`div`, `center`, `span`, `font`, `ok`, tables used for
 * layout) vanish; text is escaped; attributes are only those written here. So the output is
 * allowlisted by construction, and sanitize.ts checks it again with DOMPurify.
 *
 * Whitespace follows text-join.ts; two line breaks in a row split a paragraph.
 */
import { UNKNOWN_REF, plainText } from './entities';
import type { Figure } from './hero';
import { pushReversed, textOf, type HElement, type HNode } from './html-tree';
import type { LinkTarget } from './link-policy';
import { forEachRun, pendingOf, spaceBetween, type PendingSpace } from './text-join';

export interface AudioSource {
  src: string;
  type: string | null;
}

export interface RenderContext {
  figures: Map<HElement, Figure>;
  link: (el: HElement) => LinkTarget | null;
  /** An http(s) URL for a media `src`, or null. */
  mediaUrl: (raw: string | undefined) => string | null;
}

export interface RenderedBody {
  html: string;
  /** Plain text of each paragraph, heading and list item, in order. */
  blocks: string[];
  figures: Figure[];
  audio: number;
  /** Elements written; rendering stops soon after `maxElements`. */
  elements: number;
  overflow: boolean;
}

const MARKS: Record<string, string> = {
  b: 'strong',
  strong: 'strong',
  i: 'em',
  em: 'em',
  cite: 'em',
  dfn: 'em',
  var: 'em',
  u: 'u',
  s: 's',
  strike: 's',
  del: 's',
  sub: 'sub',
  sup: 'sup',
  code: 'code',
  kbd: 'code',
  samp: 'code',
  tt: 'code',
};

/** Elements whose edges end a paragraph (their content is written, the element is not). */
const BLOCK_EDGES = new Set(
  (
    'address article aside caption center colgroup dd details dialog dir div dl dt fieldset ' +
    'figcaption figure footer form header hgroup legend listing main menu nav p plaintext search ' +
    'section summary table tbody td tfoot th thead tr'
  ).split(' '),
);

const HEADINGS: Record<string, string> = {
  h1: 'h2',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h5',
  h6: 'h6',
};

const NEEDS_ESCAPE = /[&<>\uE000]/;

export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replaceAll(UNKNOWN_REF, '&');
}

export function escapeAttribute(value: string): string {
  return plainText(value)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

interface Mark {
  tag: string;
  open: string;
  link: boolean;
}

type ContextKind = 'doc' | 'quote' | 'list' | 'li' | 'heading';

interface Context {
  kind: ContextKind;
  /** The heading's tag, for `heading`. */
  tag: string;
  /** Where the context's opening tag sits in the output. */
  start: number;
  close: string;
  hasContent: boolean;
}

interface Paragraph {
  tag: string | null;
  text: string[];
}

class Writer {
  readonly out: string[] = [];
  readonly blocks: string[] = [];
  readonly figures: Figure[] = [];
  audio = 0;
  /** Opening tags written, roughly the elements a DOM will create for the body. */
  elements = 0;
  /** Inline marks wanted by the elements entered. */
  readonly marks: Mark[] = [];
  private readonly top: Context = {
    kind: 'doc',
    tag: '',
    start: -1,
    close: '',
    hasContent: false,
  };
  private readonly contexts: Context[] = [this.top];
  private para: Paragraph | null = null;
  /** Marks open in the output. */
  private open: Mark[] = [];
  private last = '';
  private pending: PendingSpace = 0;
  private breaks = 0;

  private get context(): Context {
    return this.contexts[this.contexts.length - 1] ?? this.top;
  }

  text(raw: string): void {
    forEachRun(raw, (run, space) => {
      if (space) this.pending = Math.max(this.pending, pendingOf(run)) as PendingSpace;
      else this.word(run);
    });
  }

  private word(run: string): void {
    const para = this.para ?? this.openParagraph();
    if (this.breaks > 0) {
      if (this.breaks >= 2 && para.tag === 'p') {
        this.closeParagraph();
        this.openParagraph();
      } else {
        this.out.push('<br>');
        this.elements++;
        para.text.push('\n');
      }
    } else {
      const gap = spaceBetween(this.pending, this.last, run.charAt(0));
      if (gap) {
        this.out.push(gap);
        para.text.push(gap);
      }
    }
    this.pending = 0;
    this.breaks = 0;
    this.syncMarks();
    this.out.push(escapeText(run));
    para.text.push(run);
    this.last = run.charAt(run.length - 1);
  }

  lineBreak(): void {
    if (this.para) {
      this.breaks++;
      this.pending = 0;
    }
  }

  private openParagraph(): Paragraph {
    const context = this.context;
    const tag =
      context.kind === 'heading'
        ? context.tag
        : context.kind === 'li'
          ? null
          : context.kind === 'list'
            ? 'li'
            : 'p';
    // A block edge inside a list item becomes a line break.
    if (context.kind === 'li' && context.hasContent) this.out.push('<br>');
    if (tag) {
      this.out.push(`<${tag}>`);
      this.elements++;
    }
    this.para = { tag, text: [] };
    this.open = [];
    this.last = '';
    this.pending = 0;
    this.breaks = 0;
    return this.para;
  }

  closeParagraph(): void {
    const para = this.para;
    if (!para) return;
    this.closeMarks(0);
    if (para.tag) this.out.push(`</${para.tag}>`);
    const text = plainText(para.text.join('')).trim();
    if (text !== '') this.blocks.push(text);
    this.context.hasContent = true;
    this.para = null;
    this.pending = 0;
    this.breaks = 0;
    this.last = '';
  }

  private syncMarks(): void {
    let common = 0;
    while (
      common < this.open.length &&
      common < this.marks.length &&
      this.open[common] === this.marks[common]
    ) {
      common++;
    }
    this.closeMarks(common);
    for (const mark of this.marks.slice(common)) {
      this.out.push(mark.open);
      this.open.push(mark);
      this.elements++;
    }
  }

  /** Closes the open marks from `keep` on. */
  private closeMarks(keep: number): void {
    while (this.open.length > keep) {
      const mark = this.open.pop();
      if (mark) this.out.push(`</${mark.tag}>`);
    }
  }

  hasLink(): boolean {
    return this.marks.some((m) => m.link);
  }

  /** A block that is not text: inside a list it needs its own item. */
  private block(html: string): void {
    this.closeParagraph();
    const context = this.context;
    this.out.push(context.kind === 'list' ? `<li>${html}</li>` : html);
    this.elements += 3;
    context.hasContent = true;
  }

  figure(figure: Figure): void {
    const img =
      `<img src="${escapeAttribute(figure.src)}" alt="${escapeAttribute(figure.alt)}"` +
      ' loading="lazy" referrerpolicy="no-referrer">';
    const caption = figure.caption ? `<figcaption>${escapeText(figure.caption)}</figcaption>` : '';
    this.block(`<figure>${img}${caption}</figure>`);
    this.figures.push(figure);
  }

  audioPlayer(sources: AudioSource[]): void {
    const inner = sources
      .map(
        (s) =>
          `<source src="${escapeAttribute(s.src)}"${s.type ? ` type="${escapeAttribute(s.type)}"` : ''}>`,
      )
      .join('');
    this.block(`<audio controls preload="none">${inner}</audio>`);
    this.audio++;
  }

  rule(): void {
    this.closeParagraph();
    if (this.context.kind === 'list') return;
    if (this.out[this.out.length - 1] !== '<hr>') {
      this.out.push('<hr>');
      this.elements++;
    }
  }

  preformatted(text: string): void {
    if (text.trim() === '') return;
    this.block(`<pre>${escapeText(text.replace(/^\n/, ''))}</pre>`);
    this.blocks.push(plainText(text).trim());
  }

  openContext(kind: ContextKind, open: string, close: string, tag = ''): void {
    this.closeParagraph();
    const start = this.out.length;
    if (open) {
      this.out.push(open);
      this.elements++;
    }
    this.contexts.push({ kind, tag, start, close, hasContent: false });
  }

  closeContext(): void {
    this.closeParagraph();
    if (this.contexts.length <= 1) return;
    const context = this.contexts.pop() ?? this.top;
    const opened = context.close !== '';
    const empty = this.out.length === context.start + (opened ? 1 : 0);
    if (opened) {
      if (empty) this.out.pop();
      else this.out.push(context.close);
    }
    if (!empty) this.context.hasContent = true;
  }

  get contextKind(): ContextKind {
    return this.context.kind;
  }

  finish(): string {
    this.closeParagraph();
    while (this.contexts.length > 1) this.closeContext();
    while (this.out[0] === '<hr>') this.out.shift();
    while (this.out[this.out.length - 1] === '<hr>') this.out.pop();
    return this.out.join('');
  }
}

/** What to do when leaving an element (shared objects: no allocation per element). */
interface Exit {
  type: 'exit';
  action: 'context' | 'paragraph' | 'mark';
}

const EXIT_CONTEXT: Exit = { type: 'exit', action: 'context' };
const EXIT_PARAGRAPH: Exit = { type: 'exit', action: 'paragraph' };
const EXIT_MARK: Exit = { type: 'exit', action: 'mark' };

function audioSources(el: HElement, ctx: RenderContext): AudioSource[] {
  const sources: AudioSource[] = [];
  const own = ctx.mediaUrl(el.attrs.get('src'));
  if (own) sources.push({ src: own, type: null });
  for (const child of el.children) {
    if (child.dead || child.type !== 'el' || child.tag !== 'source') continue;
    const src = ctx.mediaUrl(child.attrs.get('src'));
    const type = child.attrs.get('type')?.trim().toLowerCase() ?? '';
    if (src) sources.push({ src, type: /^audio\/[a-z0-9.+-]+$/.test(type) ? type : null });
  }
  return sources;
}

export function renderBody(
  root: HElement,
  ctx: RenderContext,
  maxElements = Infinity,
): RenderedBody {
  const w = new Writer();
  let overflow = false;
  const stack: (HNode | Exit)[] = [];
  pushReversed(stack, root.children);
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (w.elements > maxElements) {
      overflow = true;
      break;
    }
    if (item.type === 'exit') {
      if (item.action === 'context') w.closeContext();
      else if (item.action === 'paragraph') w.closeParagraph();
      else w.marks.pop();
      continue;
    }
    if (item.dead) continue;
    if (item.type === 'text') {
      w.text(item.text);
      continue;
    }
    const el = item;
    const figure = ctx.figures.get(el);
    if (figure) {
      w.figure(figure);
      continue;
    }
    const tag = el.tag;
    if (tag === 'br') {
      w.lineBreak();
      continue;
    }
    if (tag === 'hr') {
      w.rule();
      continue;
    }
    if (tag === 'img') continue;
    if (tag === 'audio') {
      const sources = audioSources(el, ctx);
      if (sources.length > 0) w.audioPlayer(sources);
      continue;
    }
    if (tag === 'pre' || tag === 'listing') {
      w.preformatted(textOf(el));
      continue;
    }
    const heading = HEADINGS[tag];
    if (heading) {
      w.openContext('heading', '', '', heading);
      stack.push(EXIT_CONTEXT);
    } else if (tag === 'blockquote') {
      w.openContext('quote', '<blockquote>', '</blockquote>');
      stack.push(EXIT_CONTEXT);
    } else if (tag === 'ul' || tag === 'ol') {
      w.openContext('list', `<${tag}>`, `</${tag}>`);
      stack.push(EXIT_CONTEXT);
    } else if (tag === 'li' && w.contextKind === 'list') {
      w.openContext('li', '<li>', '</li>');
      stack.push(EXIT_CONTEXT);
    } else if (BLOCK_EDGES.has(tag) || tag === 'li') {
      w.closeParagraph();
      stack.push(EXIT_PARAGRAPH);
    } else {
      const mark = markFor(el, w, ctx);
      if (mark) {
        w.marks.push(mark);
        stack.push(EXIT_MARK);
      }
    }
    pushReversed(stack, el.children);
  }
  const html = w.finish();
  return {
    html,
    blocks: w.blocks,
    figures: w.figures,
    audio: w.audio,
    elements: w.elements,
    overflow,
  };
}

function markFor(el: HElement, w: Writer, ctx: RenderContext): Mark | null {
  const tag = MARKS[el.tag];
  if (tag) {
    if (w.marks.some((m) => m.tag === tag)) return null;
    return { tag, open: `<${tag}>`, link: false };
  }
  if (!el.attrs.has('href') || w.hasLink()) return null;
  const target = ctx.link(el);
  if (!target) return null;
  const href = escapeAttribute(target.href);
  const open = target.reader
    ? `<a href="${href}" data-mirror-reader="reader">`
    : `<a href="${href}" target="_blank" rel="noopener noreferrer">`;
  return { tag: 'a', open, link: true };
}
