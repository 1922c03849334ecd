import { describe, expect, it } from 'vitest';
import { createEndpointHealth, medianLatency } from '../../src/core/fetch/endpoint-health';
import { TEST_PAGE, testEndpoint } from '../../src/core/fetch/endpoint-test';
import { createMemoryStore } from '../../src/core/cache/kv';
import { createFakeNetwork } from '../helpers/fake-network';

function network() {
  const net = createFakeNetwork({ fastly: { slowMs: 30 }, gcore: 'server-error', cdn: 'hang' });
  net.addFile(`${TEST_PAGE.owner}/${TEST_PAGE.repo}`, TEST_PAGE.path, '# goodnews\n');
  return net;
}

/** The figures the options page shows, read as it reads them: a fresh health on the store. */
const figures = (store: ReturnType<typeof createMemoryStore>) =>
  createEndpointHealth(store, Date.now).snapshot();

describe('"test now" of an endpoint', () => {
  it('records a success as a fetch does: last success, a latency sample, failures halved', async () => {
    const store = createMemoryStore();
    const before = Date.now();
    const result = await testEndpoint({ fetch: network().fetch, store, now: Date.now }, 'fastly');
    expect(result.ok).toBe(true);
    const stats = (await figures(store)).fastly;
    expect(stats?.lastSuccessAt).toBeGreaterThanOrEqual(before);
    expect(stats?.samples).toBe(1);
    expect(stats?.recent).toHaveLength(1);
    expect(medianLatency(stats)).toBeGreaterThanOrEqual(25);
    expect(stats?.failures).toBe(0);
  });

  it('records a failure, and a timeout, as recent failures with no success', async () => {
    const store = createMemoryStore();
    const deps = { fetch: network().fetch, store, now: Date.now, deadlineMs: 200 };
    expect((await testEndpoint(deps, 'gcore')).ok).toBe(false);
    expect((await testEndpoint(deps, 'cdn')).ok).toBe(false);
    const stats = await figures(store);
    for (const id of ['gcore', 'cdn'] as const) {
      expect(stats[id]?.failures, id).toBeGreaterThan(0.9);
      expect(stats[id]?.lastSuccessAt, id).toBeUndefined();
    }
  });

  it("keeps the test's record when a context that read the stats earlier stores its own", async () => {
    const store = createMemoryStore();
    // The worker read the stats before the test ran, then records a fetch of its own.
    const worker = createEndpointHealth(store, Date.now);
    await worker.order(['raw', 'fastly']);
    await testEndpoint({ fetch: network().fetch, store, now: Date.now }, 'fastly');
    worker.record('raw', { kind: 'answer', latencyMs: 120 });
    await worker.flush();
    const stats = await figures(store);
    expect(stats.fastly?.samples).toBe(1);
    expect(stats.raw?.recent).toEqual([120]);
    // And the worker now orders with the test's figures as well.
    expect((await worker.snapshot()).fastly?.samples).toBe(1);
  });
});

describe('a health flush', () => {
  it('keeps its events for the next flush when the stored stats cannot be read', async () => {
    const store = createMemoryStore();
    const first = createEndpointHealth(store, Date.now);
    first.record('cdn', { kind: 'answer', latencyMs: 80 });
    await first.flush();
    let readable = false;
    const flaky = {
      ...store,
      get: <T>(key: string) =>
        readable ? store.get<T>(key) : Promise.reject(new Error('database closed')),
    };
    const health = createEndpointHealth(flaky, Date.now);
    health.record('raw', { kind: 'failure' });
    await expect(health.flush()).rejects.toThrow('database closed');
    // Nothing was overwritten with this context's events alone.
    expect(Object.keys(await figures(store))).toEqual(['cdn']);
    readable = true;
    await health.flush();
    expect(Object.keys(await figures(store)).sort()).toEqual(['cdn', 'raw']);
  });
});
