// Renders a document's Handlebars template with its view into the layout description.
// Templates write YAML; every inserted text goes through the `q` helper, which quotes it
// (a JSON string is a valid YAML scalar), so no content can break the structure.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type HandlebarsLib from 'handlebars';
import { parse } from 'yaml';
import type { LayoutDocument } from './types.js';
import { templatesDir } from '../paths.js';
import { deepFreeze } from '../freeze.js';

// Handlebars from its single-file build (the same release): a third of the package's load time.
const Handlebars = createRequire(import.meta.url)('handlebars/dist/handlebars.min.js') as typeof HandlebarsLib;
const engine = Handlebars.create();
engine.registerHelper('q', (value: unknown) => JSON.stringify(value === undefined || value === null ? '' : String(value)));

const compiled = new Map<string, HandlebarsLib.TemplateDelegate>();

function template(name: string): HandlebarsLib.TemplateDelegate {
  let t = compiled.get(name);
  if (!t) {
    const source = readFileSync(join(templatesDir, `${name}.hbs`), 'utf8');
    t = engine.compile(source, { noEscape: true, strict: true });
    compiled.set(name, t);
  }
  return t;
}

// Parsing the layout YAML is a large part of a rebuild; unchanged documents give the same
// text, so the parsed tree is kept for it. The tree is frozen and shared (copying it for
// every caller cost as much as a small parse): layout trees are read, never changed.
const parsed = new Map<string, LayoutDocument>();

export function renderTemplate(name: string, view: object): LayoutDocument {
  const yaml = template(name)(view);
  const known = parsed.get(yaml);
  if (known) return known;
  try {
    const layout = deepFreeze(parse(yaml) as LayoutDocument);
    if (parsed.size >= 32) parsed.clear(); // a bound for long-running processes
    parsed.set(yaml, layout);
    return layout;
  } catch (err) {
    // A template bug, not a user error: say which template produced invalid YAML.
    throw new Error(`templates/${name}.hbs produced invalid layout YAML: ${(err as Error).message}`);
  }
}
