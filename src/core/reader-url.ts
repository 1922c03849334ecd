/** The reader page's address inside the extension: `reader.html?url=<original or mirror>`. */

export const READER_PAGE = 'reader.html';

/** Path relative to the extension root; `share` opens it on its share panel. */
export function readerPath(url: string, options: { share?: boolean } = {}): string {
  return `${READER_PAGE}?url=${encodeURIComponent(url)}${options.share ? '#share' : ''}`;
}

/** The article URL a reader address shows, or null when it is not a reader address. */
export function readerTarget(address: string, extensionOrigin: string): string | null {
  if (!address.startsWith(extensionOrigin)) return null;
  try {
    const url = new URL(address);
    if (url.pathname !== `/${READER_PAGE}`) return null;
    return url.searchParams.get('url');
  } catch {
    return null;
  }
}
