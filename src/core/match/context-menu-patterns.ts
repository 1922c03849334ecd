/**
 * Chrome match patterns for context-menu `targetUrlPatterns`: coarse host filters so the menu
 * item shows only on links that may be mirrorable; the click handler still runs the matcher.
 */
import { mirrorRepositories, JSDELIVR_HOSTS } from './mirror-url';
import { builtinSources } from '../sources/builtin';
import type { Source } from '../sources/types';

/** `*://host/*` and `*://*.host/*` for every listed host of an original site. */
export function originalUrlPatterns(sources: readonly Source[] = builtinSources): string[] {
  const hosts = new Set(sources.flatMap((s) => s.hosts.map((h) => h.toLowerCase())));
  // `*.host` covers the host itself too in Chrome and Firefox; the plain one states it.
  return [...hosts].flatMap((host) => [`*://${host}/*`, `*://*.${host}/*`]);
}

/**
 * Patterns for the pages of every mirror repository (and its former names), on each endpoint
 * that serves them.
 */
export function mirrorUrlPatterns(sources: readonly Source[] = builtinSources): string[] {
  const names = new Set<string>();
  for (const [id, { owner, repo }] of mirrorRepositories(sources)) {
    // The current name as the sources spell it; a former name as listed.
    names.add(id === `${owner}/${repo}`.toLowerCase() ? `${owner}/${repo}` : id);
  }
  return [...names].flatMap((name) => [
    `*://github.com/${name}/*`,
    `*://raw.githubusercontent.com/${name}/*`,
    // No slash after the name: jsDelivr puts `@<ref>` there.
    ...JSDELIVR_HOSTS.map((host) => `*://${host}/gh/${name}*`),
  ]);
}
