// View data for a printed test (leader or employee version).
import { createHash } from 'node:crypto';
import type { Content, Group } from '../../content/model.js';
import { range } from '../../text.js';
import { pagesOfThemes, scaleColumns, themesFor, workshopHeader, workshopLines } from './common.js';

/** Share of the statements on the first page (it also holds the instructions). */
const firstPageShare = 0.6;

/**
 * The view of a test: as printed, or (onScreen) as the fillable version says it: click
 * instead of a cross, save and send the file back, RESULTAT not needed (content's onScreen).
 */
export function testView(content: Content, group: Group, onScreen = false) {
  const screen = onScreen ? content.test.onScreen : undefined;
  const texts = screen
    ? { ...content.test[group], steps: [...screen[group].steps, screen.sendBack] }
    : content.test[group];
  const result = screen ? { ...content.test.result, instructions: [screen.resultNote] } : content.test.result;
  const themes = themesFor(content, group);
  const perPage = Math.max(1, Math.floor(content.numbered.length * firstPageShare));
  // Where the test's own texts are, so a text too long for the page is named by file and line.
  const place = (field: string) =>
    content.placeOf && { ...content.placeOf('test', [group, field]), label: `${group}.${field}` };
  const view = {
    ...texts,
    sources: { title: place('title'), subtitle: place('subtitle'), intro: place('intro') },
    marking: onScreen ? '' : (content.test.marking ?? ''), // how to mark on paper: not on screen
    scale: scaleColumns(content),
    pages: pagesOfThemes(themes, perPage).map((pageThemes) => ({ themes: pageThemes })),
    result,
    turnOver: content.test.turnOver,
    pageLabel: content.meta.pageLabel,
    /** The unit (and workplace) taking the test, from workshop.yaml; '' without one. */
    workshopLine: workshopHeader(content.workshop, ['unit', 'workplace']),
    /**
     * Where to send the test back and by when (workshop.yaml, Tilgang 2), e.g. "Send den udfyldte
     * test til … Svarfrist: …"; '' without them. Printed under the instructions; meant for the
     * fillable test's on-screen instructions too.
     */
    returnInstruction: workshopLines(content.test.workshop, content.workshop).join(' '),
    bands: content.scoring.bands.map((band, i) => ({
      range: range(band),
      sentence: band.sentence,
      source: { ...content.bandSources[i], label: `band ${range(band)}` },
    })),
  };
  return {
    ...view,
    registration: {
      group,
      pages: view.pages.length,
      fingerprint: testFingerprint(view),
      sheetLabel: content.test.sheetLabel ?? '',
    },
  };
}

/**
 * What a printed test shows, as 12 hex digits in its page code: a scan is read by where
 * the test drew its boxes, and any change of text can move them. So every printed text
 * counts, but not where in the content files it came from (a comment added to a file
 * changes no sheet).
 */
function testFingerprint(view: object): string {
  const json = JSON.stringify(view, (key, value: unknown) =>
    key === 'source' || key === 'sources' ? undefined : value,
  );
  return createHash('sha256').update(json).digest('hex').slice(0, 12);
}
