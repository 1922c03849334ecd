/**
 * The options page's "test now": one known page fetched through one endpoint alone. What it
 * measures is recorded in the endpoint health as a real fetch's is (last success, latency,
 * failures), so the figures shown beside the endpoint include it, and the next fetch's
 * order too: a test is a real measurement of this network.
 */
import { createEndpointHealth } from './endpoint-health';
import type { EndpointId } from './endpoints';
import { createFetchLadder, type FetchLike } from './fetch-ladder';
import type { KeyValueStore } from '../cache/kv';
import type { MirrorLocation } from '../sources/types';

/** A small page every mirror endpoint serves: the main mirror's README. */
export const TEST_PAGE: MirrorLocation = {
  owner: 'begood0513',
  repo: 'goodnews',
  branch: 'master',
  path: 'README.md',
};

export type EndpointTestResult = { ok: true; ms: number } | { ok: false; error: string };

export async function testEndpoint(
  deps: { fetch: FetchLike; store: KeyValueStore; now: () => number; deadlineMs?: number },
  endpoint: EndpointId,
): Promise<EndpointTestResult> {
  const health = createEndpointHealth(deps.store, deps.now);
  const ladder = createFetchLadder({
    fetch: deps.fetch,
    health,
    now: deps.now,
    options: { endpoints: [endpoint], deadlineMs: deps.deadlineMs ?? 15_000 },
  });
  const started = deps.now();
  let result: EndpointTestResult;
  try {
    await ladder.fetch({ location: TEST_PAGE, kind: 'index' });
    result = { ok: true, ms: deps.now() - started };
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  // Stored before the figures are read again (the ladder's own flush is not awaited).
  await health.flush().catch(() => undefined);
  return result;
}
