// `mus app`: the browser face of the application layer (src/app/), beside the CLI. Pages
// are rendered on the server; htmx (served from the package, as every file the page loads)
// swaps parts of them. It listens on 127.0.0.1 only, behind the gate of security.ts. Nothing
// about respondents is logged: the framework's logger is off, and errors are shown, not printed.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { maxAnswerBytes, maxAnswerFiles } from '../app/received.js';
import { UserError } from '../errors.js';
import { answerRoutes } from './routes/answers.js';
import { materialRoutes } from './routes/material.js';
import { resultRoutes } from './routes/result.js';
import { reviewRoutes } from './routes/review.js';
import { workshopRoutes } from './routes/workshops.js';
import { installGate } from './security.js';
import { loadAppTexts, type AppTexts } from './texts.js';
import { renderPage, staticDir } from './views.js';

export interface AppOptions {
  /** The folder holding the workshops (one folder each). */
  root: string;
  contentDir: string;
  /** The token of the printed address; a new random one when not given. */
  token?: string;
  /** The port, when known before listening (tests that inject requests). */
  port?: number;
}

/** What every route is given. */
export interface AppContext {
  root: string;
  contentDir: string;
  texts: AppTexts;
  language: string;
}

export interface App {
  server: FastifyInstance;
  token: string;
  /** Listens on 127.0.0.1 (port 0: a free one); returns the address to open, with the token. */
  listen: (port: number) => Promise<string>;
}

const require = createRequire(import.meta.url);
const staticFiles: Record<string, { file: string; type: string }> = {
  'htmx.min.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'app.js': { file: join(staticDir, 'app.js'), type: 'text/javascript; charset=utf-8' },
  'app.css': { file: join(staticDir, 'app.css'), type: 'text/css; charset=utf-8' },
};

export async function createApp(options: AppOptions): Promise<App> {
  const { texts, language } = loadAppTexts(options.contentDir);
  const context: AppContext = { root: resolve(options.root), contentDir: options.contentDir, texts, language };
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  const server = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  const page = (reply: FastifyReply, status: number, message: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(renderPage('message', { texts, language, heading: texts.title }, { message }));
  installGate(server, { token, port: () => port, forbidden: (reply) => page(reply, 403, texts.errors.forbidden) });

  await server.register(formbody);
  await server.register(multipart, {
    limits: { fileSize: maxAnswerBytes, files: maxAnswerFiles, fields: 20, parts: maxAnswerFiles + 20 },
  });

  server.setNotFoundHandler((_request, reply) => page(reply, 404, texts.errors.notFound));
  server.setErrorHandler((error, _request, reply) => {
    if (error instanceof UserError) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(
          renderPage(
            'message',
            { texts, language, heading: texts.title },
            {
              message: texts.errors.problem,
              lines: error.problems.map((p) => `${p.field ? `${p.field}: ` : ''}${p.message}`),
            },
          ),
        );
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return page(reply, 413, texts.answers.tooLarge);
    if (status && status >= 400 && status < 500) return page(reply, status, texts.errors.notFound);
    return page(reply, 500, texts.errors.internal.replace('{{message}}', (error as Error).message));
  });

  server.get('/static/:file', async (request, reply) => {
    const entry = staticFiles[(request.params as { file: string }).file];
    if (!entry) return page(reply, 404, texts.errors.notFound);
    return reply.type(entry.type).header('cache-control', 'no-cache').send(readFileSync(entry.file));
  });

  await workshopRoutes(server, context);
  await materialRoutes(server, context);
  await answerRoutes(server, context);
  await reviewRoutes(server, context);
  await resultRoutes(server, context);

  return {
    server,
    token,
    async listen(wanted: number) {
      await server.listen({ host: '127.0.0.1', port: wanted });
      const address = server.server.address();
      port = typeof address === 'object' && address ? address.port : wanted;
      return `http://127.0.0.1:${port}/?token=${token}`;
    },
  };
}
