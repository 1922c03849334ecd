import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEndpointHealth, HEALTH_KEY } from '../../src/core/fetch/endpoint-health';
import type { EndpointId } from '../../src/core/fetch/endpoints';
import {
  createFetchLadder,
  MirrorFetchError,
  type LadderOptions,
} from '../../src/core/fetch/fetch-ladder';
import { createMemoryStore, type KeyValueStore } from '../../src/core/cache/kv';
import type { MirrorLocation } from '../../src/core/sources/types';
import {
  createFakeNetwork,
  mirrorPage,
  type Behaviour,
  type FakeNetwork,
} from '../helpers/fake-network';

const REPO = 'gfw-breaker/mh-news';
const location: MirrorLocation = {
  owner: 'gfw-breaker',
  repo: 'mh-news',
  branch: 'master',
  path: 'pages/251/403141.md',
};
const PAGE = mirrorPage(
  '标题',
  REPO,
  location.path,
  'http://www.minghui.org/mh/articles/2020/3/30/x-403141.html',
);
const ORDER: EndpointId[] = ['fastly', 'gcore', 'github', 'testingcf', 'raw', 'cdn'];

function setup(
  behaviours: Partial<Record<EndpointId, Behaviour>> = {},
  options: LadderOptions = {},
  store: KeyValueStore = createMemoryStore(),
) {
  const network = createFakeNetwork(behaviours);
  network.addFile(REPO, location.path, PAGE);
  const health = createEndpointHealth(store, () => Date.now());
  const ladder = createFetchLadder({
    fetch: network.fetch,
    health,
    now: () => Date.now(),
    options: { hedgeDelayMs: 800, deadlineMs: 15_000, ...options },
  });
  return { network, health, ladder, store };
}

const started = (network: FakeNetwork) => network.requests.map((r) => r.endpoint);

