// The layout tree a template writes is checked where it enters the program
// (src/layout/template.ts against src/layout/schema.ts): a tree the renderer cannot draw is
// a bug in a template or a view, reported with the template and the path in the tree.
import { describe, expect, it } from 'vitest';
import { documents, fileName } from '../src/app/documents.js';
import { loadContent } from '../src/documents/load.js';
import { layoutDocumentSchema } from '../src/layout/schema.js';
import { renderTemplate } from '../src/layout/template.js';
import { defaultContentDir } from '../src/paths.js';

const content = loadContent(defaultContentDir);
const spec = (file: string) => documents.find((d) => fileName(content, d.id) === file)!;

describe('the layout tree', () => {
  it('every document writes a tree the schema accepts, with sources as file, line and item', async () => {
    for (const d of documents) {
      const layout = await renderTemplate(d.template, d.view(content, undefined, {}));
      expect(layoutDocumentSchema.safeParse(layout).success, d.id).toBe(true);
    }
    const test = await renderTemplate('test', spec('mus-test-leder.pdf').view(content, undefined, {}));
    const cells = test.blocks.flatMap((b) =>
      b.kind === 'table' ? b.sections.flatMap((s) => s.rows.flatMap((r) => r.cells)) : [],
    );
    const located = cells.flatMap((c) => ('text' in c && c.source ? [c.source] : []));
    expect(located.length).toBeGreaterThanOrEqual(content.numbered.length);
    expect(located[0]).toEqual({
      file: expect.stringMatching(/udsagn\.yaml$/),
      line: expect.any(Number),
      label: expect.stringMatching(/^statement 1 "/),
    });
  });

  it('a tree the renderer cannot draw stops with the template and the path in it', async () => {
    const view = spec('resultatskema-leder.pdf').view(content, undefined, {}) as {
      bands: { filled: boolean; count: number; share: number }[];
    };
    view.bands[1] = { ...view.bands[1], filled: true, count: -2, share: 0.5 }; // a count below zero: a bug upstream
    await expect(renderTemplate('poster', view)).rejects.toThrow(
      /^templates\/poster\.hbs produced a layout the renderer cannot draw: blocks\[\d+\]\.sections\[0\]\.rows\[1\]\.cells\[2\]/,
    );
  });

  it('a misspelt key in a template is an error, not a feature silently missing', () => {
    const result = layoutDocumentSchema.safeParse({
      title: 'T',
      paper: 'A4',
      pages: 'flow',
      blocks: [{ kind: 'paragraph', text: 'x', stlye: 'note' }],
    });
    expect(result.success).toBe(false);
  });
});
