import { useEffect, useState } from 'preact/hooks';
import {
  FONT_SIZE_MAX,
  FONT_SIZE_MIN,
  READER_ON_ERROR,
  type ReaderOnError,
  type Settings,
} from '../core/settings/schema';
import { browser } from '../platform/api';
import { getSettings, updateSettings } from '../platform/storage';
import { t, type MessageKey } from '../ui/i18n';
import { PrivacyChoices } from '../ui/privacy-choices';
import { WELCOME_PAGE } from '../core/welcome';
import { AboutSection } from './about-section';
import { ForgetSection } from './forget-section';

const readerOnErrorLabel: Record<ReaderOnError, MessageKey> = {
  auto: 'readerOnErrorAuto',
  notify: 'readerOnErrorNotify',
  off: 'readerOnErrorOff',
};

export function OptionsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    document.title = t('optionsTitle');
    void getSettings().then(setSettings);
  }, []);

  async function save(patch: Partial<Settings>) {
    try {
      setSettings(await updateSettings(patch));
      setNotice(t('settingsSaved'));
    } catch (error) {
      setNotice(t('settingsSaveFailed', error instanceof Error ? error.message : String(error)));
    }
  }

  /** "Offer it with a notification" needs the optional notifications permission, asked now. */
  async function chooseReaderOnError(value: ReaderOnError) {
    if (value === 'notify') {
      const granted = await browser.permissions
        .request({ permissions: ['notifications'] })
        .catch(() => false);
      if (!granted) {
        setSettings((s) => (s ? { ...s } : s));
        setNotice(t('notifyPermissionDenied'));
        return;
      }
    }
    await save({ readerOnError: value });
  }

  return (
    <main data-testid="options" class="options">
      <h1>{t('optionsTitle')}</h1>
      {settings && (
        <form onSubmit={(e) => e.preventDefault()}>
          <PrivacyChoices settings={settings} save={(patch) => void save(patch)} />
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
        </form>
      )}
      <p role="status" data-testid="options-notice">
        {notice}
      </p>
      <p>
        <a href={browser.runtime.getURL(WELCOME_PAGE)} data-testid="open-welcome">
          {t('optionsOpenWelcome')}
        </a>
      </p>
      <ForgetSection onForgotten={() => void getSettings().then(setSettings)} />
      <AboutSection />
    </main>
  );
}
