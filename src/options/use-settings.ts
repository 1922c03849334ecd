/** The settings as the options page shows them, kept current when another context changes them. */
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../core/settings/schema';
import { getSettings, onSettingsChanged, updateSettings } from '../platform/settings-store';
import { t } from '../ui/i18n';

export interface SettingsApi {
  settings: Settings | null;
  save(patch: Partial<Settings>): Promise<void>;
  /** Shows the settings returned by a store call, or its error, in the notice line. */
  apply(task: Promise<Settings>): Promise<void>;
  notice: string;
  setNotice(text: string): void;
}

export function useSettings(): SettingsApi {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    void getSettings().then(setSettings);
    return onSettingsChanged(setSettings);
  }, []);
  const apply = async (task: Promise<Settings>) => {
    try {
      setSettings(await task);
      setNotice(t('settingsSaved'));
    } catch (error) {
      setNotice(t('settingsSaveFailed', error instanceof Error ? error.message : String(error)));
    }
  };
  return {
    settings,
    save: (patch) => apply(updateSettings(patch)),
    apply,
    notice,
    setNotice,
  };
}
