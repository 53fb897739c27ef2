// What the command line's writers ask before replacing a file: what is there now (a returned scoring workbook is never
// replaced). The writing itself is the one door out, src/output (identity checks, temp + rename, all or nothing).
import { promises as fs } from "fs";
import { nodeInflate } from "../aggregate/read";
import { CONSENSUS_SHEET, interpret, isConsensusSource, readMeta, SHEET } from "../workbook";
import { FORMAT_ID } from "../workbook/labels";
import { readZipWorkbook } from "../xlsx/zip-cells";
import { zipSource } from "../xlsx/zip-source";

export { inputAt, OutputRefused, writeOutput, writeOutputs } from "../output";

export type ExistingKind = "none" | "scoring-blank" | "scoring-filled" | "consensus" | "other";

/**
 * What is at `file` now: nothing, a Scorebook scoring workbook (filled: any input given), or something else. Read
 * through the guarded lean reader; a file that cannot be read as a workbook is "other".
 */
export async function existingKind(file: string): Promise<ExistingKind> {
  let data: Buffer;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return "other";
    data = await fs.readFile(file);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "none" : "other";
  }
  try {
    // The sheet names first (no cells): a file without a scoring or consensus workbook's metadata sheet (a summary
    // being replaced with --force, another spreadsheet) is "other" without parsing its cells.
    const names = (await readZipWorkbook(data, { inflateRaw: nodeInflate, sheets: () => false })).sheets.map(
      (x) => x.name,
    );
    if (!names.includes(SHEET.meta) && !names.includes(CONSENSUS_SHEET.meta)) return "other";
    const wb = await readZipWorkbook(data, { inflateRaw: nodeInflate, sheets: (n) => n !== SHEET.guide });
    const source = zipSource(wb, file);
    if (isConsensusSource(source)) return "consensus";
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
