/**
 * git's blob id: SHA-1 of `blob <size>\0` + bytes, with Web Crypto (the service worker, pages
 * and Node all have `crypto.subtle`). What a fetched page is checked against.
 */

export async function gitBlobSha(bytes: Uint8Array): Promise<string> {
  const header = new TextEncoder().encode(`blob ${bytes.length}\0`);
  const all = new Uint8Array(header.length + bytes.length);
  all.set(header);
  all.set(bytes, header.length);
  const digest = await crypto.subtle.digest('SHA-1', all);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function textBlobSha(text: string): Promise<string> {
  return gitBlobSha(new TextEncoder().encode(text));
}

/**
 * Whether `text` is the blob `sha`. A body read as text has lost a UTF-8 byte-order mark, and
 * github.com's page gives the lines without the final newline or CRs: those spellings count too.
 */
export async function textMatchesBlob(text: string, sha: string, size: number): Promise<boolean> {
  const crlf = text.replace(/\r?\n/g, '\r\n');
  const variants = [text, `${text}\n`, `\uFEFF${text}`, crlf, `${crlf}\r\n`];
  for (const variant of variants) {
    const bytes = new TextEncoder().encode(variant);
    if (bytes.length === size && (await gitBlobSha(bytes)) === sha) return true;
  }
  return false;
}
