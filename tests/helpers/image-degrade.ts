/**
 * What a phone's photo of a screen does to a QR code, in plain TypeScript on RGBA pixels:
 * lower resolution, blur, a tilted or skewed view, JPEG compression, moiré and a gamma shift.
 * Every operation returns a new image; the input is left as it is.
 */
import jpeg from 'jpeg-js';

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export function blank(width: number, height: number, value = 255): Rgba {
  const data = new Uint8ClampedArray(width * height * 4).fill(value);
  return { width, height, data };
}

/** White margin around the capture, as the screen around the code in a photo. */
export function pad(img: Rgba, margin: number): Rgba {
  const out = blank(img.width + 2 * margin, img.height + 2 * margin);
  for (let y = 0; y < img.height; y++) {
    const from = y * img.width * 4;
    out.data.set(
      img.data.subarray(from, from + img.width * 4),
      ((y + margin) * out.width + margin) * 4,
    );
  }
  return out;
}

/** Area-averaging downscale (what a sensor with fewer pixels records). */
export function scale(img: Rgba, factor: number): Rgba {
  const width = Math.max(1, Math.round(img.width * factor));
  const height = Math.max(1, Math.round(img.height * factor));
  const out = blank(width, height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const x0 = x * sx;
      const y0 = y * sy;
      const sum = [0, 0, 0, 0];
      let weight = 0;
      for (let yy = Math.floor(y0); yy < Math.ceil(y0 + sy); yy++) {
        const wy = Math.min(yy + 1, y0 + sy) - Math.max(yy, y0);
        for (let xx = Math.floor(x0); xx < Math.ceil(x0 + sx); xx++) {
          const wx = Math.min(xx + 1, x0 + sx) - Math.max(xx, x0);
          const w = wx * wy;
          const i = (Math.min(yy, img.height - 1) * img.width + Math.min(xx, img.width - 1)) * 4;
          for (let c = 0; c < 4; c++) sum[c]! += img.data[i + c]! * w;
          weight += w;
        }
      }
      for (let c = 0; c < 4; c++) out.data[(y * width + x) * 4 + c] = sum[c]! / weight;
    }
  }
  return out;
}

/** Separable Gaussian blur with standard deviation `sigma` px. */
export function gaussianBlur(img: Rgba, sigma: number): Rgba {
  const radius = Math.ceil(sigma * 3);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  );
  const total = kernel.reduce((a, b) => a + b, 0);
  const pass = (src: Rgba, dx: number, dy: number): Rgba => {
    const out = blank(src.width, src.height);
    for (let y = 0; y < src.height; y++) {
      for (let x = 0; x < src.width; x++) {
        for (let c = 0; c < 3; c++) {
          let acc = 0;
          for (let k = -radius; k <= radius; k++) {
            const xx = Math.min(src.width - 1, Math.max(0, x + k * dx));
            const yy = Math.min(src.height - 1, Math.max(0, y + k * dy));
            acc += src.data[(yy * src.width + xx) * 4 + c]! * kernel[k + radius]!;
          }
          out.data[(y * src.width + x) * 4 + c] = acc / total;
        }
      }
    }
    return out;
  };
  return pass(pass(img, 1, 0), 0, 1);
}

function sample(img: Rgba, x: number, y: number, c: number): number {
  if (x < 0 || y < 0 || x > img.width - 1 || y > img.height - 1) return 255;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, img.width - 1);
  const y1 = Math.min(y0 + 1, img.height - 1);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number) => img.data[(yy * img.width + xx) * 4 + c]!;
  return (
    at(x0, y0) * (1 - fx) * (1 - fy) +
    at(x1, y0) * fx * (1 - fy) +
    at(x0, y1) * (1 - fx) * fy +
    at(x1, y1) * fx * fy
  );
}

