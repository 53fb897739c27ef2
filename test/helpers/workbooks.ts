// Generating, filling and tampering with scoring workbooks in tests, the way a reviewer (or a forger) would.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { library, vetoAnswerFor, type RubricBundle } from "../../src/core";
import {
  buildLayout,
  type InitialValues,
  type Scalar,
  type WorkbookLayout,
  type WorkbookMeta,
} from "../../src/workbook";
import { writeXlsx } from "../../src/xlsx";

export function bundle(id: string): RubricBundle {
  const b = library().get(id);
  if (!b) throw new Error(`unknown rubric ${id}`);
  return b;
}

export function meta(over: Partial<WorkbookMeta> = {}): WorkbookMeta {
  return {
    applicant: "江门市某某制造有限公司",
    expert: "张三",
    stage: "material",
    mode: "native",
    createdAt: "2025-06-01T08:00:00.000Z",
    ...over,
  };
}

export async function generate(
  id: string,
  over: Partial<WorkbookMeta> = {},
  initial: InitialValues = {},
): Promise<{ layout: WorkbookLayout; buffer: Buffer }> {
  const layout = buildLayout(bundle(id), meta(over), initial);
  return { layout, buffer: await writeXlsx(layout) };
}

export function tmpDir(prefix = "scorebook-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

export async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Drops every cached formula result (as a program that writes inputs without calculating would leave them). */
export function clearCache(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) cell.value = { formula: cell.formula };
      }),
    ),
  );
}

const put = (ws: ExcelJS.Worksheet, ref: string, v: Scalar | undefined) => {
  if (v === undefined) return;
  ws.getCell(ref).value = v === "" ? null : v;
};

/** Types values into the input cells of a generated workbook, by item code / veto id, as a reviewer would. */
export async function fill(
  buffer: Buffer,
  layout: WorkbookLayout,
  values: InitialValues,
  opts: { keepCache?: boolean } = {},
): Promise<Buffer> {
  const wb = await load(buffer);
  const m = layout.map;
  const ws = wb.getWorksheet(m.scoring.sheet)!;
  for (const [code, e] of Object.entries(values.entries ?? {})) {
    const row = m.scoring.items.find((i) => i.code === code)!.row;
    put(ws, `${m.scoring.columns.input}${row}`, e.value);
    if (m.scoring.columns.band) put(ws, `${m.scoring.columns.band}${row}`, e.band);
    put(ws, `${m.scoring.columns.strengths}${row}`, e.strengths);
    put(ws, `${m.scoring.columns.opportunities}${row}`, e.opportunities);
  }
  const vs = wb.getWorksheet(m.vetoes.sheet)!;
  for (const [id, a] of Object.entries(values.vetoes ?? {})) {
    const row = m.vetoes.rows.find((r) => r.id === id)!.row;
    put(vs, `${m.vetoes.columns.answer}${row}`, a.answer);
    put(vs, `${m.vetoes.columns.note}${row}`, a.note);
  }
  if (m.bonus) {
    const bs = wb.getWorksheet(m.bonus.sheet)!;
    for (const [id, a] of Object.entries(values.bonus ?? {})) {
      const row = m.bonus.rows.find((r) => r.id === id)!.row;
      put(bs, `${m.bonus.columns.answer}${row}`, a.answer);
      put(bs, `${m.bonus.columns.note}${row}`, a.note);
    }
  }
  const cs = wb.getWorksheet(m.cover.sheet)!;
  if (values.declaration) {
    put(cs, m.cover.declaration, values.declaration.answer);
    put(cs, m.cover.declarationNote, values.declaration.note);
  }
  if (!opts.keepCache) clearCache(wb);
  return save(wb);
}

/** A small seeded random generator (mulberry32), so that a failing random fill can be reproduced. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Random allowed values for every item (maturity fractions 0–1 in steps, or points in steps), every veto answered. */
export function randomValid(b: RubricBundle, r: () => number, opts: { bands?: boolean } = {}): InitialValues {
  const entries: NonNullable<InitialValues["entries"]> = {};
  for (const item of b.rubric.items) {
    if (b.rubric.scoring === "points") {
      const step = b.rubric.pointsStep ?? 0.5;
      entries[item.code] = { value: Math.floor(r() * (item.points / step + 1)) * step };
    } else {
      const pct = Math.floor(r() * (100 / b.scale.step + 1)) * b.scale.step;
      const band = b.scale.bands.find((x) => pct >= x.min && pct <= x.max)!.band;
      entries[item.code] = { value: pct / 100, band: opts.bands && r() < 0.5 ? band : undefined };
    }
  }
  const vetoes: NonNullable<InitialValues["vetoes"]> = {};
  for (const v of b.rules.vetoes) vetoes[v.id] = { answer: vetoAnswerFor(v, r() < 0.1), note: "核查申报材料" };
  return { entries, vetoes, declaration: { answer: "无利害关系" } };
}

/** A mix of allowed, missing and invalid entries of every kind the reviewer might type. */
export function randomMixed(b: RubricBundle, r: () => number): InitialValues {
  const entries: NonNullable<InitialValues["entries"]> = {};
  for (const item of b.rubric.items) {
    if (b.rubric.scoring === "points") {
      const max = item.points;
      entries[item.code] = {
        value: pick(r, [max / 2, max, 0, "", max + 1, 12.3, "25分", "abc", -1, `${max - 0.5}`, " 7.5 "] as Scalar[]),
      };
    } else {
      const bad: Scalar[] = ["", 0.47, 1.05, -0.05, "高", "45%", " 45 % ", "0.35", "60", 1, 0, 0.05, 45, 0.475];
      const value = r() < 0.5 ? Math.floor(r() * 21) * 0.05 : pick(r, bad);
      const band = pick(r, [undefined, undefined, 1, 3, 6, "第4档", "x", 9] as (Scalar | undefined)[]);
      entries[item.code] = { value: typeof value === "number" ? Math.round(value * 1e6) / 1e6 : value, band };
    }
  }
  const vetoes: NonNullable<InitialValues["vetoes"]> = {};
  for (const v of b.rules.vetoes)
    vetoes[v.id] = { answer: pick(r, [vetoAnswerFor(v, true), vetoAnswerFor(v, false), vetoAnswerFor(v, false), ""]) };
  return { entries, vetoes };
}
