/**
 * Finds links to mirrorable originals in a document and keeps the set current as the page
 * adds, removes and changes links. The browser pre-filters with a CSS selector (native code,
 * no script object per link); the matcher decides on what passes, a few hundred candidates
 * per task so that a huge page never blocks its main thread for long. Mutations are batched
 * (one idle callback per burst) and only the touched subtrees are looked at, never the
 * whole document.
 */

export type LinkElement = HTMLAnchorElement | HTMLAreaElement;

export interface LinkScannerOptions {
  /** Candidate links (a superset of the mirrorable ones), e.g. from `candidateSelector`. */
  selector: string;
  isMirrorable(href: string): boolean;
  /** Called once the first scan is done, then after each batch that changed the set. */
  onChange(found: ReadonlySet<LinkElement>): void;
  /** A link joined the set, or a found link lost a child the marker owns. */
  onFound?(link: LinkElement): void;
  /** A link left the set: its href changed to something else. Removed links are just dropped. */
  onLost?(link: LinkElement): void;
  /** The marker's own elements: adding them is no news; removing them is. */
  ignore?(node: Node): boolean;
  /** Defers batch work; defaults to an idle callback (or an animation frame). */
  schedule?(task: () => void): void;
}

export interface LinkScanner {
  readonly found: ReadonlySet<LinkElement>;
  stop(): void;
}

/** Candidates the first scan checks per task (a task stays well under 50 ms). */
export const SCAN_CHUNK = 250;

// An absolute http(s) href is read as written: resolving `link.href` costs a URL parse and
// gives the same answer for it.
const ABSOLUTE = /^https?:\/\//i;

function hrefOf(link: LinkElement): string {
  const raw = link.getAttribute('href');
  return raw !== null && ABSOLUTE.test(raw) ? raw : link.href;
}

function isLink(node: Node): boolean {
  return node.nodeName === 'A' || node.nodeName === 'AREA';
}

function defaultSchedule(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 250 });
  else requestAnimationFrame(task);
}

export function startLinkScanner(doc: Document, options: LinkScannerOptions): LinkScanner {
  const { selector } = options;
  const schedule = options.schedule ?? defaultSchedule;
  const ignore = options.ignore ?? (() => false);
  const found = new Set<LinkElement>();
  let changed = true;
  let pending: Element[] = [];
  let scheduled = false;
  // Reports wait for the first scan to finish: the count goes out once, complete.
  let scanning = true;

  const consider = (link: LinkElement) => {
    const href = hrefOf(link);
    const mirrorable = href !== '' && options.isMirrorable(href);
    if (found.has(link)) {
      if (mirrorable) return options.onFound?.(link);
      found.delete(link);
      changed = true;
      return options.onLost?.(link);
    }
    if (!mirrorable) return;
    found.add(link);
    changed = true;
    options.onFound?.(link);
  };

  const report = () => {
    for (const link of found) {
      if (!link.isConnected) {
        found.delete(link);
        changed = true;
      }
    }
    if (changed) {
      changed = false;
      options.onChange(found);
    }
  };

  /** A found link, or a link passing the pre-filter, goes to the matcher. */
  const check = (node: Element) => {
    if (found.has(node as LinkElement) || (isLink(node) && node.matches(selector))) {
      consider(node as LinkElement);
    }
  };

  // Most added subtrees are one element around one link (a list item, a title); looking at
  // it costs less than a query. Bigger subtrees are queried.
  const visit = (node: Element) => {
    check(node);
    const first = node.firstElementChild;
    if (!first) return;
    if (first === node.lastElementChild && !first.firstElementChild) return check(first);
    for (const link of node.querySelectorAll<LinkElement>(selector)) consider(link);
  };

  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    for (const node of batch) if (node.isConnected) visit(node);
    if (!scanning) report();
  };

  const observer = new MutationObserver((records) => {
    let touched = false;
    for (const record of records) {
      const target = record.target as Element;
      if (record.type === 'attributes') {
        // A changed href may turn a link into (or out of) a mirrorable one.
        pending.push(target);
        touched = true;
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || ignore(node)) continue;
        pending.push(node as Element);
        touched = true;
      }
      for (const node of record.removedNodes) {
        if (node.nodeType !== 1 || found.size === 0) continue;
        // The page took a mark away (re-rendered the link's children): mark it again.
        if (ignore(node)) pending.push(target);
        // Removed links are dropped from the set in report(); nothing to scan.
        touched = true;
      }
    }
    if (touched && !scheduled) {
      scheduled = true;
      schedule(flush);
    }
  });

  const candidates = doc.querySelectorAll<LinkElement>(selector);
  let next = 0;
  const scanSome = () => {
    const end = Math.min(candidates.length, next + SCAN_CHUNK);
    for (; next < end; next++) consider(candidates.item(next) as LinkElement);
    if (next < candidates.length) return schedule(scanSome);
    scanning = false;
    report();
  };
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href'],
  });
  scanSome();
  return { found, stop: () => observer.disconnect() };
}
