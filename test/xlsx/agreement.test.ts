// Agreement between the native workbook formulas and the engine, both ways (the acceptance property of issue #10):
// random inputs of every form a reviewer may type — numbers in the percent cell, full-width digits and ％, spaces of
// every kind, text with and without "%", out-of-range, off-step, unreadable text, typed bands — are
// written into native workbooks of every rubric and recalculated by LibreOffice. Every item score, state and check
// text, every subtotal, the total, the counts and the status must equal the engine's evaluation, and `score` must
// find no tampering and no stale value in the recalculated files. SCOREBOOK_SEED=<n> replays a run.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { evaluateSet, library, toNumber, vetoAnswerFor, type RubricBundle } from "../../src/core";
import { interpret, type InitialValues, type Scalar, type WorkbookLayout } from "../../src/workbook";
import { readXlsx } from "../../src/xlsx";
import { describeWithLibreOffice, recalc } from "../helpers/libreoffice";
import { bundle, fill, generate, load, rng, tmpDir } from "../helpers/workbooks";

const FULL = "０１２３４５６７８９";
const full = (s: string) =>
  s.replace(/[0-9%.+-]/g, (c) =>
    c >= "0" && c <= "9" ? FULL[Number(c)] : { "%": "％", ".": "．", "+": "＋", "-": "－" }[c]!,
  );
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const SPACES = [" ", "\u00a0", "\u3000", "\n"];

/** A number written the ways a reviewer may type it: as is, full-width, with spaces around or inside. */
function typed(r: () => number, n: string): string {
  const sp = () => pick(r, SPACES);
  switch (Math.floor(r() * 6)) {
    case 0:
      return n;
    case 1:
      return full(n);
    case 2:
      return `${sp()}${n}${sp()}`;
    case 3:
      return `${sp()}${full(n)}${sp()}`;
    case 4:
      return n.replace(/(\d)(?=\D|$)/, `$1${sp()}`);
    default:
      return [...n].map((c) => (r() < 0.5 ? full(c) : c)).join("");
  }
}

/** Text no spreadsheet formula reads as the engine would, or that the engine must reject. */
const JUNK = [
  "高",
  "5-",
  "1e1",
  "45%%",
  "%",
  ".",
  "+",
  "㊺",
  "\u200345",
  "1,5",
  "45％5",
  "--5",
  "4 5 .5",
  "0x10",
  "第3档",
];

function maturityValue(b: RubricBundle, r: () => number): Scalar {
  const step = b.scale.step;
  const onStep = Math.floor(r() * (100 / step + 1)) * step;
  const any = pick(r, [onStep, onStep, onStep + 1, onStep + 2.5, 105, 150, 200, 500, -5, 0, 100, 1]);
  const roll = r();
  if (roll < 0.08) return "";
  if (roll < 0.12) return pick(r, SPACES.concat(["  ", "\u3000\u3000"]));
  if (roll < 0.35) return Math.round((any / 100) * 1e6) / 1e6; // a number in the percent cell: a fraction
  if (roll < 0.55) return typed(r, `${any}%`);
  if (roll < 0.7) return typed(r, String(any));
  if (roll < 0.8) return typed(r, String(Math.round(any * 1e4) / 1e6)); // "0.45" read as a fraction
  if (roll < 0.85) return typed(r, pick(r, [`+${any}%`, `${any}.`, `.${any}`, `-${any}%`, `0${any}`]));
  if (roll < 0.88) return pick(r, ["\t45%", "4\t5"]); // a tab: unreadable for both
  return pick(r, JUNK);
}

function bandValue(b: RubricBundle, r: () => number): Scalar | undefined {
  const n = b.scale.bands.length;
  const k = 1 + Math.floor(r() * n);
  const roll = r();
  if (roll < 0.5) return undefined;
  if (roll < 0.7) return k;
  if (roll < 0.85) return typed(r, pick(r, [String(k), `第${k}档`, `${k}档`]));
  return pick(r, ["x", 9, 0, "2.0", 2.5, "第档", " ", "３ 档"] as Scalar[]);
}

function pointsValue(r: () => number, max: number, step: number): Scalar {
  const onStep = Math.floor(r() * (max / step + 1)) * step;
  const any = pick(r, [onStep, onStep, onStep + 0.3, max + step, max * 2, -step, 0, max]);
  const roll = r();
  if (roll < 0.08) return "";
  if (roll < 0.11) return pick(r, SPACES);
  if (roll < 0.4) return any;
  if (roll < 0.65) return typed(r, String(any));
  if (roll < 0.8) return typed(r, `${any}分`);
  if (roll < 0.85) return typed(r, pick(r, [`+${any}`, `${any}.`, `0${any}`]));
  if (roll < 0.88) return pick(r, ["\t5", "5\t"]);
  return pick(r, JUNK.concat(["5%", "分", "7.5分分"]));
}

