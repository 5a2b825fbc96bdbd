// Templates are precompiled by `npm run build` (dist/templates/<name>.js): what they write
// must be exactly what compiling the .hbs source writes, and they must carry the hash of
// the source they were made from (an edited template is then compiled at run time).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { documents, fileName } from '../src/app/documents.js';
import { fromSource, fromSpec, type TemplateSpec } from '../src/layout/handlebars.js';
import { sourceHash } from '../src/layout/template-source.js';
import { defaultContentDir, packageRoot, templatesDir } from '../src/paths.js';
import { fixture } from './helpers/cli.js';
import { readYamlResponses } from '../src/responses/readers/yaml.js';
import { answersByGroup } from '../src/responses/types.js';
import { tallyResponses } from '../src/tally/tally.js';

const content = loadContent(defaultContentDir);
const tally = tallyResponses(answersByGroup(readYamlResponses(fixture('eksempel-svar.yaml'), content)), content);

describe('precompiled templates', () => {
  it.each(documents.map((d) => fileName(content, d.id)))(
    '%s: the built template writes what the source writes, blank and pre-filled',
    async (file) => {
      const spec = documents.find((d) => fileName(content, d.id) === file)!;
      const source = readFileSync(join(templatesDir, `${spec.template}.hbs`), 'utf8');
      const built = (await import(join(packageRoot, 'dist', 'templates', `${spec.template}.js`))) as {
        sourceHash: string;
        default: TemplateSpec;
      };
      expect(built.sourceHash).toBe(sourceHash(source));
      for (const tallies of [undefined, tally]) {
        const view = spec.view(content, tallies, {});
        expect(fromSpec(built.default)(view)).toBe(fromSource(source)(view));
      }
    },
  );
});
