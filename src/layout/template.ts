// Renders a document's Handlebars template with its view into the layout description.
// Templates write YAML; every inserted text goes through the `q` helper, which quotes it
// (a JSON string is a valid YAML scalar), so no content can break the structure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import type { LayoutDocument } from './types.js';
import { templatesDir } from '../paths.js';


const engine = Handlebars.create();
engine.registerHelper('q', (value: unknown) => JSON.stringify(value === undefined || value === null ? '' : String(value)));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function template(name: string): Handlebars.TemplateDelegate {
  let t = compiled.get(name);
  if (!t) {
    const source = readFileSync(join(templatesDir, `${name}.hbs`), 'utf8');
    t = engine.compile(source, { noEscape: true, strict: true });
    compiled.set(name, t);
  }
  return t;
}

export function renderTemplate(name: string, view: object): LayoutDocument {
  const yaml = template(name)(view);
  try {
    return parse(yaml) as LayoutDocument;
  } catch (err) {
    // A template bug, not a user error: say which template produced invalid YAML.
    throw new Error(`templates/${name}.hbs produced invalid layout YAML: ${(err as Error).message}`);
  }
}
