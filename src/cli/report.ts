// `scorebook report`: one Word document per applicant and stage (材料评审报告 / 现场评审报告), from a summary workbook
// (the secretariat's edited 反馈 wording is taken) or from the returned workbooks (aggregated in memory first).
//
// Exit codes: 0 written; 1 written, but the aggregation of the returned workbooks found problems; 2 usage error (no
// such path, a summary together with other files, not a Scorebook summary, a report exists without --force).
import { promises as fs } from "fs";
import * as path from "path";
import { aggregateFiles } from "../aggregate/run";
import { nodeInflate } from "../aggregate/read";
import { readRosterFile, RosterFileError, type Roster } from "../aggregate/roster";
import { readReports, ReportDataError, reportFileName, type StageReport } from "../report/model";
import { reportDocx } from "../report/docx";
import { isSummaryWorkbook } from "../summary";
import { layoutSource } from "../workbook";
import { readZipWorkbook } from "../xlsx/zip-cells";
import { zipSource } from "../xlsx/zip-source";

export interface ReportCliOptions {
  output?: string;
  force?: boolean;
  roster?: string;
}

async function summaryReports(file: string): Promise<StageReport[] | null> {
  const data = await fs.readFile(file);
  let wb;
  try {
    wb = await readZipWorkbook(data, { inflateRaw: nodeInflate });
  } catch {
    return null;
  }
  if (!isSummaryWorkbook(wb.sheets.map((s) => s.name))) return null;
  return readReports(zipSource(wb, file));
}

export async function reportCommand(
  paths: string[],
  opts: ReportCliOptions,
  out: (s: string) => void,
  err: (s: string) => void,
  now: () => Date = () => new Date(),
): Promise<number> {
  if (!paths.length) {
    err("请给出汇总表 summary.xlsx，或专家交回的评分表 (give the summary workbook or the returned workbooks)");
    return 2;
  }
  for (const p of paths)
    if (!(await fs.stat(p).catch(() => null))) {
      err(`找不到：${p} (no such file or folder)`);
      return 2;
    }
  let reports: StageReport[] | null;
  let problems = 0;
  try {
    const files = paths.filter((p) => p.toLowerCase().endsWith(".xlsx"));
    const summaries: string[] = [];
    for (const f of files) if ((await fs.stat(f)).isFile() && (await summaryReports(f)) !== null) summaries.push(f);
    if (summaries.length > 1 || (summaries.length === 1 && paths.length > 1)) {
      err(`请只给出一份汇总表，或只给出评分表：${summaries.join("、")} (a summary, or the workbooks, not both)`);
      return 2;
    }
    if (summaries.length === 1) reports = await summaryReports(summaries[0]);
    else {
      let roster: Roster | undefined;
      if (opts.roster) roster = await readRosterFile(opts.roster);
      const run = await aggregateFiles({ inputs: paths, roster, createdAt: now().toISOString() });
      problems = run.result.problems.length;
      for (const p of run.result.problems) err(`  - ${p.file ? `${p.file}：` : ""}${p.reason}`);
      reports = readReports(layoutSource(run.layout, "summary"));
    }
  } catch (e) {
    if (e instanceof ReportDataError || e instanceof RosterFileError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  if (!reports || !reports.length) {
    err("没有可生成报告的申报者（没有计入的评分表） (nothing to report)");
    return problems ? 1 : 2;
  }
  const dir = opts.output ?? "reports";
  await fs.mkdir(dir, { recursive: true });
  const targets = reports.map((r) => ({ r, file: path.join(dir, reportFileName(r)) }));
  if (!opts.force) {
    const existing = [];
    for (const t of targets) if (await fs.stat(t.file).catch(() => null)) existing.push(t.file);
    if (existing.length) {
      err(`文件已存在：${existing.join("、")}（不会覆盖；如需覆盖请加 --force） (files exist)`);
      return 2;
    }
  }
  const date = now().toISOString().slice(0, 10);
  for (const t of targets) await fs.writeFile(t.file, await reportDocx(t.r, { date }));
  out(`已生成 ${targets.length} 份评审报告（${dir}）：`);
  for (const t of targets) out(`  ${t.file}`);
  return problems ? 1 : 0;
}
