// A row measured again where its boxes' frames really are. The page's map is fitted to the four
// corner marks; in a photo (a phone held by hand, the paper not quite flat) a row can sit half
// a millimetre off it, and then the printed frame spills into the part of an empty box that is
// measured, which reads as a doubtful box. Only such a row is looked at again: the map is
// shifted, a little at a time, to where the frames of all its boxes are darkest together, and
// the row is decided anew there. A smudge or a box filled in stays what it is wherever the frame
// lies, so a row doubtful for its ink stays doubtful; nothing is guessed.
import type { BoxRect } from './geometry.js';
import type { GrayImage } from './image.js';
import type { Levels } from './ink.js';
import type { Affine } from './transform.js';

/** How far the frames are looked for either way, in points (1.5 mm), and in what steps. */
const reach = 4.25;
const step = 0.25;

/** The grey along the middle of each box's frame (the frame is stroked 1.25 pt wide, inside the box), summed. */
function frameGrey(image: GrayImage, maps: Affine[], boxes: BoxRect[], dx: number, dy: number): number {
  const line = 0.625;
  const samples = 8;
  let sum = 0;
  for (let b = 0; b < boxes.length; b++) {
    const t = maps[b];
    const box = boxes[b];
    const x0 = box.x + dx;
    const y0 = box.y + dy;
    for (let s = 1; s <= samples; s++) {
      const along = (box.size * s) / (samples + 1);
      for (const [x, y] of [
        [x0 + along, y0 + line],
        [x0 + along, y0 + box.size - line],
        [x0 + line, y0 + along],
        [x0 + box.size - line, y0 + along],
      ]) {
        const xi = Math.round(t.a * x + t.b * y + t.c - 0.5);
        const yi = Math.round(t.d * x + t.e * y + t.f - 0.5);
        sum += xi < 0 || yi < 0 || xi >= image.width || yi >= image.height ? 255 : image.data[yi * image.width + xi];
      }
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
  const here = frameGrey(image, maps, boxes, 0, 0);
  let best = { dx: 0, dy: 0, grey: here };
  for (let dy = -reach; dy <= reach; dy += step)
    for (let dx = -reach; dx <= reach; dx += step) {
      const grey = frameGrey(image, maps, boxes, dx, dy);
      if (grey < best.grey) best = { dx, dy, grey };
    }
  // Clearly darker: a twentieth of the way from paper to black on average over the frames'
  // samples (a row 0.2 mm off on a corpus photo: 7 %; noise on a row where the map is right: ~0).
  const samples = boxes.length * 8 * 4;
  const clearly = 0.05 * (levels.paper - levels.black) * samples;
  return here - best.grey >= clearly ? { dx: best.dx, dy: best.dy } : undefined;
}
