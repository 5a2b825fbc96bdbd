// Svar: the answer files of a workshop, each listed as what it was read as with its problems,
// a summary per group, uploads (streamed to a temporary name, renamed when complete, under a
// name the app chooses) and removal; and "Indtast et papirark", a sheet typed in.
import { createWriteStream, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  keepAnswerFiles,
  keepTypedAnswers,
  keptExtension,
  maxAnswerFiles,
  receivedFiles,
  removeAnswerFile,
  setFileGroup,
  temporaryAnswerFile,
} from '../../app/received.js';
import { typedSheetYaml } from '../../app/review.js';
import { typingTemplate } from '../../app/typing-template.js';
import { readAnswerFile, readWorkshopAnswers, type FileReading } from '../../app/workshop-answers.js';
import type { WorkshopFolder } from '../../app/workshop.js';
import { groups, type Content, type Group } from '../../content/model.js';
import { fillPlaceholders } from '../../text.js';
import type { AppContext } from '../server.js';
import { field, frame, NotFound, sendPage, workshopOf } from './common.js';

class TooMany extends Error {
  readonly statusCode = 413;
}

export async function answerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { texts } = ctx;
  const t = texts.answers;

  /** What a file was read as, in a few words. */
  const readAs = (reading: FileReading): string => {
    const count = reading.counts.leader + reading.counts.employee;
    if (reading.kind === 'returnedTest') {
      const group: Group = reading.counts.leader > 0 ? 'leader' : 'employee';
      return fillPlaceholders(t.kinds.returnedTest, { group: t.groupsWord[group] });
    }
    return fillPlaceholders(t.kinds[reading.kind], { count });
  };

  const answersPage = async (folder: WorkshopFolder, content: Content, rejected: string[] = []) => {
    const received = receivedFiles(folder);
    const files = [];
    for (const file of received) {
      const reading = await readAnswerFile(folder, content, file.name, file.sent, file.group);
      // A table may hold one group's answers without saying so (no role column): the facilitator says.
      const table = reading.kind === 'table' || reading.kind === 'spreadsheet';
      files.push({
        name: file.name,
        sent: file.sent,
        readAs: reading.problems.length > 0 ? t.notCounted : readAs(reading),
        problems: reading.problems,
        notices: reading.notices,
        flagged: reading.flagged > 0 ? fillPlaceholders(t.flagged, { count: reading.flagged }) : '',
        remove: `/w/${folder.name}/svar/${encodeURIComponent(file.name)}/fjern`,
        removeLabel: fillPlaceholders(t.removeLabel, { name: file.sent }),
        group: table && {
          action: `/w/${folder.name}/svar/${encodeURIComponent(file.name)}/gruppe`,
          id: `gruppe-${file.name.replace(/[^a-z0-9-]/gi, '-')}`,
          label: fillPlaceholders(t.groupOf, { name: file.sent }),
          options: [
            { value: '', label: t.groupFromFile, selected: !file.group },
            ...groups.map((g) => ({ value: g, label: content.comparison.groups[g], selected: file.group === g })),
          ],
        },
      });
    }
    const folderReading = await readWorkshopAnswers(folder, content);
    const shownUnderFile = new Set(files.flatMap((f): string[] => f.notices));
    const sent = (line: string) => received.reduce((text, f) => text.split(f.name).join(f.sent), line);
    const skipped = files.filter((f) => f.problems.length > 0).length;
    return {
      files,
      rejected: rejected.map((name) => fillPlaceholders(t.unsupported, { name })),
      summary: groups.map((group) => ({
        line: fillPlaceholders(t.summary, {
          group: content.comparison.groups[group],
          count: folderReading.tallies[group].respondents,
        }),
        incomplete:
          folderReading.tallies[group].incomplete > 0
            ? fillPlaceholders(t.incomplete, { count: folderReading.tallies[group].incomplete })
            : '',
      })),
      skipped: skipped > 0 ? fillPlaceholders(t.skipped, { count: skipped }) : '',
      // The notes about the folder as a whole; one shown under its file already is not repeated.
      notices: folderReading.notices.map(sent).filter((line) => !shownUnderFile.has(line)),
      review:
        folderReading.doubtful.length > 0
          ? {
              text: fillPlaceholders(t.review, { count: folderReading.doubtful.length }),
              href: `/w/${folder.name}/gennemgang`,
            }
          : undefined,
      upload: `/w/${folder.name}/svar`,
      entry: `/w/${folder.name}/indtast`,
      template: `/w/${folder.name}/${texts.typingTemplate.file}`,
      maxFiles: maxAnswerFiles,
    };
  };

  app.get('/w/:name/svar', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    return sendPage(
      reply,
      'answers',
      frame(ctx, t.heading, folder.name, 'answers'),
      await answersPage(folder, content),
    );
  });

  app.post('/w/:name/svar', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const rejected = await receive(folder, request);
    if (rejected.length === 0) return reply.redirect(`/w/${folder.name}/svar`, 303);
    return sendPage(
      reply,
      'answers',
      frame(ctx, t.heading, folder.name, 'answers'),
      await answersPage(folder, content, rejected),
    );
  });

  app.post('/w/:name/svar/:file/fjern', async (request, reply) => {
    const { folder } = workshopOf(ctx, request.params);
    if (!removeAnswerFile(folder, String((request.params as { file: string }).file)))
      throw new NotFound('no such file');
    return reply.redirect(`/w/${folder.name}/svar`, 303);
  });

  // One row per paper sheet: the numbered copies printed, or the content's number of rows.
  app.get(`/w/:name/${texts.typingTemplate.file}`, async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const rows = folder.settings.copies ?? texts.typingTemplate.rows;
    const bytes = await typingTemplate(content, texts.typingTemplate, rows);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${texts.typingTemplate.file}"`)
      .send(Buffer.from(bytes));
  });

  app.post('/w/:name/svar/:file/gruppe', async (request, reply) => {
    const { folder } = workshopOf(ctx, request.params);
    const value = field(request.body, 'group') ?? '';
    if (value !== '' && !(groups as readonly string[]).includes(value)) throw new NotFound('no such group');
    const group = value === '' ? undefined : (value as Group);
    if (!setFileGroup(folder, String((request.params as { file: string }).file), group))
      throw new NotFound('no such file');
    return reply.redirect(`/w/${folder.name}/svar`, 303);
  });

  app.get('/w/:name/indtast', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const query = request.query as { gruppe?: string; gemt?: string };
    const group: Group = query.gruppe === 'leader' ? 'leader' : 'employee';
    const saved = receivedFiles(folder).find((f) => f.name === query.gemt);
    const labels = content.scoring.scale.map((c) => c.label);
    return sendPage(reply, 'entry', frame(ctx, texts.entry.heading, folder.name, 'answers'), {
      action: `/w/${folder.name}/indtast`,
      group,
      groups: groups.map((g) => ({
        value: g,
        label: content.comparison.groups[g],
        href: `/w/${folder.name}/indtast?gruppe=${g}`,
        current: g === group,
      })),
      saved: saved ? fillPlaceholders(texts.entry.saved, { name: saved.sent }) : '',
      labels,
      statements: content.numbered.map((s) => ({
        n: s.n,
        text: s[group],
        options: labels.map((label, i) => ({ value: String(i), label, key: i + 1 })),
      })),
    });
  });

  app.post('/w/:name/indtast', async (request, reply) => {
    const { folder, content } = workshopOf(ctx, request.params);
    const group: Group = field(request.body, 'group') === 'leader' ? 'leader' : 'employee';
    const categories = content.scoring.scale.length;
    const answers = content.numbered.map((s) => {
      const value = field(request.body, `s${s.n}`);
      return value !== undefined && /^\d+$/.test(value) && Number(value) < categories ? Number(value) : null;
    });
    const sentName = `${texts.entry.heading} (${content.comparison.groups[group]}).yaml`;
    const kept = keepTypedAnswers(folder, typedSheetYaml(content, group, answers, texts.entry.comment), sentName);
    return reply.redirect(`/w/${folder.name}/indtast?gruppe=${group}&gemt=${encodeURIComponent(kept.name)}`, 303);
  });
}

