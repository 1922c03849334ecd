/**
 * The library as files: Markdown or a self-contained HTML page, the latter carrying the
 * images kept with each article as `data:` URIs (each marked with the address it was kept
 * from, so that an import keeps them again).
 */
import { extractArticle } from '../core/extract/extract-article';
import type { LibraryEntry } from '../core/library/entry';
import { libraryToHtml, libraryToMarkdown } from '../core/library/export';
import { imagesToKeep } from '../core/library/offline-images';
import { keepImages, keptImages, type ImageToKeep } from '../platform/library/library-images';
import { t } from '../ui/i18n';
import { downloadText } from './download';

/** On an exported image: the address it was kept from. */
const KEPT_FROM = 'data-kept-from';

/** `data:` URIs of the images kept with an entry, by address. */
async function keptAsData(entry: LibraryEntry, urls: readonly string[]) {
  const kept = await keptImages(entry.id, urls).catch(() => new Map<string, Blob>());
  const data = new Map<string, string>();
  for (const [url, blob] of kept) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    data.set(url, `data:${blob.type};base64,${btoa(binary)}`);
  }
  return data;
}

/**
 * The article (hero and body) without anything that would make a request when the file is
 * opened: images kept with it go in as `data:` URIs, every other medium is left out.
 */
async function offlineBody(entry: LibraryEntry): Promise<string> {
  try {
    const article = extractArticle(entry.text, window, { location: entry.location });
    const urls = imagesToKeep([article.hero?.src, ...article.images.map((i) => i.src)]);
    const kept = await keptAsData(entry, urls);
    const doc = new DOMParser().parseFromString(article.bodyHtml, 'text/html');
    for (const img of doc.querySelectorAll('img')) {
      const src = img.getAttribute('src') ?? '';
      const data = kept.get(src);
      if (data) {
        img.setAttribute('src', data);
        img.setAttribute(KEPT_FROM, src);
        img.removeAttribute('srcset');
      } else img.remove();
    }
    for (const el of doc.querySelectorAll('source,audio,video,iframe')) el.remove();
    for (const picture of doc.querySelectorAll('picture'))
      picture.replaceWith(...picture.childNodes);
    const heroData = article.hero && kept.get(article.hero.src);
    if (article.hero && heroData) {
      const img = doc.createElement('img');
      img.src = heroData;
      img.alt = article.hero.alt;
      img.setAttribute(KEPT_FROM, article.hero.src);
      doc.body.prepend(img);
    }
    return doc.body.innerHTML;
  } catch {
    return '';
  }
}

export async function exportEntries(entries: LibraryEntry[], format: 'md' | 'html', name: string) {
  if (format === 'md') {
    downloadText(`${name}.md`, libraryToMarkdown(entries), 'text/markdown');
  } else {
    const bodies = new Map(
      await Promise.all(entries.map(async (e) => [e.id, await offlineBody(e)] as const)),
    );
    const html = libraryToHtml(
      entries,
      (entry) => bodies.get(entry.id) ?? '',
      entries.length === 1 && entries[0] ? entries[0].title : t('recentHeading'),
    );
    downloadText(`${name}.html`, html, 'text/html');
  }
}

/** An image of an export, back to bytes; null when it is not a base64 `data:` image. */
function imageOf(img: Element): ImageToKeep | null {
  const url = img.getAttribute(KEPT_FROM) ?? '';
  const match = /^data:(image\/[\w.+-]+);base64,([A-Za-z0-9+/=]+)$/.exec(
    img.getAttribute('src') ?? '',
  );
  if (!match || !/^https?:\/\//.test(url)) return null;
  try {
    const binary = atob(match[2] ?? '');
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return { url, type: match[1] ?? '', bytes };
  } catch {
    return null;
  }
}

/**
 * Keeps again the images an HTML export carries, with the entries just restored from it (its
 * `<article>`s are in the same order); how many. A Markdown export carries none.
 */
export async function restoreImages(
  text: string,
  entries: readonly LibraryEntry[],
): Promise<number> {
  if (text.startsWith('<!--')) return 0;
  // Parsed inert: nothing in the file runs or loads.
  const doc = new DOMParser().parseFromString(text, 'text/html');
  const articles = [...doc.querySelectorAll('body > article')];
  let kept = 0;
  for (const [i, entry] of entries.entries()) {
    const images = [...(articles[i]?.querySelectorAll(`img[${KEPT_FROM}]`) ?? [])]
      .map(imageOf)
      .filter((image): image is ImageToKeep => image !== null);
    if (images.length > 0) kept += await keepImages(entry.id, images);
  }
  return kept;
}
