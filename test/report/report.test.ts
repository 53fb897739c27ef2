// `scorebook report`: one .docx per applicant and stage, read back as a person would open it (the document text and
// the chart image inside the file), from a summary the secretariat edited in 反馈 and from the returned workbooks.
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { aggregateFiles } from "../../src/aggregate/run";
import { consensusCommand } from "../../src/cli/consensus";
import { reportCommand } from "../../src/cli/report";
import { buildConsensusLayout, toReturnedSheet } from "../../src/workbook";
import { interpretFile } from "../../src/aggregate/read";
import { writeXlsx } from "../../src/xlsx";
import { convert, describeWithLibreOffice, recalc } from "../helpers/libreoffice";
import { bundle, load, save, tmpDir } from "../helpers/workbooks";
import { fillConsensus, ORG, writeExpert } from "../consensus/fixtures";

const A = "河北甲装备制造有限公司";
const B = "河北乙食品集团有限公司";
const EXPERTS = ["张三", "李四", "王五"];

async function docText(file: string): Promise<{ text: string; images: Buffer[] }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file("word/document.xml")!.async("string");
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  const images = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => n.startsWith("word/media/"))
      .map(async (n) => Buffer.from(await zip.file(n)!.async("uint8array"))),
  );
  return { text, images };
}

/** Two applicants, both stages, three experts each; A's on-site stage has a filled consensus. */
async function scenario() {
  const dir = tmpDir();
  const files: Record<string, string[]> = {};
  for (const [applicant, level] of [
    [A, 0.6],
    [B, 0.4],
  ] as const)
    for (const stage of ["material", "onsite"] as const) {
      const list = [];
      for (const [k, e] of EXPERTS.entries()) list.push(await writeExpert(dir, applicant, stage, e, level + k * 0.05));
      files[`${applicant}/${stage}`] = list;
    }
  const onsite = files[`${A}/onsite`];
  const cons = path.join(dir, "合议表.xlsx");
  expect(
    await consensusCommand(
      onsite,
      { output: cons },
      () => {},
      () => {},
    ),
  ).toBe(0);
  const sheets = [];
  for (const f of onsite) {
    const r = await interpretFile(f);
    if (r.ok) sheets.push(toReturnedSheet(r.report));
  }
  await fillConsensus(cons, buildConsensusLayout(bundle(ORG), sheets, { createdAt: "x" }), () => 0.7);
  const run = await aggregateFiles({ inputs: [dir], createdAt: "2025-07-01T00:00:00Z" });
  const summary = path.join(dir, "..", `${path.basename(dir)}-汇总.xlsx`);
  fs.writeFileSync(summary, await writeXlsx(run.layout));
  return { dir, summary, run };
}

