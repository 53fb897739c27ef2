// A third award built only through the definition workbook: the blank template is filled in (a fictional city award
// with four bands, a 10 % step, 40/60 weights, lines 300/400, one candidate, one veto, one bonus), saved by
// LibreOffice, checked and imported; then reviewers' workbooks are generated from it, filled, saved by LibreOffice
// and aggregated with --awards, and the ranking and statuses are the ones computed by hand below. A workbook built
// under the award's previous version is refused by name once the award is re-imported with a new version.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { library, setExtraAwardData, vetoAnswerFor, type StageId } from "../../src/core";
import { buildLayout } from "../../src/workbook";
import { loadAwardsFolder } from "../../src/award/folder";
import { convert, describeWithLibreOffice } from "../helpers/libreoffice";
import { fill, meta, tmpDir } from "../helpers/workbooks";
import { CITY_RUBRIC, cityBook, typeInto } from "./city";

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "scorebook", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/**
 * Each expert gives one maturity to every item, so a total is that share of 600 points. By hand:
 * 甲 material (80 % + 60 %) → (480 + 360) / 2 = 420; on-site (90 % + 70 %) → (540 + 420) / 2 = 480;
 *    final 0.4 × 420 + 0.6 × 480 = 456, bonus 15 → 471: 候选 (rank 1).
 * 乙 material 70 %, 70 % → 420; on-site 70 %, 80 % → 450; final 168 + 270 = 438: rank 2, over the one-candidate limit.
 * 丙 material 50 %, 40 % → 270 < 300: 未进入现场评审 (no on-site workbooks).
 * 丁 material 80 %, 80 % → 480; on-site 80 %, 80 % → 480; final 480, but one expert flags 申报材料弄虚作假 and the
 *    roster confirms it: 否决.
 * 戊 material 60 %, 60 % → 360; on-site 60 %, 70 % → 390; final 144 + 234 = 378 < 400: 未达提名线 (rank 3).
 */
const PLAN: { applicant: string; stage: StageId; expert: string; pct: number; veto?: boolean }[] = [
  ["甲公司", "material", 80, 60],
  ["甲公司", "onsite", 90, 70],
  ["乙公司", "material", 70, 70],
  ["乙公司", "onsite", 70, 80],
  ["丙公司", "material", 50, 40],
  ["丁公司", "material", 80, 80],
  ["丁公司", "onsite", 80, 80],
  ["戊公司", "material", 60, 60],
  ["戊公司", "onsite", 60, 70],
].flatMap(([applicant, stage, a, b]) => [
  { applicant: applicant as string, stage: stage as StageId, expert: "王专家", pct: a as number },
  {
    applicant: applicant as string,
    stage: stage as StageId,
    expert: "李专家",
    pct: b as number,
    veto: applicant === "丁公司" && stage === "onsite",
  },
]);

