// Reads a returned fillable test: which test it is (from its metadata), checked against the
// content, and the ticked category of each statement (from the radio groups udsagn-1…N).
// Anything wrong is one UserError with one problem: the file name and the reason.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from '../../pdf-lib.js';
import { errorText, excerpt, quote } from '../../text.js';
import { radioAnswer, valueText } from './returned-form-answer.js';
import type { Group } from '../../content/groups.js';
import { displayPath, isExhaustion, UserError } from '../../errors.js';
import {
  formFieldName,
  formIdentity,
  infoKeys,
  isGroup,
  parseIdentityKeywords,
  type FormContent,
  type FormIdentity,
} from '../../content/form-identity.js';

export interface ReturnedForm {
  group: Group;
  /** One entry per statement: a category index (scale order), or null for not ticked. */
  answers: (number | null)[];
}

/** A file that starts like a PDF (the header may follow a little junk, as readers allow). */
function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-');
}

export async function readReturnedForm(bytes: Uint8Array, file: string, content: FormContent): Promise<ReturnedForm> {
  try {
    return await readForm(bytes, file, content);
  } catch (error) {
    if (!isExhaustion(error)) throw error;
    throw new UserError({
      file,
      message: 'is damaged (its structure loops or nests too deep); ask for the file again',
    });
  }
}

async function readForm(bytes: Uint8Array, file: string, content: FormContent): Promise<ReturnedForm> {
  const fail = (message: string): never => {
    throw new UserError({ file, message });
  };
  if (bytes.length === 0) fail('is empty (0 bytes), not a returned test');
  if (!looksLikePdf(bytes)) fail('is not a PDF file, so not a returned test');
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF')) fail('is damaged: the PDF is cut short (no end marker); ask for the file again');

  const doc = await loadQuietly(bytes).catch((error: unknown) =>
    fail(`is damaged and cannot be read (${errorText(error, 120)}); ask for the file again`),
  );
  // Loaded with ignoreEncryption, so an encrypted file (a password, or permissions only)
  // is told apart here; its strings cannot be read without the password.
  if (doc.isEncrypted) fail('is password-protected; ask for an unprotected copy');

  const where = content.dir ? displayPath(content.dir) : 'the content';
  const identity = readIdentity(doc);
  if (!identity.group && !identity.version && !identity.statements) {
    // pdf-lib reads around broken parts; a file whose cross-reference table does not match
    // its objects is damaged, and that is the better explanation of a missing identity.
    const broken = crossReferenceProblem(bytes) ?? missingObjects(doc);
    if (broken) fail(`is damaged (${broken}); ask for the file again`);
    // Our own printed test sent back: it has no form to tick, so no answers are in it.
    if (doc.getCreator() === 'mus-materialer' && doc.getForm().getFields().length === 0) {
      fail(
        'is the printed test, not the fillable one (mus-test-…-udfyldelig.pdf): it holds no answers; send the fillable file, or scan the paper tests',
      );
    }
    fail('is not a fillable MUS test made by `mus build` (it carries no test identity in its metadata)');
  }
  if (!isGroup(identity.group))
    fail(
      `is not a fillable MUS test made by \`mus build\` (unknown test ${quote(identity.group ?? '')} in its metadata)`,
    );
  const group = identity.group as Group;
  const expected = formIdentity(content, group);
  if (identity.version !== expected.version) {
    fail(
      `was made from content version ${identity.version === undefined ? '(none)' : excerpt(identity.version)}, but ${where} is version ${expected.version}; ` +
        'tally it with the content it was made from (--content), or send the current test',
    );
  }
  if (identity.statements !== expected.statements) {
    fail(
      `was made from other statements than ${where}, though both say content version ${expected.version} ` +
        '(were the statements changed without raising the version in meta.yaml?)',
    );
  }

  const fields = fieldsByName(doc);
  // The test's identity survived, its form did not: "printed to PDF" draws the crosses as lines.
  if (fields.size === 0) {
    throw new UserError({
      file,
      kind: 'printedToPdf',
      message:
        'holds no answer fields: it was printed to PDF instead of saved, so the crosses are only drawn and cannot be read; ' +
        'ask for the saved file (Save or Save as in the PDF program), or type the sheet in',
    });
  }
  const labels = content.scoring.scale.map((category) => category.label);
  const answers = content.numbered.map((_, i) => {
    const n = i + 1;
    const field = fields.get(formFieldName(n));
    if (!field) return fail(`is damaged: the answer field of statement ${n} is missing; ask for the file again`);
    const answer = radioAnswer(field, labels);
    return answer.ok ? answer.category : fail(`statement ${n} ${answer.reason}`);
  });
  return { group, answers };
}

