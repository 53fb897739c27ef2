// The 否决 sheet asks each item the way the source states it (河北 三、申报条件: "应当具备以下条件：1.拥护党的路线、
// 方针、政策" is a condition, answered 符合 / 不符合; 七、监督管理（一）"隐瞒有关情况或提供虚假材料" is an event,
// answered 是 / 否), offers 不适用 where the condition applies only to some ("5.申报个人为所属组织高层领导者的，…"),
// and still reads a workbook of layout 1, where every item was asked 是 / 否.
import { vetoAnswerFor, type RubricBundle } from "../../src/core";
import { interpret, SHEET, type InitialValues, type ScoreReport } from "../../src/workbook";
import { readXlsx } from "../../src/xlsx";
import { bundle, fill, generate } from "../helpers/workbooks";

const IND = "hebei-individual-frontline";

function answers(b: RubricBundle, over: Record<string, string> = {}): InitialValues {
  return {
    entries: Object.fromEntries(
      b.rubric.items.map((i) => [i.code, { value: b.rubric.scoring === "points" ? i.points / 2 : 0.5 }]),
    ),
    vetoes: Object.fromEntries(b.rules.vetoes.map((v) => [v.id, { answer: over[v.id] ?? vetoAnswerFor(v, false) }])),
    declaration: { answer: "无利害关系" },
  };
}

async function returned(id: string, values: InitialValues, layoutVersion?: string): Promise<ScoreReport> {
  const { layout, buffer } = await generate(id, { layoutVersion });
  return interpret(await readXlsx(await fill(buffer, layout, values), `${id}.xlsx`));
}

