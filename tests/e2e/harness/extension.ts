/**
 * The built extension in a real Chromium, for end-to-end tests: launch, find the service
 * worker, message the background, stop and wake the worker, open the real toolbar popup.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
  type Worker,
} from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageType, Reply, RequestOf, ResponseOf } from '../../../src/core/messages';
import { DIST_DIR, findExtensionWorker, launchWithExtension, readBuiltManifest } from './browser';
import { WELCOME_PAGE } from '../../../src/core/welcome';
import { hostResolverRules } from './mirror-server';
import { waitFor, withTimeout } from './wait';

export interface LaunchOptions {
  /** The fake mirror the production hosts resolve to; without it every host but loopback fails. */
  mirror?: { port: number };
  /** Default dist/ (or EXTENSION_DIR). */
  extensionDir?: string;
  /** More Chromium flags. */
  args?: string[];
  /** Use this profile folder, and keep it on close (a restart on the same profile). */
  userDataDir?: string;
  /** false: a real window (on $DISPLAY, e.g. Xvfb) for native menus and the system clipboard. */
  headless?: boolean;
  /** Leave open the welcome tab the extension opens on install (closed by default). */
  keepWelcome?: boolean;
  /** More hosts, each sent to a local port (e.g. an original that hangs). */
  hosts?: Record<string, number>;
}

/** What storage.session `tabs` holds per tab (written by the background on contentReport). */
export interface TabReport {
  linkCount: number;
  url: string;
  links: { url: string; title: string }[];
}

interface BuiltManifest {
  version?: string;
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
}

export class ExtensionBrowser {
  /** Pages of the real toolbar popup and the CDP connections that found them. */
  private readonly popupConnections = new Set<Browser>();
  private messenger: Page | undefined;
  private current: Worker;

  private constructor(
    readonly context: BrowserContext,
    /** Browser-level CDP session (Target.*, Extensions.*) over Playwright's pipe. */
    readonly cdp: CDPSession,
    readonly extensionId: string,
    readonly userDataDir: string,
    readonly extensionDir: string,
    /** http://127.0.0.1:<port> — the remote-debugging endpoint popups are found through. */
    readonly debuggingEndpoint: string,
    worker: Worker,
    private readonly manifest: BuiltManifest,
    private readonly keepProfile = false,
  ) {
    this.current = worker;
  }

