/**
 * Where a mirror page can be fetched. Any of these may be blocked on a user's network:
 * raw.githubusercontent.com is DNS-poisoned in China, cdn.jsdelivr.net blocked there, and
 * jsDelivr points users to fastly.jsdelivr.net; github.com usually answers.
 */
import type { MirrorLocation } from '../sources/types';

export const ENDPOINT_IDS = ['fastly', 'gcore', 'testingcf', 'cdn', 'raw', 'github'] as const;
export type EndpointId = (typeof ENDPOINT_IDS)[number];

/**
 * The order tried before this network has taught us anything: the jsDelivr hosts that answer
 * in China first, then github.com (heavier pages, but usually reachable), then the rest.
 */
export const DEFAULT_ENDPOINT_ORDER: readonly EndpointId[] = [
  'fastly',
  'gcore',
  'github',
  'testingcf',
  'raw',
  'cdn',
];

const JSDELIVR_HOSTS: Record<string, string> = {
  fastly: 'fastly.jsdelivr.net',
  gcore: 'gcore.jsdelivr.net',
  testingcf: 'testingcf.jsdelivr.net',
  cdn: 'cdn.jsdelivr.net',
};

/** The hosts the endpoints fetch from: the only ones a page of ours may ask unprompted. */
export const ENDPOINT_HOSTS: readonly string[] = [
  'github.com',
  'raw.githubusercontent.com',
  ...Object.values(JSDELIVR_HOSTS),
];

export function isEndpointHost(hostname: string): boolean {
  return ENDPOINT_HOSTS.includes(hostname.toLowerCase());
}

export function isEndpointId(value: unknown): value is EndpointId {
  return typeof value === 'string' && (ENDPOINT_IDS as readonly string[]).includes(value);
}

/** A repository path with each segment percent-encoded (folder names may be Chinese). */
export function encodePath(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map(encodeURIComponent)
    .join('/');
}

function repoPart(loc: MirrorLocation): string {
  return `${encodeURIComponent(loc.owner)}/${encodeURIComponent(loc.repo)}`;
}

/** The URL that serves the file's text on `endpoint` (github: the blob page to parse). */
export function endpointUrl(endpoint: EndpointId, loc: MirrorLocation): string {
  const branch = encodePath(loc.branch);
  const path = encodePath(loc.path);
  if (endpoint === 'raw') {
    return `https://raw.githubusercontent.com/${repoPart(loc)}/${branch}/${path}`;
  }
  if (endpoint === 'github') return blobUrl(loc);
  return `https://${JSDELIVR_HOSTS[endpoint]}/gh/${repoPart(loc)}@${branch}/${path}`;
}

/** The share link: the page on github.com. */
export function blobUrl(loc: MirrorLocation): string {
  return `https://github.com/${repoPart(loc)}/blob/${encodePath(loc.branch)}/${encodePath(loc.path)}`;
}

/** github.com's plain-text code view of the page, used when the blob page lacks the lines. */
export function plainViewUrl(loc: MirrorLocation): string {
  return `${blobUrl(loc)}?plain=1`;
}
