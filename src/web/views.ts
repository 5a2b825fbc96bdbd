// Pages rendered on the server: a Handlebars template per page (src/web/pages/), inside one
// layout. Handlebars escapes every value, so a sent file name or a typed text is shown as
// text, never as markup. Templates are compiled once per process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../paths.js';
import { fillPlaceholders } from '../text.js';
import type { AppTexts } from './texts.js';

export const pagesDir = join(packageRoot, 'src', 'web', 'pages');
export const staticDir = join(packageRoot, 'src', 'web', 'static');

const engine = Handlebars.create();
// {{t text name=value}}: a content text with its placeholders filled in.
engine.registerHelper('t', (text: string, options: Handlebars.HelperOptions) =>
  fillPlaceholders(text, options.hash as Record<string, string | number>),
);
engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function template(name: string): Handlebars.TemplateDelegate {
  let found = compiled.get(name);
  if (!found) {
    found = engine.compile(readFileSync(join(pagesDir, `${name}.hbs`), 'utf8'), { strict: false });
    compiled.set(name, found);
  }
  return found;
}

export interface PageFrame {
  texts: AppTexts;
  language: string;
  /** The page's own heading, also its title. */
  heading: string;
  /** The workshop the page is about, for the step links. */
  workshop?: string;
  /** Which step link is the current page. */
  step?: 'settings' | 'material' | 'answers' | 'review' | 'result';
}

/** A whole page: the layout around the named page template. */
export function renderPage(name: string, frame: PageFrame, data: object): string {
  const body = template(name)({ ...frame, ...data });
  const steps = frame.workshop
    ? (['settings', 'material', 'answers', 'review', 'result'] as const).map((step) => ({
        step,
        label: frame.texts.nav[step],
        href: `/w/${frame.workshop}/${stepPaths[step]}`,
        current: step === frame.step,
      }))
    : [];
  return template('layout')({ ...frame, steps, body: new Handlebars.SafeString(body) });
}

/** A part of a page (for htmx to swap in). */
export function renderPart(name: string, data: object): string {
  return template(name)(data);
}

export const stepPaths = {
  settings: 'oplysninger',
  material: 'materiale',
  answers: 'svar',
  review: 'gennemgang',
  result: 'resultat',
} as const;
