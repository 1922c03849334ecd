import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  imagesToKeep,
  isKeepableImage,
  MAX_IMAGE_BYTES,
  MAX_IMAGES,
  originPatterns,
} from '../../src/core/library/offline-images';
import { installFakeCaches } from '../helpers/fake-caches';
import { fakeBrowserStorage } from '../helpers/fake-storage';

const browserFake = fakeBrowserStorage();
installFakeCaches();
vi.mock('../../src/platform/api', () => ({ browser: browserFake }));

const library = await import('../../src/platform/library/library-db');
const images = await import('../../src/platform/library/library-images');

const location = { owner: 'o', repo: 'r', branch: 'main', path: 'pages/p/1.md' };
const id = 'o/r@main:pages/p/1.md';
const article = {
  url: 'https://www.example.org/a/1.html',
  location,
  mirrorUrl: 'https://github.com/o/r/blob/main/pages/p/1.md',
  text: '### 标题\n\n正文',
  title: '标题',
  source: null,
  published: null,
  originalUrl: null,
};
const png = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, n]);
const image = (n: number, type = 'image/png') => ({
  url: `https://img.example/${n}.png`,
  type,
  bytes: png(n),
});
const ctx = { incognito: false, keepLibrary: true, limit: 500 };

beforeEach(async () => {
  await library.clearLibrary();
});

describe('which images to keep', () => {
  it('takes http(s) images once each, in order, up to the cap', () => {
    expect(
      imagesToKeep([
        'https://a.example/1.jpg',
        null,
        'data:image/png;base64,AAAA',
        'javascript:alert(1)',
        'not a url',
        'http://b.example/2.jpg',
        'https://a.example/1.jpg',
      ]),
    ).toEqual(['https://a.example/1.jpg', 'http://b.example/2.jpg']);
    const many = Array.from({ length: 100 }, (_, i) => `https://a.example/${i}.jpg`);
    expect(imagesToKeep(many)).toHaveLength(MAX_IMAGES);
  });

  it('asks for the hosts of the images only, once each', () => {
    expect(
      originPatterns(['https://a.example/1.jpg', 'https://a.example/2.jpg', 'http://b.example/x']),
    ).toEqual(['https://a.example/*', 'http://b.example/*']);
  });

  it('keeps images only: an image type, not empty, not over the cap', () => {
    expect(isKeepableImage('image/jpeg', 10)).toBe(true);
    expect(isKeepableImage('IMAGE/PNG; charset=x', 10)).toBe(true);
    expect(isKeepableImage('text/html', 10)).toBe(false);
    expect(isKeepableImage(null, 10)).toBe(false);
    expect(isKeepableImage('image/png', 0)).toBe(false);
    expect(isKeepableImage('image/png', MAX_IMAGE_BYTES + 1)).toBe(false);
  });
});

describe('images kept with a saved article', () => {
  it('are kept sealed and come back by address, and only images are kept', async () => {
    await library.keepArticle(article, ctx);
    expect(await images.keepImages(id, [image(1), image(2), image(3, 'text/html')])).toBe(2);
    const kept = await images.keptImages(id, [image(1).url, image(2).url, image(3).url]);
    expect([...kept.keys()]).toEqual([image(1).url, image(2).url]);
    const blob = kept.get(image(2).url)!;
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(png(2));
    // The storage figures count them.
    const withImages = (await library.libraryUsage()).bytes;
    await library.removeArticle(id);
    await library.keepArticle(article, ctx);
    expect((await library.libraryUsage()).bytes).toBe(withImages - 2 * png(0).length);
  });

  it('are not kept for an article the library does not hold', async () => {
    expect(await images.keepImages(id, [image(1)])).toBe(0);
    await library.keepArticle(article, ctx);
    expect((await images.keptImages(id, [image(1).url])).size).toBe(0);
  });

  it('go with their article: deleted, evicted or cleared', async () => {
    await library.keepArticle(article, ctx);
    await images.keepImages(id, [image(1)]);
    await library.removeArticle(id);
    await library.keepArticle(article, ctx);
    expect((await images.keptImages(id, [image(1).url])).size).toBe(0);

    await images.keepImages(id, [image(1)]);
    const other = { ...article, location: { ...location, path: 'pages/p/2.md' } };
    await library.keepArticle(other, { ...ctx, limit: 1, now: Date.now() + 1000 });
    expect(await library.listArticles()).toHaveLength(1);
    expect((await images.keptImages(id, [image(1).url])).size).toBe(0);
  });
});
