import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FetchLadder, LadderRequest, LadderResult } from '../../src/core/fetch/fetch-ladder';
import { MirrorFetchError } from '../../src/core/fetch/mirror-errors';
import { probeInOrder } from '../../src/core/resolve/probe';
import type { MirrorLocation } from '../../src/core/sources/types';

const at = (repo: string, path: string): MirrorLocation => ({
  owner: 'o',
  repo,
  branch: 'master',
  path,
});

/** A ladder whose every fetch waits until the test answers it. */
function manualLadder() {
  const asked: {
    request: LadderRequest;
    hit: () => void;
    miss: () => void;
    fail: () => void;
  }[] = [];
  const ladder: FetchLadder = {
    observe: () => () => undefined,
    fetch: (request) =>
      new Promise<LadderResult>((resolve, reject) => {
        const file = request.location.path;
        request.signal?.addEventListener('abort', () =>
          reject(new MirrorFetchError('aborted', file, [])),
        );
        asked.push({
          request,
          hit: () => resolve({ text: file, endpoint: 'raw', url: file, attempts: [] }),
          miss: () => reject(new MirrorFetchError('not-found', file, [])),
          fail: () => reject(new MirrorFetchError('all-endpoints-failed', file, [])),
        });
      }),
  };
  const find = (repo: string, path: string) => {
    const entry = asked.find(
      (a) => a.request.location.repo === repo && a.request.location.path === path,
    );
    if (!entry) throw new Error(`${repo}/${path} was not asked`);
    return entry;
  };
  return { ladder, asked, find };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('probing', () => {
  it("stops a failing repository's probes, aborting its own in flight, and goes on with the others", async () => {
    vi.useFakeTimers();
    const { ladder, asked, find } = manualLadder();
    const outcome = probeInOrder(
      ladder,
      [at('a', 'p1'), at('a', 'p2'), at('b', 'p1'), at('a', 'p3'), at('b', 'p2')],
      { concurrency: 3, staggerMs: 100 },
    );
    await vi.advanceTimersByTimeAsync(200);
    expect(asked.map((a) => `${a.request.location.repo}/${a.request.location.path}`)).toEqual([
      'a/p1',
      'a/p2',
      'b/p1',
    ]);
    find('a', 'p1').fail();
    await vi.advanceTimersByTimeAsync(0);
    // a/p2 aborted, a/p3 skipped; b/p2 takes the free place at once.
    expect(find('a', 'p2').request.signal?.aborted).toBe(true);
    expect(asked.map((a) => `${a.request.location.repo}/${a.request.location.path}`)).toEqual([
      'a/p1',
      'a/p2',
      'b/p1',
      'b/p2',
    ]);
    find('b', 'p2').hit();
    const result = await outcome;
    expect(result.hit?.location).toEqual(at('b', 'p2'));
    expect(find('b', 'p1').request.signal?.aborted).toBe(true);
    expect([...result.failures.keys()]).toEqual(['o/a']);
    expect(result.probed.map((l) => `${l.repo}/${l.path}`)).toEqual([
      'a/p1',
      'a/p2',
      'b/p1',
      'b/p2',
    ]);
  });

  it('ends with no hit once every path has missed or its repository failed', async () => {
    vi.useFakeTimers();
    const { ladder, find } = manualLadder();
    const outcome = probeInOrder(ladder, [at('a', 'p1'), at('b', 'p1'), at('a', 'p2')], {
      concurrency: 1,
      staggerMs: 100,
    });
    find('a', 'p1').fail();
    await vi.advanceTimersByTimeAsync(0);
    find('b', 'p1').miss();
    const result = await outcome;
    expect(result.hit).toBeUndefined();
    expect(result.probed.map((l) => `${l.repo}/${l.path}`)).toEqual(['a/p1', 'b/p1']);
    expect(result.failures.get('o/a')?.code).toBe('all-endpoints-failed');
  });
});
