// Which test a fillable PDF is, carried in the file so a returned form can be checked
// before it is counted: the group (leader/employee), the content version, and a hash of
// the statements and scale, which catches changed statements even when the version
// in meta.yaml was not raised.
import { createHash } from 'node:crypto';
import type { Group } from '../content/model.js';

/** What reading and making fillable tests needs of the content (Content itself fits). */
export interface FormContent {
  /** The content folder, for messages. */
  dir?: string;
  meta: { version: string };
  scoring: { scale: readonly { label: string; aliases: readonly string[]; points: number }[] };
  /** The statements in test order (statement n is numbered[n - 1]), with each group's text. */
  numbered: readonly Record<Group, string>[];
}

export interface FormIdentity {
  group: Group;
  version: string;
  /** Hash of the group's statement texts and the scale labels (hex, 16 characters). */
  statements: string;
}

/** Custom keys of the PDF's Info dictionary. */
export const infoKeys = { group: 'MusTest', version: 'MusContentVersion', statements: 'MusStatements' } as const;

/** The form field of statement n (one radio group each). */
export const formFieldName = (n: number): string => `udsagn-${n}`;

/**
 * The on-state name of the category at `position` in its group (scale order): "0", "1", …
 * ASCII digits, which every tool that rewrites a file keeps as they are; the group's /Opt
 * array gives each position its label. (Tests made before named the states after the
 * labels, /Sj#E6ldent; the reader still counts those.)
 */
export const onStateName = (position: number): string => String(position);

export function statementsHash(content: FormContent, group: Group): string {
  const data = {
    scale: content.scoring.scale.map((c) => c.label.normalize('NFC')),
    statements: content.numbered.map((s) => s[group].normalize('NFC')),
  };
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}

export function formIdentity(content: FormContent, group: Group): FormIdentity {
  return { group, version: content.meta.version, statements: statementsHash(content, group) };
}

/**
 * The identity also goes into the standard Keywords entry, which PDF programs that rewrite
 * the file on saving (and may drop custom Info keys) keep.
 */
export function identityKeywords(identity: FormIdentity): string {
  return `mus-test=${identity.group}; mus-content-version=${encodeURIComponent(identity.version)}; mus-statements=${identity.statements}`;
}

export function parseIdentityKeywords(keywords: string): Partial<Record<keyof FormIdentity, string>> {
  const found: Partial<Record<keyof FormIdentity, string>> = {};
  const group = /mus-test=([a-z]+)/.exec(keywords);
  const version = /mus-content-version=([^;\s]+)/.exec(keywords);
  const statements = /mus-statements=([0-9a-f]+)/.exec(keywords);
  if (group) found.group = group[1];
  if (version) {
    try {
      found.version = decodeURIComponent(version[1]);
    } catch {
      found.version = version[1];
    }
  }
  if (statements) found.statements = statements[1];
  return found;
}

export const isGroup = (value: unknown): value is Group => value === 'leader' || value === 'employee';
