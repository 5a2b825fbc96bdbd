// `mus build`, the pipeline in order: content → (responses → tally) → templates → layout
// → PDF → files. Every document is rendered in memory first; files are written only when
// all succeeded, and nothing is written anywhere but the output folder.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { groups, groupWords, type Group } from '../content/groups.js';
import { workshopFileName } from '../content/files.js';
import type { Content } from '../content/model.js';
import { loadContent, type LoadOptions } from '../documents/load.js';
import type { DocumentKind, DocumentSpec } from '../documents/types.js';
import { displayPath, InternalError, UserError } from '../errors.js';
import { checkOutputApart, recoverOutput, writeFilesAtomically } from '../output.js';
import type { RenderedPdf } from '../render/pdf.js';
import { documents, documentsOf, fileName, type BuildDocument, type Tallies, type ViewOptions } from './documents.js';
import { pdfMeta } from './pdf-meta.js';
import { checkCopyNames, renderCopies } from './print-copies.js';
import { hidesStatementCounts, type AnonymityOptions } from '../tally/rules.js';
import type { AnswerOptions, GroupTallies, ResponseSources } from './tally.js';

export interface BuildOptions extends ViewOptions, AnswerOptions, LoadOptions {
  contentDir: string;
  outDir: string;
  /** Pre-fill the posters with the answers in these files. */
  responses?: ResponseSources;
  /** Or with these tallies, counted already (the app's reading of a workshop's answers). */
  counted?: GroupTallies;
  /** The document kinds to build: the registry's when absent (a build may add its own: [...registry, kind]). */
  kinds?: readonly DocumentKind[];
  /** Only these output files (by name); the whole set when absent. */
  only?: string[];
}

export interface RenderOptions extends ViewOptions {
  /** Pre-fill the posters with these tallies. */
  tallies?: Tallies;
  /** Only these output files (by name, as the content names them); all when absent. */
  only?: string[];
  /** The document kinds to render: the registry's when absent. */
  kinds?: readonly DocumentKind[];
}

export type OutputFile = { name: string; bytes: Buffer };

/** Builds the material set into options.outDir and returns the paths written. */
export async function runBuild(options: BuildOptions): Promise<string[]> {
  const content = loadContent(options.contentDir, { workshopFile: options.workshopFile, kinds: options.kinds });
  const made = options.kinds ? documentsOf(options.kinds) : documents;
  // Checked before any answers are read: a wrong approach stops the build at once.
  if (options.tilgang !== undefined) checkApproach(content, options.tilgang, made);
  if (options.copies) checkCopyNames(content, options.copies, options.contentDir);
  const { responses } = options;
  if (responses) {
    const { file, files = [], leader, employee } = responses;
    checkOutputApart(options.outDir, [file, ...files, leader, employee]);
  }
  // An interrupted replacement is undone before anything is read (see output.ts); a folder
  // that cannot be repaired now is reported when the set is written.
  try {
    recoverOutput(options.outDir);
  } catch {
    // reported when the set is written
  }
  const given = responses && (responses.file || responses.files?.length || responses.leader || responses.employee);
  // The readers load only when there are answers to read: a blank build never loads them.
  const counted =
    options.counted ??
    (given ? await (await import('./tally.js')).tallySources(responses, content, options) : undefined);
  const tallies = counted && withoutEmptyGroups(counted, content, options, made);
  // Characters the typeface lacks would print as boxes: said before the documents are rendered.
  const workshopFile = options.workshopFile ?? join(options.contentDir, workshopFileName);
  const { missingGlyphNotices } = await import('./glyphs.js');
  for (const line of await missingGlyphNotices(content, displayPath(workshopFile))) options.notice?.(line);
  const files = await renderAll(content, {
    tallies,
    allowSmallGroups: options.allowSmallGroups,
    tilgang: options.tilgang,
    copies: options.copies,
    kinds: options.kinds,
    only: options.only,
  });
  if (options.copies) files.push(...(await renderCopies(content, options.copies)));
  const written = writeFilesAtomically(options.outDir, files);
  // After the set is safely in place, so a failed build still leaves the folder as it was.
  for (const spec of made) {
    const reason = spec.notMade?.(tallies);
    if (!reason) continue;
    // A copy from an earlier build would show other answers next to this build's posters.
    const stale = join(options.outDir, fileName(content, spec.id));
    const removed = existsSync(stale) && statSync(stale).isFile();
    if (removed) rmSync(stale);
    // A blank build says nothing: the document is for answers only.
    if (tallies || removed)
      options.notice?.({
        file: fileName(content, spec.id),
        message: `not made: ${reason}${removed ? ' (the copy from an earlier build was removed)' : ''}`,
        kind: removed ? 'comparisonRemoved' : 'comparisonNotMade',
      });
  }
  return written;
}

