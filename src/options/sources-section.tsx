/** Built-in sources (on/off, their mirrors) and the user's own: add, import, export, remove. */
import { useEffect, useState } from 'preact/hooks';
import { builtinSources } from '../core/sources/builtin';
import {
  checkCustomSource,
  exportSources,
  parseSourcesImport,
  type ImportProblem,
} from '../core/sources/custom';
import type { Source } from '../core/sources/types';
import {
  getCustomSources,
  onSourcesChanged,
  removeCustomSource,
  saveCustomSources,
  toggleInList,
} from '../platform/settings-store';
import { t, uiLocale } from '../ui/i18n';
import { downloadText, readFileText, today } from './download';
import { describeSourceProblem } from './source-errors';
import { SourceFormView } from './source-form-view';
import type { SettingsApi } from './use-settings';

const builtinIds = builtinSources.map((s) => s.id);

function mirrorsOf(source: Source): string {
  return source.mirrors.map((m) => `${m.owner}/${m.repo}`).join(', ');
}

export function SourcesSection({ api }: { api: SettingsApi }) {
  const [custom, setCustom] = useState<Source[]>([]);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const refresh = () => void getCustomSources().then(setCustom);
  useEffect(() => {
    refresh();
    return onSourcesChanged(refresh);
  }, []);
  const { settings } = api;
  if (!settings) return null;

  async function importText(text: string | null) {
    if (text === null) return;
    const result = parseSourcesImport(text, builtinIds);
    if (!result.ok) {
      setProblems(result.problems);
      api.setNotice(t('sourcesImportFailed', String(result.problems.length)));
      return;
    }
    setProblems([]);
    await saveCustomSources(result.sources);
    refresh();
    api.setNotice(t('sourcesImported', String(result.sources.length)));
  }

  return (
    <section id="sources" aria-labelledby="sources-heading" data-testid="sources">
      <h2 id="sources-heading">{t('sectionSources')}</h2>
      <h3>{t('sourcesBuiltin')}</h3>
      <ul class="plain-list">
        {builtinSources.map((source) => (
          <li key={source.id}>
            <label>
              <input
                type="checkbox"
                data-testid={`source-${source.id}`}
                checked={!settings.disabledSources.includes(source.id)}
                onChange={(e) =>
                  void api.apply(
                    toggleInList('disabledSources', source.id, !e.currentTarget.checked),
                  )
                }
              />
              {source.name[uiLocale()]} <span class="muted">{source.id}</span>
            </label>
            <p class="hint">{t('sourceMirrors', mirrorsOf(source))}</p>
          </li>
        ))}
      </ul>
      <h3>{t('sourcesCustom')}</h3>
      {custom.length === 0 && <p class="hint">{t('sourcesCustomNone')}</p>}
      <ul class="plain-list" data-testid="custom-sources">
        {custom.map((source) => (
          <li key={source.id} data-testid="custom-source">
            {source.name[uiLocale()]} <span class="muted">{source.id}</span>
            <p class="hint">{t('sourceMirrors', mirrorsOf(source))}</p>
            <button
              type="button"
              aria-label={t('sourceRemoveNamed', source.id)}
              onClick={() => void removeCustomSource(source.id).then(refresh)}
            >
              {t('sourceRemove')}
            </button>
          </li>
        ))}
      </ul>
      <div class="actions">
        <label class="file-button">
          {t('sourcesImport')}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="sources-import"
            onChange={(e) => void readFileText(e.currentTarget).then(importText)}
          />
        </label>
        <button
          type="button"
          data-testid="sources-export"
          disabled={custom.length === 0}
          onClick={() =>
            downloadText(
              `mirror-reader-sources-${today()}.json`,
              exportSources(custom),
              'application/json',
            )
          }
        >
          {t('sourcesExport')}
        </button>
      </div>
      {problems.length > 0 && (
        <ul class="errors" role="alert" data-testid="sources-import-errors">
          {problems.map((p, i) => (
            <li key={i}>{describeSourceProblem(p)}</li>
          ))}
        </ul>
      )}
      <SourceFormView
        check={(input) => checkCustomSource(input, builtinIds)}
        onAdd={async (source) => {
          await saveCustomSources([source]);
          refresh();
          api.setNotice(t('sourcesImported', '1'));
        }}
      />
    </section>
  );
}
