// Reading the secretariat's roster file (名单): a .csv (UTF-8 with or without BOM, or GB18030 as Chinese Excel
// saves "CSV") or an .xlsx (first visible sheet), into rows for parseRoster (src/core/roster.ts). The file is only read.
import { promises as fs } from "fs";
import { parseRoster, type RosterEntry, type RosterProblem } from "../core";
import { rosterRows } from "../summary/roster-file";
import { nodeInflate } from "./read";

export { csvRows, decodeText } from "../summary/roster-file";

/** The roster cannot be read at all (a usage error for the command line, unlike a bad row). */
export class RosterFileError extends Error {
  constructor(
    readonly file: string,
    readonly zh: string,
  ) {
    super(zh);
    this.name = "RosterFileError";
  }
}

export interface Roster {
  file: string;
  entries: RosterEntry[];
  problems: RosterProblem[];
}

export async function readRosterFile(file: string): Promise<Roster> {
  let data: Buffer;
  try {
    // A FIFO or device would block or never end: only a regular file of sane size is read.
    const st = await fs.stat(file);
    if (!st.isFile()) throw new RosterFileError(file, `名单文件 ${file} 不是普通文件，未读取`);
    if (st.size > 20 * 1024 * 1024)
      throw new RosterFileError(
        file,
        `名单文件 ${file} 过大（${(st.size / 1048576).toFixed(1)} MB，上限 20 MB），未读取`,
      );
    data = await fs.readFile(file);
  } catch (e) {
    if (e instanceof RosterFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new RosterFileError(
      file,
      code === "ENOENT" ? `名单文件不存在：${file}` : `无法读取名单文件 ${file}（${(e as Error).message}）`,
    );
  }
  const read = await rosterRows(data, file, nodeInflate);
  if ("error" in read) throw new RosterFileError(file, read.error.zh);
  const rows = read.rows;
  const { entries, problems } = parseRoster(rows, file);
  return { file, entries, problems };
}
