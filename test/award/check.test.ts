// scorebook award check: each fault a secretariat can make in the definition workbook is named at its sheet, row and
// column, and anything the engine cannot express yet is refused, not approximated. Cases are data: one edit of the
// fictional city award each, with the problem it must produce (and the clean award produces none).
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { parseAwardBook, placeOf } from "../../src/core/award/book";
import type { AwardBook, BookCell } from "../../src/core/award/sheets";
import { writeAwardBook } from "../../src/award/workbook";
import { tmpDir } from "../helpers/workbooks";
import { cityBook } from "./city";

/** Sets a setting's value by its label (奖项: column B; 评审规则: the first rule set, column C). */
const setting = (book: AwardBook, sheet: "奖项" | "评审规则", label: string, value: BookCell) => {
  const row = book[sheet].find((r) => r[0] === label);
  const col = sheet === "奖项" ? 1 : 2;
  if (row) row[col] = value;
  else book[sheet].push(sheet === "奖项" ? [label, value] : [label, null, value]);
};
const cell = (book: AwardBook, sheet: string, ref: string, value: BookCell) => {
  const m = /^([A-Z])(\d+)$/.exec(ref)!;
  const row = Number(m[2]) - 1;
  while (book[sheet].length <= row) book[sheet].push([]);
  book[sheet][row][m[1].charCodeAt(0) - 65] = value;
};

interface Case {
  fault: string;
  edit: (b: AwardBook) => void;
  at: string;
  code: string;
  says: RegExp;
}

