/**
 * "Copy mirror link": look the mirror up, write it to the clipboard, and answer where the
 * user is looking — the popup (or a small window) shows progress, then the copied link with
 * its QR code, or why it failed and what to do next. The badge answers too, for a pinned
 * button. Only the newest click may write the clipboard; a job whose surface the user closed
 * before the lookup ended is dropped, so no copy lands silently later.
 */
import type { Runtime } from 'webextension-polyfill';
import {
  COPY_JOB_KEY,
  COPY_SURFACE_PORT,
  copyFailureCode,
  nextSeq,
  type CopyFailureCode,
  type CopyJob,
} from '../core/copy/copy-job';
import { browser } from '../platform/api';
import { showCopied, showFailed, showWorking, clearFeedback } from './action-feedback';
import { writeClipboard } from './clipboard';
import { openCopySurface } from './copy-surface';
import { getSettings } from '../platform/settings-store';
import { mirrorClient, readingMode, type ClientMode } from './mirror-service';

/** The message key of each failure's one-line reason. */
export const COPY_FAILURE_KEYS: Record<CopyFailureCode, string> = {
  'not-mirrorable': 'copyFailNotMirrorable',
  'not-found': 'copyFailNotFound',
  unreachable: 'copyFailUnreachable',
  clipboard: 'copyFailClipboard',
  internal: 'copyFailInternal',
};

// A lookup keeps the worker alive, so the jobs in flight are all in this worker's memory.
let latest = 0;
const cancelled = new Set<number>();
const surfaces = new Set<Runtime.Port>();
/** The tab whose badge shows each job in flight. */
const badgeTabs = new Map<number, number>();

const live = (seq: number) => seq === latest && !cancelled.has(seq);

async function publish(job: CopyJob): Promise<void> {
  if (job.seq === latest) await browser.storage.session.set({ [COPY_JOB_KEY]: job });
}

/**
 * The mirror URL of `url`, or a `timeout` failure once the fetch deadline (a setting) has
 * passed: the user is told then, and a later answer is dropped with the job.
 */
async function lookup(url: string, mode: ClientMode): Promise<string> {
  const [client, { fetchDeadlineMs }] = await Promise.all([mirrorClient(mode), getSettings()]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('no mirror answered in time'), { code: 'timeout' })),
      fetchDeadlineMs,
    );
  });
  try {
    return (await Promise.race([client.resolve(url), deadline])).mirrorUrl;
  } finally {
    clearTimeout(timer);
  }
}

export interface CopyTab {
  id?: number;
  windowId?: number;
  /** A copy asked from an incognito tab stores nothing of the lookup. */
  incognito?: boolean;
}

/** Runs one copy job for `url` (an original or mirror URL) clicked in `tab`. */
export async function copyMirrorLink(url: string, tab?: CopyTab): Promise<CopyJob | null> {
  const seq = (latest = nextSeq(latest, Date.now()));
  const base = { seq, url, startedAt: Date.now() };
  const tabId = tab?.id !== undefined && tab.id >= 0 ? tab.id : undefined;
  await publish({ ...base, state: 'working' });
  // An open surface follows the newest job; opening another would fail or stack windows.
  if (surfaces.size === 0) void openCopySurface(tab ?? {});
  if (tabId !== undefined) {
    badgeTabs.set(seq, tabId);
    void showWorking(tabId).catch(() => undefined);
  }
  let job: CopyJob;
  try {
    // The folder may need a lookup: this can take a few seconds.
    const mirrorUrl = await lookup(url, await readingMode(tab?.incognito === true));
    if (!live(seq)) return forget(seq);
    await writeClipboard(mirrorUrl);
    job = { ...base, state: 'copied', mirrorUrl };
  } catch (error) {
    if (!live(seq)) return forget(seq);
    console.warn('copy mirror link', error);
    job = { ...base, state: 'failed', code: copyFailureCode(error) };
  }
  forget(seq);
  await publish(job);
  if (tabId !== undefined) {
    const reason = job.state === 'failed' ? COPY_FAILURE_KEYS[job.code] : '';
    await (
      job.state === 'copied'
        ? showCopied(tabId, job.mirrorUrl)
        : showFailed(tabId, browser.i18n.getMessage(reason))
    ).catch(() => undefined);
  }
  return job;
}

function forget(seq: number): null {
  badgeTabs.delete(seq);
  cancelled.delete(seq);
  return null;
}

/** The user closed the surface while the newest job was still looking: drop that job. */
async function onSurfaceClosed(port: Runtime.Port): Promise<void> {
  surfaces.delete(port);
  if (surfaces.size > 0) return;
  const { [COPY_JOB_KEY]: stored } = await browser.storage.session.get(COPY_JOB_KEY);
  const job = stored as CopyJob | undefined;
  if (!job || job.seq !== latest || job.state !== 'working') return;
  cancelled.add(job.seq);
  await publish({ seq: job.seq, url: job.url, startedAt: job.startedAt, state: 'cancelled' });
  const tabId = badgeTabs.get(job.seq);
  if (tabId !== undefined) await clearFeedback(tabId).catch(() => undefined);
}

/** Registered synchronously at the worker's top level. */
export function registerCopySurfaces(): void {
  browser.runtime.onConnect.addListener((port) => {
    const from = port.sender?.url ?? '';
    if (port.name !== COPY_SURFACE_PORT || !from.startsWith(browser.runtime.getURL(''))) return;
    surfaces.add(port);
    port.onDisconnect.addListener(() => void onSurfaceClosed(port));
  });
}
