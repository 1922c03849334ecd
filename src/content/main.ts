/**
 * Content script, on every http(s) page. Small and quiet: no UI framework, no network,
 * no globals, and no change to a page that has no mirrorable links (not even a message:
 * the background forgets a tab's count on navigation, so a page without links says nothing).
 */
import type { UrlRules } from '../core/sources/types';
import { send } from '../platform/messaging';
import { contentApi } from './extension-api';
import {
  defaultSchedule,
  hrefOf,
  startLinkScanner,
  type LinkElement,
  type LinkScanner,
} from './link-scanner';
import { createLinkMarker } from './link-marker';
import { watchMarkSetting } from './mark-setting';
import { candidateSelector, isMirrorableUrl } from './mirrorable';
import { createReportList } from './report-list';
import { watchSourceRules } from './source-rules';

function run(): void {
  const api = contentApi();
  let marking = false;
  let watching = false;
  let sentCount = 0;
  let scanner: LinkScanner | undefined;
  const list = createReportList();

  const marker = createLinkMarker(document, {
    title: () => api.i18n.getMessage('linkMarkTitle'),
    onOpen: (link) => void send('openReader', { url: link.href }).catch(() => undefined),
  });

  // Read and follow the setting once there is something to mark: most pages have nothing.
  const watch = () => {
    watching = true;
    const askChoice = () => send('siteMarks', {}).then(({ choice }) => choice);
    watchMarkSetting(api, askChoice, (markLinks) => {
      marking = markLinks;
      scanner?.found.forEach(markLinks ? marker.mark : marker.unmark);
    });
  };

  const report = (found: ReadonlySet<LinkElement>, force = false) => {
    if (found.size > 0 && !watching) watch();
    if (found.size === 0 && sentCount === 0 && !force) return;
    sentCount = found.size;
    const links = list.next(found, force);
    // The worker may be restarting; the next change reports again, with the list.
    send('contentReport', { count: found.size, ...(links && { links }) }).catch(() =>
      list.forget(),
    );
  };

  /** Scans with these rules; again when they change, and links they no longer match lose their marks. */
  const scan = (rules: readonly UrlRules[]) => {
    const isMirrorable = (href: string) => isMirrorableUrl(href, rules);
    const before = scanner;
    before?.stop();
    before?.found.forEach((link) => {
      if (!isMirrorable(hrefOf(link))) marker.unmark(link);
    });
    scanner = startLinkScanner(document, {
      selector: candidateSelector(document.baseURI, rules),
      isMirrorable,
      ignore: marker.owns,
      onFound: (link) => {
        list.touched(link);
        if (marking) marker.mark(link);
      },
      onLost: (link) => marker.unmark(link),
      onChange: (found) => report(found),
    });
  };
  // The rules come from storage (the user's sources): the first scan waits for them, then
  // for an idle moment, as the scanner's own batches do (not in the reply's microtask).
  watchSourceRules(api, (rules) => defaultSchedule(() => scan(rules)));

  // Back/forward cache: the page comes back as it was, but the background forgot its count.
  addEventListener('pageshow', (event) => {
    if (event.persisted && scanner && scanner.found.size > 0) report(scanner.found, true);
  });
}

// A prerendered page is not the tab's page yet: its count would land on the wrong badge.
if ((document as Document & { prerendering?: boolean }).prerendering) {
  document.addEventListener('prerenderingchange', run, { once: true });
} else {
  run();
}
