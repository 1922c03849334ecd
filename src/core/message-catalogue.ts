/**
 * Our own reading of a `_locales/<locale>/messages.json` file, as the browser's i18n does it:
 * the fallback when `i18n.getMessage` answers '' for every key. Chromium's renderer keeps one
 * copy of the extension's messages per process, asked of the browser synchronously on first
 * use and kept even when the answer came back empty; such a process then shows message keys
 * instead of text (seen once in the reader right after many worker stops).
 */

export interface CatalogueEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export type Catalogue = Record<string, CatalogueEntry>;

/**
 * The locale the browser would pick for `language` (a BCP 47 tag such as `zh-TW`): the exact
 * one, else its language alone, else the default. Chromium does not map zh-HK to zh_TW.
 */
export function catalogueLocale(
  language: string,
  shipped: readonly string[],
  defaultLocale: string,
): string {
  const exact = language.replace('-', '_');
  const [base = ''] = exact.split('_');
  const found = shipped.find((l) => l.toLowerCase() === exact.toLowerCase());
  return found ?? shipped.find((l) => l.toLowerCase() === base.toLowerCase()) ?? defaultLocale;
}

/** Entries of a parsed messages.json, keeping only well-formed ones. */
export function readCatalogue(raw: unknown): Catalogue {
  const catalogue: Catalogue = {};
  if (typeof raw !== 'object' || raw === null) return catalogue;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const entry = value as Partial<CatalogueEntry> | null;
    if (typeof entry?.message !== 'string') continue;
    const placeholders: Record<string, { content: string }> = {};
    for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
      if (typeof p?.content === 'string') placeholders[name.toLowerCase()] = { content: p.content };
    }
    catalogue[key.toLowerCase()] = { message: entry.message, placeholders };
  }
  return catalogue;
}

/**
 * The message with its named placeholders (`$DATE$`) replaced by their content, then `$1`…`$9`
 * by the substitutions and `$$` by `$`; '' for an unknown key, as getMessage answers.
 */
export function formatMessage(
  catalogue: Catalogue,
  key: string,
  substitutions: string | readonly string[] = [],
): string {
  const entry = catalogue[key.toLowerCase()];
  if (!entry) return '';
  const subs = typeof substitutions === 'string' ? [substitutions] : substitutions;
  const named = entry.message.replace(
    /\$([A-Za-z0-9_@]+)\$/g,
    (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole,
  );
  return named.replace(/\$(\$|[1-9])/g, (_, d: string) =>
    d === '$' ? '$' : (subs[Number(d) - 1] ?? ''),
  );
}
