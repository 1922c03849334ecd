/**
 * How each endpoint has done lately on this network: answer latency and recent failures,
 * kept in the store so that a restarted service worker still starts with the endpoint that
 * worked. Failures fade (half-life) because networks change: a VPN goes on, a block lifts.
 */
import { DEFAULT_ENDPOINT_ORDER, isEndpointId, type EndpointId } from './endpoints';
import type { KeyValueStore } from '../cache/kv';

export interface EndpointStats {
  /** Moving average of time to an answer (any status), ms. */
  latencyMs: number;
  samples: number;
  /** Recent failures, decayed as of `failuresAt`. */
  failures: number;
  failuresAt: number;
  /** When it last answered with a good page (shown in the options). */
  lastSuccessAt?: number;
  /** The latest answer times, ms, newest last (their median is shown in the options). */
  recent?: number[];
}

const RECENT_SAMPLES = 15;

export type HealthEvent =
  | { kind: 'answer'; latencyMs: number }
  | { kind: 'failure' }
  /** Lost the race still waiting: at least this slow. */
  | { kind: 'slow'; elapsedMs: number };

export interface EndpointHealth {
  /**
   * Best first. `preferred` is the user's order: each place down it counts as
   * PREFERENCE_STEP_MS slower, so it holds unless an endpoint fails or is clearly slower.
   */
  order(endpoints: readonly EndpointId[], preferred?: readonly EndpointId[]): Promise<EndpointId[]>;
  record(endpoint: EndpointId, event: HealthEvent): void;
  /**
   * Persist what was recorded (the ladder calls it once per fetch), on top of what is stored
   * now: another context's flush in between loses nothing.
   */
  flush(): Promise<void>;
  snapshot(): Promise<Partial<Record<EndpointId, EndpointStats>>>;
}

export const HEALTH_KEY = 'endpoint-health';
const HALF_LIFE_MS = 10 * 60_000;
const FAILURE_PENALTY_MS = 5_000;
/** Untried endpoints rank as if this fast, so a slow known one does not shut them out. */
const UNKNOWN_LATENCY_MS = 1_500;
const WEIGHT = 0.3;
export const PREFERENCE_STEP_MS = 250;

