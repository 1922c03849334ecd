// Issue 11: nothing waits forever. One deadline, the settings' fetchDeadlineMs (15 s by
// default), covers a whole fetch: resolve, probes and every hedged attempt. Past it the call
// fails with code `timeout`, saying what each endpoint did; an answer that comes later is
// cached and announced.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENDPOINT_IDS } from '../../src/core/fetch/endpoints';
import { createMemoryStore } from '../../src/core/cache/kv';
import {
  createMirrorClient,
  LATE_ANSWER_FACTOR,
  MirrorFetchError,
} from '../../src/core/mirror-client';
import { defaultSettings, normalizeSettings } from '../../src/core/settings/schema';
import { createFakeNetwork, mirrorPage, type Behaviour } from '../helpers/fake-network';

const RFA = 'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html';
const RFA_PATH = 'pages/butongdeshengyin/jkdv-05312019110343.md';
const NTDTV = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';

function client(behaviour: Behaviour) {
  const network = createFakeNetwork(
    Object.fromEntries(ENDPOINT_IDS.map((endpoint) => [endpoint, behaviour])),
  );
  network.addFile(
    'begood0513/goodnews',
    RFA_PATH,
    mirrorPage('标题', 'begood0513/goodnews', RFA_PATH, RFA),
  );
  return {
    network,
    client: createMirrorClient({ fetch: network.fetch, store: createMemoryStore() }),
  };
}

/** The call's outcome, once settled, or 'pending'. */
function track<T>(promise: Promise<T>) {
  const state: { value: T | Error | 'pending' } = { value: 'pending' };
  promise.then(
    (value) => (state.value = value),
    (error: Error) => (state.value = error),
  );
  return state;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the fetch deadline', () => {
  it('is 15 s in the settings defaults, and a setting within bounds replaces it', () => {
    expect(defaultSettings.fetchDeadlineMs).toBe(15_000);
    expect(normalizeSettings({}).fetchDeadlineMs).toBe(15_000);
    expect(normalizeSettings({ fetchDeadlineMs: 3_000 }).fetchDeadlineMs).toBe(3_000);
    for (const bad of [0, -1, 500, 10 * 60_000, Number.NaN, '3000', null]) {
      expect(normalizeSettings({ fetchDeadlineMs: bad }).fetchDeadlineMs).toBe(15_000);
    }
  });

  it('ends a fetch whose every endpoint hangs at 15 s by default, resolve and probes included', async () => {
    const { client: mirror } = client('hang');
    const call = track(mirror.fetchArticle(NTDTV));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(call.value).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(call.value).toBeInstanceOf(MirrorFetchError);
    const error = call.value as MirrorFetchError;
    expect(error.code).toBe('timeout');
    expect(new Set(error.attempts.map((a) => a.endpoint))).toEqual(new Set(ENDPOINT_IDS));
    expect(error.attempts.every((a) => a.outcome === 'timeout' && !a.receiving)).toBe(true);
    expect(error.attempts.every((a) => (a.elapsedMs ?? 0) > 0)).toBe(true);
  });

  it('ends a fetch whose every endpoint trickles at the deadline set, saying the answers were arriving', async () => {
    const { client: mirror } = client('trickle');
    const call = track(mirror.fetchArticle(RFA, { deadlineMs: 3_000 }));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(call.value).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    const error = call.value as MirrorFetchError;
    expect(error.code).toBe('timeout');
    expect(error.attempts.length).toBeGreaterThan(1);
    expect(error.attempts.every((a) => a.receiving === true && a.status === 200)).toBe(true);
  });

  it('still delivers an answer that comes after the deadline: cached, and announced', async () => {
    const { client: mirror, network } = client({ slowMs: 5_000 });
    const onLateAnswer = vi.fn();
    const call = track(mirror.fetchArticle(RFA, { deadlineMs: 3_000, onLateAnswer }));
    await vi.advanceTimersByTimeAsync(3_000);
    expect((call.value as MirrorFetchError).code).toBe('timeout');
    expect(onLateAnswer).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_500);
    expect(onLateAnswer).toHaveBeenCalledOnce();
    const asked = network.requests.length;
    const again = await mirror.fetchArticle(RFA, { deadlineMs: 3_000 });
    expect(again.fromCache).toBe(true);
    expect(network.requests.length).toBe(asked);
  });

  it('stops work left running past the deadline after a few deadlines more', async () => {
    const { client: mirror, network } = client('hang');
    const call = track(mirror.fetchArticle(RFA, { deadlineMs: 2_000 }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect((call.value as MirrorFetchError).code).toBe('timeout');
    await vi.advanceTimersByTimeAsync(2_000 * (LATE_ANSWER_FACTOR - 1) - 1);
    expect(network.requests.some((r) => !r.aborted)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(network.requests.every((r) => r.aborted)).toBe(true);
  });
});

describe('a second caller of the same article', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('hears what the endpoints already under way did when its own deadline passes', async () => {
    const { client: mirror } = client('hang');
    const first = track(mirror.fetchArticle(NTDTV, { deadlineMs: 3_000 }));
    // By now every endpoint has been started for the first call, and none will start again.
    await vi.advanceTimersByTimeAsync(5_000);
    const second = track(mirror.fetchArticle(NTDTV, { deadlineMs: 3_000 }));
    await vi.advanceTimersByTimeAsync(3_000);
    expect((first.value as MirrorFetchError).code).toBe('timeout');
    const error = second.value as MirrorFetchError;
    expect(error.code).toBe('timeout');
    expect(error.attempts.length).toBeGreaterThan(0);
    expect(error.attempts.every((a) => a.outcome === 'timeout')).toBe(true);
  });
});
