// Renders a document's Handlebars template with its view into the layout description.
// Templates write YAML; every inserted value goes through the `q` helper (handlebars.ts),
// so no content can break the structure. The layout text is made by the program and needs
// no positions in messages, so it is read by js-yaml, in a sixth of the time the `yaml`
// package takes (that one reads the hand-written content, where lines must be named). The tree is checked against the layout schema
// here, at the boundary: a template that writes something the renderer cannot draw is a
// bug in the template, reported by its name and the path in the tree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { fromSource, fromSpec, type Template, type TemplateSpec } from './handlebars.js';
import { layoutDocumentSchema, type LayoutDocument } from './schema.js';
import { sourceHash } from './template-source.js';
import { templatesDir } from '../paths.js';
import { InternalError } from '../errors.js';

const compiled = new Map<string, Template>();

/** The precompiled module of a template (dist/templates/<name>.js, made by the build), if any. */
async function precompiled(name: string): Promise<{ sourceHash: string; default: TemplateSpec } | undefined> {
  try {
    return (await import(new URL(`../../templates/${name}.js`, import.meta.url).href)) as {
      sourceHash: string;
      default: TemplateSpec;
    };
  } catch {
    return undefined; // not built (tests run the TypeScript sources): compiled from source
  }
}

async function template(path: string, name: string, dir: string): Promise<Template> {
  let t = compiled.get(path);
  if (!t) {
    const source = readFileSync(path, 'utf8');
    // Only templates/ is precompiled (a document added for one build has its template elsewhere).
    const built = dir === templatesDir ? await precompiled(name) : undefined;
    // Used only while the .hbs file is the one it was made from: an edited template is compiled now.
    t = built && built.sourceHash === sourceHash(source) ? fromSpec(built.default) : fromSource(source);
    compiled.set(path, t);
  }
  return t;
}

/** The layout a template (<dir>/<name>.hbs, in the top-level templates/ unless told) writes for a view. */
export async function renderTemplate(name: string, view: object, dir = templatesDir): Promise<LayoutDocument> {
  const path = join(dir, `${name}.hbs`);
  const shown = dir === templatesDir ? `templates/${name}.hbs` : path;
  const text = (await template(path, name, dir))(view);
  let tree: unknown;
  try {
    tree = loadYaml(text, { schema: CORE_SCHEMA });
  } catch (err) {
    throw new InternalError(`${shown} produced invalid layout YAML: ${(err as Error).message}`, { cause: err });
  }
  const checked = layoutDocumentSchema.safeParse(tree);
  if (!checked.success) {
    const [issue] = checked.error.issues;
    const path = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
      .join('')
      .replace(/^\./, '');
    throw new InternalError(
      `${shown} produced a layout the renderer cannot draw: ${path || 'the document'}: ${issue.message}`,
    );
  }
  return checked.data;
}