const CASES: Case[] = [
  {
    fault: "items that do not add up to their category",
    edit: (b) => cell(b, "评价项目", "J2", 110),
    at: "评价项目!E2",
    code: "category-sum",
    says: /一级指标“1”分值为 200，但其评价项目分值之和为 190/,
  },
  {
    fault: "categories that do not add up to the total",
    edit: (b) => cell(b, "评分标准", "G2", 700),
    at: "评分标准!G2",
    code: "total-sum",
    says: /总分为 700，但各一级指标分值之和为 600/,
  },
  {
    fault: "a gap between bands",
    edit: (b) => setting(b, "奖项", "成熟度档次", "0-20,40-50,60-80,90-100"),
    at: "奖项!B7",
    code: "band-gap",
    says: /第 2 档与上一档之间有空缺（30%–30%/,
  },
  {
    fault: "overlapping bands",
    edit: (b) => setting(b, "奖项", "成熟度档次", "0-30,30-50,60-80,90-100"),
    at: "奖项!B7",
    code: "band-overlap",
    says: /第 2 档（30%–50%）与上一档（0%–30%）重叠/,
  },
  {
    fault: "bands that do not reach 100 %",
    edit: (b) => setting(b, "奖项", "成熟度档次", "0-20,30-50,60-80,90-95"),
    at: "奖项!B7",
    code: "band-end",
    says: /最高一档应到 100%/,
  },
  {
    fault: "a step that does not divide the bands",
    edit: (b) => setting(b, "奖项", "步长", 20),
    at: "奖项!B7",
    code: "step-not-divide",
    says: /步长 20% 不能整除第 2 档的上下限 30%–50%/,
  },
  {
    fault: "a step that does not divide 100 %",
    edit: (b) => setting(b, "奖项", "步长", 15),
    at: "奖项!B8",
    code: "step-not-divide",
    says: /步长 15% 不能整除100%/,
  },
  {
    fault: "a duplicate item code",
    edit: (b) => cell(b, "评价项目", "G3", "1.1"),
    at: "评价项目!G3",
    code: "duplicate",
    says: /评价项目编号“1.1”重复（已在 G2 出现）/,
  },
  {
    fault: "an item without 评分要点",
    edit: (b) => cell(b, "评价项目", "M4", null),
    at: "评价项目!M4",
    code: "no-guidance",
    says: /评价项目“2.1”没有评分要点/,
  },
  {
    fault: "stage weights that do not add up to 100 %",
    edit: (b) => setting(b, "评审规则", "阶段权重", "40%、50%"),
    at: "评审规则!C6",
    code: "weight-sum",
    says: /各阶段权重之和应为 100%（此处为 90%）/,
  },
  {
    fault: "a nomination line above the maximum",
    edit: (b) => setting(b, "评审规则", "提名分数线", 700),
    at: "评审规则!C12",
    code: "line-above-max",
    says: /提名分数线 700 高于可能得到的最高分 615/,
  },
  {
    fault: "an advance line above the maximum",
    edit: (b) => setting(b, "评审规则", "进入现场评审分数线", 650),
    at: "评审规则!C11",
    code: "line-above-max",
    says: /进入现场评审分数线 650 高于可能得到的最高分 600/,
  },
  {
    fault: "an unknown choice",
    edit: (b) => cell(b, "评价项目", "K3", "过程类"),
    at: "评价项目!K3",
    code: "unknown-choice",
    says: /“过程类”不是可选的值（可选：过程 \/ 结果）/,
  },
  {
    fault: "an unknown panel method",
    edit: (b) => setting(b, "评审规则", "专家组合成方法", "加权平均"),
    at: "评审规则!C7",
    code: "unknown-choice",
    says: /“加权平均”不是可选的值/,
  },
  {
    fault: "a missing band descriptor",
    edit: (b) => cell(b, "评分指南", "G3", null),
    at: "评分指南!G3",
    code: "missing-descriptor",
    says: /第 3 档缺少“展开”的描述/,
  },
  {
    fault: "an item code outside its category",
    edit: (b) => cell(b, "评价项目", "G5", "3.2"),
    at: "评价项目!G5",
    code: "code-mismatch",
    says: /编号“3.2”应以上级编号“2.”开头/,
  },
  {
    fault: "a rubric naming an unknown rule set",
    edit: (b) => cell(b, "评分标准", "D2", "meijiang-x"),
    at: "评分标准!D2",
    code: "unknown-ref",
    says: /规则集“meijiang-x”不存在/,
  },
  {
    fault: "an id that is not ASCII",
    edit: (b) => setting(b, "奖项", "编号", "梅江奖"),
    at: "奖项!B2",
    code: "bad-id",
    says: /只能由小写英文字母、数字和连字符组成/,
  },
  {
    fault: "award tiers (not supported yet)",
    edit: (b) => setting(b, "奖项", "奖项等级", "质量奖、提名奖"),
    at: "奖项!B9",
    code: "unsupported",
    says: /暂不支持奖项等级/,
  },
  {
    fault: "quotas per group (not supported yet)",
    edit: (b) => setting(b, "评审规则", "候选名额", "大型企业 2 家、中小企业 3 家"),
    at: "评审规则!C13",
    code: "unsupported",
    says: /暂不支持按分组的候选名额/,
  },
  {
    fault: "an extra stage (not supported yet)",
    edit: (b) => {
      setting(b, "评审规则", "评审阶段", "材料评审、现场评审、答辩");
      setting(b, "评审规则", "阶段权重", "30%、50%、20%");
    },
    at: "评审规则!C5",
    code: "unsupported",
    says: /暂不支持“答辩”阶段/,
  },
  {
    fault: "ranking by industry (not supported yet)",
    edit: (b) => setting(b, "评审规则", "排名方式", "按行业分别排名"),
    at: "评审规则!C10",
    code: "unsupported",
    says: /暂不支持“按行业分别排名”/,
  },
  {
    fault: "bonus conditions with different points",
    edit: (b) => b["加分"].push([null, "city-award", "获得市级质量奖", 5, "否"]),
    at: "加分!D3",
    code: "bonus-mixed",
    says: /加分条件分值或可累加不一致/,
  },
];

describe("award check on the fictional city award", () => {
  it("finds nothing wrong with the award as typed", () => {
    const r = parseAwardBook(cityBook());
    expect(r.problems.map((p) => `${placeOf(p)} ${p.message.zh}`)).toEqual([]);
    expect(r.award?.id).toBe("meijiang-2024");
  });

  it.each(CASES.map((c) => [c.fault, c] as const))("names %s", (_fault, c) => {
    const book = cityBook();
    c.edit(book);
    const r = parseAwardBook(book);
    expect(r.award).toBeNull();
    const found = r.problems.map((p) => ({ at: placeOf(p), code: p.message.code, zh: p.message.zh }));
    expect(found).toContainEqual({ at: c.at, code: c.code, zh: expect.stringMatching(c.says) });
  });
});

