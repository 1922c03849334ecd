/**
 * Checks untrusted input (a user's own source, JSON from storage) against the Source shape.
 * Hand-written to keep the bundle free of dependencies. Unknown fields are errors, so a typo
 * does not silently drop a setting. On success the source is a fresh copy of the checked
 * fields only.
 */
import { compilePathPattern, patternGroupNames } from './path-pattern';
import { SAFE_SEGMENT } from './safe-segment';
import type { IndexLocation, LocalizedName, Mirror, PathRule, Source, UrlPattern } from './types';

export type SourceValidation = { ok: true; source: Source } | { ok: false; errors: string[] };

const LIMITS = { hosts: 20, patterns: 20, mirrors: 10, folders: 200, pattern: 500, name: 80 };

// Lowercase ASCII, at least two labels, the last starting with a letter (no IP addresses).
const HOST =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// GitHub's rules for user and organization names.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const REF_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const TEMPLATE = /^[A-Za-z0-9_.{}/-]{1,200}$/;
const CONTROL = /\p{Cc}/u;

type Errors = string[];

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
    errors.push(`${at}: expected an object`);
    return null;
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) errors.push(`${at}.${key}: unknown field`);
  }
  return value;
}

function array(value: unknown, at: string, max: number, errors: Errors): unknown[] | null {
  if (!Array.isArray(value)) {
    errors.push(`${at}: expected an array`);
    return null;
  }
  if (value.length === 0) errors.push(`${at}: must not be empty`);
  if (value.length > max) errors.push(`${at}: at most ${max} entries`);
  return value as unknown[];
}

function text(value: unknown, at: string, pattern: RegExp, what: string, errors: Errors): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    errors.push(`${at}: expected ${what}, got ${show(value)}`);
    return '';
  }
  return value;
}

function checkName(value: unknown, errors: Errors): LocalizedName {
  const name = record(value, 'name', ['zh_CN', 'zh_TW', 'en'], errors);
  const one = (lang: keyof LocalizedName): string => {
    const v = name?.[lang];
    if (typeof v !== 'string' || v.trim() === '' || v.length > LIMITS.name || CONTROL.test(v)) {
      if (name) errors.push(`name.${lang}: expected a display name of 1–${LIMITS.name} characters`);
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
  if (typeof path !== 'string' || path === '' || path.length > LIMITS.pattern) {
    if (pattern)
      errors.push(`${at}.path: expected a regular expression of 1–${LIMITS.pattern} characters`);
    return { path: '', folder: false };
  }
  try {
    compilePathPattern(path);
  } catch (error) {
    errors.push(
      `${at}.path: does not compile (${error instanceof Error ? error.message : 'error'})`,
    );
    return { path, folder: false };
  }
  const groups = patternGroupNames(path);
  if (!groups.includes('id')) errors.push(`${at}.path: needs a named group (?<id>…)`);
  return { path, folder: groups.includes('folder') };
}

function checkTemplate(value: unknown, at: string, errors: Errors): string {
  const template = text(value, at, TEMPLATE, 'a relative path template', errors);
  if (template === '') return '';
  const bad = (why: string): string => {
    errors.push(`${at}: ${why}`);
    return '';
  };
  if (!template.includes('{id}')) return bad('must contain {id}');
  if (!template.endsWith('.md')) return bad('must name a .md page');
  if (template.replace(/\{(?:id|folder)\}/g, '').match(/[{}]/)) {
    return bad('only {id} and {folder} may appear in braces');
  }
  if (template.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return bad('segments must not be empty, "." or ".."');
  }
  return template;
}

function checkRule(value: unknown, at: string, folderInUrl: boolean, errors: Errors): PathRule {
  const kind = isRecord(value) ? value.kind : undefined;
  if (kind === 'template') {
    const rule = record(value, at, ['kind', 'template'], errors);
    const template = checkTemplate(rule?.template, `${at}.template`, errors);
    if (template.includes('{folder}') && !folderInUrl) {
      errors.push(`${at}.template: uses {folder}, but no pattern captures (?<folder>…)`);
    }
    return { kind, template };
  }
  if (kind === 'lookup') {
    const rule = record(value, at, ['kind', 'template', 'folders'], errors);
    const template = checkTemplate(rule?.template, `${at}.template`, errors);
    if (template !== '' && !template.includes('{folder}')) {
      errors.push(`${at}.template: a lookup needs {folder}`);
    }
    const folders: string[] = [];
    const list = rule?.folders;
    if (!Array.isArray(list) || list.length > LIMITS.folders) {
      errors.push(`${at}.folders: expected an array of at most ${LIMITS.folders} folders`);
    } else {
      list.forEach((f: unknown, i) => {
        const folder = text(f, `${at}.folders[${i}]`, SAFE_SEGMENT, 'a folder name', errors);
        if (folder !== '' && folders.includes(folder))
          errors.push(`${at}.folders[${i}]: duplicate ${folder}`);
        folders.push(folder);
      });
    }
    return { kind, template, folders };
  }
  errors.push(`${at}.kind: expected "template" or "lookup"`);
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
  if (!ok) errors.push(`${at}: expected a branch name, got ${show(value)}`);
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
  const repo = text(mirror.repo, `${at}.repo`, REPO, 'a repository name', errors);
  if (repo === '.' || repo === '..') errors.push(`${at}.repo: expected a repository name`);
  const checked: Mirror = {
    owner: text(mirror.owner, `${at}.owner`, OWNER, 'a GitHub owner', errors),
    repo,
    branch: checkBranch(mirror.branch, `${at}.branch`, errors),
    path: checkRule(mirror.path, `${at}.path`, folderInUrl, errors),
  };
  if (mirror.formerNames !== undefined) {
    const names = array(mirror.formerNames, `${at}.formerNames`, LIMITS.hosts, errors) ?? [];
    checked.formerNames = names.map((n, i) => {
      const where = `${at}.formerNames[${i}]`;
      const [owner, name, extra] = typeof n === 'string' ? n.split('/') : [];
      const ok =
        extra === undefined &&
        OWNER.test(owner ?? '') &&
        REPO.test(name ?? '') &&
        name !== '.' &&
        name !== '..';
      if (!ok) errors.push(`${where}: expected owner/repo, got ${show(n)}`);
      return ok ? String(n) : '';
    });
  }
  if (mirror.index !== undefined)
    checked.index = checkIndexLocation(mirror.index, `${at}.index`, errors);
  return checked;
}

const INDEX_PATH =
  /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}){0,7}$/;

