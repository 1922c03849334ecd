/** "Paste a link": an original or a mirror page of any active source opens; anything else says why. */
import { useState } from 'preact/hooks';
import { matchUrl } from '../core/match/match';
import { parseMirrorUrl } from '../core/match/mirror-url';
import { articleOf, pageKind } from '../core/pages/page-kind';
import { builtinSources } from '../core/sources/builtin';
import type { Source } from '../core/sources/types';
import { t } from './i18n';

/** An original or a mirror page (of a built-in source or the user's): what can be shown. */
export function isArticleUrl(url: string, sources: readonly Source[] = builtinSources): boolean {
  return (
    articleOf(pageKind(url, '')) !== null ||
    matchUrl(url, sources) !== null ||
    parseMirrorUrl(url, sources) !== null
  );
}

export function PasteForm({
  sources,
  onOpen,
}: {
  sources: readonly Source[];
  onOpen(url: string): void;
}) {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  return (
    <>
      <form
        class="paste"
        onSubmit={(event) => {
          event.preventDefault();
          const url = value.trim();
          if (isArticleUrl(url, sources)) onOpen(url);
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
        <p class="notice notice-error" role="alert" data-testid="paste-error">
          {error}
        </p>
      )}
    </>
  );
}
