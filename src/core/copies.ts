// The one decision between copies of one workbook (one expert's workbook for one applicant and stage returned twice,
// or one group's consensus workbook): the later save counts; at the same save time, the later file modification
// time; at the same of both, neither is newer — identical copies count once, differing ones count none, and every
// copy is named. `aggregate`, `round status` and the task pane all decide by this one function, and the result never
// depends on the order the files were given in or on their names.

/** What the decision looks at. */
export interface CopyTimes {
  file: string;
  /** When it was last saved (the workbook's own property, ISO time). */
  savedAt: string | null;
  /** The file's modification time (the file system's, or a picked file's lastModified; ISO time). */
  modifiedAt?: string | null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** > 0 when `a` is newer than `b`, < 0 when older, 0 when neither is (a missing time is older than any). */
export function compareCopies(a: CopyTimes, b: CopyTimes): number {
  return cmp(a.savedAt ?? "", b.savedAt ?? "") || cmp(a.modifiedAt ?? "", b.modifiedAt ?? "");
}

/**
 * The copies newest first: `top` the newest (several when none of them is newer than the others; by file name
 * within, so that messages list them alike every time), `older` the rest, newest first.
 */
export function newestCopies<T extends CopyTimes>(copies: readonly T[]): { top: T[]; older: T[] } {
  const sorted = [...copies].sort((x, y) => compareCopies(y, x) || cmp(x.file, y.file));
  const top = sorted.filter((x) => compareCopies(x, sorted[0]) === 0);
  return { top, older: sorted.filter((x) => !top.includes(x)) };
}
