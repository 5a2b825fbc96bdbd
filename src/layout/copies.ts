// Numbered copies of a paper test for printing (`mus build --copies N`): the test's pages N
// times over, each copy's registration blocks carrying its sheet number, so the front and
// back of one sheet pair up however the stack is scanned. The pages are the test's own, so
// every copy has the same geometry the scan reader measures against.
import { maxSheet } from '../sheet/page-code.js';
import type { Block, LayoutDocument } from './schema.js';

export function numberedCopies(layout: LayoutDocument, count: number): LayoutDocument {
  if (!Number.isInteger(count) || count < 1 || count > maxSheet)
    throw new RangeError(`copies: ${count} is not a whole number from 1 to ${maxSheet}`);
  const blocks: Block[] = [];
  const pagesPerCopy = layout.blocks.filter((b) => b.kind === 'pageBreak').length + 1;
  for (let sheet = 1; sheet <= count; sheet++) {
    if (sheet > 1) blocks.push({ kind: 'pageBreak' });
    for (const block of layout.blocks) blocks.push(block.kind === 'registration' ? { ...block, sheet } : block);
  }
  return { ...layout, blocks, pagesPerCopy };
}
