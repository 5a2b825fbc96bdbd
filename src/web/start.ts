// `mus app`: starts the app, prints the one address to open (with its token), and opens it
// in the default browser where one can be opened.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { UserError } from '../errors.js';
import { createApp } from './server.js';

export interface StartOptions {
  dir: string;
  contentDir: string;
  port: number;
  open: boolean;
  /** Where the address line goes. */
  print: (line: string) => void;
}

export async function startApp(options: StartOptions): Promise<{ url: string; close: () => Promise<void> }> {
  mkdirSync(options.dir, { recursive: true });
  const app = await createApp({ root: options.dir, contentDir: options.contentDir });
  let url: string;
  try {
    url = await app.listen(options.port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new UserError({
        file: '--port',
        message: `port ${options.port} cannot be used (${code}); give another, or leave out --port`,
      });
    throw error;
  }
  options.print(url);
  if (options.open) openBrowser(url);
  return { url, close: () => app.server.close() };
}

/** The system's way of opening an address; silently nothing where there is none (the address is printed). */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no opener: the printed address is enough
  }
}
