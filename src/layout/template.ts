// Renders a document's Handlebars template with its view into the layout description.
// Templates write YAML; every inserted text goes through the `q` helper (handlebars.ts),
// so no content can break the structure.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { parse as parseYaml } from 'yaml';
import { fromSource, fromSpec, type Template, type TemplateSpec } from './handlebars.js';
import { ParsedLayouts } from './parsed-layouts.js';
import { sourceHash } from './template-source.js';
import type { LayoutDocument } from './types.js';
import { templatesDir } from '../paths.js';
import { deepFreeze } from '../freeze.js';

const compiled = new Map<string, Template>();

/** The precompiled module of a template (dist/templates/<name>.js, made by the build), if any. */
async function precompiled(name: string): Promise<{ sourceHash: string; default: TemplateSpec } | undefined> {
  try {
    return (await import(new URL(`../../templates/${name}.js`, import.meta.url).href)) as { sourceHash: string; default: TemplateSpec };
  } catch {
    return undefined; // not built (tests run the TypeScript sources): compiled from source
  }
}

async function template(name: string): Promise<Template> {
  let t = compiled.get(name);
  if (!t) {
    const source = readFileSync(join(templatesDir, `${name}.hbs`), 'utf8');
    const built = await precompiled(name);
    t = built && built.sourceHash === sourceHash(source) ? fromSpec(built.default) : fromSource(source);
    compiled.set(name, t);
  }
  return t;
}

// The yaml parser is loaded only when a layout is not in the cache.
let parse: typeof parseYaml | undefined;
const yaml = () => (parse ??= (createRequire(import.meta.url)('yaml') as { parse: typeof parseYaml }).parse);

// Parsing the layout YAML is a large part of a build (the `yaml` parser is made for
// exact positions in hand-written files, not for speed), and the same content gives the
// same text. So parsed trees are kept by text: in this process, and in the cache folder
// for the next one (see cache/persistent.ts). The tree is frozen and shared (copying it
// for every caller cost as much as a small parse): layout trees are read, never changed.
const parsed = new Map<string, LayoutDocument>();
const stored = new ParsedLayouts();

export async function renderTemplate(name: string, view: object): Promise<LayoutDocument> {
  const text = (await template(name))(view);
  const known = parsed.get(text);
  if (known) return known;
  try {
    const fromCache = stored.get(name, text);
    const layout = deepFreeze(fromCache ?? (yaml()(text) as LayoutDocument));
    if (!fromCache) stored.set(name, text, layout);
    if (parsed.size >= 32) parsed.clear(); // a bound for long-running processes
    parsed.set(text, layout);
    return layout;
  } catch (err) {
    // A template bug, not a user error: say which template produced invalid YAML.
    throw new Error(`templates/${name}.hbs produced invalid layout YAML: ${(err as Error).message}`);
  }
}
