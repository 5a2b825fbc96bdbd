// Materiale: every document of the workshop's set, each with a picture of its first page, its
// paper size and page count; one file or all as a zip. Built by the same runBuild as `mus
// build`, again only when the workshop's details changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ensureMaterial, materialFiles, pdfFacts, thumbnail } from '../../app/material.js';
import { zipFiles } from '../../app/result.js';
import { buildCommand, workshopLayout } from '../../app/workshop.js';
import { fillPlaceholders } from '../../text.js';
import type { AppContext } from '../server.js';
import { frame, NotFound, sendPage, workshopOf } from './common.js';

export async function materialRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { texts } = ctx;

  /** The workshop's material, built if needed; a file name from a URL must be one of its files. */
  const material = async (params: unknown) => {
    const { folder, content } = workshopOf(ctx, params);
    await ensureMaterial(folder, ctx.contentDir);
    const files = materialFiles(content, folder.settings);
    return { folder, files, dir: join(folder.dir, workshopLayout.material) };
  };
  const fileOf = (files: { name: string }[], params: unknown) => {
    const name = (params as { file?: unknown }).file;
    const found = files.find((f) => f.name === name);
    if (!found) throw new NotFound('no such file');
    return found.name;
  };

  app.get('/w/:name/materiale', async (request, reply) => {
    const { folder, files, dir } = await material(request.params);
    const documents = [];
    for (const file of files) {
      const facts = await pdfFacts(readFileSync(join(dir, file.name)));
      documents.push({
        name: file.name,
        kind: texts.material.kinds[file.kind],
        href: `/w/${folder.name}/materiale/${encodeURIComponent(file.name)}`,
        pages: facts.pages === 1 ? texts.material.page : fillPlaceholders(texts.material.pages, { count: facts.pages }),
        paper: fillPlaceholders(texts.material.paper, { paper: facts.paper }),
        alt: fillPlaceholders(texts.material.thumbnail, { name: file.name }),
      });
    }
    return sendPage(reply, 'material', frame(ctx, texts.material.heading, folder.name, 'material'), {
      documents,
      zip: `/w/${folder.name}/materiale.zip`,
      command: buildCommand(folder.settings),
      edit: `/w/${folder.name}/oplysninger`,
    });
  });

  app.get('/w/:name/materiale.zip', async (request, reply) => {
    const { folder, files, dir } = await material(request.params);
    const zip = zipFiles(files.map((f) => ({ name: f.name, bytes: readFileSync(join(dir, f.name)) })));
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${folder.name}-materiale.zip"`)
      .send(Buffer.from(zip));
  });

  app.get('/w/:name/materiale/:file', async (request, reply) => {
    const { files, dir } = await material(request.params);
    const name = fileOf(files, request.params);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${encodeURIComponent(name)}"`)
      .send(readFileSync(join(dir, name)));
  });

  app.get('/w/:name/materiale/:file/forside.png', async (request, reply) => {
    const { files, dir } = await material(request.params);
    const name = fileOf(files, request.params);
    return reply.type('image/png').send(await thumbnail(join(dir, name)));
  });
}
