/**
 * Hedged fetch of one mirror file over the endpoint ladder. Start with the endpoint that did
 * best lately; when it has not answered within the hedge delay, start the next as well; a
 * failure starts the next at once. The first valid answer wins and the others are aborted.
 * An overall deadline ends the attempt with an error that says what each endpoint did.
 */
import type { EndpointHealth } from './endpoint-health';
import { ENDPOINT_IDS, endpointUrl, plainViewUrl, type EndpointId } from './endpoints';
import { extractBlobText, extractPlainViewText } from './github-blob';
import {
  describeLocation,
  MirrorFetchError,
  type Attempt,
  type AttemptOutcome,
} from './mirror-errors';
import { textMatchesBlob } from './index/blob-sha';
import {
  checkLength,
  validateData,
  validateIndexPage,
  validateMirrorPage,
  type Validity,
} from './page-validity';
import type { MirrorLocation } from './sources/types';

export { MirrorFetchError } from './mirror-errors';

/** The part of a fetch Response we use; the global `fetch` fits. */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<FetchResponseLike>;

export interface LadderOptions {
  /** Start the next endpoint when the running ones have not answered within this, ms. */
  hedgeDelayMs?: number;
  /** Give up on a file after this long, ms. */
  deadlineMs?: number;
  /** The endpoints to use (order comes from health). */
  endpoints?: readonly EndpointId[];
}

export interface LadderRequest {
  location: MirrorLocation;
  /** Which check a 200 body must pass: an article page, an index page, or JSON data. */
  kind: 'page' | 'index' | 'data';
  /** The file's git blob (from the repository index): other bytes fail that endpoint. */
  expect?: { sha: string; size: number };
  /**
   * Probing: the first 404 settles it and no other endpoint is asked. Otherwise a 404 starts
   * the next endpoint (a CDN may lag behind the branch), and only a 404 from every endpoint
   * that answered means not found.
   */
  firstNotFoundIsFinal?: boolean;
  signal?: AbortSignal;
}

export interface LadderResult {
  text: string;
  endpoint: EndpointId;
  url: string;
  attempts: Attempt[];
  /**
   * Set when `expect` was given and no endpoint served that blob, but two agreed on other
   * bytes: the page changed after the index was built. Shown, marked unverified.
   */
  unverified?: true;
}

export interface FetchLadder {
  fetch(request: LadderRequest): Promise<LadderResult>;
}

type AttemptResult =
  | { ok: true; text: string }
  | {
      ok: false;
      outcome: AttemptOutcome;
      status?: number;
      detail: string;
      /** A valid file, but not the blob the index names. */
      otherBlob?: string;
    };

type StopReason = 'deadline' | 'lost' | 'cancelled';

export function createFetchLadder(deps: {
  fetch: FetchLike;
  health: EndpointHealth;
  now: () => number;
  options?: LadderOptions;
}): FetchLadder {
  const hedgeDelayMs = deps.options?.hedgeDelayMs ?? 800;
  const deadlineMs = deps.options?.deadlineMs ?? 15_000;
  const endpoints = deps.options?.endpoints ?? ENDPOINT_IDS;
  const { health, now } = deps;

  return {
    async fetch(request) {
      const { location } = request;
      if (request.signal?.aborted)
        throw new MirrorFetchError('aborted', describeLocation(location), []);
      const order = await health.order(endpoints);
      return new Promise<LadderResult>((resolve, reject) => {
        interface Running {
          endpoint: EndpointId;
          url: string;
          controller: AbortController;
          startedAt: number;
          attempt?: Attempt;
        }
        const started: Running[] = [];
        let next = 0;
        let done = false;
        let hedgeTimer: ReturnType<typeof setTimeout> | undefined;
        const deadline = setTimeout(() => fail('deadline'), deadlineMs);
        const onCancel = () => fail('cancelled');
        request.signal?.addEventListener('abort', onCancel, { once: true });

        const attemptsSoFar = (): Attempt[] =>
          started.filter((r) => r.attempt).map((r) => ({ ...(r.attempt as Attempt) }));

        const stop = (reason: StopReason) => {
          done = true;
          clearTimeout(deadline);
          clearTimeout(hedgeTimer);
          request.signal?.removeEventListener('abort', onCancel);
          for (const running of started) {
            if (running.attempt) continue;
            const elapsed = now() - running.startedAt;
            running.attempt = {
              endpoint: running.endpoint,
              url: running.url,
              outcome: reason === 'deadline' ? 'timeout' : 'aborted',
              detail:
                reason === 'deadline'
                  ? `no answer in ${elapsed} ms`
                  : reason === 'lost'
                    ? `another endpoint answered first (waited ${elapsed} ms)`
                    : 'cancelled',
            };
            // A caller's cancel (another probe hit) says nothing about the endpoint.
            if (reason === 'deadline') health.record(running.endpoint, { kind: 'failure' });
            else if (reason === 'lost') {
              health.record(running.endpoint, { kind: 'slow', elapsedMs: elapsed });
            }
            running.controller.abort(reason);
          }
          health.flush().catch(() => undefined);
        };

        const fail = (reason: StopReason | 'exhausted') => {
          if (done) return;
          stop(reason === 'exhausted' ? 'lost' : reason);
          const attempts = attemptsSoFar();
          const answered = attempts.filter(
            (a) => a.outcome !== 'network' && a.outcome !== 'timeout' && a.outcome !== 'aborted',
          );
          const code =
            reason === 'cancelled'
              ? 'aborted'
              : answered.length > 0 && answered.every((a) => a.status === 404)
                ? 'not-found'
                : 'all-endpoints-failed';
          reject(new MirrorFetchError(code, describeLocation(location), attempts));
        };

        const launch = () => {
          clearTimeout(hedgeTimer);
          if (done) return;
          const endpoint = order[next++];
          if (endpoint === undefined) {
            if (started.every((r) => r.attempt)) fail('exhausted');
            return;
          }
          const running: Running = {
            endpoint,
            url: endpointUrl(endpoint, location),
            controller: new AbortController(),
            startedAt: now(),
          };
          started.push(running);
          if (next < order.length) hedgeTimer = setTimeout(launch, hedgeDelayMs);
          void runAttempt(deps.fetch, endpoint, request, running.controller.signal).then((result) =>
            settle(running, result),
          );
        };

        const otherBlobs: { text: string; family: string }[] = [];
        const settle = (running: Running, result: AttemptResult) => {
          if (done || running.attempt) return;
          const latencyMs = now() - running.startedAt;
          const other = result.ok ? undefined : result.otherBlob;
          // Two independent endpoints (jsDelivr's hosts share one cache) serving the same other
          // bytes: the page changed after the index was built.
          const family =
            running.endpoint === 'raw' || running.endpoint === 'github'
              ? running.endpoint
              : 'jsdelivr';
          // github.com's page gives the lines without the final newline.
          const same = (a: string, b: string) => a.trimEnd() === b.trimEnd();
          const agreed =
            other !== undefined &&
            otherBlobs.some((o) => o.family !== family && same(o.text, other));
          if (agreed) result = { ok: true, text: other };
          else if (other !== undefined) otherBlobs.push({ text: other, family });
          if (result.ok) {
            running.attempt = {
              endpoint: running.endpoint,
              url: running.url,
              outcome: 'http',
              status: 200,
              detail: `page in ${latencyMs} ms`,
            };
            health.record(running.endpoint, { kind: 'answer', latencyMs });
            stop('lost');
            resolve({
              text: result.text,
              endpoint: running.endpoint,
              url: running.url,
              attempts: attemptsSoFar(),
              ...(agreed ? { unverified: true as const } : {}),
            });
            return;
          }
          running.attempt = {
            endpoint: running.endpoint,
            url: running.url,
            outcome: result.outcome,
            ...(result.status === undefined ? {} : { status: result.status }),
            detail: result.detail,
          };
          const notFound = result.outcome === 'http' && result.status === 404;
          health.record(
            running.endpoint,
            notFound ? { kind: 'answer', latencyMs } : { kind: 'failure' },
          );
          if (notFound && request.firstNotFoundIsFinal) {
            fail('exhausted');
            return;
          }
          launch();
        };

        // The caller may have cancelled while the health was read.
        if (request.signal?.aborted) fail('cancelled');
        else launch();
      });
    },
  };
}