describe("columns moved or inserted by hand", () => {
  /** Inserts a column before column `at` (0-based) of a table sheet, header and all. */
  const insertColumn = (book: AwardBook, sheet: string, at: number, header: string) =>
    book[sheet].forEach((r, i) => r.splice(at, 0, i === 0 ? header : "备注文字"));

  it("reads the award the same with an extra column, and names a fault at the column it moved to", () => {
    const book = cityBook();
    insertColumn(book, "评价项目", 2, "备注");
    expect(parseAwardBook(book).problems).toEqual([]);
    book["评价项目"][1][10] = 110; // 分值 of 1.1, now in column K
    const r = parseAwardBook(book);
    expect(r.problems.map((p) => [placeOf(p), p.message.code])).toEqual([["评价项目!F2", "category-sum"]]);
  });

  it("names a missing header at row 1", () => {
    const book = cityBook();
    book["评价项目"][0][12] = "要点";
    const r = parseAwardBook(book);
    expect(r.award).toBeNull();
    expect(r.problems.map((p) => [placeOf(p), p.message.code])).toContainEqual(["评价项目!1:1", "missing-column"]);
  });
});

describe("scorebook award check (command)", () => {
  const dir = tmpDir("award-check-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  async function run(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["node", "scorebook", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("exits 0 on a usable award and prints the settings filled by default", async () => {
    const book = cityBook();
    book["评审规则"] = book["评审规则"].filter((r) => r[0] !== "专家组合成方法");
    const file = path.join(dir, "ok.xlsx");
    fs.writeFileSync(file, await writeAwardBook(book));
    const r = await run("award", "check", file);
    expect(r.code).toBe(0);
    expect(r.out).toContain("可以使用");
    expect(r.out).toContain("meijiang-organization：专家组合成方法 = 平均分");
  });

  it("exits 2 and names each problem in Chinese, in English with --json", async () => {
    const book = cityBook();
    cell(book, "评价项目", "J2", 110);
    setting(book, "评审规则", "阶段权重", "40%、50%");
    const file = path.join(dir, "bad.xlsx");
    fs.writeFileSync(file, await writeAwardBook(book));
    const r = await run("award", "check", file);
    expect(r.code).toBe(2);
    expect(r.out).toContain("评价项目!E2：一级指标“1”分值为 200，但其评价项目分值之和为 190");
    expect(r.out).toContain("评审规则!C6：各阶段权重之和应为 100%（此处为 90%）");
    const j = await run("award", "check", file, "--json");
    expect(j.code).toBe(2);
    const parsed = JSON.parse(j.out) as { ok: boolean; problems: { cell: string; code: string; message: string }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.problems).toContainEqual(
      expect.objectContaining({
        cell: "评审规则!C6",
        code: "weight-sum",
        message: expect.stringMatching(/must add up to 100%/),
      }),
    );
  });

  it("scorebook rubric prints a rule set's secretariat settings, as data says them", async () => {
    const r = await run("rubric", "jiangmen-service");
    expect(r.out).toContain("质评办可调整的默认设置");
    expect(r.out).toContain("排名方式 = 按评分标准分别排名");
    expect(r.out).toContain("阶段权重 = 材料评审 30%、现场评审 70%");
    const j = JSON.parse((await run("rubric", "hebei-organization", "--json")).out) as {
      secretariatDefaults: { setting: string; value: string }[];
    };
    expect(j.secretariatDefaults).toEqual([
      { setting: "专家组合成方法", value: "平均分" },
      { setting: "材料评审得分来源", value: "合议表总分" },
    ]);
  });

  it("refuses a scoring workbook given by mistake, naming the file and the sheets it lacks", async () => {
    const file = path.join(dir, "评分表.xlsx");
    expect(
      (
        await run(
          "generate",
          "jiangmen-service",
          "--applicant",
          "甲",
          "--expert",
          "张三",
          "--stage",
          "material",
          "-o",
          file,
        )
      ).code,
    ).toBe(0);
    const r = await run("award", "check", file);
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      `${file}：不是评价标准定义表（缺少工作表：奖项、评审规则、评分标准、评价项目、否决事项、加分）`,
    );
  });

  it("refuses a file that is not a workbook (exit 2, no stack trace)", async () => {
    const file = path.join(dir, "notes.xlsx");
    fs.writeFileSync(file, "not a zip");
    const r = await run("award", "check", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不是可读取的 \.xlsx 工作簿/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });
});
