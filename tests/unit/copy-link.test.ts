import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  COPY_JOB_KEY,
  COPY_SURFACE_PORT,
  copyFailureCode,
  nextSeq,
  parseCopyJob,
  type CopyJob,
} from '../../src/core/copy/copy-job';

const A = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
const B = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';
const MIRROR_A = 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n12681566.md';
const MIRROR_B = 'https://github.com/begood0513/goodnews/blob/master/pages/prog1138/a103470752.md';

// ------------------------------------------------------------------ fakes

const resolve = vi.fn<(url: string) => Promise<{ mirrorUrl: string }>>();
const writeClipboard = vi.fn<(text: string) => Promise<void>>(async () => undefined);
const openCopySurface = vi.fn(async () => 'popup' as const);
const feedback: string[] = [];
const published: CopyJob[] = [];
let session: Record<string, unknown> = {};
type Port = {
  name: string;
  sender: { url: string };
  onDisconnect: { addListener(l: () => void): void };
};
let onConnect: ((port: Port) => void) | undefined;

vi.mock('../../src/platform/api', () => ({
  browser: {
    i18n: { getMessage: (key: string) => key },
    runtime: {
      getURL: (path: string) => `chrome-extension://id/${path}`,
      onConnect: { addListener: (l: (port: Port) => void) => (onConnect = l) },
    },
    storage: {
      session: {
        get: async (key: string) => ({ [key]: session[key] }),
        set: async (items: Record<string, unknown>) => {
          published.push(items[COPY_JOB_KEY] as CopyJob);
          session = { ...session, ...items };
        },
      },
    },
  },
}));
vi.mock('../../src/background/mirror-service', () => ({
  mirrorClient: async () => ({ resolve }),
  readingMode: async (incognito: boolean) => (incognito ? 'incognito' : 'keep'),
}));
const deadline = { ms: 15_000 };
vi.mock('../../src/platform/settings-store', () => ({
  getSettings: async () => ({ fetchDeadlineMs: deadline.ms }),
}));
vi.mock('../../src/background/clipboard', () => ({ writeClipboard }));
vi.mock('../../src/background/copy-surface', () => ({ openCopySurface }));
vi.mock('../../src/background/action-feedback', () => ({
  showWorking: async (tabId: number) => feedback.push(`${tabId}:…`),
  showCopied: async (tabId: number) => feedback.push(`${tabId}:✓`),
  showFailed: async (tabId: number, reason: string) => feedback.push(`${tabId}:! ${reason}`),
  clearFeedback: async (tabId: number) => feedback.push(`${tabId}:cleared`),
}));

/** A surface (popup or window) connecting, with a way to close it. */
function surface(): () => void {
  let close = () => {};
  onConnect!({
    name: COPY_SURFACE_PORT,
    sender: { url: 'chrome-extension://id/src/popup/index.html?copy' },
    onDisconnect: { addListener: (l) => (close = l) },
  });
  return () => close();
}

function deferred<T>() {
  let settle!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((settle = res), (fail = rej)));
  return { promise, settle, fail };
}

async function load() {
  const module = await import('../../src/background/copy-link');
  module.registerCopySurfaces();
  return module;
}

const tab = { id: 7, windowId: 1 };

