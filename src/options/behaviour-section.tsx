/**
 * What happens on its own: the privacy choices (shared with the welcome page), the reader on a
 * failed load, the font size, how many articles the library keeps.
 */
import {
  FONT_SIZE_MAX,
  FONT_SIZE_MIN,
  LIBRARY_LIMIT_MAX,
  LIBRARY_LIMIT_MIN,
  READER_ON_ERROR,
  settingChecks,
  type ReaderOnError,
} from '../core/settings/schema';
import { browser } from '../platform/api';
import { applyLimit } from '../platform/library/library-db';
import { t, type MessageKey } from '../ui/i18n';
import { PrivacyChoices } from '../ui/privacy-choices';
import type { SettingsApi } from './use-settings';

const readerOnErrorLabel: Record<ReaderOnError, MessageKey> = {
  auto: 'readerOnErrorAuto',
  instant: 'readerOnErrorInstant',
  notify: 'readerOnErrorNotify',
  off: 'readerOnErrorOff',
};

export function BehaviourSection({ api }: { api: SettingsApi }) {
  const { settings, save, setNotice } = api;
  if (!settings) return null;

  /** "Offer it with a notification" needs the optional notifications permission, asked now. */
  async function chooseReaderOnError(value: ReaderOnError) {
    if (value === 'notify') {
      const granted = await browser.permissions
        .request({ permissions: ['notifications'] })
        .catch(() => false);
      if (!granted) {
        setNotice(t('notifyPermissionDenied'));
        await save({});
        return;
      }
    }
    await save({ readerOnError: value });
  }

  return (
    <section id="behaviour" aria-labelledby="behaviour-heading" data-testid="behaviour">
      <h2 id="behaviour-heading">{t('sectionBehaviour')}</h2>
      <form class="fields" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('settingReaderOnError')}
          <select
            name="readerOnError"
            value={settings.readerOnError}
            onChange={(e) => void chooseReaderOnError(e.currentTarget.value as ReaderOnError)}
          >
            {READER_ON_ERROR.map((value) => (
              <option value={value} key={value}>
                {t(readerOnErrorLabel[value])}
              </option>
            ))}
          </select>
        </label>
        <PrivacyChoices settings={settings} save={(patch) => void save(patch)} />
        <label>
          {t('settingFontSize')}
          <input
            type="number"
            name="fontSize"
            min={FONT_SIZE_MIN}
            max={FONT_SIZE_MAX}
            value={settings.fontSize}
            onChange={(e) => void save({ fontSize: Number(e.currentTarget.value) })}
          />
        </label>
        <label>
          {t('settingLibraryLimit')}
          <input
            type="number"
            name="libraryLimit"
            min={LIBRARY_LIMIT_MIN}
            max={LIBRARY_LIMIT_MAX}
            value={settings.libraryLimit}
            onChange={(e) => {
              // Only a limit the settings accept evicts anything.
              const limit = settingChecks.libraryLimit(Number(e.currentTarget.value));
              if (limit === undefined) return void save({});
              void save({ libraryLimit: limit }).then(() => applyLimit(limit));
            }}
          />
        </label>
      </form>
    </section>
  );
}
