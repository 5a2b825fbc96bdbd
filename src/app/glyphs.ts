// Characters the typeface lacks: pdfkit draws them as an empty box (the font's .notdef glyph)
// without a word, so an emoji or a letter of another script in the content or the workshop
// details would come out as □ on paper. Every text the documents print from the content
// folder and workshop.yaml is checked against the fonts before a build renders, and each
// character missing from them is said once, by file and line (or field) and as U+XXXX: the
// material is still made (a box is a flaw, not a reason to print nothing), see docs/limits.md.
import type { Content, ContentKey } from '../content/model.js';
import { formatProblem, type Problem } from '../errors.js';

/** The Content keys that are not parts read from a file, or repeat one (numbered: the statements). */
const notParts = new Set(['dir', 'numbered', 'bandSources', 'placeOf', 'workshop']);

const codePointText = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** The characters of `text` that the fonts lack (line ends and tabs are not drawn as glyphs). */
function lacking(text: string, has: (c: number) => boolean): number[] {
  const missing = new Set<number>();
  for (const char of text) {
    const c = char.codePointAt(0)!;
    if (c >= 0x20 && !has(c)) missing.add(c);
  }
  return [...missing];
}

function message(missing: number[]): string {
  const list = missing.map(codePointText).join(', ');
  return missing.length === 1
    ? `has a character the typeface lacks, ${list}; it prints as an empty box (□): write it another way`
    : `has characters the typeface lacks, ${list}; they print as empty boxes (□): write them another way`;
}

/**
 * One notice line per text with a character a font in use (regular or bold) lacks; `workshopFile` is
 * the file the workshop details were read from.
 */
export async function missingGlyphNotices(content: Content, workshopFile: string | undefined): Promise<string[]> {
  const { loadFonts } = await import('../render/fonts.js');
  const fonts = Object.values(loadFonts());
  const known = new Map<number, boolean>();
  const has = (c: number) => {
    let found = known.get(c);
    if (found === undefined) known.set(c, (found = fonts.every((font) => font.hasGlyphForCodePoint(c))));
    return found;
  };
  const problems: Problem[] = [];
  const walk = (part: ContentKey, value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      const missing = lacking(value, has);
      if (missing.length === 0) return;
      const place = content.placeOf?.(part, path) ?? { file: content.dir };
      problems.push({ ...place, field: [part, ...path].join('.'), message: message(missing) });
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(part, item, [...path, i]));
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) walk(part, item, [...path, key]);
  };
  for (const [key, value] of Object.entries(content)) if (!notParts.has(key)) walk(key as ContentKey, value, []);
  for (const [field, value] of Object.entries(content.workshop ?? {})) {
    const missing = typeof value === 'string' ? lacking(value, has) : [];
    if (missing.length > 0) problems.push({ file: workshopFile ?? 'workshop.yaml', field, message: message(missing) });
  }
  return problems.map(formatProblem);
}
