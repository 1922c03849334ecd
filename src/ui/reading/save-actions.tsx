/** Print, save as Markdown, save as HTML: the article as shown, in the chosen script. */
import { useState } from 'preact/hooks';
import type { Article } from '../../core/article';
import { articleToHtml, articleToMarkdown, type SaveMeta } from '../../core/reading/save-formats';
import { t } from '../i18n';
import { saveBlob } from '../qr-canvas';

export interface SaveActionsProps {
  article: Article;
  sourceName: string | null;
  mirrorUrl: string;
  lang: string;
  fileStem: string;
}

export function saveMeta(props: SaveActionsProps): SaveMeta {
  return {
    sourceName: props.sourceName,
    mirrorUrl: props.mirrorUrl,
    lang: props.lang,
    labels: {
      source: t('metaSource'),
      published: t('metaPublished'),
      original: t('metaOriginal'),
      mirror: t('metaMirror'),
      image: t('metaImage'),
    },
  };
}

export function SaveActions(props: SaveActionsProps) {
  const [error, setError] = useState('');
  const save = (kind: 'md' | 'html') => {
    try {
      const meta = saveMeta(props);
      const text =
        kind === 'md'
          ? articleToMarkdown(props.article, meta, window)
          : articleToHtml(props.article, meta, window);
      const type = kind === 'md' ? 'text/markdown' : 'text/html';
      saveBlob(new Blob([text], { type: `${type};charset=utf-8` }), `${props.fileStem}.${kind}`);
      setError('');
    } catch (e) {
      setError(t('actionFailed', e instanceof Error ? e.message : String(e)));
    }
  };
  return (
    <div class="reading-row" role="group" aria-label={t('saveGroup')}>
      <button type="button" data-testid="print-article" onClick={() => window.print()}>
        {t('printArticle')}
      </button>
      <button type="button" data-testid="save-markdown" onClick={() => save('md')}>
        {t('saveMarkdown')}
      </button>
      <button type="button" data-testid="save-html" onClick={() => save('html')}>
        {t('saveHtml')}
      </button>
      <span class="reading-status" role="status">
        {error}
      </span>
    </div>
  );
}
