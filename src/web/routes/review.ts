// Gennemgang: the scan rows that need a look, one at a time, with the picture of their boxes;
// each decision goes to the corrections file beside the scans (app/review.ts), which the next
// reading applies: the row leaves the list, and the numbers change.
import type { FastifyInstance } from 'fastify';
import { receivedFiles } from '../../app/received.js';
import { decideRow, picturePng } from '../../app/review.js';
import { readWorkshopAnswers } from '../../app/workshop-answers.js';
import { fillPlaceholders } from '../../text.js';
import type { AppContext } from '../server.js';
import { field, frame, NotFound, sendPage, workshopOf } from './common.js';

export async function reviewRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const t = ctx.texts.review;

  app.get('/w/:name/gennemgang', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const { doubtful } = await readWorkshopAnswers(folder, content);
    const row = doubtful[0];
    const received = new Map(receivedFiles(folder).map((f) => [f.name, f.sent]));
    return sendPage(reply, 'review', frame(ctx, t.heading, folder.name, 'review'), {
      left: fillPlaceholders(t.left, { count: doubtful.length }),
      row: row && {
        sheet: row.sheet,
        statement: row.statement,
        text: content.numbered[row.statement - 1][row.group],
        group: content.comparison.groups[row.group],
        // A sheet of an unnumbered scan is named after its file: the name it was sent as.
        where: [...received].reduce(
          (text, [name, sent]) => text.split(name).join(sent),
          fillPlaceholders(t.where, { sheet: row.sheet, statement: row.statement, file: row.file, page: row.page }),
        ),
        reason: row.reason,
        picture: row.picture
          ? `/w/${folder.name}/gennemgang/0.png?r=${encodeURIComponent(`${row.sheet}-${row.statement}`)}`
          : '',
        alt: fillPlaceholders(t.picture, { statement: row.statement }),
        labels: content.scoring.scale.map((c, i) => ({ label: c.label, value: String(i), key: i + 1 })),
      },
      action: `/w/${folder.name}/gennemgang`,
    });
  });

  app.get('/w/:name/gennemgang/:index.png', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const index = String((request.params as { index: string }).index);
    if (!/^\d{1,5}$/.test(index)) throw new NotFound('no such row');
    const row = (await readWorkshopAnswers(folder, content)).doubtful[Number(index)];
    if (!row?.picture) throw new NotFound('no such row');
    return reply.type('image/png').send(await picturePng(row.picture));
  });

  app.post('/w/:name/gennemgang', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const sheet = field(request.body, 'sheet');
    const statement = Number(field(request.body, 'statement'));
    const answer = field(request.body, 'answer') ?? '';
    const { doubtful } = await readWorkshopAnswers(folder, content);
    // Only a row the reading flagged is decided here: nothing else reaches the file.
    const row = doubtful.find((r) => r.sheet === sheet && r.statement === statement);
    if (!row) throw new NotFound('no such row');
    const category = /^\d$/.test(answer) && Number(answer) < content.scoring.scale.length ? Number(answer) : null;
    decideRow(folder, content, row, category);
    return reply.redirect(`/w/${folder.name}/gennemgang`, 303);
  });
}
