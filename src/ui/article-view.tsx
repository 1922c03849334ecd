import type { Article } from '../core/article';
import { FONT_SIZE_MAX, FONT_SIZE_MIN } from '../core/settings/schema';
import { t } from './i18n';
import { useState } from 'preact/hooks';
import { isHeldMedia, SafeHtml } from './safe-html';

/** Media from hosts other than the mirror endpoints: loaded, held for a click, or off. */
export type MediaMode = 'load' | 'held' | 'off';

export interface ArticleViewProps {
  article: Article;
  sourceName: string | null;
  fontSize: number;
  onFontSize(size: number): void;
  media: MediaMode;
  onLoadImages(): void;
  /** A link in the body was clicked: mirrorable originals open in the reader. */
  onLinkClick(url: string, event: MouseEvent): void;
}

export function ArticleView(props: ArticleViewProps) {
  const { article, fontSize } = props;
  const hero = article.hero;
  const [heldInBody, setHeldInBody] = useState(0);
  const heldHero = hero !== null && props.media !== 'load' && isHeldMedia(hero.src);
  const hasHeldMedia = props.media === 'held' && (heldHero || heldInBody > 0);
  const byline = [props.sourceName, article.published].filter(Boolean).join(' · ');

  return (
    // A CSSOM style, not a style attribute: the pages' CSP allows only the former.
    <article class="article" data-testid="article" lang="zh" style={{ fontSize: `${fontSize}px` }}>
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
          <button
            type="button"
            data-testid="font-smaller"
            aria-label={t('fontSmaller')}
            disabled={fontSize <= FONT_SIZE_MIN}
            onClick={() => props.onFontSize(fontSize - 1)}
          >
            A−
          </button>
          <button
            type="button"
            data-testid="font-larger"
            aria-label={t('fontLarger')}
            disabled={fontSize >= FONT_SIZE_MAX}
            onClick={() => props.onFontSize(fontSize + 1)}
          >
            A+
          </button>
          {hasHeldMedia && (
            <button type="button" data-testid="load-images" onClick={props.onLoadImages}>
              {t('loadImages')}
            </button>
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
            <img src={hero.src} alt={hero.alt} referrerpolicy="no-referrer" />
          )}
          {hero.caption && <figcaption data-testid="hero-caption">{hero.caption}</figcaption>}
        </figure>
      )}
      {article.bodyHtml ? (
        <SafeHtml
          class="article-body"
          html={article.bodyHtml}
          loadMedia={props.media === 'load'}
          onHeld={setHeldInBody}
          onLinkClick={props.onLinkClick}
        />
      ) : (
        <p class="article-missing" data-testid="article-no-body">
          {t('articleNoBody')}
        </p>
      )}
    </article>
  );
}
