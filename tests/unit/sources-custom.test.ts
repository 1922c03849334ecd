import { describe, expect, it } from 'vitest';
import { builtinSources } from '../../src/core/sources/builtin';
import {
  exportSources,
  MAX_CUSTOM_SOURCES,
  parseSourcesImport,
  readCustomSources,
  type ImportErrorCode,
} from '../../src/core/sources/custom';

const builtinIds = builtinSources.map((s) => s.id);

const valid = {
  id: 'example.org',
  name: { zh_CN: '例子新闻', zh_TW: '例子新聞', en: 'Example News' },
  hosts: ['example.org'],
  patterns: [{ path: '/news/(?<folder>[a-z]+)/(?<id>\\d+)\\.html' }],
  mirrors: [
    {
      owner: 'someone',
      repo: 'news-mirror',
      branch: 'main',
      path: { kind: 'template', template: 'pages/{folder}/{id}.md' },
    },
  ],
};

function withChange(path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

const file = (...sources: unknown[]) =>
  JSON.stringify({ format: 'mirror-reader-sources', version: 1, sources });

const lookup = { kind: 'lookup', template: 'pages/{folder}/{id}.md', folders: ['a'] };

/** One case per class of error: the file, the field named, the class. */
const cases: [string, string, string, ImportErrorCode][] = [
  ['not JSON', '{"sources": [', 'file', 'json'],
  ['a file of another format', '{"format":"x","version":1,"sources":[]}', 'file', 'import-shape'],
  [
    'too many sources',
    JSON.stringify(Array(MAX_CUSTOM_SOURCES + 1).fill(valid)),
    'sources',
    'too-many-sources',
  ],
  ['a source that is not an object', file(5), 'sources[0]', 'object'],
  ['an unknown field', file(withChange('token', 'x')), 'sources[0].token', 'unknown-field'],
  ['hosts not an array', file(withChange('hosts', 'a.org')), 'sources[0].hosts', 'array'],
  ['no hosts', file(withChange('hosts', [])), 'sources[0].hosts', 'empty'],
  [
    'too many hosts',
    file(withChange('hosts', Array(21).fill('a.org'))),
    'sources[0].hosts',
    'too-many',
  ],
  [
    'a bad owner',
    file(withChange('mirrors.0.owner', 'a/b')),
    'sources[0].mirrors[0].owner',
    'format',
  ],
  ['an empty name', file(withChange('name.en', ' ')), 'sources[0].name.en', 'name'],
  [
    'an empty pattern',
    file(withChange('patterns', [{ path: '' }])),
    'sources[0].patterns[0].path',
    'pattern-length',
  ],
  [
    'a pattern that does not compile',
    file(withChange('patterns', [{ path: '(?<id>[' }])),
    'sources[0].patterns[0].path',
    'pattern-compile',
  ],
  [
    'a pattern without an id',
    file(withChange('patterns', [{ path: '/(?<folder>a)/(\\d+)' }])),
    'sources[0].patterns[0].path',
    'pattern-id',
  ],
  [
    'a template without {id}',
    file(withChange('mirrors.0.path.template', 'pages/{folder}/x.md')),
    'sources[0].mirrors[0].path.template',
    'template-id',
  ],
  [
    'a template not naming a page',
    file(withChange('mirrors.0.path.template', 'pages/{id}')),
    'sources[0].mirrors[0].path.template',
    'template-md',
  ],
  [
    'a template with another placeholder',
    file(withChange('mirrors.0.path.template', '{year}/{id}.md')),
    'sources[0].mirrors[0].path.template',
    'template-braces',
  ],
  [
    'a template with ..',
    file(withChange('mirrors.0.path.template', '../{id}.md')),
    'sources[0].mirrors[0].path.template',
    'template-segments',
  ],
  [
    '{folder} no pattern captures',
    file(withChange('patterns', [{ path: '/n/(?<id>\\d+)' }])),
    'sources[0].mirrors[0].path.template',
    'template-folder-capture',
  ],
  [
    'a lookup without {folder}',
    file(withChange('mirrors.0.path', { ...lookup, template: 'p/{id}.md' })),
    'sources[0].mirrors[0].path.template',
    'lookup-folder',
  ],
  [
    'lookup folders not a list',
    file(withChange('mirrors.0.path', { ...lookup, folders: 'a' })),
    'sources[0].mirrors[0].path.folders',
    'folders',
  ],
  [
    'a duplicate folder',
    file(withChange('mirrors.0.path', { ...lookup, folders: ['a', 'a'] })),
    'sources[0].mirrors[0].path.folders[1]',
    'duplicate-folder',
  ],
  [
    'an unknown path kind',
    file(withChange('mirrors.0.path.kind', 'index')),
    'sources[0].mirrors[0].path.kind',
    'kind',
  ],
  ['a source id twice', file(valid, valid), 'sources[1].id', 'duplicate-id'],
  ['a built-in id', file(withChange('id', 'rfa.org')), 'sources[0].id', 'builtin-id'],
  [
    'a source over the sync item quota',
    file(
      withChange('mirrors.0.path', {
        ...lookup,
        folders: Array.from(
          { length: 200 },
          (_, i) => `a-rather-long-folder-name-number-${i}-of-many`,
        ),
      }),
    ),
    'sources[0]',
    'too-large',
  ],
];

describe('importing custom sources', () => {
  it.each(cases)('rejects %s, naming the field, and imports nothing', (_, text, at, code) => {
    const result = parseSourcesImport(text, builtinIds);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.at, p.code])).toContainEqual([at, code]);
    expect(result.problems.every((p) => p.text.startsWith(p.at))).toBe(true);
  });

  it('imports nothing when one source of several is bad', () => {
    const result = parseSourcesImport(file(valid, withChange('id', 'BAD')), builtinIds);
    expect(result.ok).toBe(false);
  });

  it('takes an export file, a bare array or one source', () => {
    for (const text of [file(valid), JSON.stringify([valid]), JSON.stringify(valid)]) {
      const result = parseSourcesImport(text, builtinIds);
      expect(result.ok && result.sources.map((s) => s.id)).toEqual(['example.org']);
    }
  });

  it('restores exactly what it exported', () => {
    const second = { ...valid, id: 'example.net', hosts: ['example.net', 'm.example.net'] };
    const first = parseSourcesImport(file(valid, second), builtinIds);
    if (!first.ok) throw new Error(first.problems.map((p) => p.text).join('\n'));
    const exported = exportSources(first.sources);
    const again = parseSourcesImport(exported, builtinIds);
    expect(again).toEqual(first);
    expect(exportSources(again.ok ? again.sources : [])).toBe(exported);
  });

  it('reads stored sources and names the corrupt items to drop', () => {
    const items = {
      'customSource:example.org': valid,
      'customSource:other.org': valid, // stored under another id's key
      'customSource:junk.org': 'junk',
      markLinks: true,
    };
    const { sources, bad } = readCustomSources(items, builtinIds);
    expect(sources.map((s) => s.id)).toEqual(['example.org']);
    expect(bad.sort()).toEqual(['customSource:junk.org', 'customSource:other.org']);
  });
});
