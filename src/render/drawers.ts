// The drawer of each block kind of the layout (src/layout/schema.ts).
import type { Block } from '../layout/schema.js';
import type { BlockDrawer } from './blocks/block.js';
import { compareBands } from './blocks/compare-bands.js';
import { compareStatements } from './blocks/compare-statements.js';
import { list } from './blocks/list.js';
import { markExample } from './blocks/mark-example.js';
import { table } from './blocks/table.js';
import { heading, paragraph, spacer } from './blocks/text.js';
import { statementBars } from './blocks/statement-bars.js';
import { registration } from './registration.js';
import { InternalError } from '../errors.js';

/** The drawer for each block kind: adding a kind is one entry here and one file. */
const drawers: { [K in Block['kind']]: BlockDrawer<Extract<Block, { kind: K }>> | null } = {
  heading,
  paragraph,
  list,
  table,
  spacer,
  registration,
  pageBreak: null, // where pages end (pagination.ts)
  markExample,
  compareBands,
  compareStatements,
  statementBars,
};

export function drawerFor(block: Block): BlockDrawer<Block> {
  const drawer = drawers[block.kind] as BlockDrawer<Block> | null | undefined;
  if (!drawer) throw new InternalError(`layout: unknown block kind "${block.kind}"`);
  return drawer;
}