describe("the 否决 sheet asks each item the way it reads", () => {
  it("conditions offer 符合 / 不符合, events 是 / 否, and condition 5 of individuals also 不适用, shown with its scope", async () => {
    const { layout } = await generate(IND);
    const sheet = layout.sheets.find((s) => s.name === SHEET.vetoes)!;
    const m = layout.map.vetoes;
    const rowOf = (id: string) => m.rows.find((r) => r.id === id)!.row;
    const listAt = (row: number) =>
      sheet.validations.find((v) => {
        const [a, b] = v.ref.split(":").map((x) => Number(x.replace(/\D/g, "")));
        return row >= a && row <= (b ?? a);
      })!.list;
    expect(listAt(rowOf("party-line"))).toEqual(["符合", "不符合"]);
    expect(listAt(rowOf("organization-record"))).toEqual(["符合", "不符合", "不适用"]);
    expect(listAt(rowOf("false-material"))).toEqual(["是", "否"]);
    const text = (ref: string) => sheet.cells.find((c) => c.ref === ref)?.value;
    expect(text(`D${rowOf("party-line")}`)).toBe("是否符合该条件？");
    expect(text(`D${rowOf("organization-record")}`)).toContain("仅适用于：申报个人为所属组织高层领导者的");
    expect(text(`D${rowOf("false-material")}`)).toBe("是否存在该情形？");
    // The printed columns show the clause of the source; the id is in a hidden column outside the print area.
    expect(text(`B${rowOf("party-line")}`)).toBe("三、申报条件（二）1");
    expect(m.columns.id).toBe("G");
    expect(sheet.print!.area).toMatch(/^A1:F\d+$/);
    expect(sheet.columns.find((c) => c.col === "G")!.hidden).toBe(true);
  });

  it("a senior leader is the leader 三（二）5 speaks of: the item is asked without 不适用, and 不适用 is not an answer", async () => {
    const SENIOR = "hebei-individual-senior";
    const { layout } = await generate(SENIOR);
    const sheet = layout.sheets.find((s) => s.name === SHEET.vetoes)!;
    const row = layout.map.vetoes.rows.find((r) => r.id === "organization-record")!.row;
    const list = sheet.validations.find((v) => {
      const [a, b] = v.ref.split(":").map((x) => Number(x.replace(/\D/g, "")));
      return row >= a && row <= (b ?? a);
    })!.list;
    expect(list).toEqual(["符合", "不符合"]);
    expect(sheet.cells.find((c) => c.ref === `D${row}`)?.value).toBe("是否符合该条件？");
    const b = bundle(SENIOR);
    const r = await returned(SENIOR, answers(b, { "organization-record": "不适用" }));
    expect(r.problems.map((p) => p.zh).join("\n")).toContain("不适用");
    expect(r.ok).toBe(false);
    // The other individual rubrics still offer it.
    expect(bundle(IND).rules.vetoes.find((v) => v.id === "organization-record")!.appliesTo).toBeDefined();
  });

  it("往届获奖 and 虚假材料 are asked as events: 是 means it happened (already a winner), never 'yes, they comply'", async () => {
    const { layout } = await generate(IND);
    const sheet = layout.sheets.find((s) => s.name === SHEET.vetoes)!;
    const rowOf = (id: string) => layout.map.vetoes.rows.find((r) => r.id === id)!.row;
    const text = (ref: string) => String(sheet.cells.find((c) => c.ref === ref)?.value ?? "");
    expect(text(`C${rowOf("previous-winner")}`)).toMatch(/^申报者已经获得过往届省政府质量奖/);
    expect(text(`C${rowOf("false-material")}`)).toMatch(/^申报者隐瞒有关情况或提供虚假材料进行申报/);
    expect(text(`D${rowOf("previous-winner")}`)).toBe("是否存在该情形？");
    const b = bundle(IND);
    const won = await returned(IND, answers(b, { "previous-winner": "是" }));
    expect(won.vetoed).toBe(true);
    expect(won.vetoes.find((v) => v.flagged)!.label).toMatch(/^申报者已经获得过往届省政府质量奖/);
  });

  it("a frontline worker answered 符合 … 不适用 … 否 is clean; 不符合 flags the condition as not met", async () => {
    const b = bundle(IND);
    const clean = await returned(IND, answers(b, { "organization-record": "不适用" }));
    expect(clean.problems).toEqual([]);
    expect(clean.vetoed).toBe(false);
    const flagged = await returned(IND, answers(b, { "party-line": "不符合" }));
    expect(flagged.vetoed).toBe(true);
    expect(flagged.vetoes.find((v) => v.flagged)!.label).toBe("不符合申报条件：拥护党的路线、方针、政策");
  });

  it("是 on a condition (the old question's answer) is ambiguous in layout 2: named with the cell, no flag", async () => {
    const b = bundle(IND);
    const r = await returned(IND, answers(b, { "party-line": "是" }));
    expect(r.vetoed).toBe(false);
    expect(r.problems.map((p) => p.zh)).toEqual([
      "否决!E5：申报条件的答案“是”无效：此项问“是否符合该条件？”，应选“符合”或“不符合”（“是/否”含义不明）",
    ]);
  });

  it("不适用 where the item applies to everybody is refused", async () => {
    const b = bundle("hebei-organization");
    const r = await returned("hebei-organization", answers(b, { "party-line": "不适用" }));
    expect(r.problems.map((p) => p.code)).toEqual(["veto-answer-invalid"]);
    expect(r.problems[0].zh).toContain("不能选“不适用”");
  });
});

describe("a workbook of layout 1 (every item asked 是 / 否) is still read correctly", () => {
  it("there “是否不符合该条件？” answered 是 means the condition is not met; 否 everywhere is clean", async () => {
    const b = bundle("hebei-organization");
    const yesNo = (flagId?: string) => ({
      ...answers(b),
      vetoes: Object.fromEntries(b.rules.vetoes.map((v) => [v.id, { answer: v.id === flagId ? "是" : "否" }])),
    });
    const clean = await returned("hebei-organization", yesNo(), "1");
    expect(clean.meta.layoutVersion).toBe("1");
    expect(clean.problems).toEqual([]);
    expect(clean.ok).toBe(true);
    const flagged = await returned("hebei-organization", yesNo("party-line"), "1");
    expect(flagged.problems).toEqual([]);
    expect(flagged.vetoed).toBe(true);
    expect(flagged.vetoes.find((v) => v.flagged)!.label).toBe("不符合申报条件：拥护党的路线、方针、政策");
  });
});
