// Resultat: per group step 1 (respondents per band, the tendency marked) and step 2 (each
// statement's answers as bars with the counts), and the comparison with its DIALOG rows, from
// the posters' own view data, so the anonymity rule is the posters'. The pre-filled posters,
// each or as one zip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildPosters, posterFiles, resultViews, zipFiles, type PosterView } from '../../app/result.js';
import { readWorkshopAnswers } from '../../app/workshop-answers.js';
import { posterCommand, workshopLayout } from '../../app/workshop.js';
import { fillPlaceholders } from '../../text.js';
import type { AppContext } from '../server.js';
import { frame, NotFound, sendPage, workshopOf } from './common.js';

/** Bar lengths in the page's SVG, out of this many units. */
const barUnits = 100;

export async function resultRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const t = ctx.texts.result;

  /** A poster's view as the page draws it: bars scaled to the largest count. */
  const groupView = (view: PosterView, respondents: number) => {
    const mostInBand = Math.max(1, ...view.bands.map((b) => b.count));
    const hidden = view.smallGroupNote !== '';
    return {
      title: view.title,
      respondents: fillPlaceholders(t.respondents, { count: respondents }),
      incompleteNote: view.incompleteNote,
      smallGroupNote: view.smallGroupNote,
      step1: view.step1,
      step2: view.step2,
      bands: view.bands.map((b) => ({ ...b, bar: Math.round((b.count / mostInBand) * barUnits) })),
      columns: [...view.columns.map((c) => c.label), view.step2.unansweredColumn],
      themes: hidden
        ? []
        : view.themes.map((theme) => ({
            title: theme.title,
            statements: theme.statements.map((s) => ({
              n: s.n,
              text: s.text,
              // The answers per category, then unanswered; a bar is the count's share of the answer sheets.
              cells: [...s.counts, s.unanswered].map((count, i) => ({
                count,
                label: i < view.columns.length ? view.columns[i].label : view.step2.unansweredColumn,
                bar: respondents > 0 ? Math.round((count / respondents) * barUnits) : 0,
              })),
            })),
          })),
    };
  };

  app.get('/w/:name/resultat', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const { tallies } = await readWorkshopAnswers(folder, content);
    const views = resultViews(content, tallies);
    return sendPage(reply, 'result', frame(ctx, t.heading, folder.name, 'result'), {
      groups: views.groups.map((g) => groupView(g.view, g.respondents)),
      comparison: views.comparison,
      posters:
        views.groups.length > 0
          ? posterFiles(content).map((name) => ({
              name,
              href: `/w/${folder.name}/plakater/${encodeURIComponent(name)}`,
            }))
          : [],
      zip: `/w/${folder.name}/plakater.zip`,
      command: posterCommand(folder.settings),
    });
  });

  app.get('/w/:name/plakater.zip', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const names = await buildPosters(folder, ctx.contentDir, content);
    if (names.length === 0) throw new NotFound('no answers');
    const dir = join(folder.dir, workshopLayout.posters);
    const zip = zipFiles(names.map((name) => ({ name, bytes: readFileSync(join(dir, name)) })));
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${folder.name}-plakater.zip"`)
      .send(Buffer.from(zip));
  });

  app.get('/w/:name/plakater/:file', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const wanted = (request.params as { file: string }).file;
    if (!posterFiles(content).includes(wanted)) throw new NotFound('no such poster');
    const names = await buildPosters(folder, ctx.contentDir, content);
    if (!names.includes(wanted)) throw new NotFound('no such poster');
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${encodeURIComponent(wanted)}"`)
      .send(readFileSync(join(folder.dir, workshopLayout.posters, wanted)));
  });
}
