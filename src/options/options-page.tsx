/** The settings page: one section per concern, reachable by its #anchor (e.g. #endpoints). */
import { useEffect, useState } from 'preact/hooks';
import {
  clearProblems,
  getProblems,
  onProblemsChanged,
  type StorageProblem,
} from '../platform/storage-problems';
import { t, type MessageKey } from '../ui/i18n';
import { WELCOME_PAGE } from '../core/welcome';
import { browser } from '../platform/api';
import { BehaviourSection } from './behaviour-section';
import { EndpointsSection } from './endpoints-section';
import { LibrarySection } from './library-section';
import { SourcesSection } from './sources-section';
import { StorageSection } from './storage-section';
import { useSettings } from './use-settings';
import { AboutSection } from './about-section';
import { ForgetSection } from './forget-section';

const sections: [string, MessageKey][] = [
  ['behaviour', 'sectionBehaviour'],
  ['sources', 'sectionSources'],
  ['endpoints', 'sectionEndpoints'],
  ['library', 'sectionLibrary'],
  ['storage', 'sectionStorage'],
];

export function OptionsPage() {
  const api = useSettings();
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    document.title = t('optionsTitle');
  }, []);
  // Once the sections exist, bring the one the link named into view.
  const ready = api.settings !== null;
  useEffect(() => {
    if (ready && location.hash) document.querySelector(location.hash)?.scrollIntoView();
  }, [ready]);

  return (
    <main data-testid="options" class="options">
      <h1>{t('optionsTitle')}</h1>
      <nav aria-label={t('optionsSections')}>
        <ul class="section-nav">
          {sections.map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Problems revision={revision} />
      <p role="status" data-testid="options-notice" class="notice">
        {api.notice}
      </p>
      <BehaviourSection api={api} />
      <SourcesSection api={api} />
      <EndpointsSection api={api} />
      <LibrarySection onChange={() => setRevision((n) => n + 1)} />
      <StorageSection api={api} revision={revision} />
      <p>
        <a href={browser.runtime.getURL(WELCOME_PAGE)} data-testid="open-welcome">
          {t('optionsOpenWelcome')}
        </a>
      </p>
      <ForgetSection onForgotten={() => setRevision((n) => n + 1)} />
      <AboutSection />
    </main>
  );
}

const areaLabel: Record<StorageProblem['area'], MessageKey> = {
  settings: 'problemAreaSettings',
  sources: 'problemAreaSources',
  library: 'problemAreaLibrary',
  cache: 'problemAreaCache',
};

/** Stored entries found corrupt and dropped, so the user knows what was lost. */
function Problems({ revision }: { revision: number }) {
  const [problems, setProblems] = useState<StorageProblem[]>([]);
  useEffect(() => {
    const load = () => void getProblems().then(setProblems);
    load();
    return onProblemsChanged(load);
  }, [revision]);
  if (problems.length === 0) return null;
  return (
    <section class="problems" role="alert" data-testid="storage-problems">
      <h2>{t('problemsHeading')}</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{t('problemLine', [t(areaLabel[p.area]), p.key])}</li>
        ))}
      </ul>
      <button type="button" onClick={() => void clearProblems().then(() => setProblems([]))}>
        {t('problemsDismiss')}
      </button>
    </section>
  );
}
