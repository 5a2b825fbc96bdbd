// The separator sniff reads only the header when the header alone decides; it must choose
// exactly what scoring the first 50 rows under every separator chooses (kept here as the
// reference), on random heads with blank rows, quoted separators and headers of every kind.
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { createHeaderMatcher, type HeaderMatcher } from '../src/responses/readers/table/columns.js';
import { sniffDialect } from '../src/responses/readers/csv/dialect.js';
import { repoRoot } from './helpers/cli.js';
import { seededRandom } from './helpers/random.js';

const content = loadContent(join(repoRoot, 'content/da'));
const matcher = createHeaderMatcher(content.numbered);

/** The sniff as it was: score the first 50 rows under each separator, the first best wins. */
function referenceSniff(headText: string, matcher: HeaderMatcher): { delimiter: string; byHeader: boolean } {
  let best = { delimiter: ';', score: [-1] };
  const named: number[] = [];
  for (const delimiter of [';', ',', '\t']) {
    const records: string[][] = [];
    try {
      parse(headText, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        on_record: (record: string[]) => {
          if (records.length < 50) records.push(record);
          return undefined;
        },
      });
    } catch {
      // as the sniff: the records before an error count
    }
    const rows = records.filter((r) => r.some((cell) => cell.trim() !== ''));
    const header = rows[0] ?? [];
    const matches = header.filter((cell) => matcher.read(cell) !== undefined).length;
    const even = rows.slice(1).filter((r) => r.length === header.length).length;
    const columns = header.length > 1 ? header.length : 0;
    const score = [matches, columns > 0 ? 1 : 0, even, columns];
    named.push(matches);
    const better = score.findIndex((v, i) => v !== best.score[i]);
    if (better !== -1 && score[better] > (best.score[better] ?? -1)) best = { delimiter, score };
  }
  const most = Math.max(...named);
  return { delimiter: best.delimiter, byHeader: most > 0 && named.filter((n) => n === most).length === 1 };
}

describe('sniffing the separator', () => {
  it('chooses what scoring the first rows chooses, on random heads', () => {
    const { next, pick } = seededRandom(11);
    const headers = [
      'Id',
      'Navn',
      'Rolle',
      'Udsagn 3',
      'Q7',
      '12',
      content.numbered[4].leader,
      `"Udsagn 1;Udsagn 2"`,
      `"Q4,Q5"`,
      '',
      'Kommentar',
    ];
    const cells = ['Aldrig', 'Altid', '3', '', '"a;b"', '"c,d"', '"e\tf"', 'x'];
    const chosen = new Map<string, number>();
    for (let round = 0; round < 300; round++) {
      const delimiter = pick([';', ',', '\t']);
      const row = (from: readonly string[]) =>
        Array.from({ length: Math.floor(next() * 8) }, () => pick(from)).join(
          pick([delimiter, delimiter, delimiter, ';', ',']),
        );
      const lines = [...Array.from({ length: Math.floor(next() * 3) }, () => ''), row(headers)];
      for (let i = Math.floor(next() * 60); i > 0; i--) lines.push(next() < 0.1 ? '' : row(cells));
      const head = lines.join(pick(['\n', '\r\n']));
      const expected = referenceSniff(head, matcher);
      expect(sniffDialect(head, 'utf-8', matcher).delimiter, JSON.stringify(head.slice(0, 200))).toBe(
        expected.delimiter,
      );
      const kind = `${expected.byHeader ? 'header' : 'rows'} ${expected.delimiter}`;
      chosen.set(kind, (chosen.get(kind) ?? 0) + 1);
    }
    // Each separator must have been chosen often, by the header alone and by the rows, or the comparison proves little.
    for (const delimiter of [';', ',', '\t']) {
      expect(chosen.get(`header ${delimiter}`) ?? 0).toBeGreaterThan(15);
      expect(chosen.get(`rows ${delimiter}`) ?? 0).toBeGreaterThan(15);
    }
  });
});
