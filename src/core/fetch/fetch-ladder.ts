/**
 * Hedged fetch of one mirror file over the endpoint ladder. Start with the endpoint that did
 * best lately; when it has not answered within the hedge delay, start the next as well; a
 * failure starts the next at once. The first valid answer wins and the others are aborted.
 * An overall deadline ends the attempt with an error that says what each endpoint did.
 */
import type { EndpointHealth } from './endpoint-health';
import { ENDPOINT_IDS, endpointUrl, type EndpointId } from './endpoints';
import { runAttempt, type AttemptResult } from './fetch-attempt';
import { describeLocation, MirrorFetchError, type Attempt } from './mirror-errors';
import { defaultSettings } from '../settings/schema';
import type { MirrorLocation } from '../sources/types';

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
  /** Give up on a file after this long, ms (read at each fetch; default: the settings' deadline). */
  deadlineMs?: number | (() => number);
  /** The endpoints to use (order comes from health). */
  endpoints?: readonly EndpointId[];
  /** The user's order of endpoints, weighed against what health measured. */
  preferredOrder?: readonly EndpointId[];
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
   * Set when `expect` was given and no endpoint served that blob, but one served a valid page
   * (two endpoint families agreeing end the search early): the page changed after the index
   * was built, or that endpoint altered it. Shown, marked unverified.
   */
  unverified?: true;
}

/** What the ladder is doing, for whoever reports progress or a deadline (see observe). */
export type LadderEvent =
  | { type: 'start'; id: number; endpoint: EndpointId; url: string; at: number }
  /** The endpoint answered with a status; its body may still be arriving. */
  | { type: 'headers'; id: number; status: number }
  | { type: 'end'; id: number; attempt: Attempt };

export interface FetchLadder {
  fetch(request: LadderRequest): Promise<LadderResult>;
  /** Calls `listener` with every attempt of every fetch from now on; returns the unsubscribe. */
  observe(listener: (event: LadderEvent) => void): () => void;
}

type StopReason = 'deadline' | 'lost' | 'cancelled';

export function createFetchLadder(deps: {
  fetch: FetchLike;
  health: EndpointHealth;
  now: () => number;
  options?: LadderOptions;
}): FetchLadder {
  const hedgeDelayMs = deps.options?.hedgeDelayMs ?? 800;
  const deadlineOption = deps.options?.deadlineMs ?? defaultSettings.fetchDeadlineMs;
  const endpoints = deps.options?.endpoints ?? ENDPOINT_IDS;
  const { health, now } = deps;
  const listeners = new Set<(event: LadderEvent) => void>();
  // Attempts still running, so that a new observer hears of work it will wait on (a second
  // caller joins a resolve already under way).
  const live = new Map<number, LadderEvent[]>();
  let ids = 0;
  const emit = (event: LadderEvent) => {
    if (event.type === 'end') live.delete(event.id);
    else live.set(event.id, [...(live.get(event.id) ?? []), event]);
    for (const listener of listeners) listener(event);
  };

  return {
    observe(listener) {
      for (const events of live.values()) events.forEach(listener);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async fetch(request) {
      const deadlineMs = typeof deadlineOption === 'function' ? deadlineOption() : deadlineOption;
      const { location } = request;
      if (request.signal?.aborted)
        throw new MirrorFetchError('aborted', describeLocation(location), []);
      const order = await health.order(endpoints, deps.options?.preferredOrder);
      return new Promise<LadderResult>((resolve, reject) => {
        interface Running {
          id: number;
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
              elapsedMs: elapsed,
            };
            emit({ type: 'end', id: running.id, attempt: running.attempt });
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
          // No endpoint served the indexed blob, but one served a good page: an index older
          // than the page (or one endpoint altering it). Shown, marked unverified.
          const other = reason === 'exhausted' ? otherBlobs[0] : undefined;
          if (other) {
            resolve({ ...other.from, text: other.text, attempts, unverified: true });
            return;
          }
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
            id: ++ids,
            endpoint,
            url: endpointUrl(endpoint, location),
            controller: new AbortController(),
            startedAt: now(),
          };
          started.push(running);
          emit({
            type: 'start',
            id: running.id,
            endpoint,
            url: running.url,
            at: running.startedAt,
          });
          if (next < order.length) hedgeTimer = setTimeout(launch, hedgeDelayMs);
          const onHeaders = (status: number) => emit({ type: 'headers', id: running.id, status });
          void runAttempt(deps.fetch, endpoint, request, running.controller.signal, onHeaders).then(
            (result) => settle(running, result),
          );
        };

        const otherBlobs: {
          text: string;
          family: string;
          from: { endpoint: EndpointId; url: string };
        }[] = [];
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
          else if (other !== undefined) {
            otherBlobs.push({
              text: other,
              family,
              from: { endpoint: running.endpoint, url: running.url },
            });
          }
          if (result.ok) {
            running.attempt = {
              endpoint: running.endpoint,
              url: running.url,
              outcome: 'http',
              status: 200,
              detail: `page in ${latencyMs} ms`,
            };
            emit({ type: 'end', id: running.id, attempt: running.attempt });
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
            ...(result.problem ? { problem: result.problem } : {}),
          };
          emit({ type: 'end', id: running.id, attempt: running.attempt });
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
