// The review report (材料评审报告 / 现场评审报告) of one applicant and stage, as data read back from a summary
// workbook (its hidden 报告数据 sheet and the edited columns of 反馈): the same reader serves a summary.xlsx that the
// secretariat edited and saved, and a summary built in memory from the returned workbooks. Pure TypeScript.
import {
  distinctFileNames,
  fileNameOf,
  library,
  msg,
  nameKey,
  nearestId,
  text as msgText,
  type StageId,
} from "../core";
import { STAGE_NAME } from "../workbook/labels";
import type { CellSource, CellValue } from "../workbook/source";
import { COMMITTEE_SHEET } from "../summary/committee";
import { SUMMARY_SHEET } from "../summary/types";

export interface ReportItem {
  code: string;
  name: string;
  points: number;
  band: number | null;
  score: number | null;
  /** Agreed or mean maturity (percent) or points. */
  value: number | null;
  strengths: string[];
  opportunities: string[];
}

export interface StageReport {
  award: string;
  ruleSet: string;
  rubricId: string;
  rubricTitle: string;
  applicant: string;
  stage: StageId;
  /** 材料评审报告 / 现场评审报告 */
  title: string;
  score: number | null;
  /** The threshold the stage score is compared with (the advance line after the material review), or null. */
  line: number | null;
  max: number;
  /** 合议, 平均分 … */
  method: string;
  experts: number;
  final: number | null;
  /** The nomination line the final is compared with, or null. */
  finalLine: number | null;
  status: string | null;
  categories: { code: string; name: string; score: number; max: number }[];
  items: ReportItem[];
  scoring: "maturity" | "points";
  /**
   * The on-site report's 现场评审意见 section, where the award's rules name it (四（五）3): the rules' words for what the
   * group writes ("" when the award data gives none); null or absent: no such section.
   */
  opinion?: string | null;
}

export class ReportDataError extends Error {}

/** A summary cell as text (an error value by its name). */
export const text = (v: CellValue) =>
  v === null || v === undefined
    ? ""
    : v instanceof Date
      ? v.toISOString()
      : typeof v === "object"
        ? v.error
        : String(v).trim();
export const num = (v: CellValue): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

const STAGE_BY_NAME: Record<string, StageId> = { 材料评审: "material", 现场评审: "onsite" };

/** Every applicant and stage report in the summary, in the summary's order. */
export function readReports(source: CellSource): StageReport[] {
  const data = COMMITTEE_SHEET.reportData;
  if (!source.sheetNames().includes(data))
    throw new ReportDataError(
      `${source.name}：不是本版本 Scorebook 生成的汇总表（没有“${data}”工作表）；请用 scorebook aggregate 重新生成汇总表`,
    );
  const feedbackRows = readFeedback(source);
  const feedback = new Map(
    feedbackRows
      .filter((r) => r.stage)
      .map((r) => [`${nameKey(r.applicant)}\u0000${r.stage}\u0000${r.code}`, r] as const),
  );
  const out: StageReport[] = [];
  let applicant: {
    name: string;
    rubricId: string;
    rubricTitle: string;
    final: number | null;
    finalLine: number | null;
    status: string | null;
    award: string;
    ruleSet: string;
  } | null = null;
  let current: StageReport | null = null;
  for (let row = 2; row < 200_000; row++) {
    const v = (col: string) => source.value(data, `${col}${row}`);
    const kind = text(v("A"));
    if (!kind) break;
    if (kind === "applicant") {
      applicant = {
        name: text(v("B")),
        rubricId: text(v("D")),
        rubricTitle: text(v("E")),
        final: num(v("F")),
        finalLine: num(v("J")),
        status: text(v("G")) || null,
        award: text(v("H")),
        ruleSet: text(v("I")),
      };
      current = null;
    } else if (kind === "stage" && applicant) {
      const stage = text(v("C")) as StageId;
      current = {
        award: applicant.award,
        ruleSet: applicant.ruleSet,
        rubricId: applicant.rubricId,
        rubricTitle: applicant.rubricTitle,
        applicant: applicant.name,
        stage,
        title: `${STAGE_NAME[stage]}报告`,
        score: num(v("F")),
        line: num(v("J")),
        max: num(v("G")) ?? 0,
        method: text(v("H")),
        experts: num(v("I")) ?? 0,
        final: applicant.final,
        finalLine: applicant.finalLine,
        status: applicant.status,
        categories: [],
        items: [],
        scoring: "maturity",
      };
      out.push(current);
    } else if (kind === "category" && current) {
      current.categories.push({
        code: text(v("D")),
        name: text(v("E")),
        score: num(v("F")) ?? 0,
        max: num(v("G")) ?? 0,
      });
    } else if (kind === "item" && current) {
      const code = text(v("D"));
      const fb = feedback.get(`${nameKey(current.applicant)}\u0000${current.stage}\u0000${code}`);
      const band = num(v("F"));
      current.items.push({
        code,
        name: text(v("E")),
        band,
        points: num(v("G")) ?? 0,
        score: num(v("H")),
        value: num(v("I")),
        strengths: fb?.strengths ?? [],
        opportunities: fb?.opportunities ?? [],
      });
    }
  }
  for (const r of out) {
    r.scoring = r.items.some((i) => i.band !== null) ? "maturity" : "points";
    const rules = library().get(r.rubricId)?.rules;
    r.opinion =
      r.stage === "onsite" && rules?.documents?.includes("onsite-opinion") ? (rules.onsiteOpinion ?? "") : null;
  }
  const problems = feedbackProblems(source.name, feedbackRows, out);
  if (problems.length) throw new ReportDataError(problems.join("\n"));
  return out;
}

