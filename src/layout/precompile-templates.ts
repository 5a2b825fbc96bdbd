// Build step (`npm run build`, after tsc): precompiles templates/*.hbs into
// dist/templates/<name>.js, so a build runs them without loading the Handlebars compiler.
// Each module carries a hash of the source it was made from; template.ts uses it only
// while the .hbs file still has that hash (an edited template is compiled at run time).
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceHash } from './template-source.js';
import { precompile } from './handlebars.js';
import { templatesDir } from '../paths.js';

const outDir = fileURLToPath(new URL('../../templates/', import.meta.url)); // dist/templates
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(templatesDir)
  .filter((f) => f.endsWith('.hbs'))
  .sort()) {
  const source = readFileSync(join(templatesDir, file), 'utf8');
  const module =
    `// Made by \`npm run build\` from templates/${file}; do not edit.\n` +
    `export const sourceHash = ${JSON.stringify(sourceHash(source))};\n` +
    `export default ${precompile(source)};\n`;
  const target = join(outDir, file.replace(/\.hbs$/, '.js'));
  writeFileSync(`${target}.tmp`, module);
  renameSync(`${target}.tmp`, target);
}
