import { t } from '../ui/i18n';

/** What a page, the network and the device see; PRIVACY.md says the same at length. */
export function AboutSection() {
  return (
    <section class="about" data-testid="about" aria-labelledby="about-heading">
      <h2 id="about-heading">{t('aboutHeading')}</h2>
      <p>{t('aboutPage')}</p>
      <p>{t('aboutNetwork')}</p>
      <p>{t('aboutDevice')}</p>
    </section>
  );
}
