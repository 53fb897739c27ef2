// The committee pack in the summary workbook: the vote record's verdict at the 2/3 boundaries as LibreOffice
// recalculates it, the printed pages of every sheet (LibreOffice's PDF), and the lists and the expert review as data.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { aggregateFiles } from "../../src/aggregate/run";
import { cellString, exact, library } from "../../src/core";
import { COMMITTEE_SHEET, voteVerdict } from "../../src/summary/committee";
import { writeXlsx } from "../../src/xlsx";
import { readXlsxFile } from "../../src/xlsx";
import { writeExpert } from "../consensus/fixtures";
import { gnumericRecalc, hasGnumeric } from "../helpers/gnumeric";
import { convert, describeWithLibreOffice } from "../helpers/libreoffice";
import { load, save, tmpDir } from "../helpers/workbooks";

const EXPERTS = ["张三", "李四", "王五"];

/** Three organisations (two candidates, one below the line) and two individuals, both stages, three experts each. */
async function scenario(options?: Parameters<typeof aggregateFiles>[0]["options"]) {
  const dir = tmpDir();
  const applicants: [string, number, string][] = [
    ["甲装备制造有限公司", 0.7, "hebei-organization"],
    ["乙食品集团有限公司", 0.65, "hebei-organization"],
    ["丙物流有限公司", 0.45, "hebei-organization"],
    ["赵一", 0.95, "hebei-individual-senior"],
    ["钱二", 0.6, "hebei-individual-senior"],
  ];
  for (const [a, level, rubric] of applicants)
    for (const stage of ["material", "onsite"] as const)
      for (const [k, e] of EXPERTS.entries())
        // One divergent item per applicant (1.1 or the first individual item): 30 % apart.
        await writeExpert(dir, a, stage, e, (c) => (k === 2 && /^1\.1$|^1$/.test(c) ? level - 0.3 : level), rubric);
  const run = await aggregateFiles({ inputs: [dir], createdAt: "2025-07-01T00:00:00Z", options });
  return { dir, run };
}

describe("the committee pack as data", () => {
  it("lists the candidates, the advance list and every expert, with the vote rule of the award data", async () => {
    const { run } = await scenario();
    const m = run.layout.map.committee;
    // 甲 and 乙; 赵一 has no final without public satisfaction (no roster), so is no candidate.
    expect(m.candidateList.rows).toBe(2);
    expect(m.advanceList.rows).toBe(3); // 甲, 乙, 赵一: 丙 (450 < 500) and 钱二 (48 < 70) do not advance
    expect(m.expertReview.rows.map((r) => r.expert).sort()).toEqual([...EXPERTS].sort());
    expect(m.vote.blocks.map((b) => b.ruleSet)).toEqual(["hebei-organization", "hebei-individual"]);
    expect(m.consensusList.rows).toBe(run.result.divergences.length);
    // Without a roster the individuals have no public satisfaction, hence no final score to chart (缺少公众满意度测评得分).
    // 丙 did not reach the material line (450 < 500): its on-site workbooks are not counted, so it has no final.
    expect(m.chart.series.map((s) => s.count)).toEqual([2]);
    const data = run.layout.sheets.find((s) => s.name === COMMITTEE_SHEET.reportData)!;
    expect(data.visibility).toBe("veryHidden");
  });

  it("lists for the on-site review whoever reaches the advance threshold the run was decided with", async () => {
    // The secretariat sets the advance line to 440 for a what-if (a run's override applies to every rule set): 丙
    // (450) now advances and is on the list, as in 汇总; the individuals (about 76 and 48 of 80) no longer do.
    const { run } = await scenario({ thresholds: { advance: exact(440) } });
    const bing = run.result.applicants.find((a) => a.applicant === "丙物流有限公司")!;
    expect(bing.status).not.toBe("not-advanced");
    expect(run.layout.map.committee.advanceList.rows).toBe(3); // 甲, 乙, 丙
  });
});

