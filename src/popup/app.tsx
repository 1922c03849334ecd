import { useEffect, useState } from 'preact/hooks';
import type { PageLink } from '../core/messages';
import { articleOf, pageKind } from '../core/page-kind';
import { siteOf } from '../core/privacy/site-marks';
import { browser } from '../platform/api';
import { send } from '../platform/messaging';
import { ArticleScreen } from '../ui/article-screen';
import { SiteMarksSwitch } from './site-marks-switch';
import { t } from '../ui/i18n';
import { COPY_QUERY } from '../core/copy/copy-job';
import { CopyScreen } from './copy-screen';

/** What the popup shows, decided from the active tab. */
type Screen =
  | { kind: 'starting' }
  | { kind: 'article'; url: string; back?: Screen }
  | { kind: 'links'; links: PageLink[]; site: string | null }
  | { kind: 'other' };

/** An original or a mirror page: what the popup can show as an article. */
export function isArticleUrl(url: string): boolean {
  return articleOf(pageKind(url, '')) !== null;
}

/** The article a tab shows, whatever the kind of page (see core/page-kind). */
async function articleOfTab(address: string | undefined): Promise<string | null> {
  const kind = pageKind(address, browser.runtime.getURL(''));
  if (kind.kind === 'reader' || kind.kind === 'extension') {
    const { url } = await send('pageArticle', { address: kind.address });
    return url !== null && isArticleUrl(url) ? url : null;
  }
  return articleOf(kind);
}

async function screenForActiveTab(): Promise<Screen> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  // activeTab grants the URL of the tab the user opened the popup on.
  const address = tab?.url ?? tab?.pendingUrl;
  const url = await articleOfTab(address);
  if (url) return { kind: 'article', url };
  if (tab?.id === undefined) return { kind: 'other' };
  // Chromium's error page after a blocked load is not covered by activeTab; the worker saw
  // the failed navigation and remembers its URL.
  const { links, failedUrl } = await send('tabStatus', { tabId: tab.id });
  if (failedUrl) return { kind: 'article', url: failedUrl };
  if (links.length > 0) return { kind: 'links', links, site: address ? siteOf(address) : null };
  return { kind: 'other' };
}

/** Whether the popup was opened over an incognito tab: then nothing read is stored. */
async function activeTabIncognito(): Promise<boolean> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.incognito === true;
}

/** Opened by the background for "Copy mirror link" (`?copy`), or by the user. */
export function App() {
  const copy = new URLSearchParams(location.search).has(COPY_QUERY);
  return copy ? (
    <main data-testid="popup" class="popup">
      <CopyScreen />
    </main>
  ) : (
    <PopupScreens />
  );
}

function PopupScreens() {
  const [screen, setScreen] = useState<Screen>({ kind: 'starting' });
  const [incognito, setIncognito] = useState(false);

  useEffect(() => {
    document.title = t('popupTitle');
    // Known before any article is asked for: the screen waits for it.
    activeTabIncognito()
      .catch(() => false)
      .then(setIncognito)
      .then(screenForActiveTab)
      .then(setScreen, () => setScreen({ kind: 'other' }));
  }, []);

  const open = (url: string) => setScreen((from) => ({ kind: 'article', url, back: from }));
  const back = screen.kind === 'article' ? screen.back : undefined;

  return (
    <main data-testid="popup" class="popup">
      {screen.kind === 'starting' && <p class="status">{t('loading')}</p>}
      {screen.kind === 'article' && (
        <>
          {back && (
            <button type="button" class="back" data-testid="back" onClick={() => setScreen(back)}>
              {t('back')}
            </button>
          )}
          <ArticleScreen
            key={screen.url}
            url={screen.url}
            mode="popup"
            incognito={incognito}
            onOpenArticle={open}
          />
        </>
      )}
      {screen.kind === 'links' && (
        <>
          <LinkList links={screen.links} onOpen={open} />
          {screen.site && <SiteMarksSwitch site={screen.site} />}
        </>
      )}
      {screen.kind === 'other' && <Explain onOpen={open} />}
      <BackgroundStatus />
    </main>
  );
}

function LinkList({ links, onOpen }: { links: PageLink[]; onOpen(url: string): void }) {
  return (
    <section data-testid="link-list">
      <h1>{t('linksHeading', String(links.length))}</h1>
      <ul class="link-list">
        {links.map((link) => (
          <li key={link.url}>
            <button
              type="button"
              class="link-button"
              onClick={() => onOpen(link.url)}
              title={link.url}
            >
              {link.title || link.url}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Explain({ onOpen }: { onOpen(url: string): void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  return (
    <section data-testid="explain">
      <h1>{t('popupTitle')}</h1>
      <p>{t('explainNothingHere')}</p>
      <form
        class="paste"
        onSubmit={(event) => {
          event.preventDefault();
          const url = value.trim();
          if (isArticleUrl(url)) onOpen(url);
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
    </section>
  );
}

/** A quiet footer line: the worker answered (and which version), or why it did not. */
function BackgroundStatus() {
  const [text, setText] = useState('…');
  useEffect(() => {
    send('ping', {}).then(
      ({ version }) => setText(t('statusConnected', version)),
      (error: unknown) => setText(t('statusNoBackground', String(error))),
    );
  }, []);
  return (
    <p data-testid="status" class="status popup-footer">
      {text}
    </p>
  );
}
