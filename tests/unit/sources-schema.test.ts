import { describe, expect, it } from 'vitest';
import { builtinSources } from '../../src/core/sources/builtin';
import { validateSource } from '../../src/core/sources/schema';

/** A valid source as plain JSON, to break one field at a time. */
function sample(): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      id: 'example.org',
      name: { zh_CN: '例子', zh_TW: '例子', en: 'Example' },
      hosts: ['example.org', 'example.net'],
      patterns: [{ path: '/a/(?<folder>[a-z]+)/(?<id>\\d+)\\.html' }],
      mirrors: [
        {
          owner: 'some-one',
          repo: 'mirror.md',
          branch: 'release/v1',
          path: { kind: 'template', template: 'pages/{folder}/{id}.md' },
        },
        {
          owner: 'other',
          repo: 'mirror',
          branch: 'master',
          path: { kind: 'lookup', template: 'pages/{folder}/{id}.md', folders: ['p1', 'soh_rdzz'] },
        },
      ],
    }),
  ) as Record<string, unknown>;
}

const DELETE = Symbol('delete');

/** Sets (or deletes) the value at a dotted path such as `mirrors.0.owner` in a fresh sample. */
function errorsAfter(...changes: [string, unknown][]): string[] {
  const source = sample();
  for (const [path, value] of changes) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let at = source;
    for (const key of keys) at = at[key] as Record<string, unknown>;
    if (value === DELETE) delete at[last];
    else at[last] = value;
  }
  const result = validateSource(source);
  return result.ok ? [] : result.errors;
}

