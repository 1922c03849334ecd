/**
 * Finds links to mirrorable originals in a document and keeps the count current as the
 * page adds links. Runs on every page: the first scan walks `document.links` once; later
 * mutations are batched and only the added subtrees are looked at, never the whole document.
 */

export interface LinkScannerOptions {
  isMirrorable(href: string): boolean;
  /** Called with the number of mirrorable links whenever it changes (and once at start). */
  onCount(count: number): void;
  /** Called once for each newly found mirrorable link. */
  onFound?(link: HTMLAnchorElement | HTMLAreaElement): void;
  /** Defers batch work; defaults to an idle callback (or an animation frame). */
  schedule?(task: () => void): void;
}

type LinkElement = HTMLAnchorElement | HTMLAreaElement;

function defaultSchedule(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 250 });
  else requestAnimationFrame(task);
}

function isLink(node: Node): node is LinkElement {
  return node.nodeName === 'A' || node.nodeName === 'AREA';
}

export function startLinkScanner(doc: Document, options: LinkScannerOptions): () => void {
  const schedule = options.schedule ?? defaultSchedule;
  const found = new Set<LinkElement>();
  let reported = -1;
  let pending: Node[] = [];
  let scheduled = false;
  let removed = false;

  const consider = (link: LinkElement) => {
    if (found.has(link)) return;
    const href = link.href;
    if (href && options.isMirrorable(href)) {
      found.add(link);
      options.onFound?.(link);
    }
  };

  const report = () => {
    for (const link of found) if (!link.isConnected) found.delete(link);
    if (found.size !== reported) {
      reported = found.size;
      options.onCount(reported);
    }
  };

  const flush = () => {
    scheduled = false;
    removed = false;
    const batch = pending;
    pending = [];
    for (const node of batch) {
      if (!node.isConnected) continue;
      if (isLink(node)) consider(node);
      else if (node instanceof Element) {
        for (const link of node.querySelectorAll<LinkElement>('a[href], area[href]'))
          consider(link);
      }
    }
    report();
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        // A changed href may turn a link into (or out of) a mirrorable one.
        if (isLink(record.target)) found.delete(record.target);
        pending.push(record.target);
      } else {
        for (const node of record.addedNodes) if (node.nodeType === 1) pending.push(node);
        // Removed links are dropped from the count in report(); nothing to scan.
        if (record.removedNodes.length) removed = true;
      }
    }
    if (!scheduled && (pending.length || removed)) {
      scheduled = true;
      schedule(flush);
    }
  });

  for (const link of Array.from(doc.links)) consider(link as LinkElement);
  report();
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href'],
  });
  return () => observer.disconnect();
}
