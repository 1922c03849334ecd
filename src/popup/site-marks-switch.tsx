import { useEffect, useState } from 'preact/hooks';
import { marksOnSite, setSiteMarks } from '../platform/site-marks';
import { t } from '../ui/i18n';

/** Marks on this site's links, the user's choice; one line says the page can see them. */
export function SiteMarksSwitch({ site }: { site: string }) {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    marksOnSite(site).then(setOn, () => setOn(false));
  }, [site]);
  if (on === null) return null;
  return (
    <section class="site-marks" data-testid="site-marks">
      <label>
        <input
          type="checkbox"
          name="siteMarks"
          checked={on}
          onChange={(e) => {
            const next = e.currentTarget.checked;
            setOn(next);
            void setSiteMarks(site, next).catch(() => setOn(!next));
          }}
        />
        {t('siteMarksSwitch', site)}
      </label>
      <p class="hint">{t('marksVisibleHint')}</p>
    </section>
  );
}
