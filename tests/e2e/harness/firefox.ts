/**
 * The Firefox build (dist-firefox/) in Debian's firefox-esr, driven over WebDriver BiDi:
 * puppeteer-core launches Firefox and installs the add-on temporarily; the rest are raw BiDi
 * commands (puppeteer's pages do not follow moz-extension:// navigations). Firefox starts
 * with system access (-remote-allow-system-access), so tests can also script the browser's
 * own window: its context menu and its clipboard.
 *
 * The network: every request goes through MirrorProxy (network.proxy.* prefs), which sends the
 * mirror hosts to the fake mirror and fails every other host as a blocked one; the fake
 * mirror's self-signed certificate is accepted through BiDi's acceptInsecureCerts.
 */
import type { Browser } from 'puppeteer-core';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './browser';
import { waitFor, withTimeout } from './wait';

/** `npm run build`'s Firefox build; EXTENSION_FIREFOX_DIR overrides it. */
export const FIREFOX_DIST_DIR = resolve(
  process.env.EXTENSION_FIREFOX_DIR ?? join(REPO_ROOT, 'dist-firefox'),
);

/** The moz-extension:// host we pin the add-on to (Firefox makes a random one per profile). */
export const FIREFOX_EXTENSION_UUID = '5f1d7c2e-0b4a-4e8f-9c3d-2a6b8e1f4d70';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

interface RemoteValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}

type EvaluateResult =
  | { type: 'success'; result: RemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string } };

export interface FirefoxLaunchOptions {
  /** The MirrorProxy every request goes through. */
  proxyPort: number;
  extensionDir?: string;
}

export function findFirefox(env: NodeJS.ProcessEnv = process.env): string {
  const file = env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: install Debian's firefox-esr (node scripts/ensure-firefox.mjs) ` +
        'or set FIREFOX_PATH.',
    );
  }
  return file;
}

function prefs(proxyPort: number, extensionId: string): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: FIREFOX_EXTENSION_UUID }),
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    // The plain page server on 127.0.0.1 stays direct.
    'network.proxy.no_proxies_on': '127.0.0.1, localhost',
    'network.proxy.allow_hijacking_localhost': false,
    'network.http.http3.enable': false,
    // action.openPopup() without a click: the panel is the one the toolbar button opens.
    'extensions.openPopupWithoutUserGesture.enabled': true,
  };
}

export class FirefoxExtension {
  private chrome: string | undefined;
  private optionsTab: string | undefined;

  private constructor(
    readonly browser: Browser,
    private readonly bidi: BidiConnection,
    readonly extensionId: string,
  ) {}

