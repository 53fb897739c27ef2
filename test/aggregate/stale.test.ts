// Stale is not tampered: a workbook whose formulas are intact but whose cached values were never recalculated
// (Excel in manual calculation mode, a file written by a tool) counts, with a notice that says exactly that; a
// workbook whose score formula was replaced by a number is tampering and is left out (评分表被改动).
import * as fs from "fs";
import * as path from "path";
import { main, type Io } from "../../src/cli/main";
import { library } from "../../src/core";
import { SHEET, type InitialValues } from "../../src/workbook";
import { generate, load, save, tmpDir } from "../helpers/workbooks";

const ID = "jiangmen-manufacturing";

function values(level: number): InitialValues {
  const b = library().get(ID)!;
  return {
    entries: Object.fromEntries(
      b.rubric.items.map((i) => [i.code, { value: level, strengths: "有", opportunities: "有" }]),
    ),
    vetoes: Object.fromEntries(b.rules.vetoes.map((v) => [v.id, { answer: "否", note: "已核查" }])),
    declaration: { answer: "无利害关系" },
  };
}

async function run(args: string[]) {
  const out: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => out.push(s) };
  const code = await main(["node", "scorebook", ...args], io);
  return { code, out: out.join("\n") };
}

describe("stale cached values versus edited formulas", () => {
  const dir = tmpDir("scorebook-stale-");
  const stale = path.join(dir, "甲公司_材料评审_王一.xlsx");
  const forged = path.join(dir, "甲公司_材料评审_王二.xlsx");

  beforeAll(async () => {
    for (const [file, expert] of [
      [stale, "王一"],
      [forged, "王二"],
    ] as const) {
      const { layout, buffer } = await generate(ID, { applicant: "甲公司", expert }, values(0.5));
      const wb = await load(buffer);
      const ws = wb.getWorksheet(SHEET.scoring)!;
      const row = layout.map.scoring.firstItemRow;
      if (file === stale) {
        // The input changes from 50 % to 60 %, the cached results stay as they were: not recalculated.
        ws.getCell(`${layout.map.scoring.columns.input}${row}`).value = 0.6;
      } else {
        // The score formula is replaced by a number.
        ws.getCell(`${layout.map.scoring.columns.score}${row}`).value = 99;
      }
      fs.writeFileSync(file, await save(wb));
    }
  });

  it("score: the stale workbook is ok with a not-recalculated warning naming a cell; the forged one is tampered", async () => {
    const s = await run(["score", stale, "--json"]);
    const js = JSON.parse(s.out);
    expect(s.code).toBe(0);
    expect(js.problems).toEqual([]);
    expect(js.warnings.map((w: { code: string }) => w.code)).toEqual(["not-recalculated"]);
    expect(js.warnings[0].message).toContain("公式未重新计算");
    expect(js.warnings[0].cell).toMatch(/^评分!H\d+$/);
    // The engine's figure, from the input: 60 % of item 1.1.
    const first = library().get(ID)!.rubric.items[0];
    expect(js.items[0].score).toBeCloseTo(first.points * 0.6, 9);
    const f = JSON.parse((await run(["score", forged, "--json"])).out);
    expect(f.problems.map((p: { code: string }) => p.code)).toEqual(["formula-overwritten"]);
    expect(f.warnings).toEqual([]);
  });

  it("aggregate counts the stale workbook with a notice and leaves the forged one out as 评分表被改动", async () => {
    const r = await run(["aggregate", dir, "--json", "-o", path.join(tmpDir("scorebook-stale-out-"), "summary.xlsx")]);
    const js = JSON.parse(r.out);
    const byFile = (f: string) => js.problems.filter((p: { file: string }) => p.file.endsWith(path.basename(f)));
    expect(byFile(stale).map((p: { code: string }) => p.code)).toEqual(["not-recalculated"]);
    expect(byFile(stale)[0].reason).toMatch(/^已计入；.*公式未重新计算/);
    expect(byFile(forged).map((p: { code: string }) => p.code)).toEqual(["formula-overwritten"]);
    const a = js.applicants.find((x: { applicant: string }) => x.applicant === "甲公司");
    expect(a.material.experts).toEqual(["王一"]);
  });
});
