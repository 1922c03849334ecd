/**
 * Finds links to mirrorable originals in a document and keeps the set current as the page
 * adds, removes and changes links. The browser pre-filters with a CSS selector (native code,
 * no script object per link); the matcher decides on what passes, up to SCAN_CHUNK
 * candidates per task so that a huge page never blocks its main thread for long. Mutations
 * are batched (one idle callback per burst) and only the touched subtrees are looked at,
 * never the whole document.
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
  /** A link left the set: its href changed to something else, or it left the document. */
  onLost?(link: LinkElement): void;
  /** The marker's own elements: adding them is no news; removing them is. */
  ignore?(node: Node): boolean;
  /** Defers batch work; defaults to an idle callback (or an animation frame). */
  schedule?(task: () => void): void;
}

export interface LinkScanner {
  readonly found: ReadonlySet<LinkElement>;
  /** Stops watching the page; work already scheduled is dropped. */
  stop(): void;
}

/** Candidates the first scan checks per task (about 10 µs each: a task stays well under 50 ms). */
export const SCAN_CHUNK = 1000;

/**
 * The link's URL. An absolute http(s) href is read as written: resolving `link.href` costs a
 * URL parse (and its serialization) and gives the same answer for it.
 */
export function hrefOf(link: LinkElement): string {
  const raw = link.getAttribute('href');
  return raw !== null && (raw.startsWith('https://') || raw.startsWith('http://'))
    ? raw
    : link.href;
}

/** Runs `task` when the page's main thread is idle (within 250 ms). */
export function defaultSchedule(task: () => void): void {
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
  // Nodes a page added many at a time: looked at in the batch, not in the observer callback.
  let pendingLists: NodeList[] = [];
  let scheduled = false;
  // Reports wait for the first scan to finish: the count goes out once, complete.
  let scanning = true;
  // The page removed elements since the last report: found links may have gone with them.
  let removed = false;
  // Stopped (the rules changed and another scanner took over): batches already scheduled do
  // nothing, so no stale count or mark follows the new scanner's.
  let stopped = false;

  /** `check`: whether the link may have left the document already (a mutation batch). */
  const consider = (link: LinkElement, check: boolean) => {
    const href = hrefOf(link);
    const mirrorable = href !== '' && options.isMirrorable(href);
    if (found.has(link)) {
      if (mirrorable) return options.onFound?.(link);
      found.delete(link);
      changed = true;
      return options.onLost?.(link);
    }
    // Added and removed again before its batch ran: no news. (The first scan's candidates
    // need no look: a removal during the scan has report() sweep the set.)
    if (!mirrorable || (check && !link.isConnected)) return;
    found.add(link);
    changed = true;
    options.onFound?.(link);
  };

  const report = () => {
    if (removed) {
      removed = false;
      for (const link of found) {
        if (link.isConnected) continue;
        found.delete(link);
        changed = true;
        options.onLost?.(link);
      }
    }
    if (changed) {
      changed = false;
      options.onChange(found);
    }
  };

  /**
   * A found link, or a link passing the pre-filter, goes to the matcher; then the links inside
   * (one native query: most added subtrees hold none).
   */
  const visit = (node: Node) => {
    const name = node.nodeName;
    if (name === 'A' || name === 'AREA') {
      const link = node as LinkElement;
      if (found.has(link) || link.matches(selector)) consider(link, true);
    } else if (name.charCodeAt(0) === 35) {
      return; // #text, #comment: nothing inside
    }
    // (A processing instruction has no querySelector.)
    if (((node as Element).querySelector?.(selector) ?? null) === null) return;
    const links = (node as Element).querySelectorAll<LinkElement>(selector);
    for (let i = 0; i < links.length; i++) consider(links.item(i), true);
  };

  const flush = () => {
    scheduled = false;
    if (stopped) return;
    const batch = pending;
    const lists = pendingLists;
    pending = [];
    pendingLists = [];
    for (let i = 0; i < batch.length; i++) visit(batch[i] as Element);
    // The marker adds its elements one at a time: a list of many is the page's own.
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i] as NodeList;
      for (let j = 0; j < list.length; j++) visit(list.item(j) as Node);
    }
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
      const added = record.addedNodes;
      if (added.length > 1) {
        pendingLists.push(added);
        touched = true;
      } else if (added.length === 1) {
        // One node, as the marker adds its own: no batch for those.
        const node = added.item(0);
        if (node?.nodeType === 1 && !ignore(node)) {
          pending.push(node as Element);
          touched = true;
        }
      }
      const gone = record.removedNodes;
      if (gone.length === 0) continue;
      // Removed links leave the set in report(), which looks only after a removal.
      removed = true;
      if (found.size === 0) continue;
      touched = true;
      for (let i = 0; i < gone.length; i++) {
        // The page took a mark away (re-rendered the link's children): mark it again.
        const node = gone.item(i);
        if (node && ignore(node)) pending.push(target);
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
    if (stopped) return;
    const end = Math.min(candidates.length, next + SCAN_CHUNK);
    for (; next < end; next++) consider(candidates.item(next) as LinkElement, false);
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
  return {
    found,
    stop: () => {
      stopped = true;
      observer.disconnect();
    },
  };
}
