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
import { AboutSection } from './about-section';
import { ForgetSection } from './forget-section';

/** A checkbox with the one line that says what it gives and costs. */
function Switch(props: {
  name: string;
  checked: boolean;
  label: string;
  hint: string;
  onChange(checked: boolean): void;
}) {
  const hintId = `${props.name}-hint`;
  return (
    <div class="switch">
      <label>
        <input
          type="checkbox"
          name={props.name}
          checked={props.checked}
          aria-describedby={hintId}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        {props.label}
      </label>
      <p class="hint" id={hintId}>
        {props.hint}
      </p>
    </div>
  );
}

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
          <Switch
            name="markLinks"
            checked={settings.markLinks}
            label={t('settingMarkLinks')}
            hint={t('settingMarksHint')}
            onChange={(markLinks) => void save({ markLinks })}
          />
          <Switch
            name="privateReading"
            checked={settings.privateReading}
            label={t('settingPrivateReading')}
            hint={t('settingPrivateReadingHint')}
            onChange={(privateReading) => void save({ privateReading })}
          />
          <Switch
            name="keepLibrary"
            checked={settings.keepLibrary}
            label={t('settingKeepLibrary')}
            hint={t('settingKeepLibraryHint')}
            onChange={(keepLibrary) => void save({ keepLibrary })}
          />
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
      <ForgetSection onForgotten={() => void getSettings().then(setSettings)} />
      <AboutSection />
    </main>
  );
}
