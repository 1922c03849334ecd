/**
 * The library (or one article) as a file the user keeps, and back. Both forms carry every
 * entry whole, so an import restores exactly what was exported:
 * - Markdown: per article a comment line with its details (and its page's length), then the
 *   mirror page itself, which is Markdown;
 * - HTML: a self-contained page to read (no script runs, no image or other request leaves
 *   it) with the entries as JSON in a `<script type="application/json">` block.
 */
import { parseEntry, type LibraryEntry } from './entry';

const MD_HEAD = '<!-- mirror-reader-article ';
const MD_TAIL = ' -->';
const HTML_DATA_ID = 'mirror-reader-library';

export function libraryToMarkdown(entries: readonly LibraryEntry[]): string {
  return entries
    .map(({ text, ...details }) => {
      const head = JSON.stringify({ ...details, chars: text.length });
      return `${MD_HEAD}${head}${MD_TAIL}\n${text}\n\n`;
    })
    .join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * `renderBody` gives an entry's article body as safe HTML without requests (the caller
 * extracts and sanitizes the page where a DOM exists).
 */
export function libraryToHtml(
  entries: readonly LibraryEntry[],
  renderBody: (entry: LibraryEntry) => string,
  title: string,
): string {
  // `<` escaped: the JSON cannot close its script block or open a comment.
  const data = JSON.stringify(entries).replace(/</g, '\\u003c');
  const articles = entries
    .map((e) => {
      const byline = [e.source, e.published].flatMap((s) => (s ? [escapeHtml(s)] : []));
      return `<article>\n<h1>${escapeHtml(e.title)}</h1>\n<p class="byline">${byline.join(' · ')}</p>\n<p class="byline">${escapeHtml(e.mirrorUrl)}</p>\n${renderBody(e)}\n</article>`;
    })
    .join('\n<hr>\n');
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{max-width:40em;margin:2em auto;padding:0 1em;font:18px/1.8 system-ui,sans-serif}.byline{color:#666;font-size:14px}</style>
</head>
<body>
${articles}
<script type="application/json" id="${HTML_DATA_ID}">${data}</script>
</body>
</html>
`;
}

export type LibraryImport =
  | { ok: true; entries: LibraryEntry[] }
  | { ok: false; reason: 'not-an-export' | 'bad-entry'; index?: number };

function checkAll(raw: unknown[]): LibraryImport {
  const entries: LibraryEntry[] = [];
  for (const [index, item] of raw.entries()) {
    const parsed = parseEntry(item);
    if (!parsed.ok) return { ok: false, reason: 'bad-entry', index };
    entries.push(parsed.entry);
  }
  return entries.length > 0 ? { ok: true, entries } : { ok: false, reason: 'not-an-export' };
}

function fromHtml(text: string): unknown[] | null {
  const open = `<script type="application/json" id="${HTML_DATA_ID}">`;
  const start = text.indexOf(open);
  const end = text.indexOf('</script>', start);
  if (start < 0 || end < 0) return null;
  try {
    const data: unknown = JSON.parse(text.slice(start + open.length, end));
    return Array.isArray(data) ? data : null;
  } catch {
    return null;
  }
}

function fromMarkdown(text: string): unknown[] | null {
  const items: unknown[] = [];
  let at = 0;
  while (at < text.length) {
    if (!text.startsWith(MD_HEAD, at)) return null;
    const lineEnd = text.indexOf(`${MD_TAIL}\n`, at);
    if (lineEnd < 0) return null;
    let head: { chars?: unknown } & Record<string, unknown>;
    try {
      head = JSON.parse(text.slice(at + MD_HEAD.length, lineEnd)) as typeof head;
    } catch {
      return null;
    }
    const { chars, ...details } = head;
    if (typeof chars !== 'number' || !Number.isInteger(chars) || chars < 0) return null;
    const bodyStart = lineEnd + MD_TAIL.length + 1;
    items.push({ ...details, text: text.slice(bodyStart, bodyStart + chars) });
    at = bodyStart + chars;
    if (text.startsWith('\n\n', at)) at += 2;
    else return null;
  }
  return items;
}

/** Entries from an export file of either form; nothing when any entry is not whole. */
export function parseLibraryExport(text: string): LibraryImport {
  const raw = text.startsWith(MD_HEAD) ? fromMarkdown(text) : fromHtml(text);
  return raw ? checkAll(raw) : { ok: false, reason: 'not-an-export' };
}
