/** What the cache and the library take; clear the cache; reset the settings (asked first). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { cacheUsage, clearCache } from '../platform/cache-db';
import { libraryUsage } from '../platform/library/library-db';
import { resetSettings } from '../platform/settings-store';
import { t } from '../ui/i18n';
import type { SettingsApi } from './use-settings';

const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(bytes < 100_000 ? 2 : 1);

export function StorageSection({ api, revision }: { api: SettingsApi; revision: number }) {
  const [usage, setUsage] = useState<{ cache: string; library: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  // The button pressed goes away: keyboard focus moves to the safe answer, and back after.
  const cancel = useRef<HTMLButtonElement>(null);
  const reset = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) asked.current = true;
    if (asked.current) (confirming ? cancel : reset).current?.focus();
  }, [confirming]);
  const load = async () => {
    const [cache, library] = await Promise.all([cacheUsage(), libraryUsage()]);
    setUsage({
      cache: t('usageCache', [megabytes(cache.bytes), String(cache.entries)]),
      library: t('usageLibrary', [megabytes(library.bytes), String(library.articles)]),
    });
  };
  useEffect(() => void load(), [revision]);

  return (
    <section id="storage" aria-labelledby="storage-heading" data-testid="storage">
      <h2 id="storage-heading">{t('sectionStorage')}</h2>
      <p data-testid="usage-cache">{usage?.cache ?? t('loading')}</p>
      <p data-testid="usage-library">{usage?.library ?? ''}</p>
      <div class="actions">
        <button
          type="button"
          data-testid="clear-cache"
          onClick={() =>
            void clearCache()
              .then(load)
              .then(() => api.setNotice(t('cacheCleared')))
          }
        >
          {t('clearCache')}
        </button>
        {!confirming ? (
          <button
            type="button"
            ref={reset}
            data-testid="reset-settings"
            onClick={() => setConfirming(true)}
          >
            {t('resetSettings')}
          </button>
        ) : (
          <span role="group" aria-label={t('resetSettingsConfirm')}>
            {t('resetSettingsConfirm')}{' '}
            <button
              type="button"
              data-testid="reset-confirm"
              onClick={() => {
                setConfirming(false);
                void api.apply(resetSettings());
              }}
            >
              {t('resetSettingsYes')}
            </button>{' '}
            <button
              type="button"
              ref={cancel}
              data-testid="reset-cancel"
              onClick={() => setConfirming(false)}
            >
              {t('cancel')}
            </button>
          </span>
        )}
      </div>
    </section>
  );
}
