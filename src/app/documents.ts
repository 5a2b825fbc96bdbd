// Which documents a build makes: the registry's (src/documents/), or the kinds a build is
// given, each with the reason it is not made from these answers. A file's name comes from
// the content (meta.yaml `files`), so each language names its own files.
import { groupWords, type Group } from '../content/groups.js';
import type { Content } from '../content/model.js';
import { registry } from '../documents/registry.js';
import type { DocumentKind, DocumentSpec, Tallies } from '../documents/types.js';

export type { Tallies, ViewOptions } from '../documents/types.js';

/** A document as the build makes it. */
export interface BuildDocument extends DocumentSpec {
  /** The document kind it is of (src/documents/<kind>/). */
  kind: string;
  /** Why the document is not made from these answers (without answers: undefined, and not made); undefined when it is. */
  notMade?: (tallies: Tallies | undefined) => string | undefined;
}

/** The groups without answers in these tallies, or undefined when none is missing (or there are no tallies). */
function groupsMissing(tallies: Tallies | undefined): Group[] | undefined {
  if (!tallies) return undefined;
  const missing = (['leader', 'employee'] as const).filter((g) => !tallies[g] || tallies[g]!.respondents === 0);
  return missing.length > 0 ? missing : undefined;
}

/** A document made only from both groups' answers (leaders and employees side by side). */
function bothGroupsMissing(tallies: Tallies | undefined): string | undefined {
  if (!tallies) return 'it needs answers (--responses, or --leaders and --employees)';
  const missing = groupsMissing(tallies);
  return (
    missing &&
    `there are no answers from ${missing.map((g) => `the ${groupWords[g].plural}`).join(' and ')} to compare with`
  );
}

/** The documents of these kinds, in build order. */
export function documentsOf(kinds: readonly DocumentKind[]): BuildDocument[] {
  return kinds.flatMap((kind) =>
    kind.documents.map((spec) => ({
      ...spec,
      kind: kind.id,
      ...(spec.answers === 'both groups' ? { notMade: bothGroupsMissing } : {}),
    })),
  );
}

export const documents: readonly BuildDocument[] = documentsOf(registry);

/** The name of a document's file in the output folder, as the content gives it. */
export const fileName = (content: Pick<Content, 'meta'>, id: string): string => content.meta.files[id];