export function createEndpointHealth(store: KeyValueStore, now: () => number): EndpointHealth {
  let loaded: Promise<Map<EndpointId, EndpointStats>> | undefined;
  // Events since the last flush, with their times. A flush applies them to the stats stored
  // then, not to this context's copy: the worker and the options page ("test now") both
  // record, and neither overwrites what the other wrote meanwhile.
  let pending: { endpoint: EndpointId; event: HealthEvent; at: number }[] = [];
  let flushing: Promise<unknown> = Promise.resolve();
  const load = () =>
    (loaded ??= store
      .get<unknown>(HEALTH_KEY)
      .then(parse, () => new Map<EndpointId, EndpointStats>()));
  // Events that arrive before the stored stats are read are applied once they are.
  const apply = (
    stats: Map<EndpointId, EndpointStats>,
    endpoint: EndpointId,
    event: HealthEvent,
    at: number,
  ) => {
    const entry = stats.get(endpoint) ?? { latencyMs: 0, samples: 0, failures: 0, failuresAt: 0 };
    const failures = decayed(entry, at);
    if (event.kind === 'failure') {
      entry.failures = failures + 1;
      entry.failuresAt = at;
    } else if (event.kind === 'answer') {
      entry.lastSuccessAt = at;
      entry.recent = [...(entry.recent ?? []), event.latencyMs].slice(-RECENT_SAMPLES);
      entry.latencyMs = average(entry, event.latencyMs);
      entry.samples += 1;
      entry.failures = failures / 2;
      entry.failuresAt = at;
    } else {
      // Beaten while still waiting: at least this slow, and how much slower is unknown, so it
      // ranks behind untried endpoints until it answers again.
      const bound = event.elapsedMs + UNKNOWN_LATENCY_MS;
      if (bound > entry.latencyMs || entry.samples === 0) {
        entry.latencyMs = average(entry, bound);
        entry.samples += 1;
      }
    }
    stats.set(endpoint, entry);
  };

  const flushNow = async () => {
    await load();
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    try {
      // Unreadable now: the events wait for the next flush rather than overwrite the stats.
      const stats = parse(await store.get<unknown>(HEALTH_KEY));
      for (const e of events) apply(stats, e.endpoint, e.event, e.at);
      await store.set(HEALTH_KEY, Object.fromEntries(stats));
      // What others wrote is now this context's view too, with what it recorded meanwhile.
      for (const e of pending) apply(stats, e.endpoint, e.event, e.at);
      loaded = Promise.resolve(stats);
    } catch (error) {
      pending = [...events, ...pending];
      throw error;
    }
  };

  return {
    async order(endpoints, preferred) {
      const stats = await load();
      const t = now();
      const ranking = preferred ?? DEFAULT_ENDPOINT_ORDER;
      const rank = (id: EndpointId) => {
        const i = ranking.indexOf(id);
        return i < 0 ? ranking.length : i;
      };
      const bias = (id: EndpointId) => (preferred ? rank(id) * PREFERENCE_STEP_MS : 0);
      const score = (id: EndpointId) => {
        const entry = stats.get(id);
        if (!entry) return UNKNOWN_LATENCY_MS + bias(id);
        const latency = entry.samples > 0 ? entry.latencyMs : UNKNOWN_LATENCY_MS;
        return latency + decayed(entry, t) * FAILURE_PENALTY_MS + bias(id);
      };
      return [...endpoints].sort((a, b) => score(a) - score(b) || rank(a) - rank(b));
    },
    record(endpoint, event) {
      const at = now();
      pending.push({ endpoint, event, at });
      void load().then((stats) => apply(stats, endpoint, event, at));
    },
    flush() {
      // One at a time: a caller that awaits its flush finds everything recorded stored.
      const run = flushing.then(flushNow);
      flushing = run.catch(() => undefined);
      return run;
    },
    async snapshot() {
      return Object.fromEntries(
        [...(await load())].map(([id, entry]) => [
          id,
          { ...entry, failures: decayed(entry, now()) },
        ]),
      );
    },
  };
}

function decayed(entry: EndpointStats, t: number): number {
  if (entry.failures === 0) return 0;
  return entry.failures * 0.5 ** (Math.max(0, t - entry.failuresAt) / HALF_LIFE_MS);
}

function average(entry: EndpointStats, sample: number): number {
  return entry.samples === 0 ? sample : entry.latencyMs * (1 - WEIGHT) + sample * WEIGHT;
}

/** Stored data is untrusted (older versions, manual edits): keep only well-formed entries. */
function parse(raw: unknown): Map<EndpointId, EndpointStats> {
  const stats = new Map<EndpointId, EndpointStats>();
  if (typeof raw !== 'object' || raw === null) return stats;
  for (const [id, value] of Object.entries(raw)) {
    if (!isEndpointId(id) || typeof value !== 'object' || value === null) continue;
    const { latencyMs, samples, failures, failuresAt } = value as Record<string, unknown>;
    const numbers = [latencyMs, samples, failures, failuresAt];
    if (numbers.every(isCount)) {
      const { lastSuccessAt, recent } = value as Record<string, unknown>;
      const entry = { latencyMs, samples, failures, failuresAt } as EndpointStats;
      if (isCount(lastSuccessAt)) entry.lastSuccessAt = lastSuccessAt;
      if (Array.isArray(recent) && recent.every(isCount)) {
        entry.recent = recent.slice(-RECENT_SAMPLES);
      }
      stats.set(id, entry);
    }
  }
  return stats;
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

/** The median of the recent answer times, or null before any. */
export function medianLatency(stats: EndpointStats | undefined): number | null {
  const recent = [...(stats?.recent ?? [])].sort((a, b) => a - b);
  if (recent.length === 0) return null;
  const mid = recent.length >> 1;
  const at = (i: number) => recent[i] ?? 0;
  return recent.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}
