// `scorebook report --documents`: the documents the award's rules name (河北 四（五）3 评审记录表 and 评审得分排序表,
// 四（六）3 综合评审工作报告, the 现场评审意见 in the on-site report), read back as a person would open them; 江门, whose
// rules name none of them, gets none and no borrowed Hebei wording.
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { aggregateFiles } from "../../src/aggregate/run";
import { reportCommand } from "../../src/cli/report";
import { writeXlsx } from "../../src/xlsx";
import { convert, describeWithLibreOffice } from "../helpers/libreoffice";
import { tmpDir } from "../helpers/workbooks";
import { HEBEI, hebeiDraw, hebeiRound, JIANGMEN, jiangmenRound } from "./documents-fixtures";

async function runsOf(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
}
const textOf = async (file: string) => (await runsOf(file)).join("");
/** No figure printed with more decimals than the display rule gives (two, none of these is near a line). */
const longFigures = async (file: string) => (await runsOf(file)).filter((t) => /\d\.\d{3,}/.test(t));

async function run(summary: string, opts: { documents?: boolean; round?: string } = {}) {
  const out = tmpDir("docs-out-");
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await reportCommand(
    [summary],
    { output: out, ...opts },
    (l) => lines.push(l),
    (e) => errors.push(e),
  );
  return { code, out, lines, errors, files: fs.readdirSync(out).sort() };
}

