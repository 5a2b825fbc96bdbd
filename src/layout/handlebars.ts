// The Handlebars engine the templates run on, with the `q` helper: a value written as JSON
// (a text as a JSON string, a source as a JSON object), which is valid YAML, so no content
// can break the layout's structure.
// Templates are precompiled by `npm run build` (precompile-templates.ts), so a build needs
// only Handlebars' small runtime; the full compiler is loaded for a template edited since.
import { createRequire } from 'node:module';
import type HandlebarsLib from 'handlebars';

export type Template = HandlebarsLib.TemplateDelegate;
export type TemplateSpec = Parameters<typeof HandlebarsLib.template>[0];

/** The options every template is compiled with, ahead of time or not. */
export const compileOptions: CompileOptions = { noEscape: true, strict: true };

const require = createRequire(import.meta.url);
const quote = (value: unknown) =>
  JSON.stringify(value === undefined || value === null ? '' : typeof value === 'object' ? value : String(value));

let runtime: typeof HandlebarsLib | undefined;
let compiler: typeof HandlebarsLib | undefined;

function withHelpers(handlebars: typeof HandlebarsLib): typeof HandlebarsLib {
  const engine = handlebars.create();
  engine.registerHelper('q', quote);
  return engine;
}

/** A template from its precompiled form. */
export function fromSpec(spec: TemplateSpec): Template {
  // The single-file runtime build: a fraction of the full package's load time.
  runtime ??= withHelpers(require('handlebars/dist/handlebars.runtime.min.js') as typeof HandlebarsLib);
  return runtime.template(spec);
}

/** The full Handlebars, with its compiler: loaded only to compile. */
const fullCompiler = () =>
  (compiler ??= withHelpers(require('handlebars/dist/handlebars.min.js') as typeof HandlebarsLib));

/** A template compiled now, from its source. */
export function fromSource(source: string): Template {
  return fullCompiler().compile(source, compileOptions);
}

/** The precompiled form, as JavaScript source (for the build step). */
export function precompile(source: string): string {
  return fullCompiler().precompile(source, compileOptions) as string;
}
