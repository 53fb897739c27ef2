// `scorebook report`: one Word document per applicant and stage (材料评审报告 / 现场评审报告), from a summary workbook
// (the secretariat's edited 反馈 wording is taken) or from the returned workbooks (aggregated in memory first).
//
// Exit codes: 0 written; 1 written, but the aggregation of the returned workbooks found problems; 2 usage error (no
// such path, a summary together with other files, not a Scorebook summary, a report exists without --force).
import { promises as fs } from "fs";
import * as path from "path";
import JSZip from "jszip";
import { aggregateFiles } from "../aggregate/run";
import { nodeInflate, openFile } from "../aggregate/read";
import { readRosterFile, RosterFileError, type Roster } from "../aggregate/roster";
import { readReports, ReportDataError, reportFileName, type StageReport } from "../report/model";
import { reportDocx } from "../report/docx";
import { readDocuments } from "../report/documents";
import { readRoundFile, RoundFileError } from "../round/files";
import { needPanels } from "../round/read";
import { rankingSheetDocx, recordDocx, workReportDocx } from "../report/documents-docx";
import { distinctFileNames, fileNameOf, msg, type Assignment } from "../core";
import type { CellSource } from "../workbook/source";
import { progressOf, type Progress } from "./progress";
import { OutputRefused, writeOutputs } from "./output";
import { isSummaryWorkbook, SUMMARY_SHEET } from "../summary";
import { staleInputs } from "../summary/recalc-check";
import { COMMITTEE_SHEET } from "../summary/committee";
import { layoutSource } from "../workbook";
import { readZipWorkbook, type RawCell } from "../xlsx/zip-cells";
import { zipSource } from "../xlsx/zip-source";

/** The reports' folder when -o is not given (the guide's name). */
export const DEFAULT_REPORT_DIR = "评审报告";

export interface ReportCliOptions {
  output?: string;
  force?: boolean;
  roster?: string;
  /** Also <folder>.zip holding every report (to send in one piece), written with them, all or nothing. */
  zip?: boolean;
  /**
   * Also the documents the award's rules name (award data `documents`): 评审记录表 per applicant's on-site panel,
   * 评审得分排序表 per on-site group, 综合评审工作报告.
   */
  documents?: boolean;
  /** The round workbook (评审安排.xlsx): the draw's on-site groups and leaders for the documents. */
  round?: string;
}

/** A summary's reports, and the source they were read from (the documents read the same source). */
async function summaryReports(file: string): Promise<{ reports: StageReport[]; source: CellSource } | null> {
  const data = await fs.readFile(file);
  let wb;
  try {
    wb = await readZipWorkbook(data, { inflateRaw: nodeInflate });
  } catch {
    return null;
  }
  if (!isSummaryWorkbook(wb.sheets.map((s) => s.name))) return null;
  // A report never prints an error value: a summary whose formulas could not be calculated (saved by a program
  // without one of its functions, or a cell edited into an error) is refused, naming the cell.
  const errors: string[] = [];
  for (const sheet of REPORT_SHEETS)
    for (const [ref, c] of wb.cells.get(sheet) ?? new Map<string, RawCell>())
      if (c.error !== undefined) errors.push(`${sheet}!${ref}（${c.error}）`);
  if (errors.length)
    throw new ReportDataError(
      `汇总表 ${file} 中有错误值，不能据此生成报告：${errors.slice(0, 10).join("、")}${errors.length > 10 ? ` 等 ${errors.length} 处` : ""}。请在 Excel 或 WPS 中打开、重新计算并保存后再试，或用 scorebook aggregate 重新生成汇总表`,
    );
  // Nor figures of earlier inputs: a summary edited in a program that did not recalculate is refused, naming the
  // inputs whose formulas were left behind (src/summary/recalc-check.ts).
  const stale = staleInputs((sheet, ref) => wb.cells.get(sheet)?.get(ref), COMMITTEE_SHEET.reportData);
  if (stale.length) {
    const shown = (v: string | number | boolean | null) => (v === null ? "" : String(v));
    const m = msg.reportStale(
      file,
      stale.map((c) => ({ address: c.address, input: shown(c.input), cached: shown(c.cached) })),
    );
    throw new ReportDataError(`${m.zh} (${m.en})`);
  }
  const source = zipSource(wb, file);
  return { reports: readReports(source), source };
}

/** The summary's sheets a report takes its figures and wording from. */
const REPORT_SHEETS = [COMMITTEE_SHEET.reportData, SUMMARY_SHEET.feedback, SUMMARY_SHEET.ranking];

