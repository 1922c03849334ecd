/** The link to the blocked original itself, saying on hover what opening it costs. */
import { t } from './i18n';

export function OpenOriginalLink({ url }: { url: string }) {
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="open-original"
      title={t('openOriginalHint')}
    >
      {t('openOriginal')}
    </a>
  );
}
