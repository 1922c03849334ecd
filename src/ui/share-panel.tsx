import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';
import { canvasToPngBlob, drawQr, saveBlob } from './qr-canvas';
import { QrOverlay } from './qr-overlay';
import { drawShareCard } from './share-card';

export interface ShareTarget {
  title: string;
  byline: string;
  mirrorUrl: string;
  /** File name stem for saved images, e.g. the article id. */
  fileStem: string;
}

type Notice = { text: string; error?: boolean } | null;

export function SharePanel({ target }: { target: ShareTarget }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [enlarged, setEnlarged] = useState(false);

  useEffect(() => {
    if (canvas.current) {
      drawQr(canvas.current, target.mirrorUrl).catch((error: unknown) =>
        setNotice({ text: t('qrFailed', String(error)), error: true }),
      );
    }
  }, [target.mirrorUrl]);

  async function act(action: () => Promise<void>, done: string) {
    try {
      await action();
      setNotice({ text: done });
    } catch (error) {
      setNotice({
        text: t('actionFailed', error instanceof Error ? error.message : String(error)),
        error: true,
      });
    }
  }

  return (
    <section id="share" class="share" data-testid="share-panel" aria-label={t('shareHeading')}>
      <button
        type="button"
        class="share-qr-button"
        data-testid="qr-enlarge"
        aria-label={t('qrEnlarge')}
        title={t('qrEnlarge')}
        onClick={() => setEnlarged(true)}
      >
        <canvas ref={canvas} class="share-qr" data-testid="share-qr" />
      </button>
      {enlarged && <QrOverlay link={target.mirrorUrl} onClose={() => setEnlarged(false)} />}
      <p class="share-link" data-testid="share-link">
        {target.mirrorUrl}
      </p>
      <div class="share-actions">
        <button
          type="button"
          data-testid="copy-link"
          onClick={() =>
            void act(() => navigator.clipboard.writeText(target.mirrorUrl), t('copiedLink'))
          }
        >
          {t('copyLink')}
        </button>
        <button
          type="button"
          data-testid="copy-title-link"
          onClick={() =>
            void act(
              () => navigator.clipboard.writeText(`${target.title}\n${target.mirrorUrl}`),
              t('copiedTitleLink'),
            )
          }
        >
          {t('copyTitleLink')}
        </button>
        <button
          type="button"
          data-testid="save-qr"
          onClick={() =>
            void act(async () => {
              if (!canvas.current) throw new Error('no QR code');
              saveBlob(await canvasToPngBlob(canvas.current), `${target.fileStem}-qr.png`);
            }, t('savedImage'))
          }
        >
          {t('saveQr')}
        </button>
        <button
          type="button"
          data-testid="save-card"
          onClick={() =>
            void act(async () => {
              const card = await drawShareCard({
                title: target.title,
                byline: target.byline,
                link: target.mirrorUrl,
                hint: t('shareCardHint'),
              });
              saveBlob(await canvasToPngBlob(card), `${target.fileStem}-card.png`);
            }, t('savedImage'))
          }
        >
          {t('saveCard')}
        </button>
      </div>
      <p
        class={notice?.error ? 'notice notice-error' : 'notice'}
        role="status"
        data-testid="share-notice"
      >
        {notice?.text ?? ''}
      </p>
    </section>
  );
}
