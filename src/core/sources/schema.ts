/**
 * Checks untrusted input (a user's own source, JSON from storage) against the Source shape.
 * Hand-written to keep the bundle free of dependencies. Unknown fields are errors, so a typo
 * does not silently drop a setting. On success the source is a fresh copy of the checked
 * fields only.
 */
import { compilePathPattern, patternGroupNames } from './path-pattern';
import { SAFE_SEGMENT } from './safe-segment';
import type { IndexLocation, LocalizedName, Mirror, PathRule, Source, UrlPattern } from './types';
import { SOURCE_LIMITS } from './limits';

/** What kind of value a `format` problem expected. */
export type ValueKind =
  'domain' | 'host' | 'owner' | 'repo' | 'branch' | 'template' | 'folder' | 'former-name';

export type SourceErrorCode =
  | 'object'
  | 'unknown-field'
  | 'array'
  | 'empty'
  | 'too-many'
  | 'format'
  | 'name'
  | 'pattern-length'
  | 'pattern-compile'
  | 'pattern-id'
  | 'template-id'
  | 'template-md'
  | 'template-braces'
  | 'template-segments'
  | 'template-folder-capture'
  | 'lookup-folder'
  | 'folders'
  | 'duplicate-folder'
  | 'kind';

/** One problem: where (`mirrors[0].owner`), which class, and values for the message. */
export interface SourceProblem {
  at: string;
  code: SourceErrorCode;
  args: string[];
  /** The same in English, for the CLI and logs. */
  text: string;
}

export type SourceValidation =
  { ok: true; source: Source } | { ok: false; errors: string[]; problems: SourceProblem[] };

// Lowercase ASCII, at least two labels, the last starting with a letter (no IP addresses).
const HOST =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// GitHub's rules for user and organization names.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const REF_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const TEMPLATE = /^[A-Za-z0-9_.{}/-]{1,200}$/;
const CONTROL = /\p{Cc}/u;

type Errors = SourceProblem[];

function fail(
  errors: Errors,
  at: string,
  code: SourceErrorCode,
  text: string,
  args: string[] = [],
): void {
  errors.push({ at, code, args, text: `${at}: ${text}` });
}

/** A short description of a bad value for an error message; never throws. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 60));
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record at `at`, with unknown keys reported; null (and an error) if not an object. */
function record(
  value: unknown,
  at: string,
  keys: readonly string[],
  errors: Errors,
): Record<string, unknown> | null {
  if (!isRecord(value)) {
    fail(errors, at, 'object', 'expected an object');
    return null;
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) fail(errors, `${at}.${key}`, 'unknown-field', 'unknown field');
  }
  return value;
}

function array(value: unknown, at: string, max: number, errors: Errors): unknown[] | null {
  if (!Array.isArray(value)) {
    fail(errors, at, 'array', 'expected an array');
    return null;
  }
  if (value.length === 0) fail(errors, at, 'empty', 'must not be empty');
  if (value.length > max) fail(errors, at, 'too-many', `at most ${max} entries`, [String(max)]);
  return value as unknown[];
}

const KIND_TEXT: Record<ValueKind, string> = {
  domain: 'the site domain',
  host: 'a lowercase ASCII host name',
  owner: 'a GitHub owner',
  repo: 'a repository name',
  branch: 'a branch name',
  template: 'a relative path template',
  folder: 'a folder name',
  'former-name': 'owner/repo',
};

function badFormat(errors: Errors, at: string, kind: ValueKind, value: unknown): void {
  fail(errors, at, 'format', `expected ${KIND_TEXT[kind]}, got ${show(value)}`, [
    kind,
    show(value),
  ]);
}

function text(
  value: unknown,
  at: string,
  pattern: RegExp,
  kind: ValueKind,
  errors: Errors,
): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    badFormat(errors, at, kind, value);
    return '';
  }
  return value;
}

function checkName(value: unknown, errors: Errors): LocalizedName {
  const name = record(value, 'name', ['zh_CN', 'zh_TW', 'en'], errors);
  const one = (lang: keyof LocalizedName): string => {
    const v = name?.[lang];
    if (
      typeof v !== 'string' ||
      v.trim() === '' ||
      v.length > SOURCE_LIMITS.name ||
      CONTROL.test(v)
    ) {
      if (name)
        fail(
          errors,
          `name.${lang}`,
          'name',
          `expected a display name of 1–${SOURCE_LIMITS.name} characters`,
          [String(SOURCE_LIMITS.name)],
        );
      return '';
    }
    return v;
  };
  return { zh_CN: one('zh_CN'), zh_TW: one('zh_TW'), en: one('en') };
}

