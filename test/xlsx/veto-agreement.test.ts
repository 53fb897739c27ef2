// Veto answers: the engine and the native veto sheet read every answer alike. The rule (src/core/veto.ts VETO_WORDS):
// a condition (ask "unmet", 河北 三、申报条件) takes 符合 / 不符合, an event (ask "occurred", 七、监督管理) 是 / 否 or
// 存在 / 不存在, a condition with an appliesTo (河北个人 condition 5) also 不适用; spaces (space, no-break space,
// ideographic space, Alt+Enter line break) around or inside are ignored. Anything else — Y, yes, 1, TRUE, 有, √, 是
// on a condition, 符合 on an event — is an invalid answer: the engine names its cell, the sheet marks the same cell.
// Workbooks filled with every accepted and many rejected forms are recalculated by LibreOffice; the sheet's state of
// each answer, its conclusion and its unanswered count equal the engine's, and `score` finds no tampering.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { evaluateSet, parseVetoAnswer, type Veto } from "../../src/core";
import { buildLayout, interpret, type InitialValues, type WorkbookLayout } from "../../src/workbook";
import { writeXlsx } from "../../src/xlsx/write";
import { readXlsx } from "../../src/xlsx";
import { describeWithLibreOffice, recalc } from "../helpers/libreoffice";
import { bundle, fill, load, meta, randomValid, rng, tmpDir } from "../helpers/workbooks";

type Form = string | number | boolean;
type State = "否决标记" | "有效" | "未回答" | "无效";

/** Each form with what it must be read as, for a condition (unmet) and for an event (occurred). */
const CONDITION: [Form, State][] = [
  ["符合", "有效"],
  ["不符合", "否决标记"],
  [" 符合 ", "有效"],
  ["不\u3000符合", "否决标记"],
  ["\u00a0不符合", "否决标记"],
  ["符合\n", "有效"],
  ["\u3000\u3000", "未回答"],
  ["是", "无效"],
  ["否", "无效"],
  ["存在", "无效"],
  ["Y", "无效"],
  ["yes", "无效"],
  ["met", "无效"],
  ["1", "无效"],
  [1, "无效"],
  [true, "无效"],
  ["符合条件", "无效"],
  ["不适用", "无效"], // the item applies to everybody
  ["√", "无效"],
];
const EVENT: [Form, State][] = [
  ["是", "否决标记"],
  ["否", "有效"],
  ["存在", "否决标记"],
  ["不存在", "有效"],
  [" 是\u3000", "否决标记"],
  ["不 存在", "有效"],
  ["否\n", "有效"],
  [" ", "未回答"],
  ["Y", "无效"],
  ["N", "无效"],
  ["yes", "无效"],
  ["no", "无效"],
  ["0", "无效"],
  [0, "无效"],
  [false, "无效"],
  ["有", "无效"],
  ["无", "无效"],
  ["符合", "无效"],
  ["不符合", "无效"],
  ["×", "无效"],
];
/** A condition that applies only to some applicants (appliesTo) also takes 不适用. */
const SCOPED: [Form, State][] = [
  ["不适用", "有效"],
  [" 不适用", "有效"],
  ["不\u00a0适用", "有效"],
  ["符合", "有效"],
  ["不符合", "否决标记"],
  ["n/a", "无效"],
  ["NA", "无效"],
  ["是", "无效"],
];

// Middle managers: 三（二）5 is scoped for them (a senior leader is always the leader it speaks of, so asked without 不适用).
const RUBRIC = "hebei-individual-middle";

function engineState(v: Veto, form: Form): State {
  const p = parseVetoAnswer(v, form);
  return p.kind === "ok" ? (p.flagged ? "否决标记" : "有效") : p.kind === "missing" ? "未回答" : "无效";
}

interface Case {
  values: InitialValues;
  layout: WorkbookLayout;
  expected: Record<string, State>;
  file: string;
  out?: string;
}

describe("the accepted veto answers (engine)", () => {
  const vetoes = bundle(RUBRIC).rules.vetoes;
  const condition = vetoes.find((v) => v.ask === "unmet" && !v.appliesTo)!;
  const scoped = vetoes.find((v) => v.appliesTo)!;
  const event = vetoes.find((v) => v.ask === "occurred")!;
  const items = { condition, event, "scoped condition": scoped };
  it.each([
    ...CONDITION.map(([f, s]) => ["condition", f, s] as const),
    ...EVENT.map(([f, s]) => ["event", f, s] as const),
    ...SCOPED.map(([f, s]) => ["scoped condition", f, s] as const),
  ])("a %s answered %j is %s", (what, form, state) => {
    expect(engineState(items[what], form)).toBe(state);
  });
});

