// A panel of real generated, filled workbooks in a temporary folder, for the consensus, report and committee tests.
import * as fs from "fs";
import * as path from "path";
import type { RubricBundle, StageId } from "../../src/core";
import { vetoAnswerFor } from "../../src/core";
import { buildConsensusLayout, type ConsensusLayout, type InitialValues } from "../../src/workbook";
import { writeXlsx } from "../../src/xlsx";
import { bundle, generate, load, save } from "../helpers/workbooks";

export const ORG = "hebei-organization";

/** Every item at `level` (a fraction: 0.6 = 60 %), every veto 否, the declaration given, comments on two items. */
export function filled(b: RubricBundle, level: number | ((code: string) => number), _expert: string): InitialValues {
  const entries: NonNullable<InitialValues["entries"]> = {};
  b.rubric.items.forEach((i, k) => {
    const v = typeof level === "number" ? level : level(i.code);
    entries[i.code] = {
      value: b.rubric.scoring === "points" ? Math.round(i.points * v * 2) / 2 : v,
      strengths: k === 0 ? "高层领导亲自推动卓越绩效管理" : k === 1 ? "战略目标分解到各部门" : undefined,
      opportunities: k === 0 ? "质量文化的测量方法尚未系统化" : undefined,
    };
  });
  const vetoes: NonNullable<InitialValues["vetoes"]> = {};
  for (const v of b.rules.vetoes) vetoes[v.id] = { answer: vetoAnswerFor(v, false), note: "已核查" };
  return { entries, vetoes, declaration: { answer: "无利害关系" } };
}

/** Writes one expert's workbook; returns its path. */
export async function writeExpert(
  dir: string,
  applicant: string,
  stage: StageId,
  expert: string,
  level: number | ((code: string) => number),
  rubric = ORG,
): Promise<string> {
  const b = bundle(rubric);
  const { buffer } = await generate(rubric, { applicant, expert, stage }, filled(b, level, expert));
  const file = path.join(dir, `${applicant}_${stage}_${expert}.xlsx`);
  fs.writeFileSync(file, buffer);
  return file;
}

/** Types agreed values into a written consensus workbook, as the group leader would (ExcelJS, no recalculation). */
export async function fillConsensus(
  file: string,
  layout: ConsensusLayout,
  value: (code: string) => number | string | null,
  reason = "合议一致",
): Promise<void> {
  const wb = await load(fs.readFileSync(file));
  const ws = wb.getWorksheet(layout.map.sheet)!;
  for (const { code, row } of layout.map.items) {
    ws.getCell(`${layout.map.columns.input}${row}`).value = value(code);
    ws.getCell(`${layout.map.columns.reason}${row}`).value = reason;
  }
  fs.writeFileSync(file, await save(wb));
}

export { buildConsensusLayout, writeXlsx };
