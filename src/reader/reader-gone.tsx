import { useEffect, useState } from 'preact/hooks';
import { builtinSources } from '../core/sources/builtin';
import type { Source } from '../core/sources/types';
import { browser } from '../platform/api';
import { getActiveSources } from '../platform/settings-store';
import { t } from '../ui/i18n';
import { PasteForm } from '../ui/paste-form';

/**
 * A private reader tab whose article this browser session no longer knows (restored after a
 * restart, or forgotten): a neutral page that names nothing, with a way on.
 */
export function ReaderGone({ onOpen }: { onOpen(url: string): void }) {
  // The user's own sources count too; storage unreadable leaves the built-in ones.
  const [sources, setSources] = useState<readonly Source[]>(builtinSources);
  useEffect(() => {
    void getActiveSources().then(setSources, () => undefined);
  }, []);
  return (
    <main data-testid="reader" class="reader-empty">
      <h1>{t('readerTitle')}</h1>
      <p data-testid="reader-gone">{t('readerGone')}</p>
      <PasteForm sources={sources} onOpen={onOpen} />
      <p>
        <button
          type="button"
          data-testid="open-options"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('readerGoneOptions')}
        </button>
      </p>
    </main>
  );
}
