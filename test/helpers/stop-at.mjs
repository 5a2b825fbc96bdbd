// Loaded with `node --import` into a build that a test will SIGKILL at a moment it chooses,
// without a hook in the code under test: it wraps the file-system calls the output folder is
// replaced with, and before the Nth call of the kind MUS_TEST_STOP_AT names ("rename:3",
// "link:2") into a visible name of the folder, it says so on stderr and waits for the kill.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const [kind, nth] = (process.env.MUS_TEST_STOP_AT ?? '').split(':');
const calls = { rename: 'renameSync', link: 'linkSync' };
if (calls[kind] && Number(nth) > 0) {
  const real = fs[calls[kind]];
  let seen = 0;
  fs[calls[kind]] = function stoppable(from, to, ...rest) {
    // rename: a new file put in place; link: an old file kept aside (its target is hidden).
    const name = basename(String(to));
    const counted = kind === 'rename' ? !name.startsWith('.') && name.endsWith('.pdf') : true;
    if (counted && ++seen === Number(nth)) {
      fs.writeSync(2, `stopped before ${kind} ${seen}: ${basename(String(from))} -> ${basename(String(to))}\n`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // until the kill
    }
    return real.call(this, from, to, ...rest);
  };
  // `import { renameSync } from 'node:fs'` in the built code sees the wrapped function.
  syncBuiltinESMExports();
}
