/**
 * Percent-decodes a URL pathname once. Encoded `/` and `\` stay encoded so that decoding
 * cannot create path segments the server would not see. Returns null for malformed
 * sequences (`%E4%B8`, `%zz`) instead of throwing.
 */
const ENCODED_SLASH = /%(?:2f|5c)/i;
const ENCODED_SLASHES = /%(2f|5c)/gi;

export function decodePathOnce(pathname: string): string | null {
  if (!pathname.includes('%')) return pathname;
  try {
    const keep = ENCODED_SLASH.test(pathname)
      ? pathname.replace(ENCODED_SLASHES, '%25$1')
      : pathname;
    return decodeURIComponent(keep);
  } catch {
    return null;
  }
}