beforeEach(() => {
  vi.resetModules();
  resolve.mockReset();
  writeClipboard.mockClear();
  openCopySurface.mockClear();
  feedback.length = published.length = 0;
  session = {};
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

// ------------------------------------------------------------------ tests

describe('copyMirrorLink', () => {
  it('shows the job at once, then copies exactly the mirror link and says so', async () => {
    const { copyMirrorLink } = await load();
    resolve.mockResolvedValue({ mirrorUrl: MIRROR_A });
    const job = await copyMirrorLink(A, tab);
    expect(openCopySurface).toHaveBeenCalledWith(tab);
    expect(published.map((j) => j.state)).toEqual(['working', 'copied']);
    expect(job).toMatchObject({ state: 'copied', url: A, mirrorUrl: MIRROR_A });
    expect(writeClipboard.mock.calls).toEqual([[MIRROR_A]]);
    expect(feedback).toEqual(['7:…', '7:✓']);
  });

  it('on failure copies nothing and publishes the reason for the surface and the badge', async () => {
    const { copyMirrorLink } = await load();
    resolve.mockRejectedValue(Object.assign(new Error('no'), { code: 'not-found' }));
    const job = await copyMirrorLink(A, tab);
    expect(job).toMatchObject({ state: 'failed', code: 'not-found' });
    expect(writeClipboard).not.toHaveBeenCalled();
    expect(feedback).toEqual(['7:…', '7:! copyFailNotFound']);
  });

  it('fails as unreachable once the fetch deadline passes, and a later answer copies nothing', async () => {
    const { copyMirrorLink } = await load();
    deadline.ms = 30;
    const slow = deferred<{ mirrorUrl: string }>();
    resolve.mockReturnValue(slow.promise);
    try {
      const job = await copyMirrorLink(A, tab);
      expect(job).toMatchObject({ state: 'failed', code: 'unreachable' });
      slow.settle({ mirrorUrl: MIRROR_A });
      await slow.promise;
      expect(writeClipboard).not.toHaveBeenCalled();
      expect(published.at(-1)?.state).toBe('failed');
    } finally {
      deadline.ms = 15_000;
    }
  });

  it('an earlier, slower lookup never overwrites the clipboard of a later click', async () => {
    const { copyMirrorLink } = await load();
    const slow = deferred<{ mirrorUrl: string }>();
    resolve.mockImplementation((url) =>
      url === A ? slow.promise : Promise.resolve({ mirrorUrl: MIRROR_B }),
    );
    const first = copyMirrorLink(A, tab);
    const second = await copyMirrorLink(B, tab);
    slow.settle({ mirrorUrl: MIRROR_A });
    expect(await first).toBeNull();
    expect(second).toMatchObject({ state: 'copied', mirrorUrl: MIRROR_B });
    expect(writeClipboard.mock.calls).toEqual([[MIRROR_B]]);
    expect(parseCopyJob(session[COPY_JOB_KEY])).toMatchObject({ url: B, state: 'copied' });
  });

  it('does not open a second surface while one is showing: the open one follows the newest job', async () => {
    const { copyMirrorLink } = await load();
    resolve.mockResolvedValue({ mirrorUrl: MIRROR_A });
    await copyMirrorLink(A, tab);
    surface();
    await copyMirrorLink(B, tab);
    expect(openCopySurface).toHaveBeenCalledTimes(1);
  });

  it('closing the surface during the lookup cancels the copy: nothing lands on the clipboard later', async () => {
    const { copyMirrorLink } = await load();
    const slow = deferred<{ mirrorUrl: string }>();
    resolve.mockReturnValue(slow.promise);
    const running = copyMirrorLink(A, tab);
    const close = surface();
    await vi.waitFor(() => expect(published.at(-1)?.state).toBe('working'));
    close();
    await vi.waitFor(() => expect(published.at(-1)?.state).toBe('cancelled'));
    slow.settle({ mirrorUrl: MIRROR_A });
    expect(await running).toBeNull();
    expect(writeClipboard).not.toHaveBeenCalled();
    expect(feedback).toEqual(['7:…', '7:cleared']);
  });

  it('ignores ports that are not a copy surface of this extension', async () => {
    const { copyMirrorLink } = await load();
    const slow = deferred<{ mirrorUrl: string }>();
    resolve.mockReturnValue(slow.promise);
    const running = copyMirrorLink(A, tab);
    let closeForeign = () => {};
    onConnect!({
      name: COPY_SURFACE_PORT,
      sender: { url: 'https://example.com/' },
      onDisconnect: { addListener: (l) => (closeForeign = l) },
    });
    closeForeign();
    slow.settle({ mirrorUrl: MIRROR_A });
    expect(await running).toMatchObject({ state: 'copied' });
  });
});

describe('copy job helpers', () => {
  it('nextSeq always grows, across a worker restart too (the clock)', () => {
    expect(nextSeq(0, 1_000)).toBe(1_000);
    expect(nextSeq(1_000, 1_000)).toBe(1_001);
    expect(nextSeq(5_000, 1_000)).toBe(5_001);
  });

  it('copyFailureCode names each typed failure the user can act on', () => {
    const code = (c: unknown) => copyFailureCode(Object.assign(new Error('x'), { code: c }));
    expect(
      ['not-mirrorable', 'not-found', 'all-endpoints-failed', 'aborted', 'clipboard', 'odd'].map(
        code,
      ),
    ).toEqual([
      'not-mirrorable',
      'not-found',
      'unreachable',
      'unreachable',
      'clipboard',
      'internal',
    ]);
    expect(copyFailureCode(null)).toBe('internal');
  });

  it('parseCopyJob accepts only well-formed stored jobs', () => {
    const base = { seq: 1, url: A, startedAt: 2 };
    expect(parseCopyJob({ ...base, state: 'working' })).not.toBeNull();
    expect(parseCopyJob({ ...base, state: 'copied', mirrorUrl: MIRROR_A })).not.toBeNull();
    expect(parseCopyJob({ ...base, state: 'copied' })).toBeNull();
    expect(parseCopyJob({ ...base, state: 'failed', code: 'weird' })).toBeNull();
    expect(parseCopyJob({ ...base, state: 'done' })).toBeNull();
    expect(parseCopyJob('x')).toBeNull();
  });
});
