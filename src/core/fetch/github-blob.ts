/**
 * Text of a file from github.com's HTML, parsed without a DOM (the service worker has none).
 * github.com's `/raw/` route redirects to raw.githubusercontent.com, which is blocked where
 * github.com is not, so the blob page itself must give the text. Neither page shape is
 * guaranteed: every step returns null rather than throwing when the shape differs.
 */

const EMBEDDED_DATA = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** The file's lines from a blob page's embedded JSON (2025–26 and older shapes). */
export function extractBlobText(html: string): string | null {
  for (const match of html.matchAll(EMBEDDED_DATA)) {
    const attributes = match[1] ?? '';
    if (!/data-target\s*=\s*["']?react-app\.embeddedData/i.test(attributes)) continue;
    let data: unknown;
    try {
      data = JSON.parse(match[2] ?? '');
    } catch {
      continue;
    }
    const lines = rawLinesOf(data);
    if (lines) return lines.join('\n');
  }
  return null;
}

/**
 * The file's text from the `?plain=1` view: embedded JSON again, the code view's read-only
 * textarea, or the older table of `LC<n>` cells.
 */
export function extractPlainViewText(html: string): string | null {
  const embedded = extractBlobText(html);
  if (embedded !== null) return embedded;
  const textarea =
    /<textarea\b[^>]*\bid\s*=\s*["']read-only-cursor-text-area["'][^>]*>([\s\S]*?)<\/textarea\s*>/i.exec(
      html,
    );
  if (textarea) return decodeHtmlEntities(textarea[1] ?? '');
  const cells = [
    ...html.matchAll(/<td\b[^>]*\bid\s*=\s*["']LC(\d+)["'][^>]*>([\s\S]*?)<\/td\s*>/gi),
  ];
  if (cells.length === 0) return null;
  return cells
    .map((cell) => ({ n: Number(cell[1]), text: cell[2] ?? '' }))
    .sort((a, b) => a.n - b.n)
    .map((cell) => decodeHtmlEntities(cell.text.replace(/<[^>]*>/g, '')))
    .join('\n');
}

function rawLinesOf(data: unknown): string[] | null {
  const payload = field(data, 'payload');
  return (
    stringArray(field(field(payload, 'codeViewBlobLayoutRoute.StyledBlob'), 'rawLines')) ??
    stringArray(field(field(payload, 'blob'), 'rawLines')) ??
    // A later rename of the wrapper: take any `rawLines` array, not too deep.
    findRawLines(data, 6)
  );
}

function findRawLines(value: unknown, depth: number): string[] | null {
  if (depth < 0 || typeof value !== 'object' || value === null) return null;
  const direct = stringArray(field(value, 'rawLines'));
  if (direct) return direct;
  for (const child of Object.values(value)) {
    const found = findRawLines(child, depth - 1);
    if (found) return found;
  }
  return null;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function stringArray(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((line) => typeof line === 'string')
    ? (value as string[])
    : null;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
