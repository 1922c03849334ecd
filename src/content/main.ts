/**
 * Content script, on every http(s) page. Small and quiet: no UI framework, no network,
 * no globals, and no change to a page that has no mirrorable links (not even a message:
 * the background forgets a tab's count on navigation, so a page without links says nothing).
 */
import { send } from '../platform/messaging';
import { contentApi } from './extension-api';
import { startLinkScanner, type LinkElement } from './link-scanner';
import { createLinkMarker } from './link-marker';
import { watchMarkSetting } from './mark-setting';
import { candidateSelector, isMirrorableUrl } from './mirrorable';
import { createReportList } from './report-list';

function run(): void {
  const api = contentApi();
  let marking = false;
  let watching = false;
  let sentCount = 0;
  const list = createReportList();

  const marker = createLinkMarker(document, {
    title: () => api.i18n.getMessage('linkMarkTitle'),
    onOpen: (link) => void send('openReader', { url: link.href }).catch(() => undefined),
  });

  // Read and follow the setting once there is something to mark: most pages have nothing.
  const watch = (found: ReadonlySet<LinkElement>) => {
    watching = true;
    const askChoice = () => send('siteMarks', {}).then(({ choice }) => choice);
    watchMarkSetting(api, askChoice, (markLinks) => {
      marking = markLinks;
      found.forEach(markLinks ? marker.mark : marker.unmark);
    });
  };

  const report = (found: ReadonlySet<LinkElement>, force = false) => {
    if (found.size > 0 && !watching) watch(found);
    if (found.size === 0 && sentCount === 0 && !force) return;
    sentCount = found.size;
    const links = list.next(found, force);
    // The worker may be restarting; the next change reports again, with the list.
    send('contentReport', { count: found.size, ...(links && { links }) }).catch(() =>
      list.forget(),
    );
  };

  const scanner = startLinkScanner(document, {
    selector: candidateSelector(document.baseURI),
    isMirrorable: isMirrorableUrl,
    ignore: marker.owns,
    onFound: (link) => {
      list.touched(link);
      if (marking) marker.mark(link);
    },
    onLost: (link) => marker.unmark(link),
    onChange: (found) => report(found),
  });

  // Back/forward cache: the page comes back as it was, but the background forgot its count.
  addEventListener('pageshow', (event) => {
    if (event.persisted && scanner.found.size > 0) report(scanner.found, true);
  });
}

// A prerendered page is not the tab's page yet: its count would land on the wrong badge.
if ((document as Document & { prerendering?: boolean }).prerendering) {
  document.addEventListener('prerenderingchange', run, { once: true });
} else {
  run();
}
