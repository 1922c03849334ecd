import { useEffect } from 'preact/hooks';
import { t } from '../ui/i18n';

export function ReaderPage({ url }: { url: string | null }) {
  useEffect(() => {
    document.title = t('readerTitle');
  }, []);
  return (
    <main data-testid="reader">
      <h1>{t('readerTitle')}</h1>
      <p>{url ? t('readerArticleFor', url) : t('readerNoUrl')}</p>
    </main>
  );
}
