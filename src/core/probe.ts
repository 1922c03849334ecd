/**
 * Probing: fetch candidate paths in order until one exists. Each probe starts when the one
 * before it has missed, or has not answered within the stagger delay, with at most
 * `concurrency` in flight: on a fast network probes run one after another and cost no more
 * requests than the position of the hit; on a slow one they overlap. The first hit aborts
 * the rest. Anything other than a miss (unreachable, rate-limited) stops the probing: more
 * probes would not fare better and would only spend the mirror's goodwill.
 */
import type { EndpointId } from './endpoints';
import type { FetchLadder } from './fetch-ladder';
import { describeLocation, MirrorFetchError } from './mirror-errors';
import type { MirrorLocation } from './sources/types';

export interface ProbeOutcome {
  hit?: { location: MirrorLocation; text: string; endpoint: EndpointId };
  /** Paths asked for, in order. */
  probed: string[];
  failure?: MirrorFetchError;
}

export function probeInOrder(
  ladder: FetchLadder,
  locations: readonly MirrorLocation[],
  options: { concurrency: number; staggerMs: number },
): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const probed: string[] = [];
    const controllers = new Set<AbortController>();
    let next = 0;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const finish = (value: Omit<ProbeOutcome, 'probed'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const controller of controllers) controller.abort();
      resolve({ ...value, probed });
    };

    const launch = () => {
      clearTimeout(timer);
      if (settled) return;
      if (next >= locations.length) {
        if (controllers.size === 0) finish({});
        return;
      }
      if (controllers.size >= options.concurrency) return;
      const location = locations[next++] as MirrorLocation;
      const controller = new AbortController();
      controllers.add(controller);
      probed.push(location.path);
      if (next < locations.length) timer = setTimeout(launch, options.staggerMs);
      ladder
        .fetch({ location, kind: 'page', firstNotFoundIsFinal: true, signal: controller.signal })
        .then(
          ({ text, endpoint }) => {
            controllers.delete(controller);
            finish({ hit: { location, text, endpoint } });
          },
          (error: unknown) => {
            controllers.delete(controller);
            if (error instanceof MirrorFetchError && error.code === 'not-found') launch();
            else {
              finish({
                failure:
                  error instanceof MirrorFetchError
                    ? error
                    : new MirrorFetchError('all-endpoints-failed', describeLocation(location), []),
              });
            }
          },
        );
    };

    launch();
  });
}
