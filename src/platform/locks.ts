/**
 * A named lock shared by every context of the extension (pages and the service worker),
 * through the Web Locks API. Where it is missing (Node tests), tasks of one context still run
 * one at a time.
 */
const local = new Map<string, Promise<unknown>>();

export function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(name, task) as Promise<T>;
  const run = (local.get(name) ?? Promise.resolve()).then(task, task);
  local.set(
    name,
    run.catch(() => undefined),
  );
  return run;
}