/**
 * Streams every sent file to a temporary name; all are kept, or none (a file too large, too
 * many files, a cut connection). Returns the sent names of files of a kind no reader takes.
 */
async function receive(folder: WorkshopFolder, request: FastifyRequest): Promise<string[]> {
  const temps: { temp: string; sent: string }[] = [];
  const rejected: string[] = [];
  let done = false;
  const removeTemps = () => {
    for (const { temp } of temps) rmSync(temp, { force: true });
  };
  // A connection cut midway may leave the file stream waiting for ever: its parts go at once.
  // ('close' also comes when the whole body was read: only a body left incomplete is a cut.)
  request.raw.once('close', () => {
    if (!done && !request.raw.complete) removeTemps();
  });
  try {
    for await (const part of request.files()) {
      const sent = part.filename;
      if (!sent) {
        part.file.resume(); // an empty file field
        continue;
      }
      if (!keptExtension(sent)) {
        rejected.push(sent);
        part.file.resume();
        continue;
      }
      const temp = temporaryAnswerFile(folder);
      temps.push({ temp, sent });
      await pipeline(part.file, createWriteStream(temp));
    }
    if (receivedFiles(folder).length + temps.length > maxAnswerFiles) throw new TooMany('too many files');
  } catch (error) {
    done = true;
    removeTemps();
    throw error;
  }
  done = true;
  if (temps.length > 0) keepAnswerFiles(folder, temps);
  return rejected;
}
