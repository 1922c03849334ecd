/**
 * The add-a-source form: its fields → the JSON shape of a source (checked like an import),
 * and where each problem belongs on the form.
 */
export const SOURCE_FORM_FIELDS = [
  'id',
  'nameZhCN',
  'nameZhTW',
  'nameEn',
  'hosts',
  'patterns',
  'owner',
  'repo',
  'branch',
  'template',
  'folders',
] as const;

export type SourceFormField = (typeof SOURCE_FORM_FIELDS)[number];
export type SourceForm = Record<SourceFormField, string>;

export const emptySourceForm = (): SourceForm => ({
  ...(Object.fromEntries(SOURCE_FORM_FIELDS.map((f) => [f, ''])) as SourceForm),
  branch: 'master',
  template: 'pages/{folder}/{id}.md',
});

const list = (text: string, split: RegExp) =>
  text
    .split(split)
    .map((s) => s.trim())
    .filter(Boolean);

/** The source the form describes; folders given make it a lookup, none a template. */
export function sourceFromForm(form: SourceForm): unknown {
  const folders = list(form.folders, /[\s,，]+/);
  return {
    id: form.id.trim(),
    name: { zh_CN: form.nameZhCN.trim(), zh_TW: form.nameZhTW.trim(), en: form.nameEn.trim() },
    hosts: list(form.hosts, /[\s,，]+/),
    patterns: list(form.patterns, /\n/).map((path) => ({ path })),
    mirrors: [
      {
        owner: form.owner.trim(),
        repo: form.repo.trim(),
        branch: form.branch.trim(),
        path:
          folders.length > 0
            ? { kind: 'lookup', template: form.template.trim(), folders }
            : { kind: 'template', template: form.template.trim() },
      },
    ],
  };
}

/** The form field a problem's path (`mirrors[0].owner`, `name.en`, …) points at. */
export function fieldOf(at: string): SourceFormField | null {
  const rules: [RegExp, SourceFormField][] = [
    [/^id$/, 'id'],
    [/^name\.zh_CN/, 'nameZhCN'],
    [/^name\.zh_TW/, 'nameZhTW'],
    [/^name\.en/, 'nameEn'],
    [/^hosts/, 'hosts'],
    [/^patterns/, 'patterns'],
    [/^mirrors\[0\]\.owner/, 'owner'],
    [/^mirrors\[0\]\.repo/, 'repo'],
    [/^mirrors\[0\]\.branch/, 'branch'],
    [/^mirrors\[0\]\.path\.folders/, 'folders'],
    [/^mirrors\[0\]\.path/, 'template'],
  ];
  return rules.find(([re]) => re.test(at))?.[1] ?? null;
}
