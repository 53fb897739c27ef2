// What a reviewer has entered in a scoring set, read through the layout's map: the input cells only. Used by the
// in-memory workbook to recompute its formula results with the engine (buildLayout with these initial values gives
// every formula's result), and by Finish to know which cells to lock.
import type { CellSource, CellValue } from "../workbook/source";
import type { InitialValues, Scalar, WorkbookLayout } from "../workbook/types";
import { columnRuns } from "./ranges";

function scalar(v: CellValue): Scalar {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  return v.error;
}

function text(v: CellValue): string {
  const s = scalar(v);
  return s === null ? "" : String(s);
}

/** The reviewer's entries of a set (seen under canonical sheet names) at the positions the layout gives. */
export function readInitial(source: CellSource, layout: WorkbookLayout): InitialValues {
  const m = layout.map;
  const sc = m.scoring;
  const entries: NonNullable<InitialValues["entries"]> = {};
  for (const { code, row } of sc.items) {
    entries[code] = {
      value: scalar(source.value(sc.sheet, `${sc.columns.input}${row}`)),
      band: sc.columns.band ? scalar(source.value(sc.sheet, `${sc.columns.band}${row}`)) : null,
      strengths: text(source.value(sc.sheet, `${sc.columns.strengths}${row}`)),
      opportunities: text(source.value(sc.sheet, `${sc.columns.opportunities}${row}`)),
    };
  }
  const vetoes: NonNullable<InitialValues["vetoes"]> = {};
  for (const { id, row } of m.vetoes.rows)
    vetoes[id] = {
      answer: scalar(source.value(m.vetoes.sheet, `${m.vetoes.columns.answer}${row}`)),
      note: text(source.value(m.vetoes.sheet, `${m.vetoes.columns.note}${row}`)),
    };
  const bonus: NonNullable<InitialValues["bonus"]> = {};
  if (m.bonus)
    for (const { id, row } of m.bonus.rows)
      bonus[id] = {
        answer: scalar(source.value(m.bonus.sheet, `${m.bonus.columns.answer}${row}`)),
        note: text(source.value(m.bonus.sheet, `${m.bonus.columns.note}${row}`)),
      };
  return {
    entries,
    vetoes,
    bonus,
    declaration: {
      answer: scalar(source.value(m.cover.sheet, m.cover.declaration)),
      note: text(source.value(m.cover.sheet, m.cover.declarationNote)),
    },
  };
}

/** Finish: every sheet of a (renamed) layout that the layout protects, with its input cells to lock first. */
export function finishRequests(
  layout: WorkbookLayout,
): { sheet: string; protection: NonNullable<WorkbookLayout["sheets"][number]["protection"]>; lock: string[] }[] {
  return layout.sheets
    .filter((s) => s.protection !== null)
    .map((s) => ({
      sheet: s.name,
      protection: s.protection!,
      lock: columnRuns(s.cells.filter((c) => c.locked === false).map((c) => c.ref)),
    }));
}
