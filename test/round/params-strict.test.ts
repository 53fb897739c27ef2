// 参数 read strictly and one way (issue 20): a setting given twice is refused, numbers are digits only (full-width
// digits fold), a switch is 是 or 否 — the command line's --workers reads numbers by the same rule.
import { library, parseRound, parseWhole } from "../../src/core";
import { isDateFormatCode } from "../../src/xlsx/zip-cells";
import { main } from "../../src/cli/main";

const lib = library();
const base = {
  申报者: [
    ["申报者", "评分标准"],
    ["甲公司", "hebei-organization"],
  ],
  专家库: [
    ["姓名", "工作单位"],
    ["张三", "大学"],
  ],
};
const params = (...rows: unknown[][]) => parseRound({ ...base, 参数: [["参数", "值"], ...rows] }, lib);

describe("strict 参数", () => {
  it.each([
    ["0x3", null],
    ["1e1", null],
    ["3.0", null],
    ["+3", null],
    ["", null],
    ["2026-05-01", null],
    ["３", 3],
    [" 12 ", 12],
  ])("the whole number %p reads as %p, in the sheet and on the command line alike", (raw, expected) => {
    expect(parseWhole(raw)).toBe(expected);
    const r = params(["材料评审每组人数", raw]);
    if (expected === null && raw !== "") expect(r.problems.map((p) => p.zh).join()).toContain("应为不小于 1 的整数");
    if (expected !== null) expect(r.input.params.panelSize.material).toBe(expected);
  });

  it("a setting given twice is refused with both rows, never the last one winning", () => {
    const r = params(["材料评审每组人数", 3], ["同地回避", "是"], ["材料评审每组人数", 5]);
    expect(r.problems.map((p) => p.zh)).toEqual([
      expect.stringContaining("第 4 行：参数“材料评审每组人数”重复（第 2 行已给出）"),
    ]);
  });

  it.each(["Y", "1", "TRUE", "有", "√"])("a switch answered %p is refused, not guessed", (raw) => {
    const r = params(["同地回避", raw]);
    expect(r.problems.map((p) => p.zh).join()).toContain("应为“是”或“否”");
  });

  it("--workers reads 0x3 and 1e1 as the sheet does: refused (exit 2)", async () => {
    for (const w of ["0x3", "1e1"]) {
      const err: string[] = [];
      const code = await main(["node", "scorebook", "aggregate", ".", "--workers", w], {
        out: () => {},
        err: (s) => err.push(s),
      });
      expect(code).toBe(2);
      expect(err.join()).toContain("--workers 应为 0 至 64 的整数");
    }
  });
});

describe("the round template guides the clerk with a drop-down for every choice", () => {
  it("参数 switches offer 是/否, stages their names, numbers a whole-number rule; 申报者 offers rubric titles", async () => {
    const fs = await import("fs");
    const path = await import("path");
    const { tmpDir, load } = await import("../helpers/workbooks");
    const file = path.join(tmpDir("scorebook-template-"), "评审安排.xlsx");
    expect(await main(["node", "scorebook", "round", "template", "-o", file], { out: () => {}, err: () => {} })).toBe(
      0,
    );
    const wb = await load(fs.readFileSync(file));
    const p = wb.getWorksheet("参数")!;
    const row = (label: string) => {
      let n = 0;
      p.eachRow((r, i) => (r.getCell(1).value === label ? (n = i) : undefined));
      return n;
    };
    const dv = (ws: typeof p, ref: string) => ws.getCell(ref).dataValidation;
    expect(dv(p, `B${row("同地回避")}`)).toMatchObject({ type: "list", formulae: ['"是,否"'] });
    expect(dv(p, `B${row("材料评审每组人数")}`)).toMatchObject({ type: "whole", formulae: [1, 99] });
    expect(dv(p, `B${row("抽取阶段")}`).formulae?.[0]).toContain("材料评审");
    const a = wb.getWorksheet("申报者")!;
    expect(dv(a, "B2").formulae?.[0]).toContain("河北省政府质量奖组织奖评价标准（2022年版）");
    expect(dv(a, "F9").formulae?.[0]).toContain("现场评审");
    expect(dv(wb.getWorksheet("专家库")!, "E30").type).toBe("list");
  });
});

describe("a 参数 cell shown as a date (a count typed 3-5 becomes 5 March) is refused by name, not read as its serial", () => {
  it("names the setting and the date it shows, for a custom and a built-in date format", async () => {
    const fs = await import("fs");
    const path = await import("path");
    const { tmpDir, load, save } = await import("../helpers/workbooks");
    const file = path.join(tmpDir("scorebook-date-"), "评审安排.xlsx");
    expect(await main(["node", "scorebook", "round", "template", "-o", file], { out: () => {}, err: () => {} })).toBe(
      0,
    );
    const wb = await load(fs.readFileSync(file));
    const p = wb.getWorksheet("参数")!;
    p.eachRow((r) => {
      const cell = r.getCell(2);
      if (r.getCell(1).value === "材料评审每组人数") {
        cell.value = 46086; // 2026-03-05, as Excel stores "3-5" typed into a General cell
        cell.numFmt = "yyyy/m/d";
      }
      if (r.getCell(1).value === "随机种子") {
        cell.value = 44713; // 2022-06-01
        cell.numFmt = "mm-dd-yy"; // built-in format 14
      }
    });
    fs.writeFileSync(file, await save(wb));
    const err: string[] = [];
    const code = await main(["node", "scorebook", "round", "draw", file], { out: () => {}, err: (s) => err.push(s) });
    expect(code).toBe(1);
    const text = err.join("\n");
    expect(text).toMatch(/参数!第 \d+ 行：“材料评审每组人数”的单元格是日期格式（显示为 2026-03-05）/);
    expect(text).toMatch(/参数!第 \d+ 行：“随机种子”的单元格是日期格式（显示为 2022-06-01）/);
    expect(text).not.toContain("46086");
  });

  it.each([
    ["yyyy/m/d", true],
    ['yyyy"年"m"月"d"日"', true],
    ["[h]:mm", true],
    ["h:mm AM/PM", true],
    ["0.00", false],
    ["General", false],
    ['0"人"', false],
    ["[Red]0.00", false],
    ["[$¥-804]#,##0.00", false],
    ["@", false],
  ])("the number format %p shows a date or time: %p", (code, date) => {
    expect(isDateFormatCode(code)).toBe(date);
  });
});