describe("scorebook report", () => {
  let s: Awaited<ReturnType<typeof scenario>>;
  beforeAll(async () => {
    s = await scenario();
  }, 120_000);

  it("writes a report with text and chart for every applicant and stage, taking the edited 反馈 wording", async () => {
    // The secretariat rewrites one strength in 反馈's editable column and saves the summary.
    const f = s.run.layout.map.feedback;
    const row = f.rows.find((r) => r.applicant === A && r.stage === "material" && r.code === "1.1")!.row;
    const wb = await load(fs.readFileSync(s.summary));
    wb.getWorksheet("反馈")!.getCell(`${f.columns.strengths}${row}`).value = "经质评办润色：领导层系统推进卓越绩效管理";
    const edited = s.summary.replace(/\.xlsx$/, "-改.xlsx");
    fs.writeFileSync(edited, await save(wb));

    const out = tmpDir();
    const lines: string[] = [];
    expect(
      await reportCommand(
        [edited],
        { output: out },
        (l) => lines.push(l),
        () => {},
      ),
    ).toBe(0);
    // B's material score (400) is below the line (500): its on-site workbooks are not counted (the stage gate), so
    // there is no on-site report for it.
    const expected = [`${A}_材料评审报告.docx`, `${A}_现场评审报告.docx`, `${B}_材料评审报告.docx`];
    expect(fs.readdirSync(out).sort()).toEqual(expected.sort());
    const categories = bundle(ORG).rubric.categories.map((c) => `${c.code} ${c.name}`);
    for (const name of expected) {
      const { text, images } = await docText(path.join(out, name));
      expect(text).toContain("河北省政府质量奖");
      expect(text).toContain(name.includes("材料") ? "材料评审报告" : "现场评审报告");
      expect(text).toContain(name.startsWith(A) ? A : B);
      for (const c of categories) expect(text).toContain(c);
      expect(text).toContain("关键主题");
      expect(text).toMatch(/1\.1 高层领导的作用/);
      // No expert's name anywhere in the report.
      for (const e of EXPERTS) expect(text).not.toContain(e);
      // The chart: a real PNG inside the document.
      expect(images).toHaveLength(1);
      expect(images[0].subarray(1, 4).toString()).toBe("PNG");
      expect(images[0].length).toBeGreaterThan(5000);
    }
    const am = (await docText(path.join(out, `${A}_材料评审报告.docx`))).text;
    expect(am).toContain("经质评办润色：领导层系统推进卓越绩效管理");
    expect(am).not.toContain("高层领导亲自推动卓越绩效管理");
    // Elsewhere the experts' identical strength appears once (deduplicated), in item 1.1 only.
    const bm = (await docText(path.join(out, `${B}_材料评审报告.docx`))).text;
    expect(bm.split("高层领导亲自推动卓越绩效管理").length - 1).toBe(1);
    expect(bm).toContain("未进入现场评审");
    // The on-site stage of A was scored by consensus: 70 % everywhere, 700 points; the final is known.
    const ao = (await docText(path.join(out, `${A}_现场评审报告.docx`))).text;
    expect(ao).toContain("700.00 分（满分 1000 分）");
    expect(ao).toContain("合议");
    expect(ao).toContain("最终得分");
  });

  /** A copy of the summary edited as ExcelJS saves it: the cached formula values kept as they were (no recalculation). */
  async function editedCopy(name: string, edit: (wb: Awaited<ReturnType<typeof load>>) => void): Promise<string> {
    const wb = await load(fs.readFileSync(s.summary));
    edit(wb);
    const file = s.summary.replace(/\.xlsx$/, `-${name}.xlsx`);
    fs.writeFileSync(file, await save(wb));
    return file;
  }
  async function refused(file: string): Promise<string> {
    const out = tmpDir();
    const errors: string[] = [];
    expect(
      await reportCommand(
        [file],
        { output: out },
        () => {},
        (e) => errors.push(e),
      ),
    ).toBe(2);
    expect(fs.readdirSync(out)).toEqual([]);
    return errors.join("\n");
  }

  it("names a 反馈 row pasted for an applicant not in the summary (with the nearest name), or for an unknown item", async () => {
    const f = s.run.layout.map.feedback;
    const last = Math.max(...f.rows.map((r) => r.row));
    const file = await editedCopy("粘贴", (wb) => {
      const sheet = wb.getWorksheet("反馈")!;
      const row = (n: number, applicant: string, code: string) => {
        sheet.getCell(`A${n}`).value = applicant;
        sheet.getCell(`B${n}`).value = "材料评审";
        sheet.getCell(`C${n}`).value = code;
        sheet.getCell(`G${n}`).value = "从另一份汇总表粘贴的优势";
      };
      row(last + 1, "河北甲装备制造公司", "1.1");
      row(last + 2, A, "9.9");
    });
    const err = await refused(file);
    expect(err).toContain(`反馈!A${last + 1}：申报者“河北甲装备制造公司”不在本汇总表中（是否为“${A}”？）`);
    expect(err).toContain(`反馈!C${last + 2}：编号“9.9”不是 ${A} 材料评审的评价项目`);
  });

  it("refuses a summary edited without recalculation (the cached figures are of the old inputs), naming the input", async () => {
    const p = s.run.layout.map.parameters;
    const at = `${Object.values(p.columns)[0]}${p.rows.materialWeight}`;
    const file = await editedCopy("未重算", (wb) => {
      const cell = wb.getWorksheet(p.sheet)!.getCell(at);
      expect(cell.value).toBe(0.3);
      cell.value = 0.4;
    });
    const err = await refused(file);
    expect(err).toContain(`${p.sheet}!${at} 现为 0.4，计算结果仍按 0.3`);
    expect(err).toContain("请先在 Excel、WPS 或 LibreOffice 中打开汇总表");
  });

  it("writes the same reports from the returned workbooks, and never overwrites without --force", async () => {
    const out = tmpDir();
    expect(
      await reportCommand(
        [s.dir],
        { output: out },
        () => {},
        () => {},
      ),
    ).toBe(1); // written; the aggregation named B's on-site workbooks (below the material line) as not counted
    expect(fs.readdirSync(out).sort()).toEqual([
      `${B}_材料评审报告.docx`,
      `${A}_材料评审报告.docx`,
      `${A}_现场评审报告.docx`,
    ]);
    const errors: string[] = [];
    expect(
      await reportCommand(
        [s.dir],
        { output: out },
        () => {},
        (e) => errors.push(e),
      ),
    ).toBe(2);
    expect(errors.join()).toContain("文件已存在");
  });
});

describeWithLibreOffice("reports after LibreOffice", () => {
  it("reads a summary saved by LibreOffice, and LibreOffice renders the report", async () => {
    const sc = await scenario();
    // A what-if in 参数 (the material weight 30 % → 40 %), saved by ExcelJS without recalculation; then the summary
    // and the what-if recalculated by LibreOffice in one call.
    const p = sc.run.layout.map.parameters;
    const wb = await load(fs.readFileSync(sc.summary));
    wb.getWorksheet(p.sheet)!.getCell(`${Object.values(p.columns)[0]}${p.rows.materialWeight}`).value = 0.4;
    const whatIf = sc.summary.replace(/\.xlsx$/, "-假设.xlsx");
    fs.writeFileSync(whatIf, await save(wb));
    const saved = tmpDir();
    recalc([sc.summary, whatIf], saved);
    // Recalculated after the what-if: not stale, reported with the new weight.
    const whatIfOut = tmpDir();
    expect(
      await reportCommand(
        [path.join(saved, path.basename(whatIf))],
        { output: whatIfOut },
        () => {},
        (e) => {
          throw new Error(e);
        },
      ),
    ).toBe(0);
    expect(fs.readdirSync(whatIfOut).length).toBe(3);
    const out = tmpDir();
    expect(
      await reportCommand(
        [path.join(saved, path.basename(sc.summary))],
        { output: out },
        () => {},
        () => {},
      ),
    ).toBe(0);
    const doc = path.join(out, `${A}_现场评审报告.docx`);
    expect((await docText(doc)).text).toContain("700.00 分");
    const pdf = convert([doc], "pdf", tmpDir()).outputs[0];
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
  }, 120_000);
});
