/**
 * The user's own sources: the JSON file they import and export, and how they are kept in
 * `storage.sync` (one item per source, so that each stays under the 8 KB item quota and two
 * contexts saving different sources lose neither).
 */
import { CUSTOM_RULES_PREFIX } from './content-rules';
import { validateSource, type SourceErrorCode, type SourceProblem } from './schema';
import type { Source } from './types';

/** Shared with the content script, which reads the same items (content-rules.ts). */
export const CUSTOM_SOURCE_PREFIX = CUSTOM_RULES_PREFIX;
export const SOURCES_FORMAT = 'mirror-reader-sources';
/** storage.sync allows 8,192 bytes per item, key included. */
export const MAX_SOURCE_BYTES = 8000;
export const MAX_CUSTOM_SOURCES = 50;

export type ImportErrorCode =
  | SourceErrorCode
  | 'json'
  | 'import-shape'
  | 'duplicate-id'
  | 'builtin-id'
  | 'too-large'
  | 'too-many-sources';

export interface ImportProblem extends Omit<SourceProblem, 'code'> {
  code: ImportErrorCode;
}

export type ImportResult =
  { ok: true; sources: Source[] } | { ok: false; problems: ImportProblem[] };

function problem(at: string, code: ImportErrorCode, text: string, args: string[] = []) {
  return { at, code, args, text: `${at}: ${text}` };
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Checks one source as the form or a file gives it: the schema, the size it takes in sync,
 * and that its id is not a built-in one. Problems are prefixed with `at`.
 */
export function checkCustomSource(
  input: unknown,
  builtinIds: readonly string[],
  at = '',
): ImportResult {
  // validateSource names the top level `source`; here it is the source's place in the file.
  const prefix = (where: string) => {
    const rel = where === 'source' ? '' : where.replace(/^source\./, '');
    return [at, rel].filter(Boolean).join('.') || 'source';
  };
  const result = validateSource(input);
  if (!result.ok) {
    return {
      ok: false,
      problems: result.problems.map((p) => {
        const where = prefix(p.at);
        return { ...p, at: where, text: `${where}${p.text.slice(p.at.length)}` };
      }),
    };
  }
  const { source } = result;
  const where = prefix('id');
  if (builtinIds.includes(source.id)) {
    return {
      ok: false,
      problems: [problem(where, 'builtin-id', `${source.id} is a built-in source`, [source.id])],
    };
  }
  const bytes = byteLength(CUSTOM_SOURCE_PREFIX + source.id + JSON.stringify(source));
  if (bytes > MAX_SOURCE_BYTES) {
    return {
      ok: false,
      problems: [
        problem(at || 'source', 'too-large', `${bytes} bytes, at most ${MAX_SOURCE_BYTES}`, [
          String(bytes),
          String(MAX_SOURCE_BYTES),
        ]),
      ],
    };
  }
  return { ok: true, sources: [source] };
}

/**
 * An import file: `{ "format": "mirror-reader-sources", "version": 1, "sources": [...] }`, a
 * bare array of sources, or one source. All or nothing: any problem imports no source.
 */
export function parseSourcesImport(text: string, builtinIds: readonly string[]): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : 'error';
    return { ok: false, problems: [problem('file', 'json', `not JSON (${why})`, [why])] };
  }
  let list: unknown[];
  let base: string;
  if (Array.isArray(data)) {
    [list, base] = [data, 'sources'];
  } else if (typeof data === 'object' && data !== null && 'format' in data) {
    const file = data as { format?: unknown; version?: unknown; sources?: unknown };
    if (file.format !== SOURCES_FORMAT || file.version !== 1 || !Array.isArray(file.sources)) {
      const text = `expected format "${SOURCES_FORMAT}", version 1 and a sources array`;
      return { ok: false, problems: [problem('file', 'import-shape', text)] };
    }
    [list, base] = [file.sources, 'sources'];
  } else {
    [list, base] = [[data], ''];
  }
  if (list.length > MAX_CUSTOM_SOURCES) {
    const text = `at most ${MAX_CUSTOM_SOURCES} sources`;
    return {
      ok: false,
      problems: [problem('sources', 'too-many-sources', text, [String(MAX_CUSTOM_SOURCES)])],
    };
  }
  const sources: Source[] = [];
  const problems: ImportProblem[] = [];
  list.forEach((item, i) => {
    const at = base ? `${base}[${i}]` : '';
    const checked = checkCustomSource(item, builtinIds, at);
    if (!checked.ok) return void problems.push(...checked.problems);
    const [source] = checked.sources as [Source];
    if (sources.some((s) => s.id === source.id)) {
      const where = at ? `${at}.id` : 'id';
      problems.push(problem(where, 'duplicate-id', `${source.id} appears twice`, [source.id]));
    }
    sources.push(source);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, sources };
}

/** The export file of the user's sources; importing it restores them exactly. */
export function exportSources(sources: readonly Source[]): string {
  return `${JSON.stringify({ format: SOURCES_FORMAT, version: 1, sources }, null, 2)}\n`;
}

/** Custom sources from stored sync items; entries that fail the checks are reported. */
export function readCustomSources(
  items: Record<string, unknown>,
  builtinIds: readonly string[],
): { sources: Source[]; bad: string[] } {
  const sources: Source[] = [];
  const bad: string[] = [];
  for (const [key, value] of Object.entries(items)) {
    if (!key.startsWith(CUSTOM_SOURCE_PREFIX)) continue;
    const checked = checkCustomSource(value, builtinIds);
    const id = key.slice(CUSTOM_SOURCE_PREFIX.length);
    if (checked.ok && checked.sources[0]?.id === id) sources.push(checked.sources[0]);
    else bad.push(key);
  }
  return { sources: sources.sort((a, b) => a.id.localeCompare(b.id)), bad };
}

/** The sources in use: enabled built-ins, then the user's. */
export function activeSources(
  builtin: readonly Source[],
  disabled: readonly string[],
  custom: readonly Source[],
): Source[] {
  return [...builtin.filter((s) => !disabled.includes(s.id)), ...custom];
}
