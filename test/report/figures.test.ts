// The figures an applicant reads in a review report: the one display rule (never 550.00 for 549.995), the status
// beside the score, no mean maturity (no expert gave it), no working state of the secretariat (否决待核实).
import JSZip from "jszip";
import { reportDocx } from "../../src/report/docx";
import type { StageReport } from "../../src/report/model";

async function textOf(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

const base: StageReport = {
  award: "河北省政府质量奖",
  ruleSet: "河北省政府质量奖（组织）",
  rubricId: "hebei-organization",
  rubricTitle: "河北省政府质量奖组织奖评价标准",
  applicant: "甲公司",
  stage: "onsite",
  title: "现场评审报告",
  score: 612.345,
  line: null,
  max: 1000,
  method: "平均分",
  experts: 3,
  final: 549.995,
  finalLine: 550,
  status: "未达提名线",
  categories: [{ code: "1", name: "领导", score: 25.166666667, max: 110 }],
  items: [
    {
      code: "1.1",
      name: "高层领导的作用",
      points: 60,
      band: 3,
      score: 25.166666667,
      value: 41.944444444,
      strengths: ["理念清晰"],
      opportunities: [],
    },
  ],
  scoring: "maturity",
};

describe("a review report's figures", () => {
  it("prints the final under the display rule with its status, and no mean maturity", async () => {
    const text = await textOf(await reportDocx(base));
    expect(text).toContain("549.995 分（未达提名线）");
    expect(text).not.toContain("550.00");
    expect(text).toContain("612.35 分（满分 1000 分）");
    expect(text).toContain("25.17");
    expect(text).not.toMatch(/25\.1666|41\.9|成熟度 4/);
    expect(text).toContain("第 3 档");
  });

  it("never tells the applicant a working state such as 否决待核实", async () => {
    const text = await textOf(await reportDocx({ ...base, status: "否决待核实", final: 612.5 }));
    expect(text).not.toContain("否决待核实");
    expect(text).toContain("612.50 分");
  });

  it("a points rubric shows each item's score with two decimals, not a mean of points", async () => {
    const r: StageReport = {
      ...base,
      rubricId: "hebei-individual-senior",
      scoring: "points",
      max: 80,
      final: null,
      finalLine: null,
      status: null,
      items: [{ ...base.items[0], band: null, points: 30, score: 25.166666667, value: 25.166666667 }],
    };
    const text = await textOf(await reportDocx(r));
    expect(text).not.toContain("25.166");
    expect(text).toContain("得分 25.17");
  });
});
