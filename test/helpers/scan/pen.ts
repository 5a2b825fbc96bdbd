// Pen and pencil marks as people make them in a tick box: an X of two jittered strokes, a
// check mark, a filled dot, a light pencil X, and a box filled in completely (the printed
// correction rule). Drawn in page points onto a page rasterised at `pxPerPt`.
import type { SKRSContext2D } from '@napi-rs/canvas';

export type PenStyle = 'x' | 'check' | 'dot' | 'pencil' | 'fill' | 'smudge';
export const answerStyles: readonly PenStyle[] = ['x', 'check', 'dot', 'pencil'];

interface Box {
  x: number;
  y: number;
  size: number;
}

export function drawMark(ctx: SKRSContext2D, box: Box, style: PenStyle, random: () => number, pxPerPt: number): void {
  const j = (amount: number) => (random() - 0.5) * 2 * amount * box.size;
  const at = (fx: number, fy: number) =>
    [(box.x + fx * box.size + j(0.06)) * pxPerPt, (box.y + fy * box.size + j(0.06)) * pxPerPt] as const;
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const stroke = (points: (readonly [number, number])[], width: number, colour: string) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width * pxPerPt;
    ctx.beginPath();
    ctx.moveTo(...points[0]);
    for (const p of points.slice(1)) ctx.lineTo(...p);
    ctx.stroke();
  };
  const pen = '#1a1a40'; // a blue-black ballpoint
  if (style === 'x') {
    // People cross boxes generously: the strokes run over the frame.
    stroke([at(-0.05, -0.02), at(0.5, 0.52), at(1.05, 1.04)], 1.6, pen);
    stroke([at(1.02, -0.06), at(0.48, 0.5), at(-0.04, 1.05)], 1.6, pen);
  } else if (style === 'pencil') {
    stroke([at(0.18, 0.2), at(0.82, 0.8)], 1.1, '#8a8a8a');
    stroke([at(0.8, 0.18), at(0.2, 0.82)], 1.1, '#8a8a8a');
  } else if (style === 'check') {
    stroke([at(0.15, 0.55), at(0.4, 0.82), at(0.9, 0.1)], 1.8, pen);
  } else if (style === 'dot') {
    ctx.fillStyle = pen;
    ctx.beginPath();
    const [cx, cy] = at(0.5, 0.5);
    ctx.arc(cx, cy, box.size * (0.2 + random() * 0.1) * pxPerPt, 0, Math.PI * 2);
    ctx.fill();
  } else if (style === 'smudge') {
    // An inky finger along the box's left side: over the frame, hardly into the box.
    ctx.fillStyle = '#303030';
    ctx.fillRect(
      (box.x - 0.15 * box.size) * pxPerPt,
      (box.y + 0.05 * box.size) * pxPerPt,
      0.35 * box.size * pxPerPt,
      0.9 * box.size * pxPerPt,
    );
  } else {
    // Filled in: zig-zag strokes over the whole box, as a pen does it.
    ctx.fillStyle = pen;
    ctx.fillRect((box.x + 1) * pxPerPt, (box.y + 1) * pxPerPt, (box.size - 2) * pxPerPt, (box.size - 2) * pxPerPt);
  }
  ctx.restore();
}
