/**
 * The mirror client's typed failures. Each has a `code` and a plain `toJSON()` so that it
 * survives extension messaging (see `serializeError` in messages.ts).
 */
import type { EndpointId } from './endpoints';

export type AttemptOutcome =
  'timeout' | 'network' | 'http' | 'rate-limited' | 'invalid' | 'truncated' | 'aborted';

/** What one endpoint did during one fetch. */
export interface Attempt {
  endpoint: EndpointId;
  url: string;
  outcome: AttemptOutcome;
  status?: number;
  detail: string;
  /** For a timeout: how long it had run, and whether the answer had started to arrive. */
  elapsedMs?: number;
  receiving?: boolean;
  /** For an invalid 200: the body is binary, or not UTF-8. */
  problem?: 'binary' | 'encoding';
}

/** `timeout`: the deadline for the whole fetch passed (resolve and probes included). */
export type MirrorFetchErrorCode = 'all-endpoints-failed' | 'not-found' | 'aborted' | 'timeout';

/** No endpoint gave a valid page: says what each one did. */
export class MirrorFetchError extends Error {
  readonly code: MirrorFetchErrorCode;
  readonly attempts: Attempt[];
  constructor(code: MirrorFetchErrorCode, file: string, attempts: Attempt[]) {
    super(`${summary(code, file)}: ${attempts.map(describeAttempt).join('; ') || 'nothing tried'}`);
    this.name = 'MirrorFetchError';
    this.code = code;
    this.attempts = attempts;
  }
  toJSON(): { code: MirrorFetchErrorCode; message: string; attempts: Attempt[] } {
    return {
      code: this.code,
      message: this.message,
      attempts: this.attempts.map((a) => ({ ...a })),
    };
  }
}

/** `owner/repo:path`, how errors name a file. */
export function describeLocation(location: { owner: string; repo: string; path: string }): string {
  return `${location.owner}/${location.repo}:${location.path}`;
}

function summary(code: MirrorFetchErrorCode, file: string): string {
  if (code === 'not-found') return `${file} not found`;
  if (code === 'aborted') return `${file}: fetch cancelled`;
  if (code === 'timeout') return `${file}: no endpoint answered in time`;
  return `${file}: no endpoint answered with the file`;
}

export function describeAttempt(attempt: Attempt): string {
  const status = attempt.status === undefined ? '' : ` ${attempt.status}`;
  return `${attempt.endpoint} ${attempt.outcome}${status} (${attempt.detail})`;
}

/** The URL is neither an article of a known source nor a mirror page. */
export class NotMirrorableError extends Error {
  readonly code = 'not-mirrorable';
  readonly url: string;
  constructor(url: string) {
    super(`not a mirrorable article URL: ${url.length > 200 ? `${url.slice(0, 200)}…` : url}`);
    this.name = 'NotMirrorableError';
    this.url = url;
  }
  toJSON(): { code: 'not-mirrorable'; message: string; url: string } {
    return { code: this.code, message: this.message, url: this.url };
  }
}

/** Where resolve looked in one repository. */
export interface TriedMirror {
  repo: string;
  /** Paths probed (or the cached miss). */
  paths: string[];
  /** Why the search there stopped without an answer. */
  note: string;
}

/** Every mirror was searched and none holds the article. */
export class MirrorNotFoundError extends Error {
  readonly code = 'not-found';
  readonly source: string;
  readonly key: string;
  readonly tried: TriedMirror[];
  constructor(source: string, key: string, tried: TriedMirror[]) {
    super(
      `${source} article ${key} is not in ${tried.map((t) => `${t.repo} (${t.note})`).join(', ')}`,
    );
    this.name = 'MirrorNotFoundError';
    this.source = source;
    this.key = key;
    this.tried = tried;
  }
  toJSON(): {
    code: 'not-found';
    message: string;
    source: string;
    key: string;
    tried: TriedMirror[];
  } {
    return {
      code: this.code,
      message: this.message,
      source: this.source,
      key: this.key,
      tried: this.tried.map((t) => ({ ...t, paths: [...t.paths] })),
    };
  }
}
