/**
 * The mirrors whose index ships inside the package (public/index/<owner>/<repo>/, made by
 * `npm run index:snapshot`): a fresh install resolves their pages with no request but the
 * page itself.
 */
export const SHIPPED_SNAPSHOTS: readonly string[] = ['gfw-breaker/mh-news'];

/** The package path of a file of a shipped snapshot, or null when `repo` has none. */
export function snapshotPath(repo: string, file: string): string | null {
  const id = repo.toLowerCase();
  return SHIPPED_SNAPSHOTS.includes(id) ? `index/${id}/${file}` : null;
}
