// The browser app (`mus app`) in a test: created in-process on a temporary workshops folder,
// asked with fastify's inject() as the app's own page would ask (its Host, its cookie, its
// Origin), and multipart bodies built by hand, as a browser sends them.
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { defaultContentDir } from '../../src/paths.js';
import { createApp, type App } from '../../src/web/server.js';
import { tempDir } from './pdf.js';

export const port = 48123;
export const host = `127.0.0.1:${port}`;
export const origin = `http://${host}`;
export const token = 'test-token-0123456789';
export const cookie = `mus_app=${token}`;

export interface TestApp {
  app: App;
  root: string;
  /** A request as the app's own page makes it. */
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, form: Record<string, string>) => Promise<LightMyRequestResponse>;
}

export async function testApp(contentDir = defaultContentDir): Promise<TestApp> {
  const root = join(tempDir('mus-web-'), 'workshops');
  const app = await createApp({ root, contentDir, token, port });
  const request = (options: InjectOptions) =>
    app.server.inject({
      ...options,
      headers: { host, cookie, ...(options.method && options.method !== 'GET' ? { origin } : {}), ...options.headers },
    });
  return {
    app,
    root,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, form) =>
      request({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      }),
  };
}

/** A multipart/form-data body of files, as a browser's file input sends it. */
export function multipart(files: { name: string; bytes: Uint8Array | string; field?: string }[]): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = '----mus-test-boundary-7d1f';
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'files'}"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Creates a workshop through the form; returns its name. */
export async function createWorkshop(
  app: TestApp,
  name: string,
  fields: Record<string, string> = { tilgang: '1' },
): Promise<string> {
  const response = await app.post('/ny', { name, ...fields });
  if (response.statusCode !== 303) throw new Error(`creating ${name}: ${response.statusCode} ${response.body}`);
  return name;
}

/** The text of a page without its markup, white space folded. */
export const pageText = (html: string): string =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
