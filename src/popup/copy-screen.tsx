/**
 * The copy job's answer where the user is looking: the popup (or a small window) the
 * background opened for "Copy mirror link". It follows the newest job in storage.session and
 * holds a port open, so the background knows someone is watching (closing it cancels a
 * lookup still running).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  COPY_JOB_KEY,
  COPY_SURFACE_PORT,
  parseCopyJob,
  type CopyFailureCode,
  type CopyJob,
} from '../core/copy/copy-job';
import { browser } from '../platform/api';
import { send } from '../platform/messaging';
import { readerUrlFor } from '../platform/reader-address';
import { t, type MessageKey } from '../ui/i18n';
import { drawQr } from '../ui/qr-canvas';

const REASON_KEYS: Record<CopyFailureCode, MessageKey> = {
  'not-mirrorable': 'copyFailNotMirrorable',
  'not-found': 'copyFailNotFound',
  unreachable: 'copyFailUnreachable',
  clipboard: 'copyFailClipboard',
  internal: 'copyFailInternal',
};

function useCopyJob(): CopyJob | null {
  const [job, setJob] = useState<CopyJob | null>(null);
  useEffect(() => {
    const port = browser.runtime.connect({ name: COPY_SURFACE_PORT });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && COPY_JOB_KEY in changes) {
        setJob(parseCopyJob(changes[COPY_JOB_KEY]?.newValue));
      }
    };
    browser.storage.onChanged.addListener(onChanged);
    void browser.storage.session
      .get(COPY_JOB_KEY)
      // A change that came first is newer than what this read returns.
      .then((items) => setJob((now) => now ?? parseCopyJob(items[COPY_JOB_KEY])));
    return () => {
      browser.storage.onChanged.removeListener(onChanged);
      port.disconnect();
    };
  }, []);
  return job;
}

/** The reader on the link, private as the settings say (and keeping nothing over an incognito tab). */
async function openReader(url: string): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  await browser.tabs.create({
    url: await readerUrlFor(url, { incognito: tab?.incognito === true }),
  });
}

function openSources(): void {
  void browser.tabs.create({ url: `${browser.runtime.getURL('src/options/index.html')}#sources` });
}

function Qr({ text }: { text: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void drawQr(canvas.current, text, 180).catch(() => undefined);
  }, [text]);
  return (
    <canvas
      ref={canvas}
      class="share-qr"
      data-testid="copy-qr"
      role="img"
      aria-label={t('qrLabel')}
    />
  );
}

/** When this job's answer first showed (Date.now()): the click-to-answer time in tests. */
function useShownAt(job: CopyJob | null): number | undefined {
  const [shown, setShown] = useState<{ seq: number; at: number } | null>(null);
  const answered = job && (job.state === 'copied' || job.state === 'failed');
  useEffect(() => {
    if (answered && shown?.seq !== job.seq) setShown({ seq: job.seq, at: Date.now() });
  }, [answered, job?.seq]);
  return answered && shown?.seq === job.seq ? shown.at : undefined;
}

export function CopyScreen() {
  const job = useCopyJob();
  const shownAt = useShownAt(job);
  useEffect(() => {
    document.title = t('menuCopyMirrorLink');
  }, []);
  if (!job) return <p class="status">{t('loading')}</p>;
  const clicked = (
    <p class="copy-url status" data-testid="copy-source">
      {t('copyScreenFor', job.url)}
    </p>
  );
  switch (job.state) {
    case 'working':
      return (
        // Shown only after ~300 ms (CSS): a quick lookup goes straight to the answer.
        <section class="copy copy-working" data-testid="copy-working" aria-busy="true">
          <p>{t('copyWorking')}</p>
          {clicked}
        </section>
      );
    case 'copied':
      return (
        <section class="copy" data-testid="copy-done" data-shown-at={shownAt} role="status">
          <h1>{t('copyScreenDone')}</h1>
          <p class="copy-url" data-testid="copied-url">
            {job.mirrorUrl}
          </p>
          <Qr text={job.mirrorUrl} />
          <p class="status">{t('shareCardHint')}</p>
          <div class="actions">
            <button
              type="button"
              data-testid="copy-open-reader"
              onClick={() => void openReader(job.url)}
            >
              {t('openInReader')}
            </button>
          </div>
        </section>
      );
    case 'failed':
      return (
        <section
          class="copy failure"
          data-testid="copy-failed"
          data-code={job.code}
          data-shown-at={shownAt}
          role="alert"
        >
          <h1>{t('copyScreenFailed')}</h1>
          <p data-testid="copy-reason">{t('copyFailed', t(REASON_KEYS[job.code]))}</p>
          {clicked}
          <div class="actions">
            <button
              type="button"
              data-testid="copy-retry"
              onClick={() => void send('copyMirrorLink', { url: job.url })}
            >
              {t('retry')}
            </button>
            <button
              type="button"
              data-testid="copy-open-reader"
              onClick={() => void openReader(job.url)}
            >
              {t('openInReader')}
            </button>
            <button type="button" data-testid="copy-sources" onClick={openSources}>
              {t('copyScreenSources')}
            </button>
          </div>
        </section>
      );
    case 'cancelled':
      return (
        <p class="status" data-testid="copy-cancelled">
          {t('copyScreenCancelled')}
        </p>
      );
  }
}
