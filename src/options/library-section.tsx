/** The library: recently read with pin, export and delete; export all, import an export. */
import { useState } from 'preact/hooks';
import type { LibraryEntry, LibrarySummary } from '../core/library/entry';
import { parseLibraryExport } from '../core/library/export';
import { browser } from '../platform/api';
import { readerUrlFor } from '../platform/reader-address';
import {
  clearLibrary,
  getArticle,
  listArticles,
  pinArticle,
  removeArticle,
  restoreArticles,
} from '../platform/library/library-db';
import { t } from '../ui/i18n';
import { RecentList } from '../ui/recent-list';
import { readFileText, today } from './download';
import { exportEntries, restoreImages } from './library-files';

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
    await restoreImages(text, result.entries).catch(() => 0);
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
        onOpen={(url) =>
          void readerUrlFor(url).then((reader) => browser.tabs.create({ url: reader }))
        }
      />
    </section>
  );
}
