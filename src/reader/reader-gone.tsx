import { useState } from 'preact/hooks';
import { matchUrl } from '../core/match';
import { parseMirrorUrl } from '../core/mirror-url';
import { browser } from '../platform/api';
import { t } from '../ui/i18n';

/**
 * A private reader tab whose article this browser session no longer knows (restored after a
 * restart, or forgotten): a neutral page that names nothing, with a way on.
 */
export function ReaderGone({ onOpen }: { onOpen(url: string): void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  return (
    <main data-testid="reader" class="reader-empty">
      <h1>{t('readerTitle')}</h1>
      <p data-testid="reader-gone">{t('readerGone')}</p>
      <form
        class="paste"
        onSubmit={(event) => {
          event.preventDefault();
          const url = value.trim();
          if (matchUrl(url) || parseMirrorUrl(url)) onOpen(url);
          else setError(t('pasteNotMirrorable'));
        }}
      >
        <input
          type="url"
          data-testid="paste-input"
          placeholder={t('pastePlaceholder')}
          aria-label={t('pastePlaceholder')}
          value={value}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            setError('');
          }}
        />
        <button type="submit" data-testid="paste-open">
          {t('pasteOpen')}
        </button>
      </form>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
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
