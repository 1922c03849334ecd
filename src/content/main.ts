/**
 * Content script, on every http(s) page. Small and quiet: no UI framework, no network,
 * no globals, and no change to a page that has no mirrorable links.
 */
import { MAX_REPORTED_LINKS, type PageLink } from '../core/messages';
import { send } from '../platform/messaging';
import { startLinkScanner } from './link-scanner';
import { isMirrorableUrl } from './mirrorable';

startLinkScanner(document, {
  isMirrorable: isMirrorableUrl,
  onChange: (found) => {
    const links: PageLink[] = [];
    const seen = new Set<string>();
    for (const link of found) {
      if (links.length === MAX_REPORTED_LINKS) break;
      if (seen.has(link.href)) continue;
      seen.add(link.href);
      links.push({ url: link.href, title: (link.textContent ?? '').trim().slice(0, 200) });
    }
    // The worker may be restarting; the next change reports again.
    send('contentReport', { count: found.size, links }).catch(() => undefined);
  },
});
