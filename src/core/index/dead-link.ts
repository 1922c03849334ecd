/**
 * A shared branch link to a page the mirror has since deleted (`…/blob/master/pages/91/1.md`):
 * the repository index knows the last commit that had it, and the link is pinned there.
 */
import { blobUrl } from '../fetch/endpoints';
import type { ResolveResult } from '../resolve/resolve';
import type { MirrorLocation, Source } from '../sources/types';
import type { RepoIndex } from './repo-index';

export async function repairDeadLink(
  location: MirrorLocation,
  sources: readonly Source[],
  repoIndex: RepoIndex | undefined,
): Promise<ResolveResult | null> {
  const [, folder, file] = location.path.split('/');
  const key = file?.replace(/\.md$/, '');
  const mirror = sources
    .flatMap((s) => s.mirrors)
    .find(
      (m) =>
        m.owner.toLowerCase() === location.owner.toLowerCase() &&
        m.repo.toLowerCase() === location.repo.toLowerCase() &&
        m.branch === location.branch,
    );
  if (!mirror || !key || !repoIndex) return null;
  const hit = await repoIndex.lookup(mirror, key, { fresh: true });
  if (!hit?.commit || hit.folder !== folder) return null;
  const pinned = { ...location, branch: hit.commit };
  return {
    location: pinned,
    mirrorUrl: blobUrl(pinned),
    via: 'repo-index',
    commit: hit.commit,
    ...(hit.sha ? { blob: { sha: hit.sha, size: hit.size } } : {}),
  };
}