/** Maps every output pixel back through `inverse` and samples the input bilinearly. */
function warp(
  img: Rgba,
  width: number,
  height: number,
  inverse: (x: number, y: number) => [number, number],
): Rgba {
  const out = blank(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = inverse(x, y);
      for (let c = 0; c < 3; c++) out.data[(y * width + x) * 4 + c] = sample(img, sx, sy, c);
    }
  }
  return out;
}

export function rotate(img: Rgba, degrees: number): Rgba {
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const width = Math.ceil(Math.abs(img.width * cos) + Math.abs(img.height * sin));
  const height = Math.ceil(Math.abs(img.width * sin) + Math.abs(img.height * cos));
  return warp(img, width, height, (x, y) => {
    const dx = x - width / 2;
    const dy = y - height / 2;
    return [dx * cos + dy * sin + img.width / 2, -dx * sin + dy * cos + img.height / 2];
  });
}

/** Solves the 3×3 homography taking the four `from` corners to the four `to` corners. */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination on the 8×9 system.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++)
      if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = rows[r]![col]! / rows[col]![col]!;
      for (let c = col; c < 9; c++) rows[r]![c]! -= f * rows[col]![c]!;
    }
  }
  return [...rows.map((row, i) => row[8]! / row[i]!), 1];
}

/**
 * The view of a screen seen from below and to the side: the top edge shorter than the
 * bottom (by `skew` of the width) and shifted sideways.
 */
export function perspective(img: Rgba, skew = 0.12): Rgba {
  const w = img.width;
  const h = img.height;
  const inset = w * skew;
  const src: [number, number][] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  const dst: [number, number][] = [
    [inset * 1.4, h * 0.05],
    [w - inset * 0.6, 0],
    [w, h],
    [0, h * 0.97],
  ];
  const m = homography(dst, src);
  return warp(img, w, h, (x, y) => {
    const d = m[6]! * x + m[7]! * y + m[8]!;
    return [(m[0]! * x + m[1]! * y + m[2]!) / d, (m[3]! * x + m[4]! * y + m[5]!) / d];
  });
}

export function jpegRoundTrip(img: Rgba, quality: number): Rgba {
  const encoded = jpeg.encode(
    { width: img.width, height: img.height, data: Buffer.from(img.data) },
    quality,
  );
  const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
  return {
    width: decoded.width,
    height: decoded.height,
    data: new Uint8ClampedArray(decoded.data),
  };
}

/**
 * Moiré (a slanted interference pattern between screen pixels and sensor pixels) plus the
 * camera's gamma curve, which lifts dark modules and lowers the contrast.
 */
export function moireGamma(img: Rgba, amplitude = 40, period = 3.3, gamma = 0.6): Rgba {
  const out = blank(img.width, img.height);
  const angle = (25 * Math.PI) / 180;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const wave =
        amplitude * Math.sin(((x * Math.cos(angle) + y * Math.sin(angle)) * 2 * Math.PI) / period);
      for (let c = 0; c < 3; c++) {
        const i = (y * img.width + x) * 4 + c;
        const lifted = 255 * (img.data[i]! / 255) ** gamma;
        out.data[i] = lifted * 0.85 + 20 + wave;
      }
    }
  }
  return out;
}

export interface Variant {
  name: string;
  image: Rgba;
}

/** The capture and each degradation of it that the QR tests must survive. */
export function degradedVariants(capture: Rgba): Variant[] {
  const framed = pad(capture, 24);
  return [
    { name: 'capture as rendered', image: framed },
    { name: 'scaled to 50%', image: scale(framed, 0.5) },
    { name: 'scaled to 33%', image: scale(framed, 1 / 3) },
    { name: 'Gaussian blur 1 px', image: gaussianBlur(framed, 1) },
    { name: 'Gaussian blur 2 px', image: gaussianBlur(framed, 2) },
    { name: 'rotated 8°', image: rotate(framed, 8) },
    { name: 'perspective skew', image: perspective(framed) },
    { name: 'JPEG quality 40', image: jpegRoundTrip(framed, 40) },
    { name: 'moiré + gamma', image: moireGamma(framed) },
  ];
}
