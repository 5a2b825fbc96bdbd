// View data for a printed test (leader or employee version).
import type { Content, Group } from '../../content/model.js';
import { range } from '../../text.js';
import { pagesOfThemes, themesFor } from './common.js';

/** Share of the statements on the first page (it also holds the instructions). */
const firstPageShare = 0.6;

export function testView(content: Content, group: Group) {
  const texts = content.test[group];
  const themes = themesFor(content, group);
  const perPage = Math.max(1, Math.floor(content.numbered.length * firstPageShare));
  return {
    ...texts,
    scale: content.scoring.scale,
    pages: pagesOfThemes(themes, perPage).map((pageThemes) => ({ themes: pageThemes })),
    result: content.test.result,
    turnOver: content.test.turnOver,
    pageLabel: content.meta.pageLabel,
    bands: content.scoring.bands.map((band, i) => ({ range: range(band), sentence: band.sentence, source: `${content.bandSources[i]} band ${range(band)}` })),
  };
}
