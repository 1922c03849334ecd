/**
 * QR codes drawn locally with `qrcode`: error correction M, a 4-module quiet zone, and a
 * canvas at device-pixel resolution so the code stays sharp when a phone scans the screen.
 */
import QRCode from 'qrcode';

/** The largest QR code the popup's column holds, in CSS px. */
export const QR_MAX_CSS = 360;
/** The floor: below this a phone across a desk struggles. */
export const MIN_MODULE_CSS_PX = 4;
/**
 * Module size aimed at when it fits: a photo taken from further away (a third of the size)
 * still has two pixels per module, which decoders need.
 */
export const PREFERRED_MODULE_CSS_PX = 6;
/** Modules of white around the code, as the QR standard asks. */
export const QUIET_ZONE = 4;

export interface QrLayout {
  /** Modules across, quiet zone included. */
  modules: number;
  modulePx: number;
  cssSize: number;
}

export function qrLayout(
  text: string,
  maxCss = QR_MAX_CSS,
  maxModulePx = PREFERRED_MODULE_CSS_PX,
): QrLayout {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size + 2 * QUIET_ZONE;
  const modulePx = Math.max(MIN_MODULE_CSS_PX, Math.min(maxModulePx, Math.floor(maxCss / modules)));
  return { modules, modulePx, cssSize: modules * modulePx };
}

/**
 * Draws whole device pixels per module: uneven modules blur when a phone photographs the
 * screen. Returns the layout drawn.
 */
export async function drawQr(
  canvas: HTMLCanvasElement,
  text: string,
  maxCss = QR_MAX_CSS,
  maxModulePx = PREFERRED_MODULE_CSS_PX,
): Promise<QrLayout> {
  const layout = qrLayout(text, maxCss, maxModulePx);
  const scale = Math.max(1, Math.ceil(globalThis.devicePixelRatio || 1));
  await QRCode.toCanvas(canvas, text, {
    errorCorrectionLevel: 'M',
    margin: QUIET_ZONE,
    scale: layout.modulePx * scale,
    color: { dark: '#000000', light: '#ffffff' },
  });
  canvas.style.width = `${layout.cssSize}px`;
  canvas.style.height = `${layout.cssSize}px`;
  return layout;
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
