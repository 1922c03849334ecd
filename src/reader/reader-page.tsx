import { useEffect } from 'preact/hooks';
import { readerPath } from '../core/reader-url';
import { ArticleScreen } from '../ui/article-screen';
import { t } from '../ui/i18n';
import { RecentList } from '../ui/recent-list';

export function ReaderPage({ url }: { url: string | null }) {
  useEffect(() => {
    document.title = t('readerTitle');
  }, []);

  if (!url) {
    return (
      <main data-testid="reader" class="reader-empty">
        <h1>{t('readerTitle')}</h1>
        <p data-testid="reader-no-url">{t('readerNoUrl')}</p>
        <RecentList onOpen={(next) => location.assign(readerPath(next))} />
      </main>
    );
  }
  return (
    <main data-testid="reader" class="reader">
      <ArticleScreen
        url={url}
        mode="reader"
        onOpenArticle={(next) => location.assign(readerPath(next))}
        onReady={(title) => {
          document.title = title;
          if (location.hash === '#share') document.getElementById('share')?.scrollIntoView();
        }}
      />
      <RecentList onOpen={(next) => location.assign(readerPath(next))} max={10} />
    </main>
  );
}
