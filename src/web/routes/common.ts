// What the routes share: the workshop a URL names (validated, never a path of its own), the
// frame of a page, and sending HTML.
import type { FastifyReply } from 'fastify';
import type { Content } from '../../content/model.js';
import { readWorkshopFolder, workshopContent, type WorkshopFolder } from '../../app/workshop.js';
import type { AppContext } from '../server.js';
import { renderPage, type PageFrame } from '../views.js';

export class NotFound extends Error {
  readonly statusCode = 404;
}

/** The workshop of a URL's :name, with its content; 404 for a name that is no workshop. */
export function workshopOf(ctx: AppContext, params: unknown): { folder: WorkshopFolder; content: Content } {
  const name = (params as { name?: unknown }).name;
  const folder = typeof name === 'string' ? readWorkshopFolder(ctx.root, name) : undefined;
  if (!folder) throw new NotFound('no such workshop');
  return { folder, content: workshopContent(ctx.contentDir, folder) };
}

export function frame(ctx: AppContext, heading: string, workshop?: string, step?: PageFrame['step']): PageFrame {
  return { texts: ctx.texts, language: ctx.language, heading, workshop, step };
}

export function sendPage(reply: FastifyReply, name: string, pageFrame: PageFrame, data: object, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(renderPage(name, pageFrame, data));
}

/** A form field's value as text (a repeated field: its first value). */
export function field(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}
