// Rules that a schema cannot express: the scoring model must be consistent, so that
// every possible total of a complete answer sheet falls in exactly one band.
import type { Problem } from '../errors.js';
import type { Scoring } from './schema.js';
import { locate, type SourceFile } from './source.js';

export function checkScoring(scoring: Scoring, statementCount: number, source: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: (string | number)[], field: string, message: string) =>
    problems.push({ file: source.path, ...locate(source, path), field, message });

  // Points must rise with the scale (Aldrig lowest … Altid highest), one value per category.
  scoring.scale.forEach((category, i) => {
    const previous = scoring.scale[i - 1];
    if (previous && category.points <= previous.points) {
      at(
        ['scale', i, 'points'],
        `scale[${i}].points`,
        `${category.label} has ${category.points} points; the scale must rise (${previous.label} has ${previous.points})`,
      );
    }
  });

  // Labels and aliases must be unambiguous when matching answers case-insensitively.
  const seen = new Map<string, string>();
  scoring.scale.forEach((category, i) => {
    for (const name of [category.label, ...category.aliases]) {
      const key = name.trim().toLocaleLowerCase('da');
      const owner = seen.get(key);
      if (owner && owner !== category.label) at(['scale', i], `scale[${i}]`, `"${name}" is also used by ${owner}`);
      seen.set(key, category.label);
    }
  });

  // Bands: ascending, no overlap, no gap, and covering every possible total.
  scoring.bands.forEach((band, i) => {
    if (band.max < band.min) at(['bands', i, 'max'], `bands[${i}].max`, `${band.max} is below min ${band.min}`);
    const previous = scoring.bands[i - 1];
    if (!previous) return;
    if (band.min <= previous.max) {
      at(
        ['bands', i, 'min'],
        `bands[${i}].min`,
        `band ${band.min}–${band.max} overlaps band ${previous.min}–${previous.max}`,
      );
    } else if (band.min > previous.max + 1) {
      at(['bands', i, 'min'], `bands[${i}].min`, `gap: no band holds ${previous.max + 1}–${band.min - 1}`);
    }
  });
  if (problems.length > 0) return problems;

  const points = scoring.scale.map((c) => c.points);
  const lowest = statementCount * Math.min(...points);
  const highest = statementCount * Math.max(...points);
  const first = scoring.bands[0];
  const last = scoring.bands[scoring.bands.length - 1];
  if (first.min > lowest) {
    at(
      ['bands', 0, 'min'],
      'bands[0].min',
      `the lowest possible total is ${lowest} (${statementCount} statements), but the first band starts at ${first.min}`,
    );
  }
  if (last.max < highest) {
    const i = scoring.bands.length - 1;
    at(
      ['bands', i, 'max'],
      `bands[${i}].max`,
      `the highest possible total is ${highest} (${statementCount} statements), but the last band ends at ${last.max}`,
    );
  }
  return problems;
}
