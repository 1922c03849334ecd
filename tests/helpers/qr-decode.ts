/** Two independent QR decoders over the same RGBA pixels: jsQR and ZXing's JavaScript port. */
// CommonJS: Node sees only its default export.
import zxing from '@zxing/library';
import jsQR from 'jsqr';
import type { Rgba } from './image-degrade';

const {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  QRCodeReader,
  ResultMetadataType,
  RGBLuminanceSource,
} = zxing;

export interface Decoded {
  text: string | null;
  /** Error-correction level, where the decoder says (ZXing does). */
  ecLevel?: string;
  version?: number;
}

export function decodeJsqr(img: Rgba): Decoded {
  const code = jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
  return { text: code?.data ?? null, version: code?.version };
}

export function decodeZxing(img: Rgba): Decoded {
  const luminance = new Uint8ClampedArray(img.width * img.height);
  for (let i = 0; i < luminance.length; i++) {
    const r = img.data[i * 4]!;
    const g = img.data[i * 4 + 1]!;
    const b = img.data[i * 4 + 2]!;
    luminance[i] = (r + 2 * g + b) / 4;
  }
  const bitmap = new BinaryBitmap(
    new HybridBinarizer(new RGBLuminanceSource(luminance, img.width, img.height)),
  );
  const hints = new Map<zxing.DecodeHintType, unknown>([
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
  ]);
  try {
    const result = new QRCodeReader().decode(bitmap, hints);
    const ec = result.getResultMetadata()?.get(ResultMetadataType.ERROR_CORRECTION_LEVEL);
    return { text: result.getText(), ecLevel: ec === undefined ? undefined : String(ec) };
  } catch {
    return { text: null };
  }
}
