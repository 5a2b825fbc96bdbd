// A row measured again where its boxes' frames really are. The page's map is fitted to the four
// corner marks; in a photo (a phone held by hand, the paper not quite flat) a row can sit half
// a millimetre off it, and then the printed frame spills into the part of an empty box that is
// measured, which reads as a doubtful box. Only such a row is looked at again: the map is
// shifted, a little at a time, to where the frames of all its boxes are darkest together, and
// the row is decided anew there. A smudge or a box filled in stays what it is wherever the frame
// lies, so a row doubtful for its ink stays doubtful; nothing is guessed.
import type { BoxRect } from './geometry.js';
import type { GrayImage } from './image.js';
import { frameLine, type Levels } from './ink.js';
import type { Affine } from './transform.js';

type FrameLine = ReturnType<typeof frameLine>;

/** How far the frames are looked for either way, in points (1.5 mm), and in what steps. */
const reach = 4.25;
const step = 0.25;

/** The grey along the middle of each box's frame (ink.ts frameLine), summed, the row shifted by dx, dy points. */
function frameGrey(image: GrayImage, maps: Affine[], lines: FrameLine[], dx: number, dy: number): number {
  let sum = 0;
  for (let b = 0; b < lines.length; b++) {
    const t = maps[b];
    for (const [px, py] of lines[b]) {
      const x = px + dx;
      const y = py + dy;
      const xi = Math.round(t.a * x + t.b * y + t.c - 0.5);
      const yi = Math.round(t.d * x + t.e * y + t.f - 0.5);
      sum += xi < 0 || yi < 0 || xi >= image.width || yi >= image.height ? 255 : image.data[yi * image.width + xi];
    }
  }
  return sum;
}

/**
 * The shift (in page points) that puts the row's frames where they are darkest, when that is
 * clearly darker than where the map puts them; undefined when the map is as good.
 */
export function frameShift(
  image: GrayImage,
  maps: Affine[],
  boxes: BoxRect[],
  levels: Levels,
): { dx: number; dy: number } | undefined {
  const lines = boxes.map(frameLine);
  const here = frameGrey(image, maps, lines, 0, 0);
  let best = { dx: 0, dy: 0, grey: here };
  for (let dy = -reach; dy <= reach; dy += step)
    for (let dx = -reach; dx <= reach; dx += step) {
      const grey = frameGrey(image, maps, lines, dx, dy);
      if (grey < best.grey) best = { dx, dy, grey };
    }
  // Clearly darker: a twentieth of the way from paper to black on average over the frames'
  // samples (a row 0.2 mm off on a corpus photo: 7 %; noise on a row where the map is right: ~0).
  const samples = lines.reduce((n, line) => n + line.length, 0);
  const clearly = 0.05 * (levels.paper - levels.black) * samples;
  return here - best.grey >= clearly ? { dx: best.dx, dy: best.dy } : undefined;
}