/** Where a mirror's published index lives: `owner/name`, a branch and a folder. */
function checkIndexLocation(value: unknown, at: string, errors: Errors): IndexLocation {
  const index = record(value, at, ['repo', 'branch', 'path'], errors);
  const [owner, name, extra] = typeof index?.repo === 'string' ? index.repo.split('/') : [];
  const repoOk =
    extra === undefined &&
    OWNER.test(owner ?? '') &&
    REPO.test(name ?? '') &&
    name !== '.' &&
    name !== '..';
  if (index && !repoOk) errors.push(`${at}.repo: expected owner/repo, got ${show(index.repo)}`);
  const path = index ? text(index.path, `${at}.path`, INDEX_PATH, 'a folder path', errors) : '';
  if (path.split('/').some((s) => s === '..' || s === '.'))
    errors.push(`${at}.path: no . or .. segments`);
  return {
    repo: repoOk ? String(index?.repo) : '',
    branch: index ? checkBranch(index.branch, `${at}.branch`, errors) : '',
    path,
  };
}

export function validateSource(input: unknown): SourceValidation {
  const errors: Errors = [];
  const source = record(input, 'source', ['id', 'name', 'hosts', 'patterns', 'mirrors'], errors);
  if (!source) return { ok: false, errors };

  const id = text(source.id, 'id', HOST, 'the site domain', errors);
  const name = checkName(source.name, errors);
  const hosts = (array(source.hosts, 'hosts', LIMITS.hosts, errors) ?? []).map((h, i) =>
    text(h, `hosts[${i}]`, HOST, 'a lowercase ASCII host name', errors),
  );
  const checked = (array(source.patterns, 'patterns', LIMITS.patterns, errors) ?? []).map((p, i) =>
    checkPattern(p, `patterns[${i}]`, errors),
  );
  // A template may use {folder} only if every shape carries it.
  const folderInUrl = checked.length > 0 && checked.every((p) => p.folder);
  const mirrors = (array(source.mirrors, 'mirrors', LIMITS.mirrors, errors) ?? []).map((m, i) =>
    checkMirror(m, `mirrors[${i}]`, folderInUrl, errors),
  );

  if (errors.length > 0) return { ok: false, errors };
  const patterns = checked.map(({ path }) => ({ path }));
  return { ok: true, source: { id, name, hosts, patterns, mirrors } };
}
