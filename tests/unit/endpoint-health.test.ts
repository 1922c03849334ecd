import { describe, expect, it } from 'vitest';
import { createEndpointHealth, HEALTH_KEY } from '../../src/core/fetch/endpoint-health';
import { DEFAULT_ENDPOINT_ORDER, ENDPOINT_IDS } from '../../src/core/fetch/endpoints';
import { createMemoryStore } from '../../src/core/cache/kv';

describe('endpoint health', () => {
  it('starts in the default order', async () => {
    const health = createEndpointHealth(createMemoryStore(), () => 0);
    expect(await health.order(ENDPOINT_IDS)).toEqual(DEFAULT_ENDPOINT_ORDER);
  });

  it('ranks fast answers first and recent failures last', async () => {
    const health = createEndpointHealth(createMemoryStore(), () => 0);
    health.record('raw', { kind: 'answer', latencyMs: 100 });
    health.record('github', { kind: 'answer', latencyMs: 400 });
    health.record('fastly', { kind: 'failure' });
    expect(await health.order(ENDPOINT_IDS)).toEqual([
      'raw',
      'github',
      'gcore',
      'testingcf',
      'cdn',
      'fastly',
    ]);
  });

  it('forgives failures over time (the network may have changed)', async () => {
    let t = 0;
    const health = createEndpointHealth(createMemoryStore(), () => t);
    health.record('fastly', { kind: 'answer', latencyMs: 300 });
    health.record('fastly', { kind: 'failure' });
    health.record('gcore', { kind: 'answer', latencyMs: 900 });
    expect((await health.order(['fastly', 'gcore']))[0]).toBe('gcore');
    t = 2 * 3_600_000;
    expect((await health.order(['fastly', 'gcore']))[0]).toBe('fastly');
  });

  it('persists through the store and ignores malformed stored data', async () => {
    const store = createMemoryStore();
    const first = createEndpointHealth(store, () => 0);
    first.record('testingcf', { kind: 'answer', latencyMs: 50 });
    await first.flush();
    const second = createEndpointHealth(store, () => 0);
    expect((await second.order(ENDPOINT_IDS))[0]).toBe('testingcf');

    const broken = createMemoryStore({
      [HEALTH_KEY]: {
        raw: { latencyMs: 'fast' },
        nope: {},
        cdn: { latencyMs: 1, samples: 1, failures: 0, failuresAt: 0 },
      },
    });
    const health = createEndpointHealth(broken, () => 0);
    expect(Object.keys(await health.snapshot())).toEqual(['cdn']);
  });
});