describeWithLibreOffice("the committee pack in LibreOffice", () => {
  let s: Awaited<ReturnType<typeof scenario>>;
  let file: string;
  beforeAll(async () => {
    s = await scenario();
    file = path.join(s.dir, "..", `${path.basename(s.dir)}-汇总.xlsx`);
    fs.writeFileSync(file, await writeXlsx(s.run.layout));
  }, 180_000);

  it("gives the vote verdict at the 2/3 boundaries by live formulas, as the engine does", async () => {
    const rules = library().get("hebei-organization")!.rules;
    // members, present, yes, no, abstain
    const cases: [number, number, number, number, number, string][] = [
      [21, 14, 10, 4, 0, "通过"], // attendance exactly 2/3; 10 of 14 ≥ 2/3
      [21, 13, 13, 0, 0, "会议无效"], // attendance below 2/3
      [15, 15, 10, 5, 0, "通过"], // yes exactly 2/3 of those present
      [15, 15, 9, 5, 1, "未通过"], // one short of 2/3
      [18, 12, 8, 3, 1, "通过"], // both exactly 2/3
      [21, 14, 10, 5, 0, "票数多于出席人数"],
      [21, 22, 20, 0, 0, "人数有误"], // more present than members: named, not "不足 2/3"
    ];
    const block = s.run.layout.map.committee.vote.blocks.find((b) => b.ruleSet === "hebei-organization")!;
    const row = block.rows[0].row;
    const dir = tmpDir();
    const files: string[] = [];
    for (const [k, [members, present, yes, no, abstain]] of cases.entries()) {
      const wb = await load(fs.readFileSync(file));
      const ws = wb.getWorksheet(COMMITTEE_SHEET.vote)!;
      ws.getCell(block.members).value = members;
      ws.getCell(block.present).value = present;
      ws.getCell(`${block.columns.yes}${row}`).value = yes;
      ws.getCell(`${block.columns.no}${row}`).value = no;
      ws.getCell(`${block.columns.abstain}${row}`).value = abstain;
      const f = path.join(dir, `case${k}.xlsx`);
      fs.writeFileSync(f, await save(wb));
      files.push(f);
    }
    const saved = convert(files, "xlsx", path.join(dir, "lo")).outputs;
    for (const [k, [members, present, yes, no, abstain, expected]] of cases.entries()) {
      const src = await readXlsxFile(saved[k]);
      const shown = src.value(COMMITTEE_SHEET.vote, `${block.columns.result}${row}`);
      expect([k, shown]).toEqual([k, expected]);
      expect(voteVerdict(rules, yes, no, abstain, present, members)).toBe(expected);
      const quorum = cellString(src.value(COMMITTEE_SHEET.vote, block.quorum));
      expect(quorum.startsWith("符合")).toBe(expected !== "会议无效" && expected !== "人数有误");
      if (expected === "人数有误") expect(quorum).toBe("出席人数多于委员总数，请核对");
    }
    // Gnumeric gives the same verdicts (where installed; in CI it is).
    if (hasGnumeric || process.env.CI === "true") {
      const gn = await gnumericRecalc(files, path.join(dir, "gn"));
      for (const [k, c] of cases.entries()) {
        const src = await readXlsxFile(gn[k]);
        expect([k, src.value(COMMITTEE_SHEET.vote, `${block.columns.result}${row}`)]).toEqual([k, c[5]]);
      }
    }
  }, 120_000);

  it("after the vote, 授奖建议名单 lists exactly the candidates the vote record passes, live, with its 公示", async () => {
    const block = s.run.layout.map.committee.vote.blocks.find((b) => b.ruleSet === "hebei-organization")!;
    const list = s.run.layout.map.committee.awardList.blocks.find((b) => b.ruleSet === "hebei-organization")!;
    expect(block.rows.map((r) => r.applicant)).toEqual(["甲装备制造有限公司", "乙食品集团有限公司"]);
    const dir = tmpDir();
    const files: string[] = [];
    // [yes for 甲, yes for 乙] of 15 present out of 21 members: 10 passes (2/3), 9 does not.
    for (const [k, votes] of [
      [9, 10],
      [10, 10],
      [null, null],
    ].entries()) {
      const wb = await load(fs.readFileSync(file));
      const ws = wb.getWorksheet(COMMITTEE_SHEET.vote)!;
      ws.getCell(block.members).value = 21;
      ws.getCell(block.present).value = 15;
      block.rows.forEach((r, i) => (ws.getCell(`${block.columns.yes}${r.row}`).value = votes[i]));
      const f = path.join(dir, `vote${k}.xlsx`);
      fs.writeFileSync(f, await save(wb));
      files.push(f);
    }
    const saved = convert(files, "xlsx", path.join(dir, "lo")).outputs;
    const listed = async (f: string) => {
      const src = await readXlsxFile(f);
      return list.rows
        .map((r) => [
          cellString(src.value(COMMITTEE_SHEET.awardList, `${list.columns.applicant}${r}`)),
          cellString(src.value(COMMITTEE_SHEET.awardList, `${list.columns.score}${r}`)),
        ])
        .filter(([n]) => n);
    };
    expect(await listed(saved[0])).toEqual([["乙食品集团有限公司", expect.stringMatching(/^\d+\.\d\d$/)]]);
    expect((await listed(saved[1])).map(([n]) => n)).toEqual(["甲装备制造有限公司", "乙食品集团有限公司"]);
    expect(await listed(saved[2])).toEqual([]);
    // A second engine (Gnumeric) lists the same, where installed (in CI it is).
    if (hasGnumeric || process.env.CI === "true") {
      const gn = await gnumericRecalc(files, path.join(dir, "gn"));
      for (const k of [0, 1, 2]) expect(await listed(gn[k])).toEqual(await listed(saved[k]));
    }
    // Printed: the publicity period (四（八）1) on the 授奖建议名单, none on the 授奖候选名单 (it goes to the vote).
    const pdf = convert([saved[0]], "pdf", path.join(dir, "pdf")).outputs[0];
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).stdout;
    const pages = text.split("\f");
    const award = pages.filter((p) => p.includes("授奖建议名单") && p.includes("表决通过"));
    expect(award.length).toBeGreaterThan(0);
    for (const p of award) expect(p).toContain("不少于 5 个工作日");
    const candidates = pages.filter((p) => (p.split("\n").find((l) => l.trim()) ?? "").includes("授奖候选名单"));
    expect(candidates.length).toBeGreaterThan(0);
    for (const p of candidates) expect(p).not.toContain("公示期");
  }, 180_000);

  it("prints each sheet on the pages it should: one per rule set for 汇总, the lists and the vote record", () => {
    const pdf = convert([file], "pdf", tmpDir()).outputs[0];
    const pages = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout.match(/Pages:\s+(\d+)/)![1];
    const firstLines: string[] = [];
    const texts: string[] = [];
    for (let p = 1; p <= Number(pages); p++) {
      const t = spawnSync("pdftotext", ["-f", String(p), "-l", String(p), "-layout", pdf, "-"], {
        encoding: "utf8",
      }).stdout;
      texts.push(t);
      firstLines.push(
        t
          .split("\n")
          .find((l) => l.trim())
          ?.trim() ?? "",
      );
    }
    const count = (marker: string) => firstLines.filter((l) => l.includes(marker)).length;
    expect(count("评审结果汇总")).toBe(2); // 汇总: organisations, individuals
    expect(count("综合得分与提名分数线")).toBe(1); // 得分图 (with both charts)
    expect(count("合议清单")).toBe(1);
    expect(count("进入现场评审名单（公示）")).toBe(2);
    expect(count("授奖候选名单")).toBe(2);
    expect(count("评审委员会表决记录表")).toBe(2);
    expect(count("评审专家评价表")).toBe(1);
    expect(count("问题清单")).toBe(1);
    expect(count("评审参数")).toBe(1);
    // 明细: one page per applicant and stage, each with its own header row.
    const blocks = s.run.layout.map.details.blocks.length;
    const detailPages = texts.filter((t) => /· (材料|现场)评审（/.test(t) && /平均分?\s+最低\s+最高/.test(t));
    expect(detailPages).toHaveLength(blocks);
    // 反馈 repeats its header row on every page.
    const feedback = texts.filter((t, i) => firstLines[i].includes("反馈意见汇总") || t.includes("改进机会（报告用）"));
    expect(feedback.length).toBeGreaterThanOrEqual(1);
    for (const t of feedback) expect(t).toContain("优势（报告用）");
    // The signature lines of the secretariat under each rule set on 汇总.
    expect(texts.filter((t) => t.includes("评审结果汇总") && t.includes("质评办（盖章）"))).toHaveLength(2);
    // Chinese names, not ids, on the printed 汇总.
    for (const t of texts.filter((x) => x.includes("评审结果汇总"))) expect(t).not.toMatch(/hebei-|jiangmen-/);
  }, 120_000);
});