interface FeedbackRow {
  row: number;
  applicant: string;
  stageText: string;
  stage: StageId | undefined;
  code: string;
  strengths: string[];
  opportunities: string[];
}

/** The rows of 反馈 (its edited 报告用 columns), every row that holds anything, in order. */
function readFeedback(source: CellSource): FeedbackRow[] {
  const sheet = SUMMARY_SHEET.feedback;
  const out: FeedbackRow[] = [];
  if (!source.sheetNames().includes(sheet)) return out;
  let header = 0;
  for (let row = 1; row <= 20 && !header; row++)
    if (text(source.value(sheet, `C${row}`)) === "编号" && text(source.value(sheet, `G${row}`)).startsWith("优势"))
      header = row;
  if (!header) return out;
  const lines = (v: CellValue) =>
    text(v)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  for (let row = header + 1, blank = 0; blank < 20 && row < 200_000; row++) {
    const at = (col: string) => source.value(sheet, `${col}${row}`);
    const r: FeedbackRow = {
      row,
      applicant: text(at("A")),
      stageText: text(at("B")),
      stage: STAGE_BY_NAME[text(at("B")).replace(/\s+/g, "")],
      code: text(at("C")),
      strengths: lines(at("G")),
      opportunities: lines(at("H")),
    };
    if (!r.applicant && !r.stageText && !r.code && !r.strengths.length && !r.opportunities.length) {
      blank++;
      continue;
    }
    blank = 0;
    out.push(r);
  }
  return out;
}

/**
 * The 反馈 rows that reach no report, named (a row pasted for an applicant not in the summary, a mistyped stage or
 * item): a report never drops the secretariat's wording silently. Rows without text are left alone.
 */
function feedbackProblems(file: string, rows: readonly FeedbackRow[], reports: readonly StageReport[]): string[] {
  const sheet = SUMMARY_SHEET.feedback;
  const names = [...new Set(reports.map((r) => r.applicant))];
  const known = new Set(names.map(nameKey));
  const out: string[] = [];
  for (const r of rows) {
    if (!r.strengths.length && !r.opportunities.length) continue;
    const line = (m: ReturnType<typeof msg.reportFeedbackRow>) => out.push(`${msgText(m)} (${m.en})`);
    if (!r.applicant) line(msg.reportFeedbackRow(file, `${sheet}!A${r.row}`, "申报者为空"));
    else if (!known.has(nameKey(r.applicant)))
      line(msg.reportFeedbackUnknown(file, `${sheet}!A${r.row}`, r.applicant, nearestId(r.applicant, names)));
    else if (!r.stage)
      line(msg.reportFeedbackRow(file, `${sheet}!B${r.row}`, `评审阶段“${r.stageText}”应为 材料评审 或 现场评审`));
    else {
      const report = reports.find((x) => nameKey(x.applicant) === nameKey(r.applicant) && x.stage === r.stage);
      if (report && !report.items.some((i) => i.code === r.code))
        line(
          msg.reportFeedbackRow(
            file,
            `${sheet}!C${r.row}`,
            `编号“${r.code}”不是 ${report.applicant} ${STAGE_NAME[r.stage]}的评价项目`,
          ),
        );
    }
  }
  return out;
}

/** Key themes: the categories with the highest and the lowest share of their maximum, and the item counts. */
export function keyThemes(r: StageReport): string[] {
  const cats = r.categories.filter((c) => c.max > 0).map((c) => ({ ...c, ratio: c.score / c.max }));
  if (!cats.length) return [];
  const sorted = [...cats].sort((a, b) => b.ratio - a.ratio || a.code.localeCompare(b.code));
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const top = sorted.slice(0, Math.min(2, sorted.length));
  const low = sorted
    .slice(-Math.min(2, sorted.length))
    .reverse()
    .filter((c) => !top.includes(c));
  const out = [`相对优势：${top.map((c) => `${c.code} ${c.name}（得分率 ${pct(c.ratio)}）`).join("、")}。`];
  if (low.length)
    out.push(`主要改进方向：${low.map((c) => `${c.code} ${c.name}（得分率 ${pct(c.ratio)}）`).join("、")}。`);
  const withOfi = r.items.filter((i) => i.opportunities.length > 0);
  const withStrength = r.items.filter((i) => i.strengths.length > 0);
  out.push(
    `专家组在 ${withStrength.length} 个评价项目中指出了优势，在 ${withOfi.length} 个评价项目中提出了改进机会${
      withOfi.length
        ? `（${withOfi
            .slice(0, 6)
            .map((i) => i.code)
            .join("、")}${withOfi.length > 6 ? " 等" : ""}）`
        : ""
    }。`,
  );
  return out;
}

/**
 * A file name for a report, by the one file-name rule (src/core/file-name.ts). Two applicants whose names clean
 * alike (河北甲/乙联合体, 河北甲_乙联合体) get one name here: the writer (reportFileNames) makes them distinct.
 */
export function reportFileName(r: StageReport): string {
  return fileNameOf([r.applicant, r.title], ".docx") ?? fileNameOf([r.title], ".docx")!;
}

/** Every report's file name, distinct ("… (2).docx" for a second report that would share one), in the given order. */
export function reportFileNames(reports: readonly StageReport[]): string[] {
  return distinctFileNames(reports.map(reportFileName));
}
