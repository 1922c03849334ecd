/**
 * The `markLinks` setting alone, for the content script: importing schema.ts would bundle
 * every setting's defaults and checks with it (their top-level code is kept by the bundler).
 * Off by default: a dot on a page shows anyone who sees the screen that the extension is there.
 */
export const MARK_LINKS_DEFAULT = false;

/** The `markLinks` item as stored, normalized: all the content script reads. */
export function markLinksOf(raw: unknown): boolean {
  return typeof raw === 'boolean' ? raw : MARK_LINKS_DEFAULT;
}
