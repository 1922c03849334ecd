/**
 * Finds links to mirrorable originals in a document and keeps the set current as the page
 * adds, removes and changes links. The first scan walks `document.links` once; later
 * mutations are batched (one idle callback per burst) and only the touched subtrees are
 * looked at, never the whole document.
 */

export type LinkElement = HTMLAnchorElement | HTMLAreaElement;

export interface LinkScannerOptions {
  isMirrorable(href: string): boolean;
  /** Called once at start, then after each batch that changed the set. */
  onChange(found: ReadonlySet<LinkElement>): void;
  /** A link joined the set, or a found link's subtree changed (the marker checks its mark). */
  onFound?(link: LinkElement): void;
  /** A link left the set: its href changed to something else. Removed links are just dropped. */
  onLost?(link: LinkElement): void;
  /** Nodes the scanner must not react to (the marker's own elements). */
  ignore?(node: Node): boolean;
  /** Defers batch work; defaults to an idle callback (or an animation frame). */
  schedule?(task: () => void): void;
}

export interface LinkScanner {
  readonly found: ReadonlySet<LinkElement>;
  stop(): void;
}

function defaultSchedule(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 250 });
  else requestAnimationFrame(task);
}

function isLink(node: Node): node is LinkElement {
  return node.nodeName === 'A' || node.nodeName === 'AREA';
}

export function startLinkScanner(doc: Document, options: LinkScannerOptions): LinkScanner {
  const schedule = options.schedule ?? defaultSchedule;
  const ignore = options.ignore ?? (() => false);
  const found = new Set<LinkElement>();
  let changed = true;
  let pending: Node[] = [];
  let scheduled = false;

  const consider = (link: LinkElement) => {
    const href = link.href;
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

  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    for (const node of batch) {
      if (!node.isConnected) continue;
      if (isLink(node)) consider(node);
      if (node.nodeType === 1 && (node as Element).firstElementChild) {
        for (const link of (node as Element).querySelectorAll<LinkElement>('a[href], area[href]'))
          consider(link);
      }
    }
    report();
  };

  const later = () => {
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  };

  const observer = new MutationObserver((records) => {
    let touched = false;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'attributes') {
        // A changed href may turn a link into (or out of) a mirrorable one.
        pending.push(target);
        touched = true;
        continue;
      }
      // A found link whose children changed may have lost its mark: let the marker look.
      if (isLink(target) && found.has(target)) {
        pending.push(target);
        touched = true;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || ignore(node)) continue;
        pending.push(node);
        touched = true;
      }
      // Removed links are dropped from the set in report(); nothing to scan.
      for (const node of record.removedNodes) {
        if (node.nodeType === 1 && found.size > 0 && !ignore(node)) touched = true;
      }
    }
    if (touched) later();
  });

  for (const link of doc.links) consider(link as LinkElement);
  report();
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href'],
  });
  return { found, stop: () => observer.disconnect() };
}
