/**
 * What the user is looking at, from the tab's address alone: one table, tried in order, the
 * first row that recognises the address wins. The popup (and anything else that must know)
 * asks here. Pure: extension pages are told apart by the extension's origin, passed in.
 *
 * Pages of our own (the reader tab; the options' "recently read" list once #13 adds it) do
 * not say in their address which article they show for good: the reader's address will
 * become an opaque id (#17). So they are only classified here, and their article is asked of
 * the background (message `pageArticle`), the one place that knows.
 */
import { matchUrl } from '../match/match';
import { parseMirrorUrl } from '../match/mirror-url';
import { READER_PAGE } from './reader-url';
import type { MirrorLocation } from '../sources/types';

export type MirrorView = 'github-blob' | 'github-raw' | 'raw' | 'jsdelivr';

export type PageKind =
  /** An article of a blocked site, loaded or failed (a tab on Chromium's error page shows its URL). */
  | { kind: 'original'; article: string }
  /** A mirror page on one of the endpoints. */
  | { kind: 'mirror'; article: string; view: MirrorView; location: MirrorLocation }
  /** Our reader tab: which article it shows is asked of the background. */
  | { kind: 'reader'; address: string }
  /** Another page of ours (hook for #13's "recently read"): asked of the background too. */
  | { kind: 'extension'; address: string }
  /** Chromium's own error page, when its failed URL is hidden: the worker saw what failed. */
  | { kind: 'browser-error' }
  | { kind: 'other' };

export type PageKindName = PageKind['kind'];

interface Row {
  kind: PageKindName;
  recognise(address: string, extensionOrigin: string): PageKind | null;
}

function mirrorView(address: string): MirrorView {
  const url = new URL(address);
  if (url.hostname.endsWith('jsdelivr.net')) return 'jsdelivr';
  if (url.hostname === 'raw.githubusercontent.com') return 'raw';
  return url.pathname.split('/')[3] === 'raw' ? 'github-raw' : 'github-blob';
}

function ownPage(address: string, origin: string): URL | null {
  if (origin === '' || !address.startsWith(origin)) return null;
  try {
    return new URL(address);
  } catch {
    return null;
  }
}

/** The table: order matters only where two rows could both recognise an address (none today). */
export const PAGE_KINDS: readonly Row[] = [
  {
    kind: 'reader',
    recognise: (address, origin) =>
      ownPage(address, origin)?.pathname === `/${READER_PAGE}` ? { kind: 'reader', address } : null,
  },
  {
    // #13: the library page lands here; its article is resolved by the `pageArticle` handler.
    kind: 'extension',
    recognise: (address, origin) =>
      ownPage(address, origin) ? { kind: 'extension', address } : null,
  },
  {
    kind: 'browser-error',
    recognise: (address) =>
      address.startsWith('chrome-error://') ? { kind: 'browser-error' } : null,
  },
  {
    kind: 'mirror',
    recognise: (address) => {
      const location = parseMirrorUrl(address);
      return location
        ? { kind: 'mirror', article: address, view: mirrorView(address), location }
        : null;
    },
  },
  {
    kind: 'original',
    recognise: (address) => (matchUrl(address) ? { kind: 'original', article: address } : null),
  },
];

/** The kind of page at `address`; `extensionOrigin` is `runtime.getURL('')`. Never throws. */
export function pageKind(address: string | undefined, extensionOrigin: string): PageKind {
  if (typeof address !== 'string' || address === '') return { kind: 'other' };
  for (const row of PAGE_KINDS) {
    const kind = row.recognise(address, extensionOrigin);
    if (kind) return kind;
  }
  return { kind: 'other' };
}

/** The article URL a page shows when its address alone says so (originals and mirror pages). */
export function articleOf(kind: PageKind): string | null {
  return kind.kind === 'original' || kind.kind === 'mirror' ? kind.article : null;
}
