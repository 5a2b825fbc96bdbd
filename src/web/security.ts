// The app is local, but not open to every page the browser visits or every program on the
// machine: a random token in the printed address becomes an HttpOnly, SameSite=Strict cookie,
// and every request without it is refused; the Host header must name this app (a DNS
// rebinding page carries its own host name); a state-changing request must come from the
// app's own pages (CSRF). Every answer forbids inline script and anything from elsewhere.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const cookieName = 'mus_app';

export interface Gate {
  token: string;
  /** The port the app listens on (known after listening). */
  port: () => number;
  /** What a refused request is shown. */
  forbidden: (reply: FastifyReply) => FastifyReply;
}

const safeMethods = new Set(['GET', 'HEAD']);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return undefined;
}

export const securityHeaders: Record<string, string> = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with a form's POST.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export function installGate(app: FastifyInstance, gate: Gate): void {
  app.addHook('onRequest', async (request, reply) => {
    const hosts = [`127.0.0.1:${gate.port()}`, `localhost:${gate.port()}`];
    if (!hosts.includes(request.headers.host ?? '')) return gate.forbidden(reply);
    if (!safeMethods.has(request.method)) {
      const origin = request.headers.origin;
      if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) return gate.forbidden(reply);
      const site = request.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin') return gate.forbidden(reply);
    }
    const url = new URL(request.url, 'http://app');
    const offered = url.searchParams.get('token');
    if (offered !== null && request.method === 'GET') {
      if (!sameText(offered, gate.token)) return gate.forbidden(reply);
      // The token leaves the address bar (and the history) at once; the cookie carries it on.
      url.searchParams.delete('token');
      return reply
        .header('set-cookie', `${cookieName}=${gate.token}; HttpOnly; SameSite=Strict; Path=/`)
        .redirect(`${url.pathname}${url.search}`, 303);
    }
    const carried = cookieToken(request);
    if (carried === undefined || !sameText(carried, gate.token)) return gate.forbidden(reply);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(securityHeaders);
    return payload;
  });
}
