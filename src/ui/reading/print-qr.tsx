/** The mirror link's QR code in the printed page's corner; hidden on screen. */
import { useEffect, useRef } from 'preact/hooks';
import { drawQr } from '../qr-canvas';

export function PrintQr({ link }: { link: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void drawQr(canvas.current, link, 0).catch(() => undefined);
  }, [link]);
  return <canvas ref={canvas} class="print-qr" data-testid="print-qr" aria-hidden="true" />;
}
