// Where answers come from: one responses file holding both groups, or a file per group.
// This is the single entry point the commands use; each file format has its reader.
import { extname } from 'node:path';
import type { Group } from '../content/model.js';
import { UserError } from '../errors.js';
import { readResponses, type ResponsesContent } from './read.js';
import type { Respondent, Responses } from './types.js';

export interface ResponseSources {
  /** A file with both groups (YAML/JSON with leaders/employees keys). */
  file?: string;
  /** A file holding only leaders' answers. */
  leaders?: string;
  /** A file holding only employees' answers. */
  employees?: string;
}

/** Reads a whole-responses file by its format. New formats register here. */
type Reader = (file: string, content: ResponsesContent) => Responses;
const readers: Record<string, Reader> = {
  '.yaml': readResponses,
  '.yml': readResponses,
  '.json': readResponses,
};

function readerFor(file: string): Reader {
  return readers[extname(file).toLowerCase()] ?? readResponses;
}

/** Reads a file given for one group; a file with the other group's key in it is an error. */
function readGroupFile(file: string, group: Group, content: ResponsesContent): Respondent[] {
  const responses = readerFor(file)(file, content);
  const other: Group = group === 'leader' ? 'employee' : 'leader';
  if (responses[other].length > 0 && responses[group].length === 0) {
    throw new UserError({ file, message: `holds ${other === 'leader' ? 'leaders' : 'employees'}' answers, but was given as --${group === 'leader' ? 'leaders' : 'employees'}` });
  }
  return [...responses[group], ...responses[other]];
}

export function hasResponses(sources: ResponseSources): boolean {
  return Boolean(sources.file || sources.leaders || sources.employees);
}

export function readResponseSources(sources: ResponseSources, content: ResponsesContent): Responses {
  const result: Responses = sources.file ? readerFor(sources.file)(sources.file, content) : { leader: [], employee: [] };
  for (const [group, file] of [['leader', sources.leaders], ['employee', sources.employees]] as const) {
    if (!file) continue;
    if (result[group].length > 0) {
      throw new UserError({ file, message: `${group === 'leader' ? 'leaders' : 'employees'} are given twice (also in ${sources.file})` });
    }
    result[group] = readGroupFile(file, group, content);
  }
  return result;
}
