/** "Recently read": the library newest first, searchable by title; opens without network. */
import { useEffect, useState } from 'preact/hooks';
import type { LibrarySummary } from '../core/library/entry';
import { listArticles } from '../platform/library/library-db';
import { t, uiLocale } from './i18n';
import './recent.css';

export function formatDate(at: number): string {
  return new Date(at).toLocaleDateString(uiLocale().replace('_', '-'));
}

export function RecentList(props: {
  onOpen(url: string): void;
  /** Shown at most; the search looks through all. */
  max?: number;
  /** Extra controls per entry (the options page: pin, export, delete). */
  actions?: (entry: LibrarySummary, refresh: () => void) => preact.ComponentChildren;
  /** Changes when the caller changed the library. */
  revision?: number;
}) {
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<LibrarySummary[] | null>(null);
  const refresh = () => void listArticles(query).then(setEntries, () => setEntries([]));
  useEffect(refresh, [query, props.revision]);
  if (entries === null) return null;
  const shown = props.max ? entries.slice(0, props.max) : entries;

  return (
    <section class="recent" data-testid="recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t('recentHeading')}</h2>
      <input
        type="search"
        data-testid="recent-search"
        aria-label={t('recentSearch')}
        placeholder={t('recentSearch')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {shown.length === 0 ? (
        <p class="hint" data-testid="recent-empty">
          {query ? t('recentNoMatch') : t('recentEmpty')}
        </p>
      ) : (
        <ul class="recent-list">
          {shown.map((entry) => (
            <li key={entry.id} data-testid="recent-item">
              <button
                type="button"
                class="link-button"
                data-testid="recent-open"
                onClick={() => props.onOpen(entry.urls[0] ?? entry.mirrorUrl)}
              >
                {entry.title}
              </button>
              <span class="muted">
                {' '}
                {formatDate(entry.openedAt)}
                {entry.pinned ? ` · ${t('pinned')}` : ''}
              </span>
              {props.actions?.(entry, refresh)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