describeWithLibreOffice("a city award defined in the template, from generate to ranking", () => {
  const dir = tmpDir("award-city-");
  const awards = path.join(dir, "奖项");
  afterAll(() => {
    setExtraAwardData(null);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is filled in the template, saved by LibreOffice, checked and imported", async () => {
    const template = path.join(dir, "评价标准.xlsx");
    expect((await run("award", "template", "-o", template)).code).toBe(0);
    const filled = path.join(dir, "filled", "梅江.xlsx");
    fs.mkdirSync(path.dirname(filled));
    fs.writeFileSync(filled, await typeInto(fs.readFileSync(template), cityBook()));
    const saved = convert([filled], "xlsx", path.join(dir, "saved")).outputs[0];
    const check = await run("award", "check", saved);
    expect(check.err).toBe("");
    expect(check.code).toBe(0);
    const imp = await run("award", "import", saved, "--dir", awards);
    expect(imp.code).toBe(0);
    expect(fs.existsSync(path.join(awards, "meijiang-2024", `${CITY_RUBRIC}.json`))).toBe(true);
    const list = await run("rubrics", "--json", "--awards", awards);
    expect((JSON.parse(list.out) as { id: string }[]).map((r) => r.id)).toContain(CITY_RUBRIC);
    // Without the folder the id is unknown, as it should be.
    expect((await run("rubric", CITY_RUBRIC)).code).toBe(2);
  }, 120_000);

  it("generates, fills, saves through LibreOffice and aggregates to the ranking computed by hand", async () => {
    const made = path.join(dir, "发出");
    const back = path.join(dir, "交回");
    fs.mkdirSync(made);
    setExtraAwardData(loadAwardsFolder(awards, true));
    const b = library().get(CITY_RUBRIC)!;
    expect(b.scale.step).toBe(10);
    for (const p of PLAN) {
      const file = path.join(made, `${p.applicant}_${p.stage}_${p.expert}.xlsx`);
      const g = await run(
        "generate",
        CITY_RUBRIC,
        "--awards",
        awards,
        "--applicant",
        p.applicant,
        "--expert",
        p.expert,
        "--stage",
        p.stage,
        "-o",
        file,
      );
      expect(g.code).toBe(0);
      const layout = buildLayout(b, meta({ applicant: p.applicant, expert: p.expert, stage: p.stage }));
      const entries = Object.fromEntries(b.rubric.items.map((i) => [i.code, { value: p.pct / 100 }]));
      const vetoes = Object.fromEntries(
        b.rules.vetoes.map((v) => [v.id, { answer: vetoAnswerFor(v, !!p.veto), note: "" }]),
      );
      const bonus = Object.fromEntries((b.rules.bonus?.conditions ?? []).map((c) => [c.id, { answer: "否" }]));
      fs.writeFileSync(
        file,
        await fill(fs.readFileSync(file), layout, { entries, vetoes, bonus, declaration: { answer: "无利害关系" } }),
      );
    }
    convert(
      fs.readdirSync(made).map((f) => path.join(made, f)),
      "xlsx",
      back,
    );
    const roster = path.join(dir, "名单.csv");
    fs.writeFileSync(
      roster,
      "申报者,加分,否决核实\n甲公司,是,\n乙公司,否,\n丙公司,否,\n丁公司,否,确认否决\n戊公司,否,\n",
    );
    const agg = await run(
      "aggregate",
      back,
      "--awards",
      awards,
      "--roster",
      roster,
      "--json",
      // One reader thread besides the main one: the imported award must reach the thread too.
      "--workers",
      "1",
      "-o",
      path.join(dir, "汇总.xlsx"),
    );
    const j = JSON.parse(agg.out) as {
      applicants: {
        applicant: string;
        status: string;
        statusText: string;
        final: number | null;
        rank: number | null;
        material: { score: number };
      }[];
      problems: unknown[];
    };
    expect(j.problems).toEqual([]);
    const by = Object.fromEntries(j.applicants.map((a) => [a.applicant, a]));
    expect(by["甲公司"]).toMatchObject({ final: 471, rank: 1, status: "candidate" });
    expect(by["乙公司"]).toMatchObject({ final: 438, rank: 2, status: "over-limit" });
    expect(by["丙公司"]).toMatchObject({ status: "not-advanced" });
    expect(by["丙公司"].material.score).toBe(270);
    expect(by["丁公司"]).toMatchObject({ final: 480, status: "vetoed" });
    expect(by["戊公司"]).toMatchObject({ final: 378, rank: 3, status: "below-threshold" });
    expect(agg.code).toBe(0);
    // The group leader's consensus workbook and the reports, from the imported award like any other.
    const panel = ["王专家", "李专家"].map((e) => path.join(back, `甲公司_material_${e}.xlsx`));
    const cons = await run("consensus", ...panel, "--awards", awards, "-o", path.join(dir, "合议表.xlsx"));
    expect(cons.code).toBe(0);
    const rep = await run("report", path.join(dir, "汇总.xlsx"), "--awards", awards, "-o", path.join(dir, "报告"));
    expect(rep.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "报告")).filter((f) => f.endsWith(".docx")).length).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it("refuses by name a workbook scored under the award's previous version", async () => {
    const book = cityBook();
    book["奖项"].find((r) => r[0] === "年度/版本")![1] = "2024-2";
    book["评价项目"][1][9] = 100; // 1.1: 120 → 100 points; 1.2: 80 → 100
    book["评价项目"][2][9] = 100;
    const file = path.join(dir, "梅江-2.xlsx");
    fs.writeFileSync(file, await typeInto(fs.readFileSync(path.join(dir, "评价标准.xlsx")), book));
    const refused = await run("award", "import", file, "--dir", awards);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("已有内容不同的奖项“meijiang-2024”");
    expect((await run("award", "import", file, "--dir", awards, "--force")).code).toBe(0);
    const old = path.join(dir, "交回", "甲公司_material_王专家.xlsx");
    const s = await run("score", old, "--awards", awards);
    expect(s.code).toBe(1);
    expect(s.out).toContain("评分表按奖项“meijiang-2024”的“2024”版生成，当前为“2024-2”版，不能混用");
  }, 60_000);
});
