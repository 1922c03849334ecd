/** The core's matcher, the one source of truth for what is mirrorable. */
import { matchUrl } from '../core/match';

export function isMirrorableUrl(href: string): boolean {
  return matchUrl(href) !== null;
}
