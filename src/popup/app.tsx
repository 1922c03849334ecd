import { useEffect, useState } from 'preact/hooks';
import type { PageLink } from '../core/messages';
import { articleOf, pageKind } from '../core/pages/page-kind';
import { builtinSources } from '../core/sources/builtin';
import type { Source } from '../core/sources/types';
import { siteOf } from '../core/privacy/site-marks';
import { browser } from '../platform/api';
import { send } from '../platform/messaging';
import { articleOfId } from '../platform/reader-address';
import { getActiveSources } from '../platform/settings-store';
import { isIncognitoAddress } from '../core/pages/reader-url';
import { ArticleScreen } from '../ui/article-screen';
import { SiteMarksSwitch } from './site-marks-switch';
import { t } from '../ui/i18n';
import { isArticleUrl, PasteForm } from '../ui/paste-form';
import { RecentList } from '../ui/recent-list';
import { COPY_QUERY } from '../core/copy/copy-job';
import { CopyScreen } from './copy-screen';

/** What the popup shows, decided from the active tab. */
type Screen =
  | { kind: 'starting' }
  | { kind: 'article'; url: string; back?: Screen }
  | { kind: 'links'; links: PageLink[]; site: string | null }
  | { kind: 'other' };

/** The article a tab shows, whatever the kind of page (see core/page-kind). */
async function articleOfTab(
  address: string | undefined,
  sources: readonly Source[],
): Promise<string | null> {
  const kind = pageKind(address, browser.runtime.getURL(''));
  if (kind.kind === 'reader' || kind.kind === 'extension') {
    const { url } = await send('pageArticle', { address: kind.address });
    return url !== null && isArticleUrl(url, sources) ? url : null;
  }
  // The page-kind table knows the built-in sources; the user's own are checked here.
  return articleOf(kind) ?? (address && isArticleUrl(address, sources) ? address : null);
}

async function screenForActiveTab(sources: readonly Source[]): Promise<Screen> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  // activeTab grants the URL of the tab the user opened the popup on.
  const address = tab?.url ?? tab?.pendingUrl;
  const url = await articleOfTab(address, sources);
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
  if (isIncognitoAddress(location.href)) return true;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.incognito === true;
}

/**
 * The screen the popup opens on: the article the background asked it to show (a menu used
 * in an incognito tab, `?id=`), else what the active tab shows.
 */
async function firstScreen(sources: readonly Source[]): Promise<Screen> {
  const id = new URLSearchParams(location.search).get('id');
  const asked = id ? await articleOfId(id) : null;
  return asked ? { kind: 'article', url: asked } : screenForActiveTab(sources);
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
  const [sources, setSources] = useState<readonly Source[]>(builtinSources);
  const [incognito, setIncognito] = useState(false);

  useEffect(() => {
    document.title = t('popupTitle');
    // Known before any article is asked for: the screen waits for it. The user's own sources
    // count too; storage unreadable leaves the built-in ones.
    void Promise.all([
      activeTabIncognito().catch(() => false),
      getActiveSources().catch(() => builtinSources),
    ])
      .then(([isIncognito, active]) => {
        setIncognito(isIncognito);
        setSources(active);
        return firstScreen(active);
      })
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
      {screen.kind === 'other' && <Explain onOpen={open} sources={sources} />}
      {(screen.kind === 'other' || screen.kind === 'links') && <RecentList onOpen={open} max={8} />}
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

function Explain({ onOpen, sources }: { onOpen(url: string): void; sources: readonly Source[] }) {
  return (
    <section data-testid="explain">
      <h1>{t('popupTitle')}</h1>
      <p>{t('explainNothingHere')}</p>
      <PasteForm sources={sources} onOpen={onOpen} />
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
