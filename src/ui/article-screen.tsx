import { useEffect, useState } from 'preact/hooks';
import type { Article } from '../core/article';
import { extractArticle } from '../core/extract/extract-article';
import { matchUrl } from '../core/match';
import type { FetchedPage } from '../core/messages';
import { builtinSources } from '../core/sources/builtin';
import { browser } from '../platform/api';
import { send } from '../platform/messaging';
import { readerUrlFor } from '../platform/reader-address';
import { getSettings, onFetchProgress, updateSettings } from '../platform/storage';
import { ArticleView } from './article-view';
import { describeFailure, type Failure } from './failure';
import { t, uiLocale } from './i18n';
import { SharePanel } from './share-panel';

type State =
  | { kind: 'loading'; slow: boolean; host?: string }
  | { kind: 'ready'; page: FetchedPage; article: Article }
  | { kind: 'failed'; failure: Failure };

/** After this long a loading article says which endpoint it is trying. */
const SLOW_MS = 1500;

export function ArticleScreen({
  url,
  mode,
  onOpenArticle,
  onReady,
  incognito = false,
}: {
  url: string;
  mode: 'popup' | 'reader';
  /** Read for an incognito tab: the background stores nothing of it. */
  incognito?: boolean;
  onOpenArticle(url: string): void;
  /** Called once the article is shown, with its title. */
  onReady?(title: string): void;
}) {
  const [state, setState] = useState<State>({ kind: 'loading', slow: false });
  const [attempt, setAttempt] = useState(0);
  const [fontSize, setFontSize] = useState<number | null>(null);
  const [loadImages, setLoadImages] = useState(false);

  useEffect(() => {
    void getSettings().then((s) => setFontSize(s.fontSize));
  }, []);

  useEffect(
    () =>
      onFetchProgress(({ host }) => setState((s) => (s.kind === 'loading' ? { ...s, host } : s))),
    [],
  );

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading', slow: false });
    const slow = setTimeout(() => {
      if (live) setState((s) => (s.kind === 'loading' ? { ...s, slow: true } : s));
    }, SLOW_MS);
    void (async () => {
      try {
        const page = await send('fetchArticle', { url, ...(incognito && { incognito }) });
        const article = extractArticle(page.text, window, { location: page.location });
        if (live) setState({ kind: 'ready', page, article });
      } catch (error) {
        if (live) setState({ kind: 'failed', failure: describeFailure(error) });
      } finally {
        clearTimeout(slow);
      }
    })();
    return () => {
      live = false;
      clearTimeout(slow);
    };
  }, [url, attempt]);

  const readyTitle = state.kind === 'ready' ? state.article.title : null;
  useEffect(() => {
    if (readyTitle !== null) onReady?.(readyTitle);
  }, [readyTitle]);

  if (state.kind === 'loading') {
    return (
      <div class="skeleton" data-testid="article-loading" aria-busy="true">
        <div class="skeleton-line skeleton-title" />
        <div class="skeleton-line" />
        <div class="skeleton-line" />
        <p class="status" data-testid="loading-status">
          {state.slow && state.host ? t('loadingVia', state.host) : t('loading')}
        </p>
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div class="failure" data-testid="article-failed" data-code={state.failure.code} role="alert">
        <p>{state.failure.message}</p>
        {state.failure.details.length > 0 && (
          <ul class="failure-details" data-testid="failure-details">
            {state.failure.details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        <div class="actions">
          {state.failure.retry && (
            <button type="button" data-testid="retry" onClick={() => setAttempt((n) => n + 1)}>
              {t('retry')}
            </button>
          )}
          {matchUrl(url) && (
            <a href={url} target="_blank" rel="noopener noreferrer" data-testid="open-original">
              {t('openOriginal')}
            </a>
          )}
        </div>
      </div>
    );
  }

  const { article, page } = state;
  const source = article.source ? builtinSources.find((s) => s.id === article.source) : undefined;
  const sourceName = source ? source.name[uiLocale()] : null;
  const byline = [sourceName, article.published].filter(Boolean).join(' · ');
  const originalUrl = article.originalUrl ?? (matchUrl(url) ? url : null);

  return (
    <div class={`article-screen article-screen-${mode}`}>
      <aside class="article-aside">
        <SharePanel
          target={{
            title: article.title,
            byline,
            mirrorUrl: page.mirrorUrl,
            fileStem: page.location.path.split('/').pop()?.replace(/\.md$/, '') ?? 'article',
          }}
        />
        <nav class="actions" aria-label={t('articleActions')}>
          {/* An incognito tab cannot show the reader (it would open in a normal window). */}
          {mode === 'popup' && !incognito && (
            <button
              type="button"
              data-testid="open-reader"
              onClick={() =>
                void readerUrlFor(url).then((reader) => browser.tabs.create({ url: reader }))
              }
            >
              {t('openInReader')}
            </button>
          )}
          {originalUrl && (
            <a
              href={originalUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="open-original"
            >
              {t('openOriginal')}
            </a>
          )}
          <a
            href={page.mirrorUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="open-mirror"
          >
            {t('openMirror')}
          </a>
        </nav>
      </aside>
      {fontSize !== null && (
        <ArticleView
          article={article}
          sourceName={sourceName}
          fontSize={fontSize}
          onFontSize={(size) => {
            setFontSize(size);
            void updateSettings({ fontSize: size });
          }}
          loadImages={loadImages}
          onLoadImages={() => setLoadImages(true)}
          onLinkClick={(href, event) => {
            if (matchUrl(href)) {
              event.preventDefault();
              onOpenArticle(href);
            }
          }}
        />
      )}
    </div>
  );
}
