/**
 * QR codes drawn locally with `qrcode`: error correction M, a 4-module quiet zone, and a
 * canvas at device-pixel resolution so the code stays sharp when a phone scans the screen.
 */
import QRCode from 'qrcode';

export const QR_CSS_SIZE = 240;

export async function drawQr(canvas: HTMLCanvasElement, text: string, cssSize = QR_CSS_SIZE) {
  const scale = Math.max(1, Math.ceil(globalThis.devicePixelRatio || 1));
  await QRCode.toCanvas(canvas, text, {
    errorCorrectionLevel: 'M',
    margin: 4,
    width: cssSize * scale,
    color: { dark: '#000000', light: '#ffffff' },
  });
  canvas.style.width = `${cssSize}px`;
  canvas.style.height = `${cssSize}px`;
}

export function canvasToPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))),
      'image/png',
    );
  });
}

/** Saves a blob through a temporary link (no `downloads` permission needed). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
