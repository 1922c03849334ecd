/**
 * The reading bar above the article: font size, line height, column width, theme and
 * script (原文/简/繁). Every change is saved in the settings and applied at once.
 */
import { FONT_SIZE_MAX, FONT_SIZE_MIN } from '../../core/settings/schema';
import {
  CONTENT_WIDTHS,
  LINE_HEIGHTS,
  SCRIPTS,
  THEMES,
  type Script,
  type Theme,
} from '../../core/reading/reading-settings';
import { t, type MessageKey } from '../i18n';
import type { Reading } from './use-reading';

const themeLabel: Record<Theme, MessageKey> = {
  system: 'themeSystem',
  light: 'themeLight',
  sepia: 'themeSepia',
  dark: 'themeDark',
};

const scriptLabel: Record<Script, MessageKey> = {
  original: 'scriptOriginal',
  cn: 'scriptCn',
  tw: 'scriptTw',
  hk: 'scriptHk',
};

const widthLabel: MessageKey[] = ['widthNarrow', 'widthMedium', 'widthWide', 'widthWidest'];

export interface ReadingBarProps {
  reading: Reading;
  onChange(patch: Partial<Reading>): void;
  /** Shown beside the script buttons: loading the dictionary, or why it failed. */
  scriptStatus: string;
}

export function ReadingBar({ reading, onChange, scriptStatus }: ReadingBarProps) {
  const { fontSize } = reading;
  return (
    <div class="reading-bar" role="group" aria-label={t('readingBar')} data-testid="reading-bar">
      <div class="reading-row">
        <button
          type="button"
          data-testid="font-smaller"
          // The visible text starts the name: speech input users say what they see.
          aria-label={`A− ${t('fontSmaller')}`}
          disabled={fontSize <= FONT_SIZE_MIN}
          onClick={() => onChange({ fontSize: fontSize - 1 })}
        >
          A−
        </button>
        <button
          type="button"
          data-testid="font-larger"
          aria-label={`A+ ${t('fontLarger')}`}
          disabled={fontSize >= FONT_SIZE_MAX}
          onClick={() => onChange({ fontSize: fontSize + 1 })}
        >
          A+
        </button>
        <label class="reading-field">
          <span>{t('lineHeight')}</span>
          <select
            data-testid="line-height"
            value={String(reading.lineHeight)}
            onChange={(e) => onChange({ lineHeight: Number(e.currentTarget.value) })}
          >
            {LINE_HEIGHTS.map((value) => (
              <option key={value} value={String(value)}>
                {value.toFixed(1)}
              </option>
            ))}
          </select>
        </label>
        <label class="reading-field">
          <span>{t('contentWidth')}</span>
          <select
            data-testid="content-width"
            value={String(reading.contentWidth)}
            onChange={(e) => onChange({ contentWidth: Number(e.currentTarget.value) })}
          >
            {CONTENT_WIDTHS.map((value, i) => (
              <option key={value} value={String(value)}>
                {t(widthLabel[i] ?? 'widthMedium')}
              </option>
            ))}
          </select>
        </label>
        <label class="reading-field">
          <span>{t('theme')}</span>
          <select
            data-testid="theme"
            value={reading.theme}
            onChange={(e) => onChange({ theme: e.currentTarget.value as Theme })}
          >
            {THEMES.map((value) => (
              <option key={value} value={value}>
                {t(themeLabel[value])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="reading-row" role="group" aria-label={t('scriptLabel')}>
        {SCRIPTS.map((value) => (
          <button
            type="button"
            key={value}
            data-testid={`script-${value}`}
            aria-pressed={reading.script === value}
            onClick={() => onChange({ script: value })}
          >
            {t(scriptLabel[value])}
          </button>
        ))}
        <span class="reading-status" role="status" data-testid="script-status">
          {scriptStatus}
        </span>
      </div>
    </div>
  );
}