  static async launch(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
    const extensionDir = options.extensionDir ?? DIST_DIR;
    const manifest = readBuiltManifest(extensionDir) as BuiltManifest;
    const keepProfile = options.userDataDir !== undefined;
    const userDataDir =
      options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'mirror-reader-e2e-')));
    let launched: Awaited<ReturnType<typeof launchWithExtension>> | undefined;
    try {
      launched = await launchWithExtension({
        userDataDir,
        extensionDir,
        load: 'flag',
        mode: 'test',
        headless: options.headless ?? true,
        args: [
          `--host-resolver-rules=${hostResolverRules(options.mirror?.port, options.hosts)}`,
          '--ignore-certificate-errors',
          // A second, TCP endpoint: the toolbar popup is listed only on a connection made after it opened.
          '--remote-debugging-port=0',
          ...(options.args ?? []),
        ],
      });
      const portFile = join(userDataDir, 'DevToolsActivePort');
      const port = await waitFor(
        async () => (await readFile(portFile, 'utf8').catch(() => '')).split('\n')[0],
        { timeoutMs: 10_000, what: 'DevToolsActivePort' },
      );
      const { context, cdp, extensionId, worker } = launched;
      if (!options.keepWelcome) await closeWelcomeTab(context, extensionId, extensionDir);
      return new ExtensionBrowser(
        context,
        cdp,
        extensionId,
        userDataDir,
        extensionDir,
        `http://127.0.0.1:${port}`,
        worker,
        manifest,
        keepProfile,
      );
    } catch (error) {
      await launched?.context.close().catch(() => undefined);
      if (!keepProfile) await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      throw error;
    }
  }

  /** chrome-extension://<id>/<path> */
  url(path: string): string {
    return `chrome-extension://${this.extensionId}/${path.replace(/^\//, '')}`;
  }

  get popupPath(): string {
    const path = this.manifest.action?.default_popup;
    if (!path) throw new Error('the built manifest has no action.default_popup');
    return path;
  }

  get optionsPath(): string {
    const path = this.manifest.options_ui?.page ?? this.manifest.options_page;
    if (!path) throw new Error('the built manifest has no options page');
    return path;
  }

  /** Opens an extension page in a new tab and waits for its DOM. */
  async openExtensionPage(path: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(this.url(path), { waitUntil: 'domcontentloaded' });
    return page;
  }

  /** The popup's page opened in an ordinary tab: a fallback; it has no activeTab grant. */
  openPopupInTab(query = ''): Promise<Page> {
    return this.openExtensionPage(`${this.popupPath}${query}`);
  }

  /** A new tab at `url` (a test page on the page server, or a production URL). */
  async openPage(url: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }

  // ---------------------------------------------------------------- messages

  /** Sends one message as an extension page does; the raw wire reply. Wakes a stopped worker. */
  async sendMessage<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<Reply<K>> {
    const page = await this.messengerPage();
    return withTimeout(
      page.evaluate(
        ([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }) as Promise<Reply<K>>,
        [type, payload] as const,
      ),
      15_000,
      `no reply to "${type}" from the background`,
    );
  }

  /** sendMessage, unwrapped: the value, or an Error "<code>: <message>". */
  async request<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    const reply = await this.sendMessage(type, payload);
    if (!reply || typeof reply !== 'object') {
      throw new Error(`"${type}": the background answered ${JSON.stringify(reply)}`);
    }
    if (!reply.ok) throw new Error(`"${type}" failed: ${reply.error.code}: ${reply.error.message}`);
    return reply.value;
  }

  /** One extension tab (the options page) kept open to message the background from. */
  private async messengerPage(): Promise<Page> {
    if (!this.messenger || this.messenger.isClosed()) {
      this.messenger = await this.openExtensionPage(this.optionsPath);
    }
    return this.messenger;
  }

  // ---------------------------------------------------------------- service worker

  /** The service worker's CDP target, if it is running (Target.getTargets is the truth). */
  private async workerTarget(): Promise<{ targetId: string } | undefined> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    return targetInfos.find(
      (t) =>
        t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${this.extensionId}/`),
    );
  }

  async isServiceWorkerRunning(): Promise<boolean> {
    return (await this.workerTarget()) !== undefined;
  }

  /**
   * Stops the service worker as Chromium does when it idles out (its memory is gone), and
   * waits until Target.getTargets no longer lists it. Playwright's Worker does not notice.
   */
  async stopServiceWorker(): Promise<void> {
    const target = await this.workerTarget();
    if (!target) return;
    await this.cdp.send('Target.closeTarget', { targetId: target.targetId });
    await waitFor(async () => !(await this.isServiceWorkerRunning()), {
      timeoutMs: 10_000,
      what: 'the service worker to stop',
    });
  }

  /** Starts a stopped worker the way the extension's pages do (a `ping`); its live Worker. */
  async wakeServiceWorker(): Promise<Worker> {
    await this.request('ping', {});
    await waitFor(() => this.isServiceWorkerRunning(), {
      timeoutMs: 10_000,
      what: 'the service worker to start',
    });
    return this.liveWorker();
  }

  /** The running service worker, started first if it was stopped. Use it fresh after a stop. */
  async worker(): Promise<Worker> {
    if (!(await this.isServiceWorkerRunning())) return this.wakeServiceWorker();
    return this.liveWorker();
  }

  /** The Worker object that answers (evaluate on a stopped one would hang, so probe with a deadline). */
  private liveWorker(): Promise<Worker> {
    return waitFor(
      async () => {
        const candidates = [this.current, findExtensionWorker(this.context, this.extensionId)];
        for (const worker of new Set(candidates)) {
          if (!worker) continue;
          const alive = await withTimeout(
            worker.evaluate(() => true),
            1_000,
            'probe',
          ).catch(() => false);
          if (alive) {
            this.current = worker;
            return worker;
          }
        }
        return undefined;
      },
      { timeoutMs: 15_000, what: "a live Worker for the extension's service worker" },
    );
  }

  /** chrome.storage.<area>.get(keys) in the worker. */
  async storage(
    area: 'local' | 'session' | 'sync',
    keys?: string | string[],
  ): Promise<Record<string, unknown>> {
    const worker = await this.worker();
    return worker.evaluate(([a, k]) => chrome.storage[a].get(k ?? null), [area, keys] as const);
  }

  /**
   * Waits — on storage.onChanged, not by polling — until the background recorded the content
   * script's report for `tabId` (for `url`, when given, so a report of an earlier page in the
   * same tab does not count).
   */
  async waitForTabReport(
    tabId: number,
    { url, timeoutMs = 10_000 }: { url?: string; timeoutMs?: number } = {},
  ): Promise<TabReport> {
    const worker = await this.worker();
    const waiting = worker.evaluate(
      ([id, expectedUrl, ms]) =>
        new Promise<TabReport>((resolve, reject) => {
          const check = async (): Promise<void> => {
            const { tabs } = (await chrome.storage.session.get('tabs')) as {
              tabs?: Record<string, TabReport>;
            };
            const entry = tabs?.[String(id)];
            if (entry && (expectedUrl === null || entry.url === expectedUrl))
              finish(() => resolve(entry));
          };
          const listener = (changes: Record<string, unknown>, area: string): void => {
            if (area === 'session' && 'tabs' in changes) void check();
          };
          const timer = setTimeout(
            () =>
              finish(() => reject(new Error(`no report for tab ${id} in storage.session.tabs`))),
            ms,
          );
          function finish(settle: () => void): void {
            clearTimeout(timer);
            chrome.storage.onChanged.removeListener(listener);
            settle();
          }
          chrome.storage.onChanged.addListener(listener);
          void check();
        }),
      [tabId, url ?? null, timeoutMs] as const,
    );
    return withTimeout(waiting, timeoutMs + 2_000, `the content script's report for tab ${tabId}`);
  }

  /**
   * Opens `url` (a blocked original) in a new tab, as a user who followed a link has it, and
   * waits until the worker has seen the navigation fail (the tab shows Chromium's error
   * page, or the reader when the setting opens it).
   */
  async openBlockedOriginal(url: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(url).catch(() => undefined);
    const worker = await this.worker();
    await waitFor(
      () =>
        worker.evaluate(async (target) => {
          const { tabs } = await chrome.storage.session.get('tabs');
          const states = Object.values((tabs ?? {}) as Record<string, { failedUrl?: string }>);
          return states.some((state) => state.failedUrl === target);
        }, new URL(url).href),
      { timeoutMs: 15_000, what: `the worker to see the failed load of ${url}` },
    );
    return page;
  }

  // ---------------------------------------------------------------- tabs and the toolbar popup

  /** The tab target (CDP) and its strip index for a page brought to front. */
  private async activeTabTarget(page?: Page): Promise<{ targetId: string; index: number }> {
    if (page) await page.bringToFront();
    const { targetInfos } = await this.cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    // A tab on Chromium's error page (a blocked original) shows the URL it failed to load,
    // while Playwright's page reports chrome-error://chromewebdata/.
    const shown = page && /^(chrome-error:|about:blank)/.test(page.url()) ? undefined : page?.url();
    const active = targetInfos.filter((t) => {
      const data = (t as { embedderData?: { tabActive?: boolean } }).embedderData;
      return data?.tabActive === true && (shown === undefined || t.url === shown);
    });
    const target = active[0];
    if (active.length !== 1 || !target) {
      throw new Error(
        `expected one active tab${page ? ` at ${page.url()}` : ''}, found ${active.length}`,
      );
    }
    const index =
      (target as { embedderData?: { tabStripIndex?: number } }).embedderData?.tabStripIndex ?? -1;
    return { targetId: target.targetId, index };
  }

  /** The chrome.tabs id of a page's tab (brings the tab to front to tell it apart). */
  async tabIdOf(page: Page): Promise<number> {
    const { index } = await this.activeTabTarget(page);
    const worker = await this.worker();
    const ids = await worker.evaluate(
      (i) =>
        chrome.tabs
          .query({ active: true })
          .then((tabs) => tabs.filter((t) => t.index === i).map((t) => t.id)),
      index,
    );
    const [id] = ids;
    if (ids.length !== 1 || typeof id !== 'number') {
      throw new Error(`could not tell the tab id of ${page.url()} (${ids.length} candidates)`);
    }
    return id;
  }

  /**
   * Opens the real toolbar popup, as a click on the extension's icon does (with the activeTab
   * grant for `forTab`, brought to front first; else for the active tab), and returns its
   * page. Closing the page closes the popup.
   */
  async openToolbarPopup(forTab?: Page): Promise<Page> {
    const popupUrl = this.url(this.popupPath);
    const tab = await this.activeTabTarget(forTab);
    const popupTargets = async (): Promise<string[]> =>
      (await this.cdp.send('Target.getTargets')).targetInfos
        .filter((t) => t.type === 'page' && t.url.startsWith(popupUrl))
        .map((t) => t.targetId);
    const earlier = new Set(await popupTargets());
    try {
      // A real action click: grants activeTab, unlike chrome.action.openPopup().
      await this.cdp.send('Extensions.triggerAction', {
        id: this.extensionId,
        targetId: tab.targetId,
      });
    } catch (error) {
      if (!/wasn't found|not available/i.test(String(error))) throw error;
      const worker = await this.worker();
      await worker.evaluate(() => chrome.action.openPopup());
    }
    // The popup becomes a page target a few hundred ms after the click; a CDP connection
    // made before that never lists it, so wait for the target, then connect.
    await waitFor(async () => (await popupTargets()).some((id) => !earlier.has(id)), {
      timeoutMs: 10_000,
      what: `the toolbar popup's target (${popupUrl})`,
    });
    return this.attachPopup(popupUrl);
  }

  /**
   * The page of an open toolbar popup (or extension window) whose URL starts with `prefix`,
   * through a new CDP connection (only one made after the popup opened lists it).
   */
  async attachPopup(prefix: string): Promise<Page> {
    await waitFor(
      async () =>
        (await this.cdp.send('Target.getTargets')).targetInfos.some(
          (t) => t.type === 'page' && t.url.startsWith(prefix),
        ),
      { timeoutMs: 10_000, what: `a page target at ${prefix}` },
    );
    const connection = await chromium.connectOverCDP(this.debuggingEndpoint);
    this.popupConnections.add(connection);
    const popup = await waitFor(
      () =>
        connection
          .contexts()
          .flatMap((c) => c.pages())
          .find((p) => p.url().startsWith(prefix)),
      { timeoutMs: 5_000, what: `the toolbar popup's page (${prefix})` },
    ).catch(async (error: unknown) => {
      await this.disconnect(connection);
      throw error;
    });
    // Disconnecting leaves the browser (and any other popup) running.
    popup.once('close', () => void this.disconnect(connection));
    await popup.waitForLoadState('domcontentloaded');
    return popup;
  }

  private async disconnect(connection: Browser): Promise<void> {
    if (!this.popupConnections.delete(connection)) return;
    await connection.close().catch(() => undefined);
  }

  /**
   * Closes every connection, the browser, and deletes its profile (unless kept, to restart on
   * it, or given at launch).
   */
  async close({ keepProfile = false }: { keepProfile?: boolean } = {}): Promise<void> {
    for (const connection of [...this.popupConnections]) await this.disconnect(connection);
    await withTimeout(this.context.close(), 15_000, 'closing Chromium').catch(() => undefined);
    if (keepProfile || this.keepProfile) return;
    await rm(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** The welcome tab opens once on install; most tests want the browser as a user leaves it after. */
async function closeWelcomeTab(
  context: BrowserContext,
  extensionId: string,
  extensionDir: string,
): Promise<void> {
  if (!existsSync(join(extensionDir, WELCOME_PAGE))) return;
  const url = `chrome-extension://${extensionId}/${WELCOME_PAGE}`;
  const welcome = await waitFor(() => context.pages().find((p) => p.url() === url), {
    timeoutMs: 10_000,
    what: 'the welcome tab opened on install',
  });
  await welcome.close();
}

/** Launches Chromium with the built extension and a fresh profile; close() it in afterAll. */
export function launchExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  return ExtensionBrowser.launch(options);
}
