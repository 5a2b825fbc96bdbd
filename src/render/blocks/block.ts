// What every block kind provides to the renderer: its height before drawing (to fit pages)
// and the drawing itself, which moves ctx.y below the block.
import type { Block } from '../../layout/schema.js';
import type { Ctx } from '../context.js';

export interface BlockDrawer<B extends Block> {
  measure(block: B, ctx: Ctx): number;
  draw(block: B, ctx: Ctx): void;
  /**
   * In flow documents the block breaks across pages by itself, between its rows or items
   * (which its drawer keeps whole). Without it the block is kept whole: it goes onto the
   * next page when it does not fit below what is already on the page.
   */
  splits?: boolean;
  /**
   * For a block that splits: the height of its first piece, which a heading kept with it
   * takes onto its page (render/pagination.ts). Without it, up to four lines are kept.
   */
  lead?(block: B, ctx: Ctx): number;
}
