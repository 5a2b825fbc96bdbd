// The floor for a tally: a process that only reads the file in chunks and counts its
// lines. A tally cannot be cheaper than reading its input once.
import { closeSync, openSync, readSync } from 'node:fs';

const file = process.argv[2];
if (!file) throw new Error('usage: node read-floor.js FILE');
const fd = openSync(file, 'r');
const buffer = Buffer.allocUnsafe(1 << 20);
let lines = 0;
for (let n: number; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
  for (let i = buffer.indexOf(10); i !== -1 && i < n; i = buffer.indexOf(10, i + 1)) lines++;
}
closeSync(fd);
process.stdout.write(`${lines}\n`);
