// Draws the image CAPTCHA in the main process: stroke-font glyphs rotated, sheared and jittered,
// crossed by interference curves, on a speckled background. The renderer receives only the PNG;
// the text stays in the main process.
import { encodeGrayPng } from '../png';
import { GLYPHS } from './glyphs';

export const CAPTCHA_WIDTH = 260;
export const CAPTCHA_HEIGHT = 90;

type Point = readonly [number, number];

/** `random` returns [0, 1); the caller supplies a CSPRNG-backed one. */
export function drawCaptcha(text: string, random: () => number): Buffer {
  const between = (a: number, b: number): number => a + (b - a) * random();
  const data = new Uint8Array(CAPTCHA_WIDTH * CAPTCHA_HEIGHT);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(between(225, 255));
  const slot = (CAPTCHA_WIDTH - 30) / text.length;

  [...text].forEach((char, i) => {
    const glyph = GLYPHS[char];
    if (!glyph) throw new Error(`no glyph for ${char}`);
    const cx = 15 + slot * (i + 0.5) + between(-5, 5);
    const cy = CAPTCHA_HEIGHT / 2 + between(-8, 8);
    const scale = between(8, 10.5);
    const angle = between(-0.35, 0.35);
    const shear = between(-0.25, 0.25);
    const width = between(2.2, 3.4);
    const ink = Math.round(between(20, 90));
    const place = ([gx, gy]: Point): Point => {
      const x = gx - 2 + between(-0.25, 0.25) + shear * (gy - 3);
      const y = gy - 3 + between(-0.25, 0.25);
      return [cx + scale * (x * Math.cos(angle) - y * Math.sin(angle)), cy + scale * (x * Math.sin(angle) + y * Math.cos(angle))];
    };
    for (const stroke of glyph) polyline(data, stroke.map(place), width, ink);
  });

  for (let k = 0; k < 3; k++) {
    const y0 = between(15, CAPTCHA_HEIGHT - 15);
    const amplitude = between(6, 18);
    const period = between(60, 160);
    const phase = between(0, Math.PI * 2);
    const curve: Point[] = [];
    for (let x = 0; x <= CAPTCHA_WIDTH; x += 8) curve.push([x, y0 + amplitude * Math.sin(x / period * Math.PI * 2 + phase)]);
    polyline(data, curve, between(1.2, 2), Math.round(between(60, 130)));
  }
  for (let k = 0; k < 200; k++) {
    const i = Math.floor(between(0, data.length));
    data[i] = Math.round(between(60, 160));
  }
  return encodeGrayPng({ width: CAPTCHA_WIDTH, height: CAPTCHA_HEIGHT, data });
}

/** Anti-aliased thick polyline: each pixel takes the darker of itself and the ink by coverage. */
function polyline(data: Uint8Array, points: readonly Point[], width: number, ink: number): void {
  for (let s = 1; s < points.length; s++) {
    const [ax, ay] = points[s - 1] as Point;
    const [bx, by] = points[s] as Point;
    const reach = width / 2 + 1;
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
    const x1 = Math.min(CAPTCHA_WIDTH - 1, Math.ceil(Math.max(ax, bx) + reach));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
    const y1 = Math.min(CAPTCHA_HEIGHT - 1, Math.ceil(Math.max(ay, by) + reach));
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSq = dx * dx + dy * dy || 1;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSq));
        const d = Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
        const coverage = Math.max(0, Math.min(1, width / 2 + 0.5 - d));
        if (coverage === 0) continue;
        const i = y * CAPTCHA_WIDTH + x;
        const old = data[i] ?? 255;
        data[i] = Math.min(old, Math.round(old + (ink - old) * coverage));
      }
    }
  }
}
