/**
 * The article's metadata, quietly at its end: source, date, the original's address as text
 * (a link there would silently hit a blocked host), and the mirror link.
 */
import { t } from '../i18n';

export function ArticleMeta(props: {
  sourceName: string | null;
  published: string | null;
  originalUrl: string | null;
  mirrorUrl: string;
}) {
  return (
    <footer class="article-meta" data-testid="article-meta">
      <dl>
        {props.sourceName && (
          <>
            <dt>{t('metaSource')}</dt>
            <dd>{props.sourceName}</dd>
          </>
        )}
        {props.published && (
          <>
            <dt>{t('metaPublished')}</dt>
            <dd>{props.published}</dd>
          </>
        )}
        {props.originalUrl && (
          <>
            <dt>{t('metaOriginal')}</dt>
            <dd data-testid="meta-original">{props.originalUrl}</dd>
          </>
        )}
        <dt>{t('metaMirror')}</dt>
        <dd>
          <a
            href={props.mirrorUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="meta-mirror"
          >
            {props.mirrorUrl}
          </a>
        </dd>
      </dl>
    </footer>
  );
}
