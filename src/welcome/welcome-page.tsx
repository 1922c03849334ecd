/**
 * Shown once, on first install (and from the options page): what the extension does, pin
 * the button (followed live), the privacy choices as the options page shows them, try it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../core/settings/schema';
import { readerPath } from '../core/pages/reader-url';
import { browser } from '../platform/api';
import { getSettings, onSettingsChanged, updateSettings } from '../platform/storage';
import { pinApi, watchPinned } from '../platform/toolbar-pin';
import { t, uiLocale } from '../ui/i18n';
import { PrivacyChoices } from '../ui/privacy-choices';

/** A real article that the mirrors hold, for "try it". */
export const TRY_ARTICLE = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';

function PinStatus() {
  const [pinned, setPinned] = useState<boolean | null | undefined>(undefined);
  useEffect(() => watchPinned(pinApi(), setPinned), []);
  if (pinned === undefined) return null;
  const [key, state] =
    pinned === null
      ? (['welcomePinUnknown', 'unknown'] as const)
      : pinned
        ? (['welcomePinDone', 'done'] as const)
        : (['welcomePinWaiting', 'waiting'] as const);
  return (
    <p class={`pin-status pin-${state}`} data-testid="pin-status" data-state={state} role="status">
      {pinned ? '✓ ' : ''}
      {t(key)}
    </p>
  );
}

function Choices() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void getSettings().then(setSettings);
    // The options page may be open beside this one.
    return onSettingsChanged(setSettings);
  }, []);
  if (!settings) return null;
  const save = (patch: Partial<Settings>) =>
    void updateSettings(patch).then(setSettings, (e: unknown) =>
      setError(t('settingsSaveFailed', e instanceof Error ? e.message : String(e))),
    );
  return (
    <>
      <PrivacyChoices settings={settings} save={save} />
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function WelcomePage() {
  useEffect(() => {
    document.title = t('welcomeTitle');
    document.documentElement.lang = uiLocale().replace('_', '-');
  }, []);
  const optionsUrl = browser.runtime.getURL(
    browser.runtime.getManifest().options_ui?.page ?? 'src/options/index.html',
  );
  return (
    <main class="welcome" data-testid="welcome">
      <h1>{t('welcomeTitle')}</h1>
      <section class="welcome-what">
        <img src="/welcome/how-it-works.svg" alt={t('welcomePictureAlt')} class="welcome-picture" />
        <p>{t('welcomeWhat1')}</p>
        <p>{t('welcomeWhat2')}</p>
      </section>
      <section>
        <h2>{t('welcomePinHeading')}</h2>
        <p>{t('welcomePinSteps')}</p>
        <PinStatus />
      </section>
      <section>
        <h2>{t('welcomePrivacyHeading')}</h2>
        <Choices />
        <p class="status">{t('welcomePrivacyNote')}</p>
      </section>
      <section>
        <h2>{t('welcomeTryHeading')}</h2>
        <p>
          <a href={browser.runtime.getURL(readerPath(TRY_ARTICLE))} data-testid="try-it">
            {t('welcomeTryLink')}
          </a>
        </p>
        <p>
          <a href={optionsUrl} data-testid="open-options">
            {t('welcomeOpenSettings')}
          </a>
        </p>
      </section>
    </main>
  );
}
