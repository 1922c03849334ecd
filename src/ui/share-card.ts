/**
 * The share card: one PNG with the title, source, date and the QR code, for messaging apps
 * that block or report links but pass images.
 */
import { wrapLines } from '../core/share/wrap-lines';
import QRCode from 'qrcode';
import { QUIET_ZONE, qrLayout } from './qr-canvas';

export interface ShareCardContent {
  title: string;
  /** e.g. "大纪元 · 2021-01-12" */
  byline: string;
  link: string;
  /** e.g. "扫码阅读全文" */
  hint: string;
}

const WIDTH = 720;
const PADDING = 48;
const QR_SIZE = 360;
const FONT =
  "system-ui, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

export async function drawShareCard(content: ShareCardContent): Promise<HTMLCanvasElement> {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available');
  ctx.font = `bold 36px ${FONT}`;
  // At most three lines, so the QR code keeps its place on the card.
  const titleLines = wrapLines(
    content.title,
    WIDTH - 2 * PADDING,
    3,
    (s) => ctx.measureText(s).width,
  );
  const height = PADDING + titleLines.length * 50 + 16 + 32 + 24 + QR_SIZE + 24 + 28 + PADDING;
  canvas.width = WIDTH;
  canvas.height = height;

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = '#b02028';
  ctx.fillRect(0, 0, WIDTH, 8);

  let y = PADDING;
  ctx.fillStyle = '#1d1d1f';
  ctx.textBaseline = 'top';
  ctx.font = `bold 36px ${FONT}`;
  for (const line of titleLines) {
    ctx.fillText(line, PADDING, y);
    y += 50;
  }
  y += 16;
  ctx.fillStyle = '#6b6b70';
  ctx.font = `24px ${FONT}`;
  ctx.fillText(content.byline, PADDING, y);
  y += 32 + 24;

  const qr = document.createElement('canvas');
  // Whole pixels per module, drawn unscaled: the card's own pixels are what gets shared.
  const { modulePx, cssSize } = qrLayout(content.link, QR_SIZE, Infinity);
  await QRCode.toCanvas(qr, content.link, {
    errorCorrectionLevel: 'M',
    margin: QUIET_ZONE,
    scale: modulePx,
  });
  ctx.drawImage(qr, Math.round((WIDTH - cssSize) / 2), y + Math.round((QR_SIZE - cssSize) / 2));
  y += QR_SIZE + 24;
  ctx.fillStyle = '#6b6b70';
  ctx.font = `22px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.fillText(content.hint, WIDTH / 2, y);
  return canvas;
}