async function runAttempt(
  fetch: FetchLike,
  endpoint: EndpointId,
  request: LadderRequest,
  signal: AbortSignal,
): Promise<AttemptResult> {
  try {
    const validate =
      request.kind === 'page'
        ? validateMirrorPage
        : request.kind === 'data'
          ? validateData
          : validateIndexPage;
    const url = endpointUrl(endpoint, request.location);
    const first = await get(fetch, url, signal);
    if (!first.ok) return first;
    if (endpoint !== 'github') return verified(verdict(first.text, validate), request.expect);
    // github.com sends HTML: take the file's lines from it, else from the plain view.
    let text = extractBlobText(first.text);
    if (text === null) {
      const plain = await get(fetch, plainViewUrl(request.location), signal);
      if (!plain.ok) return plain;
      text = extractPlainViewText(plain.text);
    }
    if (text === null)
      return { ok: false, outcome: 'invalid', detail: 'github page without the file lines' };
    return verified(verdict(text, validate), request.expect);
  } catch (error) {
    const reason: unknown = signal.reason;
    if (signal.aborted && reason === 'deadline')
      return { ok: false, outcome: 'timeout', detail: 'deadline' };
    if (signal.aborted) return { ok: false, outcome: 'aborted', detail: String(reason) };
    return {
      ok: false,
      outcome: 'network',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

/** A valid answer that is not the blob the index names fails like any bad answer. */
async function verified(
  result: AttemptResult,
  expect: LadderRequest['expect'],
): Promise<AttemptResult> {
  if (!result.ok || !expect || (await textMatchesBlob(result.text, expect.sha, expect.size)))
    return result;
  return {
    ok: false,
    outcome: 'invalid',
    status: 200,
    detail: `not the indexed blob ${expect.sha.slice(0, 7)}`,
    otherBlob: result.text,
  };
}

function verdict(text: string, validate: (text: string) => Validity): AttemptResult {
  const validity = validate(text);
  return validity.ok
    ? { ok: true, text }
    : { ok: false, outcome: validity.outcome, status: 200, detail: validity.detail };
}

async function get(
  fetch: FetchLike,
  url: string,
  signal: AbortSignal,
): Promise<{ ok: true; text: string } | Extract<AttemptResult, { ok: false }>> {
  const response = await fetch(url, { signal });
  const { status, headers } = response;
  if (status === 429 || (status === 403 && headers.get('x-ratelimit-remaining')?.trim() === '0')) {
    const retry = headers.get('retry-after');
    return {
      ok: false,
      outcome: 'rate-limited',
      status,
      detail: retry ? `retry after ${retry}` : 'rate limited',
    };
  }
  if (status !== 200) return { ok: false, outcome: 'http', status, detail: `HTTP ${status}` };
  const text = await response.text();
  const length = checkLength(text, headers.get('content-length'), headers.get('content-encoding'));
  if (!length.ok) return { ok: false, outcome: length.outcome, status, detail: length.detail };
  return { ok: true, text };
}
