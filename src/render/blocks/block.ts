// What every block kind provides to the renderer: its height before drawing (to fit pages)
// and the drawing itself, which moves ctx.y below the block.
import type { Block } from '../../layout/schema.js';
import type { Ctx } from '../context.js';

export interface BlockDrawer<B extends Block> {
  measure(block: B, ctx: Ctx): number;
  draw(block: B, ctx: Ctx): void;
}
