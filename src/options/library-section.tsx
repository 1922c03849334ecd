/** The library: recently read with pin, export and delete; export all, import an export. */
import { useState } from 'preact/hooks';
import { extractArticle } from '../core/extract/extract-article';
import type { LibraryEntry, LibrarySummary } from '../core/library/entry';
import { libraryToHtml, libraryToMarkdown, parseLibraryExport } from '../core/library/export';
import { imagesToKeep } from '../core/library/offline-images';
import { readerPath } from '../core/pages/reader-url';
import { browser } from '../platform/api';
import {
  clearLibrary,
  getArticle,
  listArticles,
  pinArticle,
  removeArticle,
  restoreArticles,
} from '../platform/library/library-db';
import { keptImages } from '../platform/library/library-images';
import { t } from '../ui/i18n';
import { RecentList } from '../ui/recent-list';
import { downloadText, readFileText, today } from './download';

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
      const data = kept.get(img.getAttribute('src') ?? '');
      if (data) {
        img.setAttribute('src', data);
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
      doc.body.prepend(img);
    }
    return doc.body.innerHTML;
  } catch {
    return '';
  }
}

async function exportEntries(entries: LibraryEntry[], format: 'md' | 'html', name: string) {
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

async function fullEntries(summaries: LibrarySummary[]): Promise<LibraryEntry[]> {
  const all = await Promise.all(summaries.map((s) => getArticle(s.id)));
  return all.filter((e): e is LibraryEntry => e !== undefined);
}

export function LibrarySection({ onChange }: { onChange(): void }) {
  const [revision, setRevision] = useState(0);
  const [notice, setNotice] = useState('');
  const changed = () => {
    setRevision((n) => n + 1);
    onChange();
  };

  async function importText(text: string | null) {
    if (text === null) return;
    const result = parseLibraryExport(text);
    if (!result.ok) return setNotice(t('libraryImportFailed'));
    await restoreArticles(result.entries);
    setNotice(t('libraryImported', String(result.entries.length)));
    changed();
  }

  const actions = (entry: LibrarySummary, refresh: () => void) => (
    <span class="entry-actions">
      <button
        type="button"
        data-testid="recent-pin"
        aria-pressed={entry.pinned}
        onClick={() => void pinArticle(entry.id, !entry.pinned).then(refresh)}
      >
        {entry.pinned ? t('unpin') : t('pin')}
      </button>
      {(['md', 'html'] as const).map((format) => (
        <button
          type="button"
          key={format}
          data-testid={`recent-export-${format}`}
          onClick={() =>
            void fullEntries([entry]).then((e) => exportEntries(e, format, `article-${today()}`))
          }
        >
          {format === 'md' ? t('exportMarkdown') : t('exportHtml')}
        </button>
      ))}
      <button
        type="button"
        data-testid="recent-delete"
        aria-label={t('deleteNamed', entry.title)}
        onClick={() => void removeArticle(entry.id).then(changed)}
      >
        {t('delete')}
      </button>
    </span>
  );

  return (
    <section id="library" aria-labelledby="library-heading" data-testid="library">
      <h2 id="library-heading">{t('sectionLibrary')}</h2>
      <div class="actions">
        {(['md', 'html'] as const).map((format) => (
          <button
            type="button"
            key={format}
            data-testid={`library-export-${format}`}
            onClick={() =>
              void listArticles()
                .then(fullEntries)
                .then((e) => exportEntries(e, format, `mirror-reader-library-${today()}`))
            }
          >
            {format === 'md' ? t('exportLibraryMarkdown') : t('exportLibraryHtml')}
          </button>
        ))}
        <label class="file-button">
          {t('libraryImport')}
          <input
            type="file"
            accept=".md,.html,text/markdown,text/html"
            data-testid="library-import"
            onChange={(e) => void readFileText(e.currentTarget).then(importText)}
          />
        </label>
        <button
          type="button"
          data-testid="library-clear"
          onClick={() => void clearLibrary().then(changed)}
        >
          {t('libraryClear')}
        </button>
      </div>
      {notice && (
        <p role="status" data-testid="library-notice">
          {notice}
        </p>
      )}
      <RecentList
        revision={revision}
        actions={actions}
        onOpen={(url) => void browser.tabs.create({ url: browser.runtime.getURL(readerPath(url)) })}
      />
    </section>
  );
}
