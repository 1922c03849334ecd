/**
 * A lightweight HTML tree: what the extractor reads and prunes. Building a browser DOM costs
 * 10–20 ms for a mirror page under jsdom (each element allocates a style object) and nesting
 * 10,000 deep takes minutes there; this tree costs a fraction of a millisecond. The browser DOM
 * is only used at the end, by DOMPurify, on the small clean body.
 *
 * Everything here is iterative: pages nest deep and the call stack must not grow with them.
 */

export interface HElement {
  readonly type: 'el';
  /** Lowercase. The root is `#root`. */
  tag: string;
  /** Lowercase names; values with character references decoded. */
  attrs: Map<string, string>;
  children: HNode[];
  parent: HElement | null;
  /** Removed from the tree (kept in its parent's list: removal must not cost O(siblings)). */
  dead: boolean;
}

export interface HText {
  readonly type: 'text';
  /** Decoded text (see entities.ts for UNKNOWN_REF). */
  text: string;
  parent: HElement | null;
  dead: boolean;
}

export type HNode = HElement | HText;

export function createElement(tag: string, parent: HElement | null): HElement {
  return { type: 'el', tag, attrs: new Map(), children: [], parent, dead: false };
}

export function createText(text: string, parent: HElement | null): HText {
  return { type: 'text', text, parent, dead: false };
}

export function remove(node: HNode): void {
  node.dead = true;
}

/**
 * Calls `visit` on every live node under `root` (not `root` itself) in document order.
 * Returning false skips the node's subtree.
 */
export function walk(root: HElement, visit: (node: HNode) => unknown): void {
  const stack: HNode[] = [];
  pushReversed(stack, root.children);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.dead) continue;
    if (visit(node) === false || node.type !== 'el') continue;
    pushReversed(stack, node.children);
  }
}

/** Pushes `items` last to first, so that popping yields them in order. */
export function pushReversed<T>(stack: T[], items: readonly T[]): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined) stack.push(item);
  }
}

/** Live elements under `root`, in document order. */
export function elementsOf(root: HElement): HElement[] {
  const out: HElement[] = [];
  walk(root, (node) => {
    if (node.type === 'el') out.push(node);
  });
  return out;
}

/** The concatenated text of the live subtree. */
export function textOf(root: HElement): string {
  const parts: string[] = [];
  walk(root, (node) => {
    if (node.type === 'text') parts.push(node.text);
  });
  return parts.join('');
}

/** Non-whitespace characters (code units) of `text`. */
export function visibleLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 || (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12)) length++;
  }
  return length;
}

/** How many non-whitespace characters the live subtree holds: a measure of content. */
export function textLength(root: HElement): number {
  let length = 0;
  walk(root, (node) => {
    if (node.type === 'text') length += visibleLength(node.text);
  });
  return length;
}

/** `class` and `id` split into words (`div-gpt-ad-1` → div, gpt, ad, 1), lowercase. */
export function nameWords(el: HElement): string[] {
  const names = `${el.attrs.get('class') ?? ''} ${el.attrs.get('id') ?? ''}`.toLowerCase();
  return names.split(/[\s_-]+/).filter((w) => w !== '');
}

/** Whether `el`'s class or id mentions `word` as part of a name (`headerimgcaption`). */
export function namesInclude(el: HElement, word: string): boolean {
  const names = `${el.attrs.get('class') ?? ''} ${el.attrs.get('id') ?? ''}`.toLowerCase();
  return names.includes(word);
}

/** Whether `node` is `ancestor` or inside it. */
export function isInside(node: HNode, ancestor: HElement): boolean {
  for (let n: HNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** The first live element of the subtree (root excluded) that satisfies `test`. */
export function findFirst(root: HElement, test: (el: HElement) => boolean): HElement | null {
  let found: HElement | null = null;
  walk(root, (node) => {
    if (found) return false;
    if (node.type === 'el' && test(node)) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}
