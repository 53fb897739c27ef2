// Writing the command line's output files safely: the output is never one of the inputs (compared by real path and
// by file identity, so a symlinked alias or a hard link of an input is caught), a returned scoring workbook is never
// replaced, and the existence check is the write itself (a temporary file linked into place: link fails if the
// name exists), so two runs writing the same new file cannot both succeed.
import { randomBytes } from "crypto";
import * as fsSync from "fs";
import { promises as fs } from "fs";
import * as path from "path";
import { nodeInflate } from "../aggregate/read";
import { interpret, readMeta, SHEET } from "../workbook";
import { FORMAT_ID } from "../workbook/labels";
import { readZipWorkbook } from "../xlsx/zip-cells";
import { zipSource } from "../xlsx/zip-source";

/** Why an output cannot be written: a usage error (exit 2), in Chinese with English beside it. */
export class OutputRefused extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
    this.name = "OutputRefused";
  }
  get text(): string {
    return `${this.zh} (${this.en})`;
  }
}

/** The real path a file has or would have: its own when it exists, else its folder's real path and its name. */
export function realTarget(file: string): string {
  const abs = path.resolve(file);
  try {
    return fsSync.realpathSync.native(abs);
  } catch {
    try {
      return path.join(fsSync.realpathSync.native(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

const identity = (file: string): string | null => {
  try {
    const st = fsSync.statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
};

/** The input `output` would overwrite (same real path or same file through a hard link), or null. */
export function inputAt(output: string, inputs: readonly string[]): string | null {
  const target = realTarget(output);
  const id = identity(output);
  for (const f of inputs) if (realTarget(f) === target || (id !== null && identity(f) === id)) return f;
  return null;
}

/**
 * What is at `file` now: nothing, a Scorebook scoring workbook (filled: any input given), or something else. Read
 * through the guarded lean reader; a file that cannot be read as a workbook is "other".
 */
export async function existingKind(file: string): Promise<"none" | "scoring-blank" | "scoring-filled" | "other"> {
  let data: Buffer;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return "other";
    data = await fs.readFile(file);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "none" : "other";
  }
  try {
    const wb = await readZipWorkbook(data, { inflateRaw: nodeInflate, sheets: (n) => n !== SHEET.guide });
    const source = zipSource(wb, file);
    if (readMeta(source)?.format !== FORMAT_ID) return "other";
    const r = interpret(source);
    const filled =
      r.scored > 0 ||
      r.items.some((i) => i.input !== null && i.input !== "") ||
      r.vetoes.some((v) => v.answer !== null) ||
      r.bonus.some((b) => b.confirmed) ||
      r.declaration.answer !== null;
    return filled ? "scoring-filled" : "scoring-blank";
  } catch {
    return "other";
  }
}

/**
 * Writes `data` to `file`. Without `force` the name must not exist at the moment of writing (link is atomic: of two
 * runs, one gets EEXIST). With `force` an existing file is replaced in one rename, never left half-written.
 * `protect` decides whether what is there may be replaced (checked again right before the rename).
 */
export async function writeOutput(
  file: string,
  data: Uint8Array,
  opts: { force?: boolean; protect?: (kind: Awaited<ReturnType<typeof existingKind>>) => OutputRefused | null } = {},
): Promise<void> {
  const abs = path.resolve(file);
  // A short name of its own: the output's name may already be near the 255-byte limit.
  const tmp = path.join(path.dirname(abs), `.scorebook-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  const exists = () =>
    new OutputRefused(
      `文件已存在：${file}（不会覆盖；如需覆盖请加 --force）`,
      `file exists: ${file}; use --force to overwrite`,
    );
  try {
    await fs.writeFile(tmp, data, { flag: "wx" });
  } catch (e) {
    throw writeError(file, e);
  }
  try {
    if (!opts.force) {
      try {
        await fs.link(tmp, abs);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST") throw exists();
        if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "ENOSYS") throw writeError(file, e);
        // A file system without hard links: exclusive create is still atomic with the existence check.
        try {
          await fs.writeFile(abs, data, { flag: "wx" });
        } catch (e2) {
          throw (e2 as NodeJS.ErrnoException).code === "EEXIST" ? exists() : writeError(file, e2);
        }
      }
    } else {
      const refused = opts.protect?.(await existingKind(abs));
      if (refused) throw refused;
      try {
        await fs.rename(tmp, abs);
      } catch (e) {
        throw writeError(file, e);
      }
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

function writeError(file: string, e: unknown): OutputRefused {
  if (e instanceof OutputRefused) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT")
    return new OutputRefused(`无法写入 ${file}：文件夹不存在`, `cannot write ${file}: no such folder`);
  if (code === "ENAMETOOLONG")
    return new OutputRefused(`无法写入 ${file}：文件名过长`, `cannot write ${file}: the file name is too long`);
  return new OutputRefused(
    `无法写入 ${file}：${(e as Error).message}`,
    `cannot write ${file}: ${(e as Error).message}`,
  );
}
