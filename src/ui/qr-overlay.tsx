/**
 * The QR code enlarged to fill the screen, for a phone across the room: a modal dialog
 * (Escape or a click closes it) that also asks for full screen where the page may have it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n';
import { drawQr } from './qr-canvas';

export function QrOverlay({ link, onClose }: { link: string; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    el.showModal();
    // The popup cannot go full screen; the dialog still fills it.
    el.requestFullscreen?.().catch(() => undefined);
    const size = Math.min(window.innerWidth, window.innerHeight) * 0.9;
    if (canvas.current) void drawQr(canvas.current, link, size, Infinity).catch(() => undefined);
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [link]);

  return (
    <dialog
      ref={dialog}
      class="qr-overlay"
      data-testid="qr-overlay"
      aria-label={t('qrLabel')}
      onClose={onClose}
      onClick={() => dialog.current?.close()}
    >
      <canvas ref={canvas} role="img" aria-label={t('qrLabel')} data-testid="qr-overlay-code" />
      <button type="button" class="qr-overlay-close" data-testid="qr-overlay-close">
        {t('qrClose')}
      </button>
    </dialog>
  );
}