describeWithLibreOffice("veto answers: the native veto sheet and the engine agree (LibreOffice)", () => {
  const b = bundle(RUBRIC);
  const vetoes = b.rules.vetoes;
  const cases: Case[] = [];

  beforeAll(async () => {
    const dir = tmpDir();
    // A logical value typed into a cell comes back from LibreOffice as the formula =TRUE() (a formula in an input
    // cell, named as such), so TRUE and FALSE are checked against the engine only, above.
    const cell = (list: [Form, State][]) => list.filter(([f]) => typeof f !== "boolean");
    const lists = { condition: cell(CONDITION), event: cell(EVENT), scoped: cell(SCOPED) };
    const n = Math.max(lists.condition.length, lists.event.length, lists.scoped.length);
    for (let k = 0; k < n; k++) {
      const values = randomValid(b, rng(k + 1));
      const expected: Record<string, State> = {};
      vetoes.forEach((v, i) => {
        const list = v.appliesTo ? lists.scoped : v.ask === "unmet" ? lists.condition : lists.event;
        const [form, state] = list[(k + i) % list.length];
        values.vetoes![v.id] = { answer: form, note: "" };
        expected[v.id] = state;
      });
      const layout = buildLayout(b, meta({ applicant: `申报者${k}`, mode: "native" }), {});
      const file = path.join(dir, `veto-${k}.xlsx`);
      fs.writeFileSync(file, await fill(await writeXlsx(layout), layout, values));
      cases.push({ values, layout, expected, file });
    }
    const res = recalc(
      cases.map((c) => c.file),
      path.join(dir, "out"),
    );
    cases.forEach((c, i) => (c.out = res.outputs[i]));
  }, 300_000);

  it("every answer's state, the conclusion and the unanswered count equal the engine's", async () => {
    for (const c of cases) {
      const ev = evaluateSet(b, c.values);
      const wb = await load(fs.readFileSync(c.out!));
      const m = c.layout.map.vetoes;
      const ws = wb.getWorksheet(m.sheet)!;
      const shown = (ref: string): ExcelJS.CellValue => {
        const cell = ws.getCell(ref);
        return cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
      };
      const answers = Object.fromEntries(vetoes.map((v) => [v.id, c.values.vetoes![v.id].answer]));
      const sheet = m.rows.map((r) => [r.id, answers[r.id], shown(`${m.columns.state}${r.row}`)]);
      const engine = m.rows.map((r) => [
        r.id,
        answers[r.id],
        engineState(
          vetoes.find((v) => v.id === r.id)!,
          answers[r.id] as Form,
        ),
      ]);
      const rule = m.rows.map((r) => [r.id, answers[r.id], c.expected[r.id]]);
      expect(engine).toEqual(rule);
      expect(sheet).toEqual(rule);
      expect([shown(m.flag), shown(m.unanswered)]).toEqual([ev.vetoes.conclusion, ev.vetoes.unanswered.length]);
      // The cover repeats the conclusion.
      const cover = wb.getWorksheet(c.layout.map.cover.sheet)!;
      const coverTexts: unknown[] = [];
      cover.eachRow((row) =>
        row.eachCell((cell) => coverTexts.push(cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value)),
      );
      expect(coverTexts).toContain(ev.vetoes.conclusion);
    }
    // Every kind of conclusion was reached at least once.
    const conclusions = cases.map((c) => evaluateSet(b, c.values).vetoes.conclusion);
    expect(conclusions.some((x) => x.startsWith("否决标记"))).toBe(true);
  });

  it("score finds no tampering and no stale value, flags what the sheet flags and names each invalid answer's cell", async () => {
    for (const c of cases) {
      const report = interpret(await readXlsx(fs.readFileSync(c.out!), path.basename(c.out!)));
      const m = c.layout.map.vetoes;
      const cellOf = (id: string) => `${m.sheet}!${m.columns.answer}${m.rows.find((r) => r.id === id)!.row}`;
      const other = report.problems.filter((p) => !["veto-answer-invalid", "veto-unanswered"].includes(p.code));
      expect(other.map((p) => p.zh)).toEqual([]);
      expect(report.warnings.filter((w) => w.code === "not-recalculated")).toEqual([]);
      expect(report.vetoes.filter((v) => v.flagged).map((v) => v.id)).toEqual(
        vetoes.filter((v) => c.expected[v.id] === "否决标记").map((v) => v.id),
      );
      const invalid = report.problems.filter((p) => p.code === "veto-answer-invalid");
      expect(invalid.map((p) => p.cell).sort()).toEqual(
        vetoes
          .filter((v) => c.expected[v.id] === "无效")
          .map((v) => cellOf(v.id))
          .sort(),
      );
      for (const p of invalid) expect(p.zh.startsWith(p.cell!)).toBe(true);
    }
  });
});