// Whole rounds of generated workbooks, and LibreOffice at the end: not in the unit tier.
describeWithLibreOffice("scorebook report --documents (河北)", () => {
  let hebei: Awaited<ReturnType<typeof hebeiRound>>;
  let r: Awaited<ReturnType<typeof run>>;
  const file = (name: string) => path.join(r.out, name);
  beforeAll(async () => {
    hebei = await hebeiRound();
    r = await run(hebei.summary, { documents: true });
  }, 120_000);

  it("writes a record per on-site panel, a ranking sheet per on-site group and the work report", () => {
    expect(r.code).toBe(0);
    expect(r.errors).toEqual([]);
    const applicants = [HEBEI.top, HEBEI.tiedA, HEBEI.tiedB];
    expect(r.files).toEqual(
      [
        ...applicants.flatMap((a) => [`${a}_材料评审报告.docx`, `${a}_现场评审报告.docx`, `${a}_现场评审记录表.docx`]),
        "现场评审专家组1_评审得分排序表.docx",
        "现场评审专家组2_评审得分排序表.docx",
        "综合评审工作报告.docx",
      ].sort(),
    );
    expect(r.lines.join("\n")).toContain("评审规则要求的评审文件 6 份：");
  });

  it("评审记录表: who reviewed, each expert's entry per item, totals, the group's score and signature lines", async () => {
    const t = await textOf(file(`${HEBEI.tiedA}_现场评审记录表.docx`));
    expect(t).toContain("现场评审记录表");
    expect(t).toContain(HEBEI.tiedA);
    expect(t).toContain(`评审专家组${HEBEI.group1.join("、")}（3 位）`);
    for (const e of HEBEI.group2) expect(t).not.toContain(e);
    // 1.1 (60 points): the three experts' maturities 60 %, 65 %, 70 % and the item score of the panel's mean.
    expect(t).toContain("1.1高层领导的作用6060%65%70%39.00");
    // Each expert's total and the panel's score (mean), under the display rule.
    expect(t).toContain("总分1000600.00650.00700.00650.00");
    expect(t).toContain("签名");
    expect(t).toContain("评审专家组组长（签名）");
    expect(t).toContain("评审日期");
    expect(await longFigures(file(`${HEBEI.tiedA}_现场评审记录表.docx`))).toEqual([]);
  });

  it("评审得分排序表: the group's applicants by its score (equal scores share a place), leader and members sign", async () => {
    const g1 = await textOf(file("现场评审专家组1_评审得分排序表.docx"));
    const g2 = await textOf(file("现场评审专家组2_评审得分排序表.docx"));
    const [group1, group2] = g1.includes(HEBEI.tiedA) ? [g1, g2] : [g2, g1];
    expect(group1).toContain("现场评审得分排序表");
    expect(group1).toContain(`1${HEBEI.tiedA}`);
    expect(group1).toContain(`1${HEBEI.tiedB}`);
    expect(group1).not.toContain(HEBEI.top);
    expect(group1).toContain("组长");
    for (const e of HEBEI.group1) expect(group1).toContain(`成员${e}`);
    expect(group2).toContain(`1${HEBEI.top}`);
    expect(group2).toContain("850.00平均分");
    for (const e of HEBEI.group2) expect(group2).toContain(`成员${e}`);
  });

  it("综合评审工作报告: rules and 质评办 settings, counts, ranking, candidates with the tie marked, problems", async () => {
    const t = await textOf(file("综合评审工作报告.docx"));
    expect(t).toContain("综合评审工作报告");
    // The rules applied: the award's formula and lines, the vote rule, 参数 as set, and every 质评办 default.
    expect(t).toContain("最终得分 = 材料评审得分 × 30% + 现场评审得分 × 70% + 加分");
    expect(t).toContain("提名分数线550 分");
    expect(t).toContain("专家组合成方法平均分");
    expect(t).toContain("材料评审得分来源");
    expect(t).toContain("候选名额（规则 10 名）"); // this round set 2 in 参数: said so
    expect(t).toContain("委员会议出席人数不少于总数的三分之二");
    // Counts.
    expect(t).toContain(
      "申报者 3 个，材料评审 3 个，进入现场评审 3 个，完成现场评审 3 个；评审专家 8 人，材料评审 6 人次、现场评审 9 人次",
    );
    // Candidates: the two tied on the last place inside a limit of 2 are both listed and marked for the committee.
    const candidates = t.slice(t.indexOf("四、授奖候选名单"), t.indexOf("五、存在的问题"));
    expect(t).toContain(`2${HEBEI.tiedB}625.00650.000.00642.50候选`);
    expect(candidates).toContain(`1${HEBEI.top}1842.50`);
    expect(candidates).toContain(`2${HEBEI.tiedA}2642.50末位并列，超出名额，由评审委员会决定`);
    expect(candidates).toContain(`3${HEBEI.tiedB}2642.50末位并列，超出名额，由评审委员会决定`);
    expect(candidates).toContain("第 2 名并列者全部列出，超出候选名额（2 名），由评审委员会决定");
    // The candidate list goes to the committee; it is not publicised.
    expect(candidates).not.toContain("公示");
    expect(t).toContain("五、存在的问题");
    expect(t).toContain("未发现问题");
    expect(t).toContain("质评办（盖章）");
    expect(await longFigures(file("综合评审工作报告.docx"))).toEqual([]);
  });

  it("the on-site report has its 现场评审意见 section in the rules' words; the material report has none", async () => {
    const onsite = await textOf(file(`${HEBEI.tiedA}_现场评审报告.docx`));
    expect(onsite).toContain("四、现场评审意见");
    expect(onsite).toContain("结合我省重大战略需求、政策导向、行业引领、地区树立标杆的需要，提出现场评审意见");
    expect(onsite).toContain("由评审专家组填写");
    const material = await textOf(file(`${HEBEI.tiedA}_材料评审报告.docx`));
    expect(material).not.toContain("现场评审意见");
  });

  it("LibreOffice renders the record, a ranking sheet and the work report", () => {
    const docs = [`${HEBEI.tiedA}_现场评审记录表.docx`, "现场评审专家组1_评审得分排序表.docx", "综合评审工作报告.docx"];
    const pdfs = convert(
      docs.map((d) => file(d)),
      "pdf",
      tmpDir(),
    ).outputs;
    expect(pdfs).toHaveLength(3);
    for (const pdf of pdfs) expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
  }, 120_000);

  it("a material-only summary (the advance list) gives no on-site document and no work report", async () => {
    const run1 = await aggregateFiles({ inputs: [hebei.dir], options: { stage: "material" }, createdAt: "2025-07-01" });
    const material = path.join(tmpDir(), "材料评审汇总.xlsx");
    fs.writeFileSync(material, await writeXlsx(run1.layout));
    const m = await run(material, { documents: true });
    expect(m.code).toBe(0);
    expect(m.files.every((f) => f.endsWith("_材料评审报告.docx"))).toBe(true);
    expect(m.files).toHaveLength(3);
  });

  it("with the round workbook (--round) the groups and leaders are the draw's", async () => {
    const d = await run(hebei.summary, { documents: true, round: await hebeiDraw(tmpDir()) });
    expect(d.code).toBe(0);
    expect(d.files).toContain("现场-01_评审得分排序表.docx");
    expect(d.files).toContain("现场-02_评审得分排序表.docx");
    const g1 = await textOf(path.join(d.out, "现场-01_评审得分排序表.docx"));
    expect(g1).toContain("现场评审专家组 现场-01");
    expect(g1).toContain("组长李四");
    expect(g1).toContain("成员张三");
    expect(g1).toContain("成员王五");
    expect(g1).not.toContain("成员李四");
    const rec = await textOf(path.join(d.out, `${HEBEI.top}_现场评审记录表.docx`));
    expect(rec).toMatch(/评审专家组现场-02：[^（]+（3 位）；组长 赵六/);
    // --round without --documents is refused.
    const refused = await run(hebei.summary, { round: path.join(tmpDir(), "x.xlsx") });
    expect(refused.code).toBe(2);
    expect(refused.errors.join()).toContain("--round 只与 --documents 一起使用");
  });

  it("without --documents only the stage reports are written", async () => {
    const plain = await run(hebei.summary);
    expect(plain.code).toBe(0);
    expect(plain.files.every((f) => /_(材料|现场)评审报告\.docx$/.test(f))).toBe(true);
    expect(plain.files).toHaveLength(6);
  });
});

describeWithLibreOffice("scorebook report --documents (江门: its rules name none of the documents)", () => {
  it("writes no document and no Hebei wording, and says why", async () => {
    const jm = await jiangmenRound();
    const r = await run(jm.summary, { documents: true });
    expect(r.code).toBe(0);
    expect(r.files).toEqual([`${JIANGMEN.applicant}_材料评审报告.docx`, `${JIANGMEN.applicant}_现场评审报告.docx`]);
    expect(r.lines.join("\n")).toContain("评审规则未要求评审记录表、评审得分排序表或综合评审工作报告，未生成");
    const onsite = await textOf(path.join(r.out, `${JIANGMEN.applicant}_现场评审报告.docx`));
    expect(onsite).not.toContain("现场评审意见");
    expect(onsite).not.toContain("我省");
  }, 120_000);
});