function randomInputs(b: RubricBundle, r: () => number): InitialValues {
  const entries: NonNullable<InitialValues["entries"]> = {};
  const step = b.rubric.pointsStep ?? 0.5;
  for (const item of b.rubric.items)
    entries[item.code] =
      b.rubric.scoring === "maturity"
        ? { value: maturityValue(b, r), band: bandValue(b, r) }
        : { value: pointsValue(r, item.points, step) };
  const vetoes: NonNullable<InitialValues["vetoes"]> = {};
  for (const v of b.rules.vetoes)
    vetoes[v.id] = { answer: pick(r, [vetoAnswerFor(v, false), vetoAnswerFor(v, false), vetoAnswerFor(v, true), ""]) };
  return { entries, vetoes, declaration: { answer: "无利害关系" } };
}

interface Case {
  id: string;
  seed: number;
  layout: WorkbookLayout;
  values: InitialValues;
  file: string;
  out?: string;
}

/** Workbooks per rubric; all of them go through one soffice call. */
const FILLS = Number(process.env.SCOREBOOK_FILLS ?? 2);

describeWithLibreOffice("native formulas and the engine agree on every input form (LibreOffice, all rubrics)", () => {
  const cases: Case[] = [];

  beforeAll(async () => {
    const dir = tmpDir();
    const seedBase = Number(process.env.SCOREBOOK_SEED ?? Date.now() % 1_000_000);
    for (const [k, id] of library()
      .rubrics.map((x) => x.id)
      .entries()) {
      for (let f = 0; f < FILLS; f++) {
        const seed = seedBase + k * FILLS + f;
        const { layout, buffer } = await generate(id, { mode: "native", applicant: `申报单位${k}` });
        const values = randomInputs(bundle(id), rng(seed));
        const file = path.join(dir, `${id}-${f}.xlsx`);
        fs.writeFileSync(file, await fill(buffer, layout, values));
        cases.push({ id, seed, layout, values, file });
      }
    }
    const res = recalc(
      cases.map((c) => c.file),
      path.join(dir, "out"),
    );
    cases.forEach((c, i) => (c.out = res.outputs[i]));
  }, 300_000);

  it("every item score, state and check, every subtotal, the total, counts and status equal the engine's", async () => {
    for (const c of cases) {
      const b = bundle(c.id);
      const ev = evaluateSet(b, c.values);
      const wb = await load(fs.readFileSync(c.out!));
      const m = c.layout.map.scoring;
      const ws = wb.getWorksheet(m.sheet)!;
      const shown = (ref: string): ExcelJS.CellValue => {
        const cell = ws.getCell(ref);
        const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
        return v === undefined || v === null ? "" : v;
      };
      const got: unknown[] = [];
      const want: unknown[] = [];
      for (const it of m.items) {
        const e = ev.items.find((i) => i.code === it.code)!;
        const input = c.values.entries![it.code];
        const what = `${c.id} seed ${c.seed} ${it.code} input ${JSON.stringify(input.value)} band ${JSON.stringify(input.band ?? null)}`;
        const score = shown(`${m.columns.score}${it.row}`);
        got.push([
          what,
          shown(`${m.columns.state}${it.row}`),
          shown(`${m.columns.check}${it.row}`),
          score === "" ? "" : Number((score as number).toFixed(9)),
        ]);
        want.push([what, e.status, e.check, e.score === null ? "" : Number(toNumber(e.score).toFixed(9))]);
      }
      for (const cat of m.categories) {
        got.push([c.id, cat.code, Number((shown(`${m.columns.score}${cat.row}`) as number).toFixed(9))]);
        want.push([c.id, cat.code, Number(toNumber(ev.categories.find((x) => x.code === cat.code)!.score).toFixed(9))]);
      }
      got.push([
        c.id,
        "total",
        Number((shown(m.total) as number).toFixed(9)),
        shown(m.missing),
        shown(m.invalid),
        shown(m.status),
      ]);
      want.push([
        c.id,
        "total",
        Number(toNumber(ev.total).toFixed(9)),
        ev.missing.length,
        ev.invalid.length,
        ev.status,
      ]);
      expect(got).toEqual(want);
    }
  });

  it("score reads every recalculated file with no tampering and no stale value, and the engine's figures", async () => {
    for (const c of cases) {
      const report = interpret(await readXlsx(fs.readFileSync(c.out!), path.basename(c.out!)));
      const ev = evaluateSet(bundle(c.id), c.values);
      const allowed = new Set(["veto-unanswered"]); // the random fills leave some vetoes blank on purpose
      expect([c.id, c.seed, report.problems.filter((p) => !allowed.has(p.code)).map((p) => p.zh)]).toEqual([
        c.id,
        c.seed,
        [],
      ]);
      expect([c.id, c.seed, report.warnings.filter((w) => w.code === "not-recalculated").map((w) => w.zh)]).toEqual([
        c.id,
        c.seed,
        [],
      ]);
      expect([c.id, report.total.toString(), report.items.map((i) => i.status)]).toEqual([
        c.id,
        ev.total.toString(),
        ev.items.map((i) => i.status),
      ]);
      // An invalid entry is always named with its cell.
      for (const i of report.items.filter((x) => x.status === "invalid"))
        expect(i.message?.zh.startsWith(i.cell)).toBe(true);
    }
  });
});