/** Checks one pattern; returns it with whether it captures a folder. */
function checkPattern(
  value: unknown,
  at: string,
  errors: Errors,
): UrlPattern & { folder: boolean } {
  const pattern = record(value, at, ['path'], errors);
  const path = pattern?.path;
  if (typeof path !== 'string' || path === '' || path.length > SOURCE_LIMITS.pattern) {
    if (pattern)
      fail(
        errors,
        `${at}.path`,
        'pattern-length',
        `expected a regular expression of 1–${SOURCE_LIMITS.pattern} characters`,
        [String(SOURCE_LIMITS.pattern)],
      );
    return { path: '', folder: false };
  }
  try {
    compilePathPattern(path);
  } catch (error) {
    const why = error instanceof Error ? error.message : 'error';
    fail(errors, `${at}.path`, 'pattern-compile', `does not compile (${why})`, [why]);
    return { path, folder: false };
  }
  const groups = patternGroupNames(path);
  if (!groups.includes('id'))
    fail(errors, `${at}.path`, 'pattern-id', 'needs a named group (?<id>…)');
  return { path, folder: groups.includes('folder') };
}

function checkTemplate(value: unknown, at: string, errors: Errors): string {
  const template = text(value, at, TEMPLATE, 'template', errors);
  if (template === '') return '';
  const bad = (code: SourceErrorCode, why: string): string => {
    fail(errors, at, code, why);
    return '';
  };
  if (!template.includes('{id}')) return bad('template-id', 'must contain {id}');
  if (!template.endsWith('.md')) return bad('template-md', 'must name a .md page');
  if (template.replace(/\{(?:id|folder)\}/g, '').match(/[{}]/)) {
    return bad('template-braces', 'only {id} and {folder} may appear in braces');
  }
  if (template.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return bad('template-segments', 'segments must not be empty, "." or ".."');
  }
  return template;
}

function checkRule(value: unknown, at: string, folderInUrl: boolean, errors: Errors): PathRule {
  const kind = isRecord(value) ? value.kind : undefined;
  if (kind === 'template') {
    const rule = record(value, at, ['kind', 'template'], errors);
    const template = checkTemplate(rule?.template, `${at}.template`, errors);
    if (template.includes('{folder}') && !folderInUrl) {
      fail(
        errors,
        `${at}.template`,
        'template-folder-capture',
        'uses {folder}, but no pattern captures (?<folder>…)',
      );
    }
    return { kind, template };
  }
  if (kind === 'lookup') {
    const rule = record(value, at, ['kind', 'template', 'folders'], errors);
    const template = checkTemplate(rule?.template, `${at}.template`, errors);
    if (template !== '' && !template.includes('{folder}')) {
      fail(errors, `${at}.template`, 'lookup-folder', 'a lookup needs {folder}');
    }
    const folders: string[] = [];
    const list = rule?.folders;
    if (!Array.isArray(list) || list.length > SOURCE_LIMITS.folders) {
      fail(
        errors,
        `${at}.folders`,
        'folders',
        `expected an array of at most ${SOURCE_LIMITS.folders} folders`,
        [String(SOURCE_LIMITS.folders)],
      );
    } else {
      list.forEach((f: unknown, i) => {
        const folder = text(f, `${at}.folders[${i}]`, SAFE_SEGMENT, 'folder', errors);
        if (folder !== '' && folders.includes(folder))
          fail(errors, `${at}.folders[${i}]`, 'duplicate-folder', `duplicate ${folder}`, [folder]);
        folders.push(folder);
      });
    }
    return { kind, template, folders };
  }
  fail(errors, `${at}.kind`, 'kind', 'expected "template" or "lookup"');
  return { kind: 'template', template: '' };
}

function checkBranch(value: unknown, at: string, errors: Errors): string {
  const ok =
    typeof value === 'string' &&
    value.length <= 255 &&
    value
      .split('/')
      .every((s) => REF_SEGMENT.test(s) && !s.endsWith('.lock') && !s.endsWith('.')) &&
    !value.includes('..');
  if (!ok) badFormat(errors, at, 'branch', value);
  return ok ? value : '';
}

