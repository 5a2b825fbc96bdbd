// The two groups that take the test, and every word the program uses for them: in messages,
// in command-line flags, and the names readers accept for them in files (keys, sheet tab
// names, role cells). Code says `leader`/`employee` (the Group) everywhere; the words here
// are only what people read or type.

/** The two groups that take the test and get their own result poster. */
export type Group = 'leader' | 'employee';
export const groups: readonly Group[] = ['leader', 'employee'];

/** The group a respondent is not in. */
export const otherGroup = (group: Group): Group => (group === 'leader' ? 'employee' : 'leader');

/** A record with one group filled and the other empty (a list per group). */
export const onlyGroup = <T>(group: Group, items: T[]): Record<Group, T[]> =>
  group === 'leader' ? { leader: items, employee: [] } : { leader: [], employee: items };

interface GroupWords {
  /** The group in English messages: "leaders". */
  plural: string;
  /** Whose answers, in messages: "leaders'". */
  possessive: string;
  /** The command-line option that gives a file for this group alone. */
  flag: string;
}

export const groupWords: Readonly<Record<Group, GroupWords>> = {
  leader: { plural: 'leaders', possessive: "leaders'", flag: '--leaders' },
  employee: { plural: 'employees', possessive: "employees'", flag: '--employees' },
};

/** Top-level keys of a YAML/JSON responses file and the group each means (Danish aliases included). */
export const groupKeys: Readonly<Record<string, Group>> = {
  leaders: 'leader',
  employees: 'employee',
  ledere: 'leader',
  medarbejdere: 'employee',
};

/**
 * Names of a group in a table: a role column's cells and a spreadsheet tab's name, compared
 * after normalizing case and spacing. Danish and English, singular and plural.
 */
export const roleWords: Readonly<Record<string, Group>> = {
  leder: 'leader',
  ledere: 'leader',
  leader: 'leader',
  leaders: 'leader',
  medarbejder: 'employee',
  medarbejdere: 'employee',
  employee: 'employee',
  employees: 'employee',
};
