/** What an article view shows before the article: progress while fetching, or the failure. */
import { matchUrl } from '../core/match/match';
import { browser } from '../platform/api';
import type { Failure } from './failure';
import { t } from './i18n';
import { OpenOriginalLink } from './open-original';

/** The options page's endpoint list (its section comes with #13). */
function endpointsUrl(): string {
  const page = browser.runtime.getManifest().options_ui?.page ?? 'src/options/index.html';
  return browser.runtime.getURL(`${page}#endpoints`);
}

export function LoadingView({ host, seconds }: { host?: string; seconds: number }) {
  const elapsed = String(seconds);
  return (
    <div class="skeleton" data-testid="article-loading" aria-busy="true">
      <div class="skeleton-line skeleton-title" />
      <div class="skeleton-line" />
      <div class="skeleton-line" />
      <p class="status" data-testid="loading-status" aria-live="polite">
        {seconds === 0
          ? t('loading')
          : host
            ? t('loadingViaElapsed', [host, elapsed])
            : t('loadingElapsed', elapsed)}
      </p>
    </div>
  );
}

export function FailureView({
  failure,
  url,
  onRetry,
}: {
  failure: Failure;
  url: string;
  onRetry(): void;
}) {
  return (
    <div class="failure" data-testid="article-failed" data-code={failure.code} role="alert">
      <p>{failure.message}</p>
      {failure.details.length > 0 && (
        <ul class="failure-details" data-testid="failure-details">
          {failure.details.map((line, i) => (
            <li key={`${i}:${line}`}>{line}</li>
          ))}
        </ul>
      )}
      <div class="actions">
        {failure.retry && (
          <button type="button" data-testid="retry" onClick={onRetry}>
            {t('retry')}
          </button>
        )}
        {failure.endpoints && (
          <a
            href={endpointsUrl()}
            target="_blank"
            rel="noopener"
            data-testid="endpoints-link"
            onClick={(event) => {
              // A link from the popup would open nothing: open the options in a tab.
              event.preventDefault();
              void browser.tabs.create({ url: endpointsUrl() });
            }}
          >
            {t('endpointsLink')}
          </a>
        )}
        {matchUrl(url) && <OpenOriginalLink url={url} />}
      </div>
    </div>
  );
}
