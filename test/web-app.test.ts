// `mus app`, route by route with fastify's inject(): every page and download, and every rule
// of the gate (token → cookie, Host, Origin, upload limits, names that are no paths).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkshop } from '../src/content/load.js';
import { createApp } from '../src/web/server.js';
import { defaultContentDir } from '../src/paths.js';
import { tallyJson, tallySources } from '../src/app/tally.js';
import { readWorkshopFolder, workshopContent } from '../src/app/workshop.js';
import { fixture } from './helpers/cli.js';
import { A3, A4, pagesOfBytes, tempDir } from './helpers/pdf.js';
import {
  cookie,
  createWorkshop,
  host,
  multipart,
  pageText,
  port,
  testApp,
  token,
  type TestApp,
} from './helpers/web.js';

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.app.server.close());

const answersOf = (name: string) => join(app.root, name, 'svar');
const keptFiles = (name: string) => readdirSync(answersOf(name)).filter((f) => !f.startsWith('.'));

describe('the gate', () => {
  it('refuses every request without the cookie (403), pages and files alike', async () => {
    for (const url of ['/', '/ny', '/static/app.js', '/static/htmx.min.js', '/w/x/materiale']) {
      const response = await app.app.server.inject({ method: 'GET', url, headers: { host } });
      expect(response.statusCode, url).toBe(403);
      expect(response.body).toContain('Adgang nægtet');
    }
    const wrong = await app.app.server.inject({ url: '/', headers: { host, cookie: 'mus_app=guess' } });
    expect(wrong.statusCode).toBe(403);
  });

  it('exchanges the token of the printed address for an HttpOnly, SameSite=Strict cookie, and drops it from the address', async () => {
    const response = await app.app.server.inject({ url: `/?token=${token}`, headers: { host } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    const set = String(response.headers['set-cookie']);
    expect(set).toBe(`mus_app=${token}; HttpOnly; SameSite=Strict; Path=/`);
    const next = await app.app.server.inject({ url: '/', headers: { host, cookie: set.split(';')[0] } });
    expect(next.statusCode).toBe(200);
    const bad = await app.app.server.inject({ url: '/?token=nope', headers: { host } });
    expect(bad.statusCode).toBe(403);
    expect(bad.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a Host other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding), cookie or not', async () => {
    for (const wrong of ['evil.example', `evil.example:${port}`, '127.0.0.1:1', `0.0.0.0:${port}`, '']) {
      const response = await app.app.server.inject({ url: '/', headers: { host: wrong, cookie } });
      expect(response.statusCode, wrong).toBe(403);
    }
    const local = await app.app.server.inject({ url: '/', headers: { host: `localhost:${port}`, cookie } });
    expect(local.statusCode).toBe(200);
  });

  it('refuses a state-changing request from another origin (CSRF), and changes nothing', async () => {
    for (const headers of [{ origin: 'http://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }]) {
      const response = await app.request({
        method: 'POST',
        url: '/ny',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: 'name=csrf&tilgang=1',
      });
      expect(response.statusCode).toBe(403);
    }
    expect(existsSync(join(app.root, 'csrf'))).toBe(false);
  });

  it('sends a Content-Security-Policy of its own origin only, and pages without inline script or style', async () => {
    const response = await app.get('/ny');
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'self'/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(response.body).not.toMatch(/\sstyle=|<style/);
    expect(response.body).toMatch(/<html lang="da-DK">/);
    const refused = await app.app.server.inject({ url: '/', headers: { host } });
    expect(refused.headers['content-security-policy']).toMatch(/^default-src 'self'/);
  });

  it('serves htmx and its own script and style from the package, nothing else', async () => {
    const htmx = await app.get('/static/htmx.min.js');
    expect(htmx.statusCode).toBe(200);
    expect(htmx.body).toContain('htmx');
    expect((await app.get('/static/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await app.get('/static/app.css')).headers['content-type']).toMatch(/css/);
    expect((await app.get('/static/..%2Fserver.js')).statusCode).toBe(404);
    expect((await app.get('/static/package.json')).statusCode).toBe(404);
  });

  it('listens on 127.0.0.1 only, on a free port, and prints the address with the token', async () => {
    const other = await createApp({ root: tempDir(), contentDir: defaultContentDir });
    const url = await other.listen(0);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
      const address = other.server.server.address();
      expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    } finally {
      await other.server.close();
    }
  });
});

describe('Ny workshop', () => {
  it('shows the form with every field of workshop.yaml, the approaches and the copies, each with a label', async () => {
    const response = await app.get('/ny');
    expect(response.statusCode).toBe(200);
    const text = pageText(response.body);
    for (const label of [
      'Arbejdsplads',
      'Afdeling eller gruppe',
      'Dato',
      'Procesansvarlig',
      'Svarfrist',
      'Send svar til',
    ])
      expect(text).toContain(label);
    expect(text).toContain('Tilgang 1. En samlet fælles proces');
    for (const id of [
      'f-name',
      'f-workplace',
      'f-unit',
      'f-date',
      'f-facilitator',
      'f-deadline',
      'f-returnTo',
      'f-copies',
    ])
      expect(response.body).toContain(`<label for="${id}">`);
  });

  it('shows each problem beside its field, in Danish, and writes nothing', async () => {
    const response = await app.post('/ny', {
      name: '../ud',
      workplace: 'Lageret {{x}}',
      unit: 'x'.repeat(201),
      tilgang: '7',
      copies: 'tre',
    });
    expect(response.statusCode).toBe(400);
    const body = response.body;
    expect(body).toMatch(/id="f-name-error">Navnet kan ikke bruges/);
    expect(body).toMatch(/id="f-workplace-error">Teksten må ikke indeholde \{\{ \}\}/);
    expect(body).toMatch(/id="f-unit-error">Teksten er for lang/);
    expect(body).toContain('Vælg en tilgang.');
    expect(body).toMatch(/id="f-copies-error">Skriv et helt tal/);
    expect(body).toContain('value="Lageret {{x}}"'); // what was typed stays
    expect(existsSync(app.root) ? readdirSync(app.root) : []).toEqual([]);
  });

  it('writes workshop.yaml (read by the same schema as mus build --workshop), the settings and svar/; then shows the material', async () => {
    const response = await app.post('/ny', {
      name: 'lageret',
      workplace: 'Lageret A/S',
      unit: 'Pakkeriet',
      date: '12. marts 2026',
      facilitator: 'Mette',
      tilgang: '1',
      copies: '2',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/w/lageret/materiale');
    const dir = join(app.root, 'lageret');
    expect(loadWorkshop(join(dir, 'workshop.yaml'))).toEqual({
      workplace: 'Lageret A/S',
      unit: 'Pakkeriet',
      date: '12. marts 2026',
      facilitator: 'Mette',
    });
    expect(readFileSync(join(dir, 'indstillinger.yaml'), 'utf8')).toBe('tilgang: 1\ncopies: 2\n');
    expect(existsSync(join(dir, 'svar'))).toBe(true);
    const again = await app.post('/ny', { name: 'lageret', tilgang: '1' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Der findes allerede en workshop med det navn.');
    const home = await app.get('/');
    expect(home.body).toContain('href="/w/lageret/materiale"');
  });

  it('edits the details of a workshop; a name that is no workshop is 404, never a path', async () => {
    const form = await app.get('/w/lageret/oplysninger');
    expect(form.body).toContain('value="Lageret A/S"');
    const saved = await app.post('/w/lageret/oplysninger', { workplace: 'Lageret ApS', tilgang: '1', copies: '2' });
    expect(saved.statusCode).toBe(303);
    expect(loadWorkshop(join(app.root, 'lageret', 'workshop.yaml'))).toEqual({ workplace: 'Lageret ApS' });
    for (const url of [
      '/w/..%2F..%2Fetc/materiale',
      '/w/%2e%2e/materiale',
      '/w/a%00b/materiale',
      '/w/Lageret/svar',
      '/w/ingen/resultat',
    ]) {
      expect((await app.get(url)).statusCode, url).toBe(404);
    }
    expect((await app.get('/w/lageret')).headers.location).toBe('/w/lageret/materiale');
  });
});

describe('Materiale', () => {
  it('lists every document of Tilgang 1 with its paper size, page count, thumbnail and the mus build command', async () => {
    const response = await app.get('/w/lageret/materiale');
    expect(response.statusCode).toBe(200);
    const text = pageText(response.body);
    expect(text).toContain('mus-test-leder.pdf Test til print Papir: A4 · 2 sider');
    expect(text).toContain('mus-test-leder-2-ark.pdf Nummererede eksemplarer Papir: A4 · 4 sider');
    expect(text).toContain('resultatskema-leder.pdf Resultatskema (blankt) Papir: A3 · 3 sider');
    expect(text).toContain('procesguide-tjekliste.pdf');
    expect(text).not.toContain('udfyldelig'); // Tilgang 2's tests
    expect(text).toContain('mus build --workshop workshop.yaml --tilgang 1 --copies 2 --out materiale');
    const thumb = await app.get('/w/lageret/materiale/mus-test-leder.pdf/forside.png');
    expect(thumb.headers['content-type']).toBe('image/png');
    expect(thumb.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(thumb.rawPayload.readUInt32BE(16)).toBe(240); // width
  });

  it('serves each PDF, and one zip of them all; a file name not in the set is 404', async () => {
    const pdf = await app.get('/w/lageret/materiale/handleplan.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const zip = await app.get('/w/lageret/materiale.zip');
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toEqual(
      [
        'dialogplakat.pdf',
        'handleplan.pdf',
        'mus-test-leder-2-ark.pdf',
        'mus-test-leder.pdf',
        'mus-test-medarbejder-2-ark.pdf',
        'mus-test-medarbejder.pdf',
        'procesguide-tjekliste.pdf',
        'resultatskema-leder.pdf',
        'resultatskema-medarbejder.pdf',
      ].sort(),
    );
    const checklist = await pagesOfBytes(files['procesguide-tjekliste.pdf']);
    expect(checklist[0]).toMatchObject({ width: A4.width, height: A4.height });
    expect(checklist[0].text).toContain('Lageret ApS'); // the edited workshop
    expect(checklist.map((p) => p.text).join(' ')).not.toContain('Tilgang 2.');
    const poster = await pagesOfBytes(files['resultatskema-leder.pdf']);
    expect(poster[0]).toMatchObject({ width: A3.width, height: A3.height });
    for (const url of [
      '/w/lageret/materiale/..%2Fworkshop.yaml',
      '/w/lageret/materiale/.bygget',
      '/w/lageret/materiale/x.pdf/forside.png',
    ])
      expect((await app.get(url)).statusCode, url).toBe(404);
  });
});

describe('Tilgang 2', () => {
  it('lists the tests to fill in on screen instead of the paper tests, and the checklist of Tilgang 2 only', async () => {
    await createWorkshop(app, 'skaerm', { tilgang: '2', copies: '5', deadline: '1. april', returnTo: 'hr@example.dk' });
    expect(readFileSync(join(app.root, 'skaerm', 'indstillinger.yaml'), 'utf8')).toBe('tilgang: 2\n'); // copies are Tilgang 1's
    const text = pageText((await app.get('/w/skaerm/materiale')).body);
    expect(text).toContain('mus-test-leder-udfyldelig.pdf Test til at udfylde på skærmen');
    expect(text).toContain('mus-test-medarbejder-udfyldelig.pdf');
    expect(text).not.toContain('mus-test-leder.pdf');
    expect(text).toContain('mus build --workshop workshop.yaml --tilgang 2 --out materiale');
    const checklist = await pagesOfBytes((await app.get('/w/skaerm/materiale/procesguide-tjekliste.pdf')).rawPayload);
    const all = checklist.map((p) => p.text).join(' ');
    expect(all).toContain('Tilgang 2.');
    expect(all).not.toContain('Tilgang 1.');
    expect(all).toContain('hr@example.dk');
  }, 120_000);
});

describe('Svar', () => {
  it('keeps uploads under names it chooses, shows each as what it was read as (the sent name escaped), with its problems', async () => {
    const upload = multipart([
      { name: '../../<img src=x onerror=1>.csv', bytes: readFileSync(fixture('exports/google-begge.csv')) },
      { name: 'tom.yaml', bytes: '' },
      { name: 'pdftk-leder.pdf', bytes: readFileSync(fixture('returned/pdftk-leder.pdf')) },
    ]);
    const response = await app.request({ method: 'POST', url: '/w/lageret/svar', ...upload });
    expect(response.statusCode).toBe(303);
    expect(keptFiles('lageret')).toEqual(['svar-001.csv', 'svar-002.yaml', 'svar-003.pdf']);
    expect(readdirSync(app.root).filter((name) => name.includes('<'))).toEqual([]);
    const page = await app.get('/w/lageret/svar');
    expect(page.body).toContain('<td class="file-name">&lt;img src&#x3D;x onerror&#x3D;1&gt;.csv</td>');
    expect(page.body).not.toContain('<img src=x');
    const text = pageText(page.body);
    expect(text).toMatch(/tabel \(csv\), \d+ besvarelser/);
    expect(text).toContain('udfyldt test, leder');
    expect(text).toContain('tom.yaml Tælles ikke med tom.yaml: the file is empty');
    expect(text).not.toContain('svar-002.yaml'); // problems name the sent file, not the kept one
  });

  it('refuses a file of a kind no reader takes, and keeps the rest', async () => {
    const response = await app.request({
      method: 'POST',
      url: '/w/lageret/svar',
      ...multipart([{ name: 'noter.docx', bytes: 'x' }]),
    });
    expect(response.statusCode).toBe(200);
    expect(pageText(response.body)).toContain('noter.docx: filtypen kan ikke læses');
    expect(keptFiles('lageret')).toHaveLength(3);
  });

  it('removes a file; a name that is not one of its answer files is 404', async () => {
    const response = await app.post('/w/lageret/svar/svar-002.yaml/fjern', {});
    expect(response.statusCode).toBe(303);
    expect(keptFiles('lageret')).toEqual(['svar-001.csv', 'svar-003.pdf']);
    for (const name of ['svar-002.yaml', '..%2Fworkshop.yaml', 'rettelser.yaml'])
      expect((await app.post(`/w/lageret/svar/${name}/fjern`, {})).statusCode, name).toBe(404);
    expect(existsSync(join(app.root, 'lageret', 'workshop.yaml'))).toBe(true);
  });

  it('a sent name with NUL or a path in it is only shown: the file is kept under the name the app chooses', async () => {
    await createWorkshop(app, 'navne');
    const yaml = readFileSync(fixture('eksempel-svar.yaml'));
    const response = await app.request({
      method: 'POST',
      url: '/w/navne/svar',
      ...multipart([
        { name: 'ny\u0000fil.yaml', bytes: yaml },
        { name: '..\\..\\workshop.yaml', bytes: yaml },
      ]),
    });
    expect(response.statusCode).toBe(303);
    expect(keptFiles('navne')).toEqual(['svar-001.yaml', 'svar-002.yaml']);
    expect(readdirSync(join(app.root, 'navne')).sort()).toEqual([
      'indstillinger.yaml',
      'modtaget.json',
      'svar',
      'workshop.yaml',
    ]);
    expect(loadWorkshop(join(app.root, 'navne', 'workshop.yaml'))).toEqual({});
  });

  it('a file over 200 MB is refused (413) and nothing of the request is kept', async () => {
    await createWorkshop(app, 'stor');
    const boundary = '----mus-big';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\nfirst\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.csv"\r\n\r\n`,
    );
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent === 0) this.push(head);
        if (sent < 201) {
          sent++;
          this.push(chunk);
        } else {
          this.push(Buffer.from(`\r\n--${boundary}--\r\n`));
          this.push(null);
        }
      },
    });
    const response = await app.request({
      method: 'POST',
      url: '/w/stor/svar',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(response.statusCode).toBe(413);
    expect(pageText(response.body)).toContain('Intet blev gemt');
    expect(readdirSync(answersOf('stor'))).toEqual([]);
  }, 60_000);

  it('more than 500 files in a workshop are refused (413), nothing kept', async () => {
    await createWorkshop(app, 'mange');
    for (let i = 0; i < 500; i++) writeFileSync(join(answersOf('mange'), `f${i}.csv`), 'x');
    const response = await app.request({
      method: 'POST',
      url: '/w/mange/svar',
      ...multipart([{ name: 'en-til.csv', bytes: 'x' }]),
    });
    expect(response.statusCode).toBe(413);
    expect(readdirSync(answersOf('mange'))).toHaveLength(500);
  });

  it('an upload cut off midway is not counted, and leaves no file behind', async () => {
    await createWorkshop(app, 'afbrudt');
    const live = await createApp({ root: app.root, contentDir: defaultContentDir, token });
    const url = new URL(await live.listen(0));
    try {
      const boundary = '----mus-cut';
      await new Promise<void>((resolve) => {
        const request = httpRequest({
          host: '127.0.0.1',
          port: url.port,
          method: 'POST',
          path: '/w/afbrudt/svar',
          headers: {
            host: url.host,
            origin: url.origin,
            cookie,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(10 * 1024 * 1024),
          },
        });
        request.on('error', () => resolve());
        request.write(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="halv.csv"\r\n\r\n`);
        request.write(Buffer.alloc(256 * 1024, 0x61), () =>
          setTimeout(() => {
            request.destroy();
            setTimeout(resolve, 1500);
          }, 300),
        );
      });
    } finally {
      await live.server.close();
    }
    expect(readdirSync(answersOf('afbrudt'))).toEqual([]);
  });

  it('Indtast et papirark: 20 rows of the five categories, saved as a responses file in svar/ that is counted', async () => {
    await createWorkshop(app, 'papir');
    const form = await app.get('/w/papir/indtast?gruppe=leader');
    expect(form.body.match(/type="radio" name="s\d+"/g)).toHaveLength(100);
    const answers: Record<string, string> = { group: 'leader' };
    for (let n = 1; n <= 20; n++) if (n !== 7) answers[`s${n}`] = String(n % 5);
    const saved = await app.post('/w/papir/indtast', answers);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/w/papir/indtast?gruppe=leader&gemt=svar-001.yaml');
    const text = readFileSync(join(answersOf('papir'), 'svar-001.yaml'), 'utf8');
    expect(text).toContain('leaders:\n  - ["Sjældent", "Af og til", "Oftest", "Altid", "Aldrig", "Sjældent", null,');
    expect(pageText((await app.get(saved.headers.location as string)).body)).toContain('Arket er gemt');
    const summary = pageText((await app.get('/w/papir/svar')).body);
    expect(summary).toContain('Ledere: 1 besvarelser · 1 ikke fuldt udfyldt');
    expect(summary).toContain('Medarbejdere: 0 besvarelser');
  });
});

describe('a file of one group without a role column', () => {
  it('is not counted until the facilitator says whose answers it holds; then as --leaders counts it, on the page and the posters', async () => {
    await createWorkshop(app, 'enegruppe');
    const upload = multipart([{ name: 'excel-ledere.csv', bytes: readFileSync(fixture('exports/excel-ledere.csv')) }]);
    expect((await app.request({ method: 'POST', url: '/w/enegruppe/svar', ...upload })).statusCode).toBe(303);
    const before = await app.get('/w/enegruppe/svar');
    expect(pageText(before.body)).toContain('excel-ledere.csv Tælles ikke med');
    expect(before.body).toContain('action="/w/enegruppe/svar/svar-001.csv/gruppe"');
    expect(before.body).toMatch(/<label for="gruppe-svar-001-csv">Hvis svar er i excel-ledere\.csv\?<\/label>/);
    // Only a group, or nothing (the file says it), and only a file of the workshop.
    expect((await app.post('/w/enegruppe/svar/svar-001.csv/gruppe', { group: 'boss' })).statusCode).toBe(404);
    expect((await app.post('/w/enegruppe/svar/svar-009.csv/gruppe', { group: 'leader' })).statusCode).toBe(404);
    expect((await app.post('/w/enegruppe/svar/svar-001.csv/gruppe', { group: 'leader' })).statusCode).toBe(303);
    // Stored beside the file's record, where the CLI-side folder keeps the names it was sent as.
    expect(JSON.parse(readFileSync(join(app.root, 'enegruppe', 'modtaget.json'), 'utf8'))).toEqual({
      'svar-001.csv': { sent: 'excel-ledere.csv', group: 'leader' },
    });
    const after = await app.get('/w/enegruppe/svar');
    expect(after.body).toContain('<option value="leader" selected>');
    const text = pageText(after.body);
    // fixtures/exports/expected.json: 4 leaders, 3 of them complete.
    expect(text).toContain('excel-ledere.csv tabel (csv), 4 besvarelser');
    expect(text).toContain('Ledere: 4 besvarelser · 1 ikke fuldt udfyldt');
    const result = await app.get('/w/enegruppe/resultat');
    expect(pageText(result.body)).toContain('4 besvarelser');
    const poster = await app.get('/w/enegruppe/plakater/resultatskema-leder.pdf');
    expect(poster.statusCode).toBe(200);
    expect((await pagesOfBytes(new Uint8Array(poster.rawPayload)))[0].text).toContain('Antal besvarelser: 4');
    // Back to "the file says": not counted again.
    expect((await app.post('/w/enegruppe/svar/svar-001.csv/gruppe', { group: '' })).statusCode).toBe(303);
    expect(pageText((await app.get('/w/enegruppe/svar')).body)).toContain('Ledere: 0 besvarelser');
  });
});

describe('Hent indtastningsark', () => {
  it('is a workbook with the header row and a drop-down of the categories in every answer cell; filled in, it is counted', async () => {
    await createWorkshop(app, 'indtast', { tilgang: '1', copies: '12' });
    const page = await app.get('/w/indtast/svar');
    expect(page.body).toContain('<a href="/w/indtast/indtastningsark.xlsx" download>Hent indtastningsark (xlsx)</a>');
    const response = await app.get('/w/indtast/indtastningsark.xlsx');
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toBe('attachment; filename="indtastningsark.xlsx"');
    const bytes = new Uint8Array(response.rawPayload);
    // The same workshop gives the same bytes.
    expect(Buffer.from((await app.get('/w/indtast/indtastningsark.xlsx')).rawPayload).equals(Buffer.from(bytes))).toBe(
      true,
    );
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    // One row per numbered copy (12), below the header: the role in A, statements 1–20 in B–U.
    expect(xml).toContain(
      '<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="A2:A13"><formula1>"leder,medarbejder"</formula1></dataValidation>',
    );
    expect(xml).toContain('sqref="B2:U13"><formula1>"Aldrig,Sjældent,Af og til,Oftest,Altid"</formula1>');
    expect(xml.indexOf('<dataValidations')).toBeGreaterThan(xml.indexOf('</sheetData>'));
    // Filled in as a student helper would: two leaders (one leaves statement 20), one employee.
    const XLSX = await import('@e965/xlsx');
    const book = XLSX.read(bytes, { type: 'array' });
    const sheet = book.Sheets[book.SheetNames[0]];
    expect(XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0]).toEqual([
      'Rolle',
      ...Array.from({ length: 20 }, (_, i) => `Udsagn ${i + 1}`),
    ]);
    const labels = ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid'];
    XLSX.utils.sheet_add_aoa(
      sheet,
      [
        ['leder', ...Array(20).fill('Altid')],
        ['leder', ...Array(19).fill('Aldrig')],
        ['medarbejder', ...Array.from({ length: 20 }, (_, i) => labels[i % 5])],
      ],
      { origin: 'A2' },
    );
    const filled = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const upload = multipart([
      { name: 'tom-skabelon.xlsx', bytes },
      { name: 'indtastet.xlsx', bytes: filled },
    ]);
    expect((await app.request({ method: 'POST', url: '/w/indtast/svar', ...upload })).statusCode).toBe(303);
    const text = pageText((await app.get('/w/indtast/svar')).body);
    expect(text).toContain('tom-skabelon.xlsx regneark, 0 besvarelser');
    expect(text).toContain('indtastet.xlsx regneark, 3 besvarelser');
    expect(text).toContain('Ledere: 2 besvarelser · 1 ikke fuldt udfyldt');
    expect(text).toContain('Medarbejdere: 1 besvarelser');
    // Points 1–5 (Aldrig–Altid): the employee has 4 × (1+2+3+4+5) = 60 points, in the band 41–60.
    const folder = readWorkshopFolder(app.root, 'indtast')!;
    const content = workshopContent(defaultContentDir, folder);
    const json = tallyJson(await tallySources({ file: join(answersOf('indtast'), 'svar-002.xlsx') }, content), content);
    expect(json.leaders.respondents).toBe(2);
    expect(json.leaders.statements[0].counts).toEqual([1, 0, 0, 0, 1]);
    expect(json.leaders.statements[19].counts).toEqual([0, 0, 0, 0, 1]);
    expect(json.leaders.statements[19].unanswered).toBe(1);
    expect(json.leaders.complete).toBe(1);
    expect(json.employees.bands.map((b: { count: number }) => b.count)).toEqual([0, 0, 1, 0, 0]);
    expect(json.employees.statements.map((s: { counts: number[] }) => s.counts.indexOf(1))).toEqual(
      Array.from({ length: 20 }, (_, i) => i % 5),
    );
  });
});

describe('problems in Danish, saying what to do (content/da/problems.yaml)', () => {
  it('a test printed to PDF, a sheet of one X per box and the workshop file are each named for what they are', async () => {
    await createWorkshop(app, 'problemer');
    // "Printed to PDF": the test's identity is kept, its answer fields are not.
    const doc = await PDFDocument.load(readFileSync(fixture('returned/pdftk-leder.pdf')), { updateMetadata: false });
    doc.getForm().flatten();
    const printed = await doc.save();
    const labels = ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid'];
    const header = Array.from({ length: 20 }, (_, i) => labels.map((l) => `${i + 1} ${l}`)).flat();
    const row = Array.from({ length: 20 }, () => labels.map((_, j) => (j === 2 ? 'X' : ''))).flat();
    const boxes = `${header.join(';')}\n${row.join(';')}\n`;
    const workshop = 'workplace: Lageret\nunit: Plukkerne\ndate: 12. marts\n';
    const upload = multipart([
      { name: 'printet-til-pdf.pdf', bytes: printed },
      { name: 'krydser.csv', bytes: boxes },
      { name: 'lageret.yaml', bytes: workshop },
    ]);
    expect((await app.request({ method: 'POST', url: '/w/problemer/svar', ...upload })).statusCode).toBe(303);
    const text = pageText((await app.get('/w/problemer/svar')).body);
    expect(text).toContain(
      'printet-til-pdf.pdf: svarene kan ikke læses, fordi testen er printet til PDF i stedet for gemt',
    );
    expect(text).toContain('Bed om den gemte fil (Gem eller Gem som i PDF-programmet), eller indtast arket');
    expect(text).toContain('krydser.csv: regnearket har en kolonne for hvert svarfelt');
    expect(text).toContain('Brug indtastningsarket ("Hent indtastningsark" under Svar)');
    expect(text).toContain('lageret.yaml:1:1: er workshoppens oplysninger (workshop.yaml), ikke svar.');
    expect(text).not.toContain('unknown key');
  });
});

describe('Gennemgang and Resultat without scans', () => {
  it('says there is nothing to look at, and nothing to count yet', async () => {
    await createWorkshop(app, 'tom');
    expect(pageText((await app.get('/w/tom/gennemgang')).body)).toContain('Der er ingen svar at se igennem.');
    expect(pageText((await app.get('/w/tom/resultat')).body)).toContain('Der er ingen svar at tælle endnu.');
    expect((await app.get('/w/tom/plakater.zip')).statusCode).toBe(404);
    expect((await app.get('/w/tom/gennemgang/0.png')).statusCode).toBe(404);
    expect((await app.post('/w/tom/gennemgang', { sheet: 'x', statement: '1', answer: '1' })).statusCode).toBe(404);
    expect(existsSync(join(answersOf('tom'), 'rettelser.yaml'))).toBe(false);
  });
});

describe('the workshops folder', () => {
  it('a folder put there by hand with a broken workshop.yaml is named with its problem, not a crash', async () => {
    const dir = join(app.root, 'haand');
    mkdirSync(join(dir, 'svar'), { recursive: true });
    writeFileSync(join(dir, 'workshop.yaml'), 'workplace: [1, 2]\n');
    const response = await app.get('/w/haand/materiale');
    expect(response.statusCode).toBe(400);
    expect(pageText(response.body)).toContain('Noget i filerne skal rettes');
  });
});
