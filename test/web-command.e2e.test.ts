// `mus app` as a user starts it: the command prints one line, the address with its token,
// and the app listens there; a wrong --port is one line and exit 1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runMus } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';

describe('mus app, the command', () => {
  it('prints one line, the address with its token, and listens there; --port must be a port', async () => {
    const dir = join(tempDir('mus-web-cli-'), 'ws');
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'src', 'cli.js'), 'app', '--no-open', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stdout = '';
      let stderr = '';
      const out = () => stdout;
      const err = () => stderr;
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          if (stdout.includes('\n')) resolve(stdout);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+\n$/);
      const response = await fetch(line.trim(), { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
      expect(existsSync(dir)).toBe(true);
      // Nothing about the requests (let alone the answers) is printed: the one line stays the only one.
      const cookie = response.headers.get('set-cookie')!.split(';')[0];
      const page = await fetch(new URL('/ny', line.trim()), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(out()).toBe(line);
      expect(err()).toBe('');
    } finally {
      child.kill();
    }
    const bad = runMus(['app', '--no-open', '--port', 'abc']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('--port: "abc" is not a port from 1 to 65535\n');
  }, 60_000);
});
