/** The add-a-source form; each problem shows beside its field, in the user's language. */
import { useState } from 'preact/hooks';
import type { ImportProblem, ImportResult } from '../core/sources/custom';
import type { Source } from '../core/sources/types';
import { t, type MessageKey } from '../ui/i18n';
import { describeSourceProblem } from './source-errors';
import {
  emptySourceForm,
  fieldOf,
  SOURCE_FORM_FIELDS,
  sourceFromForm,
  type SourceForm,
  type SourceFormField,
} from './source-form';

const labels: Record<SourceFormField, MessageKey> = {
  id: 'formSourceId',
  nameZhCN: 'formNameZhCN',
  nameZhTW: 'formNameZhTW',
  nameEn: 'formNameEn',
  hosts: 'formHosts',
  patterns: 'formPatterns',
  owner: 'formOwner',
  repo: 'formRepo',
  branch: 'formBranch',
  template: 'formTemplate',
  folders: 'formFolders',
};

export function SourceFormView(props: {
  check(input: unknown): ImportResult;
  onAdd(source: Source): Promise<void>;
}) {
  const [form, setForm] = useState<SourceForm>(emptySourceForm);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const byField = (field: SourceFormField) => problems.filter((p) => fieldOf(p.at) === field);
  const unplaced = problems.filter((p) => fieldOf(p.at) === null);

  return (
    <form
      class="fields source-form"
      data-testid="source-form"
      aria-labelledby="source-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const result = props.check(sourceFromForm(form));
        if (!result.ok) return setProblems(result.problems);
        setProblems([]);
        setForm(emptySourceForm());
        for (const source of result.sources) void props.onAdd(source);
      }}
    >
      <h3 id="source-form-heading">{t('sourceFormHeading')}</h3>
      {SOURCE_FORM_FIELDS.map((field) => {
        const errors = byField(field);
        const errorId = `source-${field}-error`;
        const Input = field === 'patterns' ? 'textarea' : 'input';
        return (
          <div class="field" key={field}>
            <label for={`source-${field}`}>{t(labels[field])}</label>
            <Input
              id={`source-${field}`}
              name={field}
              value={form[field]}
              aria-invalid={errors.length > 0}
              aria-describedby={errors.length > 0 ? errorId : undefined}
              onInput={(e) => setForm({ ...form, [field]: e.currentTarget.value })}
            />
            {errors.length > 0 && (
              <p id={errorId} class="field-error" data-testid={`error-${field}`}>
                {errors.map(describeSourceProblem).join(' ')}
              </p>
            )}
          </div>
        );
      })}
      {unplaced.length > 0 && (
        <p class="field-error" role="alert">
          {unplaced.map(describeSourceProblem).join(' ')}
        </p>
      )}
      <button type="submit" data-testid="source-add">
        {t('sourceAdd')}
      </button>
    </form>
  );
}
