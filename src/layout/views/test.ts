// View data for a printed test (leader or employee version).
import type { Content, Group } from '../../content/model.js';
import { fillPlaceholders, range } from '../../text.js';
import { pagesOfThemes, themesFor } from './common.js';

/** Share of the statements on the first page (it also holds the instructions). */
const firstPageShare = 0.6;

/**
 * The view of a test: as printed, or (onScreen) as the fillable version says it: click
 * instead of a cross, save and send the file back, RESULTAT not needed (content's onScreen).
 */
export function testView(content: Content, group: Group, onScreen = false) {
  const screen = onScreen ? content.test.onScreen : undefined;
  const texts = screen ? { ...content.test[group], steps: [...screen[group].steps, sendBackStep(screen)] } : content.test[group];
  const result = screen ? { ...content.test.result, instructions: [screen.resultNote] } : content.test.result;
  const themes = themesFor(content, group);
  const perPage = Math.max(1, Math.floor(content.numbered.length * firstPageShare));
  return {
    ...texts,
    scale: content.scoring.scale,
    pages: pagesOfThemes(themes, perPage).map((pageThemes) => ({ themes: pageThemes })),
    result,
    bands: content.scoring.bands.map((band, i) => ({ range: range(band), sentence: band.sentence, source: `${content.bandSources[i]} band ${range(band)}` })),
  };
}

type OnScreen = NonNullable<Content['test']['onScreen']>;

/** Save and send back; to whom and by when, when the content gives it. */
function sendBackStep(screen: OnScreen): string {
  const parts = [screen.sendBack];
  if (screen.returnTo) parts.push(fillPlaceholders(screen.sendBackTo, { returnTo: screen.returnTo }));
  if (screen.returnBy) parts.push(fillPlaceholders(screen.sendBackBy, { returnBy: screen.returnBy }));
  return parts.join(' ');
}