  static async launch(options: FirefoxLaunchOptions): Promise<FirefoxExtension> {
    const extensionDir = options.extensionDir ?? FIREFOX_DIST_DIR;
    const manifestFile = join(extensionDir, 'manifest.json');
    if (!existsSync(manifestFile)) {
      throw new Error(`${manifestFile} is missing: run "npm run build" first`);
    }
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    const id = manifest.browser_specific_settings?.gecko?.id;
    if (!id) throw new Error(`${manifestFile} has no browser_specific_settings.gecko.id`);
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: true,
      acceptInsecureCerts: true,
      args: ['-remote-allow-system-access'],
      extraPrefsFirefox: prefs(options.proxyPort, id),
      timeout: 60_000,
    });
    try {
      const installed = await browser.installExtension(extensionDir);
      if (installed !== id) throw new Error(`installed ${installed}, expected ${id}`);
      const bidi = (browser as unknown as { connection: BidiConnection }).connection;
      return new FirefoxExtension(browser, bidi, id);
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  /** moz-extension://<uuid>/<path> */
  url(path: string): string {
    return `moz-extension://${FIREFOX_EXTENSION_UUID}/${path.replace(/^\//, '')}`;
  }

  async send<T = Record<string, unknown>>(method: string, params: object): Promise<T> {
    return (await this.bidi.send(method, params)).result as T;
  }

  /** Opens a tab (in the background: the active tab stays active) and returns its context id. */
  async newTab(url: string, { background = false } = {}): Promise<string> {
    const { context } = await this.send<{ context: string }>('browsingContext.create', {
      type: 'tab',
      background,
    });
    await this.navigate(context, url);
    return context;
  }

  /** Navigates; `wait: 'none'` for loads that fail (a blocked original) or leave the page. */
  async navigate(
    context: string,
    url: string,
    wait: 'none' | 'interactive' | 'complete' = 'complete',
  ): Promise<void> {
    await this.send('browsingContext.navigate', { context, url, wait });
  }

  /** The URL a tab shows now. */
  async tabUrl(context: string): Promise<string> {
    const { contexts } = await this.send<{ contexts: { context: string; url: string }[] }>(
      'browsingContext.getTree',
      { root: context, maxDepth: 0 },
    );
    return contexts[0]?.url ?? '';
  }

  async activate(context: string): Promise<void> {
    await this.send('browsingContext.activate', { context });
  }

  async closeTab(context: string): Promise<void> {
    await this.send('browsingContext.close', { context }).catch(() => undefined);
  }

  /**
   * Runs `fn(...args)` in a tab (or the browser window: `chromeContext()`), awaits it and
   * returns its JSON-serializable result. `fn` must not use anything from its closure.
   */
  async evaluate<A extends unknown[], R>(
    context: string,
    fn: (...args: A) => R | Promise<R>,
    ...args: A
  ): Promise<R> {
    const result = await this.send<EvaluateResult>('script.callFunction', {
      functionDeclaration: `async (json) => JSON.stringify(await (${fn.toString()})(...JSON.parse(json)))`,
      arguments: [{ type: 'string', value: JSON.stringify(args) }],
      target: { context },
      awaitPromise: true,
    });
    if (result.type === 'exception') throw new Error(result.exceptionDetails.text);
    const json = result.result.value;
    return (typeof json === 'string' ? JSON.parse(json) : undefined) as R;
  }

  /** Polls `fn` in `context` until it returns something truthy. */
  waitIn<A extends unknown[], R>(
    context: string,
    what: string,
    fn: (...args: A) => R | Promise<R>,
    ...args: A
  ): Promise<R> {
    return waitFor(() => this.evaluate(context, fn, ...args), { timeoutMs: 20_000, what });
  }

  /** The browser window's own (privileged) browsing context. */
  async chromeContext(): Promise<string> {
    if (!this.chrome) {
      const { contexts } = await this.send<{ contexts: { context: string }[] }>(
        'browsingContext.getTree',
        { 'moz:scope': 'chrome' },
      );
      this.chrome = contexts[0]?.context;
      if (!this.chrome) throw new Error('Firefox listed no browser window');
    }
    return this.chrome;
  }

  /**
   * An options page kept open in a background tab, to call extension APIs from (the active
   * tab stays the one the test put in front).
   */
  async extensionPage(): Promise<string> {
    this.optionsTab ??= await this.newTab(this.url('src/options/index.html'), {
      background: true,
    });
    return this.optionsTab;
  }

  /** A PNG of the first element matching `selector` in `context`. */
  async screenshot(context: string, selector: string): Promise<Buffer> {
    const found = await this.send<EvaluateResult>('script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(selector)})`,
      target: { context },
      awaitPromise: false,
    });
    const sharedId = found.type === 'success' ? found.result.sharedId : undefined;
    if (!sharedId) throw new Error(`no element ${selector}`);
    const { data } = await this.send<{ data: string }>('browsingContext.captureScreenshot', {
      context,
      clip: { type: 'element', element: { sharedId } },
    });
    return Buffer.from(data, 'base64');
  }

  /** A real right-click (button 2) on the middle of the element matching `selector`. */
  async rightClick(context: string, selector: string): Promise<void> {
    const center = await this.evaluate(
      context,
      (css: string) => {
        const box = document.querySelector(css)?.getBoundingClientRect();
        return box
          ? { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) }
          : null;
      },
      selector,
    );
    if (!center) throw new Error(`no element ${selector}`);
    await this.send('input.performActions', {
      context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x: center.x, y: center.y },
            { type: 'pointerDown', button: 2 },
            { type: 'pointerUp', button: 2 },
          ],
        },
      ],
    });
  }

  async close(): Promise<void> {
    await withTimeout(this.browser.close(), 20_000, 'closing Firefox').catch(() => undefined);
  }
}