export async function reportCommand(
  paths: string[],
  opts: ReportCliOptions,
  out: (s: string) => void,
  err: (s: string) => void,
  now: () => Date = () => new Date(),
  progress: Progress | null = null,
): Promise<number> {
  if (!paths.length) {
    err("请给出汇总表（如 汇总表.xlsx），或专家交回的评分表 (give the summary workbook or the returned workbooks)");
    return 2;
  }
  for (const p of paths)
    if (!(await fs.stat(p).catch(() => null))) {
      err(`找不到：${p} (no such file or folder)`);
      return 2;
    }
  let reports: StageReport[] | null;
  let source: CellSource | null;
  let problems = 0;
  // What the reports must never replace (compared by file identity by the writer).
  let inputFiles: string[];
  try {
    const files = paths.filter((p) => p.toLowerCase().endsWith(".xlsx"));
    const summaries: string[] = [];
    for (const f of files) if ((await fs.stat(f)).isFile() && (await summaryReports(f)) !== null) summaries.push(f);
    if (summaries.length > 1 || (summaries.length === 1 && paths.length > 1)) {
      err(`请只给出一份汇总表，或只给出评分表：${summaries.join("、")} (a summary, or the workbooks, not both)`);
      return 2;
    }
    // A file that is neither a summary nor a returned workbook (a round workbook, another spreadsheet) is refused,
    // named as what it is (the one door in), rather than reported as "nothing to report".
    for (const f of files)
      if (!summaries.includes(f) && (await fs.stat(f)).isFile()) {
        const opened = await openFile(f);
        if (opened.kind === "round" || opened.kind === "unreadable") {
          err(`${f}：${opened.problem.reason}；scorebook report 读取汇总表或专家交回的评分表 (${opened.problem.en})`);
          return 2;
        }
      }
    if (summaries.length === 1) {
      const read = await summaryReports(summaries[0]);
      reports = read?.reports ?? null;
      source = read?.source ?? null;
      inputFiles = summaries;
    } else {
      let roster: Roster | undefined;
      if (opts.roster) roster = await readRosterFile(opts.roster);
      const run = await aggregateFiles({ inputs: paths, roster, createdAt: now().toISOString() });
      problems = run.result.problems.length;
      inputFiles = [...run.files, ...(opts.roster ? [opts.roster] : [])];
      for (const p of run.result.problems) err(`  - ${p.file ? `${p.file}：` : ""}${p.reason}`);
      source = layoutSource(run.layout, "summary");
      reports = readReports(source);
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
  const dir = opts.output ?? DEFAULT_REPORT_DIR;
  const date = now().toISOString().slice(0, 10);
  // The stage reports, then (--documents) the documents the award's rules name, each a file made on demand.
  // The draw (--round): the on-site groups (组别) and their leaders (组长) for the documents.
  let draw: Assignment[] | null = null;
  if (opts.round) {
    if (!opts.documents) {
      const m = msg.reportRoundWithoutDocuments();
      err(`${m.zh} (${m.en})`);
      return 2;
    }
    try {
      const round = await readRoundFile(opts.round);
      const none = needPanels(round);
      if (none) {
        err(`${none.zh} (${none.en})`);
        return 2;
      }
      draw = round.assignments;
    } catch (e) {
      if (!(e instanceof RoundFileError)) throw e;
      err(`${e.zh} (${e.en})`);
      return 2;
    }
    inputFiles.push(opts.round);
  }
  const docs = opts.documents && source ? readDocuments(source, reports, draw) : null;
  const made: { name: string; label: string; make: () => Promise<Uint8Array> }[] = reports.map((r) => ({
    name: reportFileName(r),
    label: `${r.applicant}·${r.title}`,
    make: () => reportDocx(r, { date }),
  }));
  const documentCount = () => made.length - reports.length;
  if (docs) {
    for (const rec of docs.records)
      made.push({
        name: fileNameOf([rec.report.applicant, "现场评审记录表"], ".docx")!,
        label: `${rec.report.applicant}·现场评审记录表`,
        make: () => recordDocx(rec, { date }),
      });
    for (const g of docs.rankingSheets)
      made.push({
        name: fileNameOf([g.group ?? `现场评审专家组${g.number}`, "评审得分排序表"], ".docx")!,
        label: `${g.ruleSet}·现场评审专家组 ${g.group ?? g.number}（${g.experts.join("、")}）`,
        make: () => rankingSheetDocx(g, { date }),
      });
    const w = docs.workReport;
    if (w)
      made.push({ name: "综合评审工作报告.docx", label: "综合评审工作报告", make: () => workReportDocx(w, { date }) });
  }
  // Distinct names (河北甲/乙联合体 and 河北甲_乙联合体 would share one), written through the one door out: all
  // or nothing, the folder created when missing, never over an input.
  const names = distinctFileNames(made.map((m) => m.name));
  const targets = made.map((m, i) => ({ ...m, file: path.join(dir, names[i]), plain: m.name !== names[i] }));
  const zipFile = opts.zip ? `${dir.replace(/[\\/]+$/, "")}.zip` : null;
  const bytes: Uint8Array[] = [];
  try {
    await writeOutputs(
      [...targets.map((t) => t.file), ...(zipFile ? [zipFile] : [])],
      async (i) => {
        if (i < targets.length) return (bytes[i] = await targets[i].make());
        // The .zip comes last: every report is made by then.
        const zip = new JSZip();
        targets.forEach((t, k) => zip.file(path.basename(t.file), bytes[k]));
        return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
      },
      { force: opts.force, inputs: inputFiles, onFile: progressOf(progress) },
    );
  } catch (e) {
    if (!(e instanceof OutputRefused)) throw e;
    err(e.text);
    return 2;
  }
  const line = (t: (typeof targets)[number]) =>
    out(`  ${t.file}${t.plain ? `（${t.label}；与另一申报者的文件名相同，已加编号区分）` : ""}`);
  out(`已生成 ${reports.length} 份评审报告（${dir}）：`);
  targets.slice(0, reports.length).forEach(line);
  if (docs) {
    if (documentCount()) {
      out(`评审规则要求的评审文件 ${documentCount()} 份：`);
      targets.slice(reports.length).forEach(line);
    }
    // An award whose rules name none of these documents gets none (no borrowed wording).
    if (docs.unnamed.length)
      out(
        `${docs.unnamed.join("、")}：评审规则未要求评审记录表、评审得分排序表或综合评审工作报告，未生成 (the award's rules name none of these documents)`,
      );
  }
  if (zipFile) out(`已打包：${zipFile}`);
  return problems ? 1 : 0;
}