/** Runs a fetch to completion under fake timers, returning its result or error. */
async function settle<T>(promise: Promise<T>, ms = 20_000): Promise<T | MirrorFetchError> {
  const outcome = promise.then(
    (value) => value,
    (error: unknown) => {
      if (error instanceof MirrorFetchError) return error;
      throw error;
    },
  );
  await vi.advanceTimersByTimeAsync(ms);
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('fetch ladder', () => {
  it('takes the page from the first endpoint when it answers, with one request', async () => {
    const { network, ladder } = setup();
    const result = await settle(ladder.fetch({ location, kind: 'page' }));
    expect(result).toMatchObject({
      text: PAGE,
      endpoint: 'fastly',
      url: 'https://fastly.jsdelivr.net/gh/gfw-breaker/mh-news@master/pages/251/403141.md',
    });
    expect(started(network)).toEqual(['fastly']);
  });

  it('starts the next endpoint only after the hedge delay when the first hangs, and aborts the loser', async () => {
    const { network, ladder } = setup({ fastly: 'hang' });
    const promise = ladder.fetch({ location, kind: 'page' });
    await vi.advanceTimersByTimeAsync(799);
    expect(started(network)).toEqual(['fastly']);
    await vi.advanceTimersByTimeAsync(1);
    const result = await promise;
    expect(result.endpoint).toBe('gcore');
    expect(started(network)).toEqual(['fastly', 'gcore']);
    expect(network.requests[0]?.aborted).toBe(true);
    expect(result.attempts.map((a) => [a.endpoint, a.outcome])).toEqual([
      ['fastly', 'aborted'],
      ['gcore', 'http'],
    ]);
  });

  it('takes the slow first endpoint when it answers before the hedged one', async () => {
    const { network, ladder } = setup({ fastly: { slowMs: 1000 }, gcore: { slowMs: 5000 } });
    const result = await settle(ladder.fetch({ location, kind: 'page' }), 1500);
    expect(result).toMatchObject({ endpoint: 'fastly' });
    expect(started(network)).toEqual(['fastly', 'gcore']);
    expect(network.requests[1]?.aborted).toBe(true);
  });

  it.each<[Behaviour, string]>([
    ['reset', 'network'],
    ['not-found', 'http'],
    ['rate-limited-403', 'rate-limited'],
    ['rate-limited-429', 'rate-limited'],
    ['server-error', 'http'],
    ['truncated', 'truncated'],
    ['html-error', 'invalid'],
  ])(
    'moves on at once when the first endpoint answers %s (%s), without waiting for the hedge',
    async (behaviour, outcome) => {
      const { network, ladder } = setup({ fastly: behaviour });
      const promise = ladder.fetch({ location, kind: 'page' });
      await vi.advanceTimersByTimeAsync(0);
      const result = await promise;
      expect(result.endpoint).toBe('gcore');
      expect(started(network)).toEqual(['fastly', 'gcore']);
      expect(result.attempts[0]).toMatchObject({ endpoint: 'fastly', outcome });
    },
  );

  it('still gets the page when every endpoint but one fails, each in a different way', async () => {
    const { network, ladder } = setup({
      fastly: 'hang',
      gcore: 'reset',
      github: 'rate-limited-429',
      testingcf: 'html-error',
      raw: 'truncated',
    });
    const result = await settle(ladder.fetch({ location, kind: 'page' }));
    expect(result).toMatchObject({ endpoint: 'cdn', text: PAGE });
    expect(started(network)).toEqual(ORDER);
  });

  it('ends at the deadline with an error naming what each endpoint did', async () => {
    const { ladder } = setup(
      {
        fastly: 'hang',
        gcore: 'reset',
        github: 'rate-limited-403',
        testingcf: 'server-error',
        raw: 'truncated',
        cdn: 'html-error',
      },
      { deadlineMs: 5000 },
    );
    const error = await settle(ladder.fetch({ location, kind: 'page' }));
    expect(error).toBeInstanceOf(MirrorFetchError);
    const failure = error as MirrorFetchError;
    expect(failure.code).toBe('all-endpoints-failed');
    expect(failure.attempts.map((a) => [a.endpoint, a.outcome, a.status])).toEqual([
      ['fastly', 'timeout', undefined],
      ['gcore', 'network', undefined],
      ['github', 'rate-limited', 403],
      ['testingcf', 'http', 500],
      ['raw', 'truncated', 200],
      ['cdn', 'invalid', 200],
    ]);
    for (const name of [
      'fastly timeout',
      'gcore network',
      'github rate-limited 403',
      'testingcf http 500',
      'raw truncated',
      'cdn invalid',
    ]) {
      expect(failure.message).toContain(name);
    }
    expect(JSON.parse(JSON.stringify(failure))).toMatchObject({
      code: 'all-endpoints-failed',
      attempts: failure.attempts,
    });
  });

  it('gives up when every endpoint hangs, at the deadline and not before', async () => {
    const all = Object.fromEntries(ORDER.map((e) => [e, 'hang'])) as Record<EndpointId, Behaviour>;
    const { network, ladder } = setup(all, { deadlineMs: 15_000 });
    let failure: unknown;
    ladder.fetch({ location, kind: 'page' }).catch((e: unknown) => (failure = e));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(failure).toBeUndefined();
    expect(started(network)).toEqual(ORDER);
    await vi.advanceTimersByTimeAsync(1);
    expect(failure).toBeInstanceOf(MirrorFetchError);
    expect((failure as MirrorFetchError).attempts.every((a) => a.outcome === 'timeout')).toBe(true);
    expect(network.requests.every((r) => r.aborted)).toBe(true);
  });

  it('reports not found when every endpoint that answered said 404', async () => {
    const { network, ladder } = setup({ fastly: 'reset' });
    const missing = { ...location, path: 'pages/251/1.md' };
    const error = await settle(ladder.fetch({ location: missing, kind: 'page' }));
    expect(error).toMatchObject({ code: 'not-found' });
    expect(started(network)).toEqual(ORDER);
  });

  it('does not call it not found when one endpoint answered 404 and another failed', async () => {
    const { ladder } = setup({ gcore: 'server-error' });
    const missing = { ...location, path: 'pages/251/1.md' };
    const error = await settle(ladder.fetch({ location: missing, kind: 'page' }));
    expect(error).toMatchObject({ code: 'all-endpoints-failed' });
  });

  it('settles on the first 404 when probing, asking no other endpoint', async () => {
    const { network, ladder } = setup();
    const missing = { ...location, path: 'pages/251/1.md' };
    const error = await settle(
      ladder.fetch({ location: missing, kind: 'page', firstNotFoundIsFinal: true }),
    );
    expect(error).toMatchObject({ code: 'not-found' });
    expect(started(network)).toEqual(['fastly']);
  });

  it('aborts every request when the caller cancels', async () => {
    const { network, ladder } = setup({ fastly: 'hang', gcore: 'hang' });
    const controller = new AbortController();
    const promise = settle(ladder.fetch({ location, kind: 'page', signal: controller.signal }), 0);
    await vi.advanceTimersByTimeAsync(900);
    controller.abort();
    const error = await promise;
    expect(error).toMatchObject({ code: 'aborted' });
    expect(network.requests.map((r) => r.aborted)).toEqual([true, true]);
  });

  it('reads the page from github.com blob pages of both shapes, and from ?plain=1 when lines are missing', async () => {
    const order: EndpointId[] = ['github'];
    for (const shape of ['styled', 'blob', 'none'] as const) {
      const { network, ladder } = setup({}, { endpoints: order });
      network.githubShape = shape;
      const result = await settle(ladder.fetch({ location, kind: 'page' }));
      expect(result).toMatchObject({ endpoint: 'github', text: PAGE.replace(/\n$/, '\n') });
      expect(network.requests.map((r) => r.url.endsWith('?plain=1'))).toEqual(
        shape === 'none' ? [false, true] : [false],
      );
    }
  });

  it('orders endpoints by what worked lately, remembered across restarts through the store', async () => {
    const store = createMemoryStore();
    const first = setup({ fastly: 'reset', gcore: 'hang' }, {}, store);
    await settle(first.ladder.fetch({ location, kind: 'page' }));
    await first.health.flush();
    expect(store.keys()).toContain(HEALTH_KEY);
    // A new worker: fresh health over the same store starts with the endpoint that answered.
    const second = setup({}, {}, store);
    const result = await settle(second.ladder.fetch({ location, kind: 'page' }));
    expect(result).toMatchObject({ endpoint: 'github' });
    expect(started(second.network)).toEqual(['github']);
    const order = await second.health.order(ORDER);
    // Failed recently: last. Hung until beaten: behind the untried ones.
    expect(order).toEqual(['github', 'testingcf', 'raw', 'cdn', 'gcore', 'fastly']);
  });
});
