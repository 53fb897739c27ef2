// Which files to aggregate: files given one by one, and folders walked recursively for .xlsx workbooks. Nothing is
// skipped silently: a file given by name that is not an .xlsx, and every other file found in a folder (Excel's
// ~$ lock files, documents, images …), is reported as a problem with its name.
import * as fsSync from "fs";
import { promises as fs } from "fs";
import * as path from "path";
import { msg, sheetProblem, type Message } from "../core";
import type { FileProblem } from "./read";

export interface Inputs {
  /** The workbooks to read, in a stable order: as given, folders sorted by path. */
  files: string[];
  /** Files not read, with the reason. */
  skipped: FileProblem[];
  /** Paths that do not exist (a usage error for the command line). */
  missing: string[];
}

const isWorkbook = (name: string) => path.extname(name).toLowerCase() === ".xlsx";

function skipReason(name: string): Message {
  if (name.startsWith("~$")) return msg.skipped("lock");
  const ext = path.extname(name).toLowerCase();
  if (ext === ".xls") return msg.skipped("xls");
  if (ext === ".xlsm" || ext === ".xlsb") return msg.skipped("macro", ext);
  return msg.skipped("other");
}

/**
 * Collects the workbooks named by paths. `exclude` (e.g. the summary being written) is left out without a word;
 * the same file reached twice is read once.
 */
export async function collectInputs(paths: readonly string[], exclude: readonly string[] = []): Promise<Inputs> {
  const files: string[] = [];
  const skipped: FileProblem[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const excluded = new Set(exclude.map((e) => path.resolve(e)));
  const visitedDirs = new Set<string>();
  const real = (p: string) => {
    try {
      return fsSync.realpathSync.native(p);
    } catch {
      return path.resolve(p);
    }
  };

  const addFile = (file: string, explicit: boolean): void => {
    const key = real(file);
    if (seen.has(key) || excluded.has(path.resolve(file)) || excluded.has(key)) return;
    seen.add(key);
    const name = path.basename(file);
    if (isWorkbook(name) && !name.startsWith("~$")) files.push(file);
    else skipped.push(sheetProblem(file, explicit && !name.startsWith("~$") ? msg.skipped("named") : skipReason(name)));
  };

  const walk = async (dir: string): Promise<void> => {
    const key = real(dir);
    if (visitedDirs.has(key)) return; // a link back up the tree
    visitedDirs.add(key);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push(sheetProblem(dir, msg.unreadableFolder((e as Error).message)));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const st = await fs.stat(p).catch(() => null);
        if (!st) {
          const target = await fs.readlink(p).catch(() => "?");
          skipped.push(sheetProblem(p, msg.danglingLink(target)));
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (isDir) await walk(p);
      else if (isFile) addFile(p, false);
      else
        // A FIFO, socket or device (whatever its name): never opened (a FIFO would block the run), but named.
        skipped.push(sheetProblem(p, msg.specialFile()));
    }
  };

  for (const p of paths) {
    const st = await fs.stat(p).catch(() => null);
    if (!st) missing.push(p);
    else if (st.isDirectory()) await walk(p);
    else addFile(p, true);
  }
  return { files, skipped, missing };
}
