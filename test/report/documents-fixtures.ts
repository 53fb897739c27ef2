// Rounds of real generated, filled workbooks for the review documents' tests (and for rendering them by hand):
// 河北 — three organisations, two on-site groups, the last two places tied with the limit set to 2; 江门 — one
// applicant (its rules name none of the documents).
import * as fs from "fs";
import * as path from "path";
import { aggregateFiles } from "../../src/aggregate/run";
import { exact } from "../../src/core";
import { writeDraw, writeTemplate } from "../../src/round/files";
import { params } from "../round/fixtures";
import { writeXlsx } from "../../src/xlsx";
import { tmpDir } from "../helpers/workbooks";
import { ORG, writeExpert } from "../consensus/fixtures";

export const HEBEI = {
  top: "河北丙电子科技有限公司",
  tiedA: "河北甲装备制造有限公司",
  tiedB: "河北乙食品集团有限公司",
  group1: ["张三", "李四", "王五"],
  group2: ["赵六", "钱七", "孙八"],
  material: ["周一", "吴二"],
};

/** 河北: the tied pair scored alike by group 1 on site (the same finals), the top one by group 2; limit 2. */
export async function hebeiRound(): Promise<{ dir: string; summary: string }> {
  const dir = tmpDir("docs-hebei-");
  const plan: [string, number, string[]][] = [
    [HEBEI.top, 0.8, HEBEI.group2],
    [HEBEI.tiedA, 0.6, HEBEI.group1],
    [HEBEI.tiedB, 0.6, HEBEI.group1],
  ];
  for (const [applicant, level, onsite] of plan) {
    for (const [k, e] of HEBEI.material.entries()) await writeExpert(dir, applicant, "material", e, level + k * 0.05);
    for (const [k, e] of onsite.entries()) await writeExpert(dir, applicant, "onsite", e, level + k * 0.05);
  }
  const run = await aggregateFiles({
    inputs: [dir],
    createdAt: "2025-07-01T00:00:00Z",
    options: { thresholds: { topN: 2, final: exact(550) } },
  });
  const summary = path.join(dir, "..", `${path.basename(dir)}-汇总.xlsx`);
  fs.writeFileSync(summary, await writeXlsx(run.layout));
  return { dir, summary };
}

/**
 * The round workbook of that round's on-site draw: group 现场-01 (the tied pair; leader 李四), 现场-02 (the top one;
 * leader 赵六), written as `round draw` writes 分组 and 抽取记录.
 */
export async function hebeiDraw(dir: string): Promise<string> {
  const template = path.join(dir, "模板.xlsx");
  await writeTemplate(template);
  const a = (applicant: string, group: string, expert: string, leader: boolean) => ({
    roundId: "2025-01",
    group,
    applicant,
    rubricId: ORG,
    stage: "onsite" as const,
    expert,
    leader,
  });
  const assignments = [
    ...[HEBEI.tiedA, HEBEI.tiedB].flatMap((x) => HEBEI.group1.map((e, i) => a(x, "现场-01", e, i === 1))),
    ...HEBEI.group2.map((e, i) => a(HEBEI.top, "现场-02", e, i === 0)),
  ];
  const file = path.join(dir, "评审安排.xlsx");
  const record = {
    roundId: "2025-01",
    seed: "1",
    drawnAt: "2025-06-01T00:00:00Z",
    params: params(),
    experts: 6,
    applicants: 3,
    fingerprint: "",
  };
  await writeDraw(template, file, assignments, [], record, { replace: true, force: true });
  return file;
}

export const JIANGMEN = {
  applicant: "江门市甲制造有限公司",
  rubric: "jiangmen-manufacturing",
  experts: ["陈一", "林二"],
};

export async function jiangmenRound(): Promise<{ dir: string; summary: string }> {
  const dir = tmpDir("docs-jiangmen-");
  for (const stage of ["material", "onsite"] as const)
    for (const [k, e] of JIANGMEN.experts.entries())
      await writeExpert(dir, JIANGMEN.applicant, stage, e, 0.5 + k * 0.1, JIANGMEN.rubric);
  const run = await aggregateFiles({ inputs: [dir], createdAt: "2025-07-01T00:00:00Z" });
  const summary = path.join(dir, "..", `${path.basename(dir)}-汇总.xlsx`);
  fs.writeFileSync(summary, await writeXlsx(run.layout));
  return { dir, summary };
}

export { ORG };
