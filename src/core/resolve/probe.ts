/**
 * Probing: fetch candidate paths in order until one exists. Each probe starts when the one
 * before it has missed, or has not answered within the stagger delay, with at most
 * `concurrency` in flight: on a fast network probes run one after another and cost no more
 * requests than the position of the hit; on a slow one they overlap. The first hit aborts
 * the rest. Anything other than a miss (unreachable, rate-limited) stops the probing of that
 * repository: more probes there would not fare better and would only spend the mirror's
 * goodwill. The candidates of other repositories go on.
 */
import type { EndpointId } from '../fetch/endpoints';
import type { FetchLadder } from '../fetch/fetch-ladder';
import { describeLocation, MirrorFetchError } from '../fetch/mirror-errors';
import type { MirrorLocation } from '../sources/types';

export interface ProbeOutcome {
  hit?: { location: MirrorLocation; text: string; endpoint: EndpointId };
  /** Locations asked for, in order. */
  probed: MirrorLocation[];
  /** What stopped each repository that failed, by `owner/repo`. */
  failures: Map<string, MirrorFetchError>;
}

export function repoOf(location: { owner: string; repo: string }): string {
  return `${location.owner}/${location.repo}`;
}

export function probeInOrder(
  ladder: FetchLadder,
  locations: readonly MirrorLocation[],
  options: { concurrency: number; staggerMs: number },
): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const probed: MirrorLocation[] = [];
    const failures = new Map<string, MirrorFetchError>();
    const inFlight = new Map<AbortController, string>();
    const pending = [...locations];
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const finish = (hit?: ProbeOutcome['hit']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const controller of inFlight.keys()) controller.abort();
      resolve({ ...(hit ? { hit } : {}), probed, failures });
    };

    /** Drops what is left of failed repositories; true when something remains to probe. */
    const more = () => {
      while (pending[0] && failures.has(repoOf(pending[0]))) pending.shift();
      return pending.length > 0;
    };

    const stop = (repo: string, error: MirrorFetchError) => {
      failures.set(repo, error);
      for (const [controller, of] of inFlight) {
        if (of === repo) {
          inFlight.delete(controller);
          controller.abort();
        }
      }
    };

    const launch = () => {
      clearTimeout(timer);
      if (settled) return;
      if (!more()) {
        if (inFlight.size === 0) finish();
        return;
      }
      if (inFlight.size >= options.concurrency) return;
      const location = pending.shift() as MirrorLocation;
      const repo = repoOf(location);
      const controller = new AbortController();
      inFlight.set(controller, repo);
      probed.push(location);
      if (more()) timer = setTimeout(launch, options.staggerMs);
      ladder
        .fetch({ location, kind: 'page', firstNotFoundIsFinal: true, signal: controller.signal })
        .then(
          ({ text, endpoint }) => {
            inFlight.delete(controller);
            finish({ location, text, endpoint });
          },
          (error: unknown) => {
            if (settled) return;
            // Not in flight any more: aborted because its repository failed.
            if (!inFlight.delete(controller)) return launch();
            if (!(error instanceof MirrorFetchError && error.code === 'not-found')) {
              stop(
                repo,
                error instanceof MirrorFetchError
                  ? error
                  : new MirrorFetchError('all-endpoints-failed', describeLocation(location), []),
              );
            }
            launch();
          },
        );
    };

    launch();
  });
}