/**
 * Checks the last cross-reference section: `startxref` must point at it, and each object it
 * lists must start where it says. Returns what is wrong, or undefined. (Cross-reference
 * streams are only checked to start where startxref points.)
 */
function crossReferenceProblem(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.lastIndexOf('startxref');
  const offset = at === -1 ? NaN : Number(/^startxref\s+(\d+)/.exec(text.slice(at))?.[1]);
  if (!Number.isFinite(offset) || offset >= bytes.length) return 'its cross-reference table is missing';
  const section = text.slice(offset, offset + 20);
  if (/^\d+\s+\d+\s+obj/.test(section)) return undefined; // a cross-reference stream
  if (!section.startsWith('xref')) return 'its cross-reference table is not where the file says';
  const lines = text
    .slice(offset + 4, text.indexOf('trailer', offset))
    .trim()
    .split(/\r\n|\r|\n/);
  let number = 0;
  for (const line of lines) {
    const header = /^(\d+)\s+(\d+)\s*$/.exec(line.trim());
    if (header) {
      number = Number(header[1]);
      continue;
    }
    const entry = /^(\d{10})\s+(\d{5})\s+([nf])/.exec(line.trim());
    if (!entry) return 'its cross-reference table is unreadable';
    if (entry[3] === 'n') {
      const objectStart = text.slice(Number(entry[1]), Number(entry[1]) + 30);
      if (!new RegExp(`^\\s*${number}\\s+${Number(entry[2])}\\s+obj`).test(objectStart))
        return `object ${number} is not where the file says`;
    }
    number += 1;
  }
  return undefined;
}

/** Objects that others refer to but that are not in the file (parts lost to damage). */
function missingObjects(doc: PDFDocument): string | undefined {
  const { context } = doc;
  const missing = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 30) return;
    if (value instanceof PDFRef) {
      if (context.lookup(value) === undefined) missing.add(value.toString());
    } else if (value instanceof PDFDict) {
      for (const [, entry] of value.entries()) visit(entry, depth + 1);
    } else if (value instanceof PDFArray) {
      for (const entry of value.asArray()) visit(entry, depth + 1);
    } else if (value instanceof PDFStream) {
      visit(value.dict, depth + 1);
    }
  };
  for (const ref of [context.trailerInfo.Root, context.trailerInfo.Info]) visit(ref, 0);
  for (const [, object] of context.enumerateIndirectObjects()) visit(object, 0);
  return missing.size === 0 ? undefined : `${missing.size} of its parts are missing`;
}

/** pdf-lib loads with console warnings for odd objects; a damaged file is reported by us instead. */
async function loadQuietly(bytes: Uint8Array): Promise<PDFDocument> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await PDFDocument.load(bytes, {
      updateMetadata: false,
      throwOnInvalidObject: true,
      parseSpeed: Infinity,
      ignoreEncryption: true,
    });
  } finally {
    console.warn = warn;
  }
}

/** The identity from the Info dictionary's own keys, else from Keywords (see content/form-identity.ts). */
function readIdentity(doc: PDFDocument): Partial<Record<keyof FormIdentity, string>> {
  const info = doc.context.lookupMaybe(doc.context.trailerInfo.Info, PDFDict);
  if (!info) return {};
  const own = {
    group: valueText(info.lookup(PDFName.of(infoKeys.group))),
    version: valueText(info.lookup(PDFName.of(infoKeys.version))),
    statements: valueText(info.lookup(PDFName.of(infoKeys.statements))),
  };
  if (own.group || own.version || own.statements) return own;
  const keywords = valueText(info.lookup(PDFName.Keywords));
  return keywords ? parseIdentityKeywords(keywords) : {};
}

/** Terminal fields by fully qualified name (parent.kid), from the AcroForm's field tree. */
function fieldsByName(doc: PDFDocument): Map<string, PDFDict> {
  const found = new Map<string, PDFDict>();
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const walk = (refs: PDFArray | undefined, prefix: string, depth: number) => {
    if (!refs || depth > 20) return;
    for (const item of refs.asArray()) {
      const field =
        item instanceof PDFRef ? doc.context.lookupMaybe(item, PDFDict) : item instanceof PDFDict ? item : undefined;
      if (!field) continue;
      const partial = valueText(field.lookup(PDFName.of('T')));
      const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
      const kids = field.lookupMaybe(PDFName.of('Kids'), PDFArray);
      const hasChildFields = kids?.asArray().some((kid) => {
        const dict = kid instanceof PDFRef ? doc.context.lookupMaybe(kid, PDFDict) : undefined;
        return dict?.has(PDFName.of('T'));
      });
      if (hasChildFields) walk(kids, name, depth + 1);
      else if (name && !found.has(name)) found.set(name, field);
    }
  };
  walk(acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray), '', 0);
  return found;
}
