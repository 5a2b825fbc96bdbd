// The list of workshops, and the form of a workshop's details (new, or changed): checked with
// the schema of workshop.yaml, each problem shown beside its field.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  checkSettings,
  checkWorkshop,
  isWorkshopName,
  listWorkshops,
  plainContent,
  workshopFields,
  writeWorkshop,
  type FieldProblem,
  type WorkshopField,
} from '../../app/workshop.js';
import type { Content } from '../../content/model.js';
import type { AppContext } from '../server.js';
import { field, frame, sendPage, workshopOf } from './common.js';

type Values = Partial<Record<WorkshopField | 'name' | 'tilgang' | 'copies', string>>;

export async function workshopRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { texts } = ctx;

  app.get('/', async (_request, reply) =>
    sendPage(reply, 'home', frame(ctx, texts.home.heading), {
      workshops: listWorkshops(ctx.root),
      dir: ctx.root,
    }),
  );

  /** The form, with the values typed and the problems beside their fields. */
  const form = (
    reply: FastifyReply,
    content: Content,
    values: Values,
    problems: FieldProblem[],
    existing?: string,
    status = 200,
  ) => {
    const problemOf = (name: string) => {
      const problem = problems.find((p) => p.field === name);
      return problem && texts.workshop.errors[problem.kind];
    };
    const heading = existing ? texts.workshop.editHeading : texts.workshop.heading;
    return sendPage(
      reply,
      'workshop',
      frame(ctx, heading, existing, existing ? 'settings' : undefined),
      {
        action: existing ? `/w/${existing}/oplysninger` : '/ny',
        isNew: !existing,
        values,
        problems: problems.length > 0,
        nameError: problemOf('name'),
        fields: workshopFields.map((name) => ({
          name,
          label: texts.workshop.fields[name],
          value: values[name] ?? '',
          error: problemOf(name),
        })),
        approaches: content.checklist.approaches.map((approach, i) => ({
          value: String(i + 1),
          title: approach.title,
          checked: (values.tilgang ?? '1') === String(i + 1),
        })),
        tilgangError: problemOf('tilgang'),
        copiesError: problemOf('copies'),
      },
      status,
    );
  };

  const valuesOf = (body: unknown): Values => {
    const values: Values = {};
    for (const name of [...workshopFields, 'name', 'tilgang', 'copies'] as const) {
      const value = field(body, name);
      if (value !== undefined) values[name] = value;
    }
    return values;
  };

  /** Checks the form; writes the folder when it is right. */
  const save = (reply: FastifyReply, body: unknown, existing?: string) => {
    const content = plainContent(ctx.contentDir);
    const values = valuesOf(body);
    const name = existing ?? values.name?.trim() ?? '';
    const problems: FieldProblem[] = [];
    if (!existing) {
      if (!isWorkshopName(name)) problems.push({ field: 'name', kind: 'name' });
      else if (existsSync(join(ctx.root, name))) problems.push({ field: 'name', kind: 'exists' });
    }
    const details = checkWorkshop(values);
    const settings = checkSettings(content, values.tilgang, values.copies);
    problems.push(...details.problems, ...settings.problems);
    if (problems.length > 0 || !details.workshop || !settings.settings)
      return form(reply, content, values, problems, existing, 400);
    writeWorkshop(join(ctx.root, name), details.workshop, settings.settings);
    return reply.redirect(`/w/${name}/materiale`, 303);
  };

  app.get('/ny', async (_request, reply) => form(reply, plainContent(ctx.contentDir), {}, []));
  app.post('/ny', async (request, reply) => save(reply, request.body));

  app.get('/w/:name', async (request, reply) => {
    const { folder } = workshopOf(ctx, request.params);
    return reply.redirect(`/w/${folder.name}/materiale`, 303);
  });

  app.get('/w/:name/oplysninger', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const values: Values = {
      ...folder.workshop,
      tilgang: String(folder.settings.tilgang),
      copies: folder.settings.copies ? String(folder.settings.copies) : '',
    };
    return form(reply, content, values, [], folder.name);
  });

  app.post('/w/:name/oplysninger', async (request, reply) => {
    const { folder } = workshopOf(ctx, request.params);
    return save(reply, request.body, folder.name);
  });
}
