/**
 * The share card: one PNG with the title, source, date and the QR code, for messaging apps
 * that block or report links but pass images.
 */
import QRCode from 'qrcode';

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

/** Breaks text into lines that fit `maxWidth`, character by character (Chinese has no spaces). */
function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, maxLines: number) {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (ctx.measureText(line + char).width > maxWidth && line) {
      lines.push(line);
      line = char;
      if (lines.length === maxLines) break;
    } else line += char;
  }
  if (lines.length < maxLines) {
    if (line) lines.push(line);
  } else {
    lines[maxLines - 1] = `${(lines[maxLines - 1] ?? '').slice(0, -1)}…`;
  }
  return lines;
}

export async function drawShareCard(content: ShareCardContent): Promise<HTMLCanvasElement> {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available');
  ctx.font = `bold 36px ${FONT}`;
  const titleLines = wrap(ctx, content.title, WIDTH - 2 * PADDING, 4);
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
  await QRCode.toCanvas(qr, content.link, { errorCorrectionLevel: 'M', margin: 4, width: QR_SIZE });
  ctx.drawImage(qr, (WIDTH - QR_SIZE) / 2, y, QR_SIZE, QR_SIZE);
  y += QR_SIZE + 24;
  ctx.fillStyle = '#6b6b70';
  ctx.font = `22px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.fillText(content.hint, WIDTH / 2, y);
  return canvas;
}
