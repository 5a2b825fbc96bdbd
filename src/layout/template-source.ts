// What identifies a template's source for its precompiled form.
import { createHash } from 'node:crypto';

export const sourceHash = (source: string) => createHash('sha256').update(source).digest('hex').slice(0, 32);
