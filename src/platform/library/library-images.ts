/**
 * Images kept with a saved article, on the user's request: sealed like the rest of the
 * library, keyed by the entry's tag and the image URL's tag, and deleted with the entry.
 */
import { isKeepableImage } from '../../core/library/offline-images';
import { isSealed, seal, tagOf, unsealBytes, type Sealed } from '../../core/library/seal';
import { openLibrary } from './library-db';
import { existingLibraryKeys, libraryKeysToSeal } from './library-key';
import { IMAGES, imagesOf, RECORDS } from './library-stores';

export interface ImageToKeep {
  url: string;
  type: string;
  bytes: Uint8Array<ArrayBuffer>;
}

interface StoredImage {
  type: string;
  bytes: number;
  data: Sealed;
}

/**
 * Keeps images with the saved article `entryId`; how many were kept (none when the article
 * is no longer saved, or an image is not one).
 */
export async function keepImages(entryId: string, images: readonly ImageToKeep[]): Promise<number> {
  const keys = await libraryKeysToSeal();
  const entry = await tagOf(keys, entryId);
  const sealed = await Promise.all(
    images
      .filter((image) => isKeepableImage(image.type, image.bytes.byteLength))
      .map(async ({ url, type, bytes }) => {
        const key = `${entry}/${await tagOf(keys, url)}`;
        const value: StoredImage = {
          type,
          bytes: bytes.byteLength,
          data: await seal(keys, bytes, `${key}:image`),
        };
        return { key, value };
      }),
  );
  const tx = (await openLibrary()).transaction([RECORDS, IMAGES], 'readwrite');
  // Deleted (or evicted) meanwhile: its images are not kept alone.
  const saved = (await tx.objectStore(RECORDS).getKey(entry)) !== undefined;
  if (saved) for (const { key, value } of sealed) await tx.objectStore(IMAGES).put(value, key);
  await tx.done;
  return saved ? sealed.length : 0;
}

/** The images kept for `entryId` among `urls`, as blobs by URL. */
export async function keptImages(
  entryId: string,
  urls: readonly string[],
): Promise<Map<string, Blob>> {
  const found = new Map<string, Blob>();
  const keys = await existingLibraryKeys();
  if (!keys || urls.length === 0) return found;
  const entry = await tagOf(keys, entryId);
  const tx = (await openLibrary()).transaction(IMAGES);
  const [storedKeys, stored] = await Promise.all([
    tx.store.getAllKeys(imagesOf(entry)),
    tx.store.getAll(imagesOf(entry)) as Promise<StoredImage[]>,
  ]);
  const byKey = new Map(storedKeys.map((key, i) => [String(key), stored[i]]));
  for (const url of urls) {
    const key = `${entry}/${await tagOf(keys, url)}`;
    const image = byKey.get(key);
    // A damaged image is skipped: the article shows it held, as if never kept.
    if (!image || !isSealed(image.data) || typeof image.type !== 'string') continue;
    const bytes = await unsealBytes(keys, image.data, `${key}:image`);
    if (bytes) found.set(url, new Blob([bytes], { type: image.type }));
  }
  return found;
}
