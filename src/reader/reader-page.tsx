import { useEffect, useState } from 'preact/hooks';
import { isIncognitoAddress } from '../core/pages/reader-url';
import { articleOfReader, readerUrlFor } from '../platform/reader-address';
import { getSettings } from '../platform/storage';
import { ArticleScreen } from '../ui/article-screen';
import { t } from '../ui/i18n';
import { RecentList } from '../ui/recent-list';
import { ReaderGone } from './reader-gone';

/** What the address leads to: the article (and whether its title may name the tab), or not. */
type Target =
  | { kind: 'starting' }
  | { kind: 'article'; url: string; titled: boolean; incognito: boolean }
  | { kind: 'gone' }
  | { kind: 'none' };

async function targetOf(address: string): Promise<Target> {
  const [url, { privateReading }] = await Promise.all([articleOfReader(address), getSettings()]);
  // Asked for from an incognito tab: nothing of it is kept, and the tab never names it.
  const incognito = isIncognitoAddress(address);
  if (url) return { kind: 'article', url, titled: !privateReading && !incognito, incognito };
  // A private id this browser session does not know: a restored or old tab.
  return new URL(address).searchParams.has('id') ? { kind: 'gone' } : { kind: 'none' };
}

export function ReaderPage({ address }: { address: string }) {
  const [target, setTarget] = useState<Target>({ kind: 'starting' });

  useEffect(() => {
    // The tab's title names no article unless the user turned private reading off.
    document.title = t('readerTitle');
    targetOf(address).then(setTarget, () => setTarget({ kind: 'none' }));
  }, [address]);

  const incognito = isIncognitoAddress(address);
  const open = (next: string) =>
    void readerUrlFor(next, { incognito }).then((url) => location.assign(url));

  if (target.kind === 'starting') return <main data-testid="reader" class="reader" />;
  if (target.kind === 'gone') return <ReaderGone onOpen={open} />;
  if (target.kind === 'none') {
    return (
      <main data-testid="reader" class="reader-empty">
        <h1>{t('readerTitle')}</h1>
        <p data-testid="reader-no-url">{t('readerNoUrl')}</p>
        <RecentList onOpen={open} />
      </main>
    );
  }
  return (
    <main data-testid="reader" class="reader">
      <ArticleScreen
        url={target.url}
        mode="reader"
        incognito={target.incognito}
        onOpenArticle={open}
        onReady={(title) => {
          if (target.titled) document.title = title;
          if (location.hash === '#share') document.getElementById('share')?.scrollIntoView();
        }}
      />
      <RecentList onOpen={open} max={10} />
    </main>
  );
}