/** Throws UserError unless every document printing an approach has approach number `tilgang` (1-based). */
export function checkApproach(content: Content, tilgang: number, among: readonly BuildDocument[] = documents): void {
  for (const spec of among) {
    const problem = spec.approach?.(content, tilgang);
    if (problem) throw new UserError({ file: '--tilgang', message: problem });
  }
}

/**
 * A group nobody answered for gets the blank poster (to fill in by hand), not a poster that
 * says 0 in every box, and the person is told.
 */
function withoutEmptyGroups(
  counted: GroupTallies,
  content: Content,
  options: AnswerOptions & AnonymityOptions,
  made: readonly BuildDocument[],
): Tallies {
  const tallies: Tallies = {};
  for (const group of groups) {
    const { respondents } = counted[group];
    // Shown (leaders always; employees with --allow-small-groups) though few: say it, as the poster does.
    if (
      respondents > 0 &&
      respondents < content.scoring.minGroupSize &&
      !hidesStatementCounts(content, group, counted[group], options)
    )
      options.notice?.({
        file: posterFile(content, group, made),
        message: `answers from ${respondents} of the ${groupWords[group].plural}, fewer than ${content.scoring.minGroupSize}: each one's answers can be recognised on the poster (it says so)`,
        kind: 'smallGroup',
        values: {
          count: String(respondents),
          min: String(content.scoring.minGroupSize),
        },
      });
    if (respondents > 0) tallies[group] = counted[group];
    else
      options.notice?.({
        file: '',
        message: `no answers from the ${groupWords[group].plural}: ${posterFile(content, group, made)} is the blank poster, to fill in by hand`,
        kind: 'noAnswersFromGroup',
        values: { group: content.comparison.groups[group], poster: posterFile(content, group, made) },
      });
  }
  return tallies;
}

/** The poster file of a group (the registry's, when the kinds built have none). */
function posterFile(content: Content, group: Group, made: readonly BuildDocument[]): string {
  const isPoster = (d: BuildDocument) => d.kind === 'poster' && d.group === group;
  return fileName(content, (made.find(isPoster) ?? documents.find(isPoster))!.id);
}

/** Every document wanted, rendered in memory: the printed ones and the fillable tests. */
export async function renderAll(content: Content, options: RenderOptions): Promise<OutputFile[]> {
  const wanted = (file: string) => !options.only || options.only.includes(file);
  const files: OutputFile[] = [];
  for (const spec of options.kinds ? documentsOf(options.kinds) : documents) {
    if (spec.notMade?.(options.tallies)) continue;
    const name = fileName(content, spec.id);
    const fillable = spec.fillable && wanted(fileName(content, spec.fillable.id)) ? spec.fillable : undefined;
    if (!wanted(name) && !fillable) continue;
    if (wanted(name)) files.push({ name, bytes: (await renderDocumentPdf(spec, content, options)).bytes });
    if (fillable) {
      // Rendered from its own view (the on-screen wording), then given its form; loaded only
      // for the tests: the other documents have no form.
      const pdf = await renderDocumentPdf(spec, content, options, true);
      const { makeFillable } = await import('../forms/fillable.js');
      const { meta, scoring, numbered } = content;
      const bytes = await makeFillable(pdf, { content: { meta, scoring, numbered }, group: fillable.group });
      files.push({
        name: fileName(content, fillable.id),
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      }); // no copy
    }
  }
  return files;
}

/** One document drawn in memory, with where its tick boxes are; `fillable`: a test's on-screen version, before its form. */
export async function renderDocumentPdf(
  spec: DocumentSpec,
  content: Content,
  options: RenderOptions,
  fillable = false,
): Promise<RenderedPdf> {
  const view = fillable && spec.fillable ? spec.fillable.view(content) : spec.view(content, options.tallies, options);
  // The renderer is loaded when a document is first rendered: answers refused from their
  // headers are refused before it loads, in a fraction of a second.
  const [{ renderTemplate }, { renderPdf }] = await Promise.all([
    import('../layout/template.js'),
    import('../render/pdf.js'),
  ]);
  const layout = await renderTemplate(spec.template, view, spec.templateDir);
  // The registration says which paper a document is for (print lists, the browser app): it must be the template's.
  if (layout.paper !== spec.paper)
    throw new InternalError(`${spec.id}: its template draws on ${layout.paper}, its registration says ${spec.paper}`);
  return renderPdf(layout, pdfMeta(content, fileName(content, fillable && spec.fillable ? spec.fillable.id : spec.id)));
}
