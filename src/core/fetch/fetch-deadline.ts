/**
 * The one deadline over a whole fetch: while it runs, every attempt of the ladder is noted
 * (resolve's index pages and probes included); when it passes, the error says what each
 * endpoint did, those still running included (waiting for an answer, or receiving one).
 */
import type { FetchLadder } from './fetch-ladder';
import { MirrorFetchError, type Attempt } from './mirror-errors';

interface Noted {
  startedAt: number;
  endpoint: Attempt['endpoint'];
  url: string;
  status?: number;
  attempt?: Attempt;
}

export interface AttemptWatch {
  /** What every attempt since the watch began did, those still running as timeouts. */
  attempts(): Attempt[];
  stop(): void;
}

export function watchAttempts(ladder: FetchLadder, now: () => number): AttemptWatch {
  const noted = new Map<number, Noted>();
  const stop = ladder.observe((event) => {
    if (event.type === 'start') {
      noted.set(event.id, { startedAt: event.at, endpoint: event.endpoint, url: event.url });
      return;
    }
    const entry = noted.get(event.id);
    if (!entry) return;
    if (event.type === 'headers') entry.status = event.status;
    else entry.attempt = event.attempt;
  });
  return {
    stop,
    attempts: () =>
      [...noted.values()].map((entry) => {
        if (entry.attempt) return { ...entry.attempt };
        const elapsedMs = now() - entry.startedAt;
        const receiving = entry.status !== undefined;
        return {
          endpoint: entry.endpoint,
          url: entry.url,
          outcome: 'timeout',
          ...(receiving ? { status: entry.status } : {}),
          detail: receiving
            ? `HTTP ${entry.status}, body still arriving after ${elapsedMs} ms`
            : `no answer in ${elapsedMs} ms`,
          elapsedMs,
          receiving,
        };
      }),
  };
}

export function deadlineError(url: string, attempts: Attempt[]): MirrorFetchError {
  return new MirrorFetchError(
    'timeout',
    url.length > 200 ? `${url.slice(0, 200)}…` : url,
    attempts,
  );
}
