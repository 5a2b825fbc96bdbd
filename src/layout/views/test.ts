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
export function testView(content: Content, group: Group, onScreen = false, sendBack: SendBackOptions = {}) {
  const screen = onScreen ? content.test.onScreen : undefined;
  const texts = screen ? { ...content.test[group], steps: [...screen[group].steps, sendBackStep(screen, sendBack)] } : content.test[group];
  const result = screen ? { ...content.test.result, instructions: [screen.resultNote] } : content.test.result;
  const themes = themesFor(content, group);
  const perPage = Math.max(1, Math.floor(content.numbered.length * firstPageShare));
  return {
    ...texts,
    scale: content.scoring.scale,
    pages: pagesOfThemes(themes, perPage).map((pageThemes) => ({ themes: pageThemes })),
    result,
    bands: content.scoring.bands.map((band, i) => ({ range: range(band), sentence: band.sentence, source: { ...content.bandSources[i], label: `band ${range(band)}` } })),
  };
}

type OnScreen = NonNullable<Content['test']['onScreen']>;

/** To whom and by when the fillable tests go back (`mus build --return-to/--return-by`); over the content's. */
export interface SendBackOptions {
  returnTo?: string;
  returnBy?: string;
}

/** Save and send back; to whom and by when, when the options or the content give it. */
function sendBackStep(screen: OnScreen, options: SendBackOptions): string {
  const returnTo = options.returnTo?.trim() || screen.returnTo;
  const returnBy = options.returnBy?.trim() || screen.returnBy;
  const parts = [screen.sendBack];
  if (returnTo) parts.push(fillPlaceholders(screen.sendBackTo, { returnTo }));
  if (returnBy) parts.push(fillPlaceholders(screen.sendBackBy, { returnBy }));
  return parts.join(' ');
}
