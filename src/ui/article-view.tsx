import { useMemo, useRef, useState } from 'preact/hooks';
import type { Article } from '../core/article';
import { detectScript } from '../core/reading/script-detect';
import { langOf } from '../core/reading/reading-settings';
import { t } from './i18n';
import './reading/reading.css';
import { ArticleMeta } from './reading/article-meta';
import { PrintQr } from './reading/print-qr';
import { ReadAloudControls } from './reading/read-aloud';
import { KeepImagesButton } from './reading/offline-images';
import { ReadingBar } from './reading/reading-bar';
import { SaveActions } from './reading/save-actions';
import { useConverted } from './reading/use-converted';
import type { Reading } from './reading/use-reading';
import { isHeldMedia, SafeHtml } from './safe-html';

/** Media from hosts other than the mirror endpoints: loaded, held for a click, or off. */
export type MediaMode = 'load' | 'held' | 'off';

export interface ArticleViewProps {
  article: Article;
  sourceName: string | null;
  mirrorUrl: string;
  originalUrl: string | null;
  /** File name stem for saved files, e.g. the article id. */
  fileStem: string;
  reading: Reading;
  onReading(patch: Partial<Reading>): void;
  media: MediaMode;
  onLoadImages(): void;
  /** Images kept with the saved article (object URLs by address), and how to keep more. */
  offline?: {
    entryId: string;
    urls: readonly string[];
    kept: ReadonlyMap<string, string>;
    deadlineMs: number;
    onKept(): void;
  };
  /** A link in the body was clicked: mirrorable originals open in the reader. */
  onLinkClick(url: string, event: MouseEvent): void;
}

/** What read aloud reads, in order. */
const SPOKEN = '.article-title, .article-hero figcaption, .article-body';

export function ArticleView(props: ArticleViewProps) {
  const { reading } = props;
  const root = useRef<HTMLElement>(null);
  const conversion = useConverted(props.article, reading.script);
  const article = conversion.article;
  const detected = useMemo(
    () => detectScript(props.article.title + props.article.bodyHtml),
    [props.article],
  );
  const lang = langOf(reading.script, detected);
  const spokenScript =
    reading.script === 'original' ? detected : reading.script === 'cn' ? 'hans' : 'hant';
  const hero = article.hero;
  const kept = props.offline?.kept;
  const heroSrc = hero ? (kept?.get(hero.src) ?? hero.src) : '';
  const [heldInBody, setHeldInBody] = useState(0);
  const heldHero =
    hero !== null && props.media !== 'load' && heroSrc === hero.src && isHeldMedia(hero.src);
  const hasHeldMedia = props.media === 'held' && (heldHero || heldInBody > 0);
  const byline = [props.sourceName, article.published].filter(Boolean).join(' · ');
  const scriptStatus =
    conversion.state === 'loading'
      ? t('scriptLoading')
      : conversion.state === 'failed'
        ? t('scriptFailed', conversion.error)
        : '';

  return (
    <article
      ref={root}
      class="article"
      data-testid="article"
      lang={lang}
      data-script={reading.script}
      // CSSOM styles, not a style attribute: the pages' CSP allows only the former.
      style={{
        fontSize: `${reading.fontSize}px`,
        '--reading-line-height': String(reading.lineHeight),
        '--reading-width': `${reading.contentWidth}em`,
      }}
    >
      <PrintQr link={props.mirrorUrl} />
      <header>
        <h1 class="article-title" data-testid="article-title">
          {article.title}
        </h1>
        {byline && (
          <p class="article-byline" data-testid="article-byline">
            {byline}
          </p>
        )}
        <div class="article-tools">
          <ReadingBar reading={reading} onChange={props.onReading} scriptStatus={scriptStatus} />
          <ReadAloudControls
            roots={() => [...(root.current?.querySelectorAll(SPOKEN) ?? [])]}
            script={spokenScript}
            rate={reading.speechRate}
            onRate={(speechRate) => props.onReading({ speechRate })}
            textKey={article}
          />
          <SaveActions
            article={article}
            sourceName={props.sourceName}
            mirrorUrl={props.mirrorUrl}
            lang={lang}
            fileStem={props.fileStem}
          />
          {props.offline && props.media !== 'off' && <KeepImagesButton {...props.offline} />}
          {hasHeldMedia && (
            <div class="reading-row">
              <button type="button" data-testid="load-images" onClick={props.onLoadImages}>
                {t('loadImages')}
              </button>
            </div>
          )}
        </div>
      </header>
      {hero && (
        <figure class="article-hero" data-testid="article-hero">
          {heldHero ? (
            <div class="image-placeholder" data-testid="hero-placeholder">
              {t(props.media === 'off' ? 'imagesOff' : 'imageHeld')}
            </div>
          ) : (
            <img src={heroSrc} alt={hero.alt} referrerpolicy="no-referrer" />
          )}
          {hero.caption && <figcaption data-testid="hero-caption">{hero.caption}</figcaption>}
        </figure>
      )}
      {article.bodyHtml ? (
        <SafeHtml
          class="article-body"
          html={article.bodyHtml}
          loadMedia={props.media === 'load'}
          keptSrc={kept}
          onHeld={setHeldInBody}
          onLinkClick={props.onLinkClick}
        />
      ) : (
        <p class="article-missing" data-testid="article-no-body">
          {t('articleNoBody')}
        </p>
      )}
      <ArticleMeta
        sourceName={props.sourceName}
        published={article.published}
        originalUrl={props.originalUrl}
        mirrorUrl={props.mirrorUrl}
      />
    </article>
  );
}
