/**
 * The reading settings of a page: loaded from storage, changed by the reading bar, and kept
 * in step with other open pages (popup and reader) through storage change events. The theme
 * is applied to the whole page, so the share panel and the article look alike.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../core/settings/schema';
import { getSettings, onSettingsChanged, updateSettings } from '../../platform/storage';

export type Reading = Pick<
  Settings,
  'fontSize' | 'theme' | 'lineHeight' | 'contentWidth' | 'script' | 'speechRate'
>;

export function applyTheme(theme: Settings['theme'], root = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function useReading(): [Reading | null, (patch: Partial<Reading>) => void] {
  const [reading, setReading] = useState<Reading | null>(null);

  useEffect(() => {
    void getSettings().then(setReading);
    return onSettingsChanged(setReading);
  }, []);

  useEffect(() => {
    if (reading) applyTheme(reading.theme);
  }, [reading?.theme]);

  const update = (patch: Partial<Reading>) => {
    setReading((current) => (current ? { ...current, ...patch } : current));
    void updateSettings(patch);
  };
  return [reading, update];
}
