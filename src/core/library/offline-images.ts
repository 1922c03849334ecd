/**
 * Images kept with a saved article when the user asks ("keep its images for offline
 * reading"): which ones, from which hosts the extension must be allowed to read them, and
 * which answers are images worth keeping. Nothing here fetches.
 */

/** At most this many images per article, each at most this big. */
export const MAX_IMAGES = 40;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The http(s) image addresses of an article, once each, in order, at most MAX_IMAGES. */
export function imagesToKeep(urls: readonly (string | null | undefined)[]): string[] {
  const kept: string[] = [];
  for (const raw of urls) {
    if (!raw) continue;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
    if (!kept.includes(url.href)) kept.push(url.href);
    if (kept.length === MAX_IMAGES) break;
  }
  return kept;
}

/** Host permission patterns that cover `urls` (one per origin), as `permissions` takes them. */
export function originPatterns(urls: readonly string[]): string[] {
  return [...new Set(urls.map((u) => `${new URL(u).origin}/*`))];
}

/** Whether an answer is an image to keep: an image type, not empty, not over the cap. */
export function isKeepableImage(contentType: string | null, bytes: number): boolean {
  const [type = ''] = (contentType ?? '').split(';');
  return type.trim().toLowerCase().startsWith('image/') && bytes > 0 && bytes <= MAX_IMAGE_BYTES;
}

/**
 * Of granted host patterns, those the extension was given for images on request: all but the
 * manifest's own hosts. Each is a line in the browser's preferences naming a site the user
 * read about, so it is given back once the images are read, and by "Forget everything".
 */
export function grantedForImages(
  granted: readonly string[],
  required: readonly string[],
): string[] {
  return granted.filter((pattern) => !required.includes(pattern));
}
