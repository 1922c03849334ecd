/**
 * The URL rules the content script matches links with, from the `storage.sync` items where
 * the options keep the sources: the built-in sources the user left on, then the user's own,
 * as the worker's `activeSources` has them. Of a custom source only what the matcher needs,
 * checked just enough that the matcher never throws on it: the worker and the options check
 * custom sources in full and drop (and report) bad ones, which the content script then
 * follows. Nothing here pulls the schema into the content script's bundle.
 */
// A stored item beyond the schema's limits is not a source it accepted.
import { MAX_HOSTS, MAX_PATTERN_LENGTH, MAX_PATTERNS } from './limits';
import type { UrlRules } from './types';

/** The storage.sync items of custom sources: `customSource:<id>` (see custom.ts). */
export const CUSTOM_RULES_PREFIX = 'customSource:';
export const DISABLED_SOURCES_KEY = 'disabledSources';

/** Whether a sync item is one the content script's rules depend on. */
export function isRulesItem(key: string): boolean {
  return key === DISABLED_SOURCES_KEY || key.startsWith(CUSTOM_RULES_PREFIX);
}

const isList = (value: unknown, max: number): value is unknown[] =>
  Array.isArray(value) && value.length > 0 && value.length <= max;

function customRules(key: string, value: unknown, builtinIds: readonly string[]): UrlRules | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, hosts, patterns } = value as Record<string, unknown>;
  if (typeof id !== 'string' || key !== CUSTOM_RULES_PREFIX + id || builtinIds.includes(id)) {
    return null;
  }
  if (!isList(hosts, MAX_HOSTS) || !hosts.every((h) => typeof h === 'string' && h !== '')) {
    return null;
  }
  if (!isList(patterns, MAX_PATTERNS)) return null;
  const paths: { path: string }[] = [];
  for (const pattern of patterns) {
    const path = (pattern as { path?: unknown } | null)?.path;
    if (typeof path !== 'string' || path === '' || path.length > MAX_PATTERN_LENGTH) return null;
    paths.push({ path });
  }
  return { id, hosts: [...(hosts as string[])], patterns: paths };
}

/**
 * The rules in use, given the stored items (any subset; others are ignored). With nothing
 * switched off and no custom source, `builtin` itself: the matcher compiles an array once.
 */
export function contentUrlRules(
  items: Record<string, unknown>,
  builtin: readonly UrlRules[],
): readonly UrlRules[] {
  const stored = items[DISABLED_SOURCES_KEY];
  const disabled = Array.isArray(stored) ? stored.filter((s) => typeof s === 'string') : [];
  const builtinIds = builtin.map((s) => s.id);
  const custom: UrlRules[] = [];
  for (const key of Object.keys(items).sort()) {
    if (!key.startsWith(CUSTOM_RULES_PREFIX)) continue;
    const rules = customRules(key, items[key], builtinIds);
    if (rules) custom.push(rules);
  }
  if (custom.length === 0 && !builtinIds.some((id) => disabled.includes(id))) return builtin;
  return [...builtin.filter((s) => !disabled.includes(s.id)), ...custom];
}
