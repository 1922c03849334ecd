import { useEffect, useRef, useState } from 'preact/hooks';
import type { Article } from '../core/article';
import { entryId } from '../core/library/entry';
import { matchUrl } from '../core/match/match';
import type { FetchedPage } from '../core/messages';
import { defaultSettings, type Settings } from '../core/settings/schema';
import type { Source } from '../core/sources/types';
import { browser } from '../platform/api';
import { readerUrlFor } from '../platform/reader-address';
import { getSettings, onArticleArrived, onFetchProgress } from '../platform/storage';
import { FailureView, LoadingView } from './article-status';
import { ArticleView, type MediaMode } from './article-view';
import { describeFailure, type Failure } from './failure';
import { t, uiLocale } from './i18n';
import { OpenOriginalLink } from './open-original';
import { loadArticle } from './load-article';
import { useImageUrls, useKeptImages } from './reading/offline-images';
import { useReading } from './reading/use-reading';
import { SharePanel } from './share-panel';

type State =
  | { kind: 'loading'; seconds: number; host?: string }
  | { kind: 'ready'; page: FetchedPage; article: Article; savedAt?: number; sources: Source[] }
  | { kind: 'failed'; failure: Failure };

/** The worker ends a fetch at the deadline; if its answer is lost, the page ends the wait itself. */
const NO_ANSWER_GRACE_MS = 5_000;

function timeoutError(): Error {
  return Object.assign(new Error('no answer from the background'), { code: 'timeout' });
}

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
  const [state, setState] = useState<State>({ kind: 'loading', seconds: 0 });
  const [attempt, setAttempt] = useState(0);
  const [reading, updateReading] = useReading();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [media, setMedia] = useState<MediaMode>('held');

  useEffect(() => {
    void getSettings().then((s) => {
      setSettings(s);
      setMedia(s.images === 'always' ? 'load' : s.images === 'never' ? 'off' : 'held');
    });
  }, []);

  useEffect(
    () =>
      onFetchProgress(({ host }) => setState((s) => (s.kind === 'loading' ? { ...s, host } : s))),
    [],
  );

  const retry = () => setAttempt((n) => n + 1);
  const shown = useRef(state.kind);
  shown.current = state.kind;
  // An answer that came after the deadline replaces the error (it is in the cache now).
  useEffect(
    () =>
      onArticleArrived((arrived) => {
        if (arrived === url && shown.current === 'failed') retry();
      }),
    [url],
  );

  // Read when the failure is described: the settings may arrive after the fetch started.
  const deadline = useRef(defaultSettings.fetchDeadlineMs);
  if (settings) deadline.current = settings.fetchDeadlineMs;
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading', seconds: 0 });
    const startedAt = Date.now();
    const tick = setInterval(() => {
      const seconds = Math.floor((Date.now() - startedAt) / 1000);
      if (live) setState((s) => (s.kind === 'loading' ? { ...s, seconds } : s));
    }, 1000);
    const fail = (error: unknown) => {
      if (live)
        setState({ kind: 'failed', failure: describeFailure(error, undefined, deadline.current) });
    };
    const guard = setTimeout(() => fail(timeoutError()), deadline.current + NO_ANSWER_GRACE_MS);
    void (async () => {
      try {
        const loaded = await loadArticle(url, { incognito });
        if (live) setState({ kind: 'ready', ...loaded });
      } catch (error) {
        fail(error);
      } finally {
        clearInterval(tick);
        clearTimeout(guard);
      }
    })();
    return () => {
      live = false;
      clearInterval(tick);
      clearTimeout(guard);
    };
  }, [url, attempt]);

  const readyTitle = state.kind === 'ready' ? state.article.title : null;
  const imageUrls = useImageUrls(state.kind === 'ready' ? state.article : null);
  const keptEntry = state.kind === 'ready' && !incognito ? entryId(state.page.location) : null;
  const { kept, ready: keptReady, reload } = useKeptImages(keptEntry, imageUrls);
  useEffect(() => {
    if (readyTitle !== null) onReady?.(readyTitle);
  }, [readyTitle]);

  if (state.kind === 'loading') return <LoadingView host={state.host} seconds={state.seconds} />;
  if (state.kind === 'failed') {
    return <FailureView failure={state.failure} url={url} onRetry={retry} />;
  }

  const { article, page, sources, savedAt } = state;
  const source = article.source ? sources.find((s) => s.id === article.source) : undefined;
  const sourceName = source ? source.name[uiLocale()] : null;
  const byline = [sourceName, article.published].filter(Boolean).join(' · ');
  const originalUrl = article.originalUrl ?? (matchUrl(url, sources) ? url : null);
  const fileStem = page.location.path.split('/').pop()?.replace(/\.md$/, '') ?? 'article';
  // Images can be kept with an article the library holds (never one read for incognito), from
  // the reader: the browser's permission prompt would close the popup.
  const offline =
    mode === 'reader' && keptEntry && settings?.keepLibrary && imageUrls.length > 0
      ? { entryId: keptEntry, urls: imageUrls, kept, deadlineMs: deadline.current, onKept: reload }
      : undefined;

  return (
    <div class={`article-screen article-screen-${mode}`}>
      <aside class="article-aside">
        {savedAt !== undefined && (
          <p class="saved-note" data-testid="saved-note">
            {t('savedOn', new Date(savedAt).toLocaleDateString(uiLocale().replace('_', '-')))}
          </p>
        )}
        <SharePanel
          target={{
            title: article.title,
            byline,
            mirrorUrl: page.mirrorUrl,
            fileStem,
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
          {originalUrl && <OpenOriginalLink url={originalUrl} />}
          <a
            href={page.mirrorUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="open-mirror"
          >
            {t('openMirror')}
          </a>
        </nav>
        {page.commit && (
          <p class="page-note" data-testid="page-pinned">
            {t('pagePinned')}
          </p>
        )}
        {page.verified === false && (
          <p class="page-note" data-testid="page-unverified">
            {t('pageUnverified')}
          </p>
        )}
      </aside>
      {settings !== null && reading && keptReady && (
        <ArticleView
          article={article}
          sourceName={sourceName}
          mirrorUrl={page.mirrorUrl}
          originalUrl={originalUrl}
          fileStem={fileStem}
          reading={reading}
          onReading={updateReading}
          media={media}
          onLoadImages={() => setMedia('load')}
          offline={offline}
          onLinkClick={(href, event) => {
            if (matchUrl(href, sources)) {
              event.preventDefault();
              onOpenArticle(href);
            }
          }}
        />
      )}
    </div>
  );
}