describe('validateSource', () => {
  it.each(builtinSources.map((s) => [s.id, s] as const))(
    'accepts the built-in source %s',
    (_, source) => {
      const result = validateSource(JSON.parse(JSON.stringify(source)));
      expect(result).toEqual({ ok: true, source });
    },
  );

  it("checks where a mirror's published index lives like the rest", () => {
    const index = { repo: 'someone/mirror-reader', branch: 'mirror-index', path: 'o/r' };
    expect(errorsAfter(['mirrors.0.index', index])).toEqual([]);
    expect(errorsAfter(['mirrors.0.index', { ...index, path: 'o/../r' }])).toEqual([
      'mirrors[0].index.path: expected a folder name, got "o/../r"',
    ]);
    expect(errorsAfter(['mirrors.0.index', { ...index, repo: 'no-slash' }])).toEqual([
      'mirrors[0].index.repo: expected owner/repo, got "no-slash"',
    ]);
    expect(errorsAfter(['mirrors.0.index', { ...index, extra: 1 }])).toEqual([
      'mirrors[0].index.extra: unknown field',
    ]);
  });

  it('built-in sources have distinct ids, and ids are listed hosts', () => {
    const ids = builtinSources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of builtinSources) expect(s.hosts).toContain(s.id);
  });

  it('accepts a valid sample and returns a copy holding only the checked fields', () => {
    const input = sample();
    const result = validateSource(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.source).toEqual(input);
    expect(result.source).not.toBe(input);
    expect(result.source.mirrors[0]).not.toBe((input.mirrors as unknown[])[0]);
  });

  it.each([
    ['not an object', null],
    ['an array', []],
    ['a string', 'epochtimes.com'],
    ['a number', 42],
  ])('rejects input that is %s', (_, input) => {
    const result = validateSource(input);
    expect(result.ok).toBe(false);
  });

  // [what is wrong, change, part of the expected error]
  // [what is wrong, the field, its new value, part of the expected error]
  const broken: [string, string, unknown, string][] = [
    ['unknown top-level field', 'extra', 1, 'source.extra: unknown field'],
    ['missing id', 'id', DELETE, 'id:'],
    ['id with uppercase', 'id', 'Example.org', 'id:'],
    ['missing name', 'name', DELETE, 'name: expected an object'],
    ['empty display name', 'name.en', ' ', 'name.en'],
    ['missing zh_TW', 'name.zh_TW', DELETE, 'name.zh_TW'],
    ['control character in a name', 'name.zh_CN', 'a\u0007', 'name.zh_CN'],
    ['unknown name field', 'name.fr', 'x', 'name.fr: unknown field'],
    ['hosts not an array', 'hosts', 'example.org', 'hosts: expected an array'],
    ['no hosts', 'hosts', [], 'hosts: must not be empty'],
    ['uppercase host', 'hosts', ['Example.org'], 'hosts[0]'],
    ['Unicode host', 'hosts', ['\u0435pochtimes.com'], 'hosts[0]'],
    ['bare suffix host', 'hosts', ['com'], 'hosts[0]'],
    ['IP address host', 'hosts', ['127.0.0.1'], 'hosts[0]'],
    ['host with a trailing dot', 'hosts', ['example.org.'], 'hosts[0]'],
    ['host with a port', 'hosts', ['example.org:80'], 'hosts[0]'],
    ['host with a wildcard', 'hosts', ['*.example.org'], 'hosts[0]'],
    ['no patterns', 'patterns', [], 'patterns: must not be empty'],
    ['pattern not compiling', 'patterns', [{ path: '(?<id>[' }], 'does not compile'],
    ['pattern without an id group', 'patterns', [{ path: '/a/(?<folder>\\w+)/(\\d+)' }], '(?<id>'],
    ['pattern path not a string', 'patterns', [{ path: 5 }], 'patterns[0].path'],
    ['unknown pattern field', 'patterns.0.flags', 'i', 'patterns[0].flags: unknown field'],
    ['no mirrors', 'mirrors', [], 'mirrors: must not be empty'],
    ['owner with a slash', 'mirrors.0.owner', 'a/b', 'mirrors[0].owner'],
    ['owner ending in a hyphen', 'mirrors.0.owner', 'abc-', 'mirrors[0].owner'],
    ['repo named ..', 'mirrors.0.repo', '..', 'mirrors[0].repo'],
    ['repo with a space', 'mirrors.0.repo', 'a b', 'mirrors[0].repo'],
    ['branch with ..', 'mirrors.0.branch', 'a..b', 'mirrors[0].branch'],
    ['branch with a leading slash', 'mirrors.0.branch', '/main', 'mirrors[0].branch'],
    ['branch ending in .lock', 'mirrors.0.branch', 'main.lock', 'mirrors[0].branch'],
    ['unknown path kind', 'mirrors.0.path.kind', 'index', 'mirrors[0].path.kind'],
    [
      'template without {id}',
      'mirrors.0.path.template',
      'pages/{folder}/x.md',
      'must contain {id}',
    ],
    ['template not naming a page', 'mirrors.0.path.template', 'pages/{folder}/{id}', '.md'],
    ['template with ..', 'mirrors.0.path.template', '../{folder}/{id}.md', '".."'],
    ['template with an absolute path', 'mirrors.0.path.template', '/pages/{id}.md', 'segments'],
    ['template with another placeholder', 'mirrors.0.path.template', '{year}/{id}.md', 'braces'],
    ['template with a percent', 'mirrors.0.path.template', 'p%2F/{id}.md', 'template'],
    [
      'template {folder} without a folder group',
      'patterns',
      [{ path: '/a/(?<id>\\d+)' }],
      'no pattern captures (?<folder>',
    ],
    ['lookup without {folder}', 'mirrors.1.path.template', 'pages/{id}.md', 'needs {folder}'],
    ['lookup folders missing', 'mirrors.1.path.folders', DELETE, 'folders'],
    ['lookup folder with ..', 'mirrors.1.path.folders', ['..'], 'folders[0]'],
    ['lookup folder with a slash', 'mirrors.1.path.folders', ['a/b'], 'folders[0]'],
    ['lookup folder with a percent', 'mirrors.1.path.folders', ['a%2e'], 'folders[0]'],
    ['lookup folder empty', 'mirrors.1.path.folders', [''], 'folders[0]'],
    ['duplicate lookup folder', 'mirrors.1.path.folders', ['p1', 'p1'], 'duplicate p1'],
    ['unknown mirror field', 'mirrors.0.token', 'x', 'mirrors[0].token: unknown field'],
    [
      'template rule with folders',
      'mirrors.0.path.folders',
      [],
      'mirrors[0].path.folders: unknown',
    ],
  ];

  it.each(broken)('rejects %s', (_, path, value, expected) => {
    const errors = errorsAfter([path, value]);
    expect(
      errors.some((e) => e.includes(expected)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('reports every problem at once', () => {
    const errors = errorsAfter(['id', 'X'], ['hosts', ['Y']], ['mirrors.0.owner', '']);
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });

  it('never throws on hostile values', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const input of [undefined, 10n, Symbol('s'), cyclic, { id: 10n, name: cyclic }]) {
      expect(validateSource(input).ok).toBe(false);
    }
  });
});
