import chromium from '@sparticuz/chromium';
import { chromium as pw } from 'playwright-core';
import { createApp } from './dist/src/web/server.js';
const app = await createApp({ root: '/tmp/wa-shots-root', contentDir: './content/da' });
const url = await app.listen(0);
const base = url.replace(/\/\?token.*/, '');
const b = await pw.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
const page = await b.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(url);
for (const [name, path, y] of JSON.parse(process.argv[2])) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(base + path);
  await page.waitForLoadState('networkidle');
  await page.evaluate((y) => window.scrollTo(0, y), y);
  await page.screenshot({ path: `/tmp/wa-${name}-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate((y) => window.scrollTo(0, y), y);
  await page.screenshot({ path: `/tmp/wa-${name}-390.png` });
}
await b.close(); await app.server.close();
