/**
 * Content script, on every http(s) page. Small and quiet: no UI framework, no network,
 * no globals, and no change to a page that has no mirrorable links.
 */
import { send } from '../platform/messaging';
import { startLinkScanner } from './link-scanner';
import { isMirrorableUrl } from './mirrorable';

startLinkScanner(document, {
  isMirrorable: isMirrorableUrl,
  onCount: (count) => {
    // The worker may be restarting; the next change reports again.
    send('contentReport', { count }).catch(() => undefined);
  },
});