function checkMirror(value: unknown, at: string, folderInUrl: boolean, errors: Errors): Mirror {
  const mirror = record(
    value,
    at,
    ['owner', 'repo', 'branch', 'path', 'formerNames', 'index'],
    errors,
  );
  if (!mirror) return { owner: '', repo: '', branch: '', path: { kind: 'template', template: '' } };
  const repo = text(mirror.repo, `${at}.repo`, REPO, 'repo', errors);
  if (repo === '.' || repo === '..') badFormat(errors, `${at}.repo`, 'repo', repo);
  const checked: Mirror = {
    owner: text(mirror.owner, `${at}.owner`, OWNER, 'owner', errors),
    repo,
    branch: checkBranch(mirror.branch, `${at}.branch`, errors),
    path: checkRule(mirror.path, `${at}.path`, folderInUrl, errors),
  };
  if (mirror.formerNames !== undefined) {
    const names = array(mirror.formerNames, `${at}.formerNames`, SOURCE_LIMITS.hosts, errors) ?? [];
    checked.formerNames = names.map((n, i) => {
      const where = `${at}.formerNames[${i}]`;
      const [owner, name, extra] = typeof n === 'string' ? n.split('/') : [];
      const ok =
        extra === undefined &&
        OWNER.test(owner ?? '') &&
        REPO.test(name ?? '') &&
        name !== '.' &&
        name !== '..';
      if (!ok) badFormat(errors, where, 'former-name', n);
      return ok ? String(n) : '';
    });
  }
  if (mirror.index !== undefined)
    checked.index = checkIndexLocation(mirror.index, `${at}.index`, errors);
  return checked;
}

const INDEX_PATH =
  /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}){0,7}$/;

/** Where a mirror's published index lives: `owner/name`, a branch and a folder path. */
function checkIndexLocation(value: unknown, at: string, errors: Errors): IndexLocation {
  const index = record(value, at, ['repo', 'branch', 'path'], errors);
  const [owner, name, extra] = typeof index?.repo === 'string' ? index.repo.split('/') : [];
  const repoOk =
    extra === undefined &&
    OWNER.test(owner ?? '') &&
    REPO.test(name ?? '') &&
    name !== '.' &&
    name !== '..';
  if (index && !repoOk) badFormat(errors, `${at}.repo`, 'former-name', index.repo);
  let path = index ? text(index.path, `${at}.path`, INDEX_PATH, 'folder', errors) : '';
  if (path.split('/').some((s) => s === '..' || s === '.')) {
    badFormat(errors, `${at}.path`, 'folder', path);
    path = '';
  }
  return {
    repo: repoOk ? String(index?.repo) : '',
    branch: index ? checkBranch(index.branch, `${at}.branch`, errors) : '',
    path,
  };
}

function failed(problems: Errors): SourceValidation {
  return { ok: false, errors: problems.map((p) => p.text), problems };
}

export function validateSource(input: unknown): SourceValidation {
  const errors: Errors = [];
  const source = record(input, 'source', ['id', 'name', 'hosts', 'patterns', 'mirrors'], errors);
  if (!source) return failed(errors);

  const id = text(source.id, 'id', HOST, 'domain', errors);
  const name = checkName(source.name, errors);
  const hosts = (array(source.hosts, 'hosts', SOURCE_LIMITS.hosts, errors) ?? []).map((h, i) =>
    text(h, `hosts[${i}]`, HOST, 'host', errors),
  );
  const checked = (array(source.patterns, 'patterns', SOURCE_LIMITS.patterns, errors) ?? []).map(
    (p, i) => checkPattern(p, `patterns[${i}]`, errors),
  );
  // A template may use {folder} only if every shape carries it.
  const folderInUrl = checked.length > 0 && checked.every((p) => p.folder);
  const mirrors = (array(source.mirrors, 'mirrors', SOURCE_LIMITS.mirrors, errors) ?? []).map(
    (m, i) => checkMirror(m, `mirrors[${i}]`, folderInUrl, errors),
  );

  if (errors.length > 0) return failed(errors);
  const patterns = checked.map(({ path }) => ({ path }));
  return { ok: true, source: { id, name, hosts, patterns, mirrors } };
}
