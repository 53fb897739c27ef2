// The review documents the award's procedure names (河北 四（五）3: 评审记录表, 评审得分排序表 per on-site group; 四（六）3:
// 综合评审工作报告), as data read back from a summary workbook — the same summary the stage reports come from (a file the
// secretariat edited and saved, or one built in memory from the returned workbooks by the one composition). Which
// documents an award gets is its rule set's `documents` (award data); an award that names none gets none. Figures stay
// numbers here: the documents print them under the one display rule (src/core formatFigure). Pure TypeScript.
import {
  formatFigure,
  library,
  nameKey,
  rankAmongNumbers,
  statusOfText,
  STATUS_TEXT,
  tiedAtLimit,
  wentOnsite,
  type Assignment,
  type ReviewDocumentId,
  type RuleSet,
  type StageId,
} from "../core";
import { secretariatSettings } from "../core/secretariat";
import { STAGE_NAME } from "../workbook/labels";
import type { CellSource, CellValue } from "../workbook/source";
import { SUMMARY_SHEET } from "../summary/types";
import { colLetter } from "../workbook/a1";
import { num, text, type StageReport } from "./model";

/** One expert's part in a panel: the entries (percent or points) in item order and the total. */
export interface RecordExpert {
  name: string;
  total: number | null;
  values: (number | null)[];
}

/** 评审记录表: one applicant's on-site panel — who, what each gave per item, the panel's result. */
export interface ReviewRecord {
  report: StageReport;
  experts: RecordExpert[];
  /** The draw's 组别 and 组长 of this panel, when the round workbook is given. */
  group: string | null;
  leader: string | null;
}

/** 评审得分排序表: one on-site group (the same experts) of one rule set, its applicants ranked by the group's score. */
export interface RankingSheet {
  /** 1, 2, … in the summary's order. */
  number: number;
  /** The draw's 组别 (现场-01 …) and 组长, when the round workbook is given. */
  group: string | null;
  leader: string | null;
  award: string;
  ruleSet: string;
  experts: string[];
  rows: { rank: number; applicant: string; rubricTitle: string; score: number; method: string }[];
}

/** The live values of 参数 for one rule set (what the secretariat set; blank: not set). */
export interface ParamValues {
  materialWeight: number | null;
  method: string;
  advance: number | null;
  final: number | null;
  topN: number | null;
  divergence: number | null;
  awardName: string;
  year: string;
  batch: string;
}

export interface RankingRow {
  applicant: string;
  rubric: string;
  material: string;
  onsite: string;
  bonus: string;
  public: string;
  final: string;
  rank: number | null;
  status: string;
  /** Tied on the last place inside the limit (四（六）3 gives no tie-break: the committee decides). */
  tie: boolean;
}

/** One ranking of 汇总 (a rule set, or a rule set's sector). */
export interface RankingBlock {
  title: string;
  rows: RankingRow[];
}

/** One rule set's part of the 综合评审工作报告. */
export interface WorkReportPart {
  rules: RuleSet;
  award: string;
  source: string;
  params: ParamValues | null;
  /** The rule set's defaults where its text is silent (award data), as the award definition workbook names them. */
  settings: { label: string; value: string }[];
  applicants: number;
  material: number;
  advanced: number;
  onsite: number;
  experts: { material: number; onsite: number; people: number };
  sheets: number;
  rankings: RankingBlock[];
  candidates: RankingRow[];
}

export interface WorkReport {
  title: string;
  parts: WorkReportPart[];
  problems: { file: string; applicant: string; kind: string; reason: string }[];
  /** Applicants whose veto flag awaits the secretariat (否决待核实): a problem for the committee to know of. */
  pending: string[];
}

export interface ReviewDocuments {
  records: ReviewRecord[];
  rankingSheets: RankingSheet[];
  workReport: WorkReport | null;
  /** Rule sets in the summary whose award names none of the documents (nothing is produced for them). */
  unnamed: string[];
}

/** An input figure (bonus, public satisfaction) as the display rule prints it; text as it is. */
const shown = (v: CellValue) => (typeof v === "number" ? formatFigure(v) : text(v));
const MAX_ROWS = 100_000;
const MAX_COLS = 80;

/** The rule set a report was scored under (the library, with the awards folder's awards). */
export function rulesOf(rubricId: string): RuleSet | null {
  return library().get(rubricId)?.rules ?? null;
}

export function documentsOf(rubricId: string): ReviewDocumentId[] {
  return rulesOf(rubricId)?.documents ?? [];
}

/** Finds the first row (from `from`) whose cells in the given columns read as given. */
function findRow(source: CellSource, sheet: string, want: Record<string, (t: string) => boolean>, from = 1): number {
  for (let row = from, blank = 0; row < MAX_ROWS && blank < 50; row++) {
    const a = text(source.value(sheet, `A${row}`));
    blank = a ? 0 : blank + 1;
    if (Object.entries(want).every(([col, ok]) => ok(text(source.value(sheet, `${col}${row}`))))) return row;
  }
  return 0;
}

/** Header text → column letter of one header row. */
function headerColumns(source: CellSource, sheet: string, row: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let c = 1; c <= MAX_COLS; c++) {
    const col = colLetter(c);
    const h = text(source.value(sheet, `${col}${row}`)).replace(/\s+/g, "");
    if (h && !out.has(h)) out.set(h, col);
  }
  return out;
}

/** Each expert's total per applicant and stage, from 专家分 (a what-if there is what the record shows). */
function expertTotals(source: CellSource): Map<string, Map<string, number | null>> {
  const sheet = SUMMARY_SHEET.panels;
  const out = new Map<string, Map<string, number | null>>();
  const header = findRow(source, sheet, { A: (t) => t === "申报者", E: (t) => t === "专家组得分" });
  if (!header) return out;
  const totals: string[] = [];
  const names: string[] = [];
  for (let c = 6; c <= MAX_COLS; c++) {
    const h = text(source.value(sheet, `${colLetter(c)}${header}`));
    if (/^专家\d+总分$/.test(h)) totals.push(colLetter(c));
    else if (/^专家\d+$/.test(h)) names.push(colLetter(c));
  }
  for (let row = header + 1; row < MAX_ROWS; row++) {
    const applicant = text(source.value(sheet, `A${row}`));
    if (!applicant) break;
    const label = text(source.value(sheet, `C${row}`));
    const stage = (Object.keys(STAGE_NAME) as StageId[]).find((s) => label.startsWith(STAGE_NAME[s]));
    if (!stage) continue;
    const m = new Map<string, number | null>();
    names.forEach((col, i) => {
      const name = text(source.value(sheet, `${col}${row}`));
      if (name) m.set(nameKey(name), num(source.value(sheet, `${totals[i]}${row}`)));
    });
    out.set(`${applicant}\u0000${stage}`, m);
  }
  return out;
}

/** The experts of one applicant's stage and their entries per item, from 明细 (one block per applicant and stage). */
function panelEntries(source: CellSource, r: StageReport): { name: string; values: (number | null)[] }[] {
  const sheet = SUMMARY_SHEET.details;
  const head = `${r.applicant} · ${STAGE_NAME[r.stage]}（`;
  const title = findRow(source, sheet, { A: (t) => t.startsWith(head) });
  if (!title) return [];
  const header = title + 1;
  const experts: { name: string; col: string }[] = [];
  for (let c = 4; c <= MAX_COLS; c++) {
    const col = colLetter(c);
    const h = text(source.value(sheet, `${col}${header}`));
    if (!h || h === "平均" || h === "平均分") break;
    experts.push({ name: h, col });
  }
  const maturity = r.scoring === "maturity";
  return experts.map((e) => ({
    name: e.name,
    values: r.items.map((item, i) => {
      const row = header + 1 + i;
      if (text(source.value(sheet, `A${row}`)) !== item.code) return null;
      const v = num(source.value(sheet, `${e.col}${row}`));
      // 明细 holds a maturity as a fraction (45 % as 0.45).
      return v === null ? null : maturity ? Number((v * 100).toFixed(6)) : v;
    }),
  }));
}

/** 参数 for one rule set (its column found by the rule set id below the print area). */
function readParams(source: CellSource, ruleSetId: string): ParamValues | null {
  const sheet = SUMMARY_SHEET.parameters;
  if (!source.sheetNames().includes(sheet)) return null;
  const rows = new Map<string, number>();
  for (let row = 1; row <= 40; row++) {
    const l = text(source.value(sheet, `A${row}`));
    if (l) rows.set(l, row);
  }
  const idRow = [...rows].find(([l]) => l.startsWith("规则编号"))?.[1];
  if (!idRow) return null;
  let col = "";
  for (let c = 2; c <= 30 && !col; c++)
    if (text(source.value(sheet, `${colLetter(c)}${idRow}`)) === ruleSetId) col = colLetter(c);
  if (!col) return null;
  const at = (prefix: string) => {
    const row = [...rows].find(([l]) => l.startsWith(prefix))?.[1];
    return row ? source.value(sheet, `${col}${row}`) : null;
  };
  return {
    materialWeight: num(at("材料评审权重")),
    method: text(at("专家组合成方法")),
    advance: num(at("进入现场评审分数线")),
    final: num(at("提名分数线")),
    topN: num(at("候选名额")),
    divergence: num(at("专家分歧阈值")),
    awardName: text(at("奖项名称")),
    year: text(at("年度")),
    batch: text(at("批次")),
  };
}

/** Every ranking block of 汇总, with its printed figures (the display rule's text) and live status. */
function readRankings(source: CellSource): { block: RankingBlock; topN: number | null }[] {
  const sheet = SUMMARY_SHEET.ranking;
  const out: { block: RankingBlock; topN: number | null }[] = [];
  let from = 1;
  for (;;) {
    const header = findRow(source, sheet, { A: (t) => t === "申报者", B: (t) => t === "评分标准" }, from);
    if (!header) break;
    const cols = headerColumns(source, sheet, header);
    const get = (row: number, h: string) => {
      const col = cols.get(h);
      return col ? source.value(sheet, `${col}${row}`) : null;
    };
    // The block's printed subtitle: （group）  汇总日期：…
    const sub = text(source.value(sheet, `A${header - 2}`));
    const title = sub.replace(/^（/, "").replace(/）.*$/, "");
    const rows: RankingRow[] = [];
    let row = header + 1;
    for (; row < MAX_ROWS; row++) {
      const applicant = text(source.value(sheet, `A${row}`));
      if (!applicant) break;
      rows.push({
        applicant,
        rubric: text(get(row, "评分标准")),
        material: text(get(row, "材料评审得分")),
        onsite: text(get(row, "现场评审得分")),
        bonus: shown(get(row, "加分")),
        public: shown(get(row, "公众满意度")),
        final: text(get(row, "综合得分")),
        rank: num(get(row, "名次")),
        status: text(get(row, "结论")),
        tie: false,
      });
    }
    out.push({ block: { title, rows }, topN: null });
    from = row + 1;
  }
  return out;
}

/** The problems listed on 问题. */
function readProblems(source: CellSource): WorkReport["problems"] {
  const sheet = SUMMARY_SHEET.problems;
  const out: WorkReport["problems"] = [];
  const header = findRow(source, sheet, { A: (t) => t === "序号", B: (t) => t === "文件" });
  if (!header) return out;
  for (let row = header + 1; row < MAX_ROWS; row++) {
    if (num(source.value(sheet, `A${row}`)) === null) break;
    out.push({
      file: text(source.value(sheet, `B${row}`)),
      applicant: text(source.value(sheet, `C${row}`)),
      kind: text(source.value(sheet, `D${row}`)),
      reason: text(source.value(sheet, `E${row}`)),
    });
  }
  return out;
}

const key = (r: { applicant: string; stage: StageId }) => `${r.applicant}\u0000${r.stage}`;

/** The documents the awards in this summary name, read from it. `reports`: readReports of the same source. */
export function readDocuments(
  source: CellSource,
  reports: readonly StageReport[],
  draw: readonly Pick<Assignment, "applicant" | "stage" | "expert" | "group" | "leader">[] | null = null,
): ReviewDocuments {
  const named = (r: StageReport, d: ReviewDocumentId) => documentsOf(r.rubricId).includes(d);
  const unnamed = [
    // The 受理名单 is the round workbook's (round draw), not one of the report's documents.
    ...new Set(
      reports.filter((r) => !documentsOf(r.rubricId).some((d) => d !== "accepted-list")).map((r) => r.ruleSet),
    ),
  ];
  const onsite = reports.filter((r) => r.stage === "onsite" && r.score !== null);
  const totals = expertTotals(source);

  // 评审记录表: each applicant's on-site panel.
  const records: ReviewRecord[] = [];
  for (const r of onsite.filter((x) => named(x, "review-record"))) {
    const byName = totals.get(key(r)) ?? new Map<string, number | null>();
    const entries = panelEntries(source, r);
    const drawn = (draw ?? []).filter((a) => a.stage === "onsite" && nameKey(a.applicant) === nameKey(r.applicant));
    records.push({
      report: r,
      experts: entries.map((e) => ({ ...e, total: byName.get(nameKey(e.name)) ?? null })),
      group: drawn[0]?.group ?? null,
      leader: drawn.find((a) => a.leader)?.expert ?? null,
    });
  }

  // 评审得分排序表: the on-site groups of each rule set, by the group's score — the draw's groups (组别, with their
  // 组长) where the round workbook is given, else the applicants scored by the same experts.
  const groups = new Map<
    string,
    {
      ruleSet: string;
      award: string;
      experts: string[];
      leader: string | null;
      group: string | null;
      reports: StageReport[];
    }
  >();
  for (const r of onsite.filter((x) => named(x, "ranking-sheet"))) {
    const drawn = (draw ?? []).filter((a) => a.stage === "onsite" && nameKey(a.applicant) === nameKey(r.applicant));
    const experts = panelEntries(source, r).map((e) => e.name);
    const names = experts.length ? experts : [...(totals.get(key(r))?.keys() ?? [])];
    const group = drawn[0]?.group ?? null;
    const leader = drawn.find((a) => a.leader)?.expert ?? null;
    // The draw's members, leader first (a member who returned nothing still signs for the group's work).
    const members = group ? [...drawn].sort((a, b) => Number(b.leader) - Number(a.leader)).map((a) => a.expert) : names;
    const k = `${r.ruleSet}\u0000${group ?? [...names].map(nameKey).sort().join("\u0001")}`;
    const g = groups.get(k) ?? { ruleSet: r.ruleSet, award: r.award, experts: members, leader, group, reports: [] };
    g.reports.push(r);
    groups.set(k, g);
  }
  // In the draw's order of groups (现场-01, 现场-02 …); without a draw in the summary's order (a stable sort).
  const ordered = [...groups.values()].sort((a, b) => (a.group ?? "").localeCompare(b.group ?? "", "en"));
  const rankingSheets: RankingSheet[] = ordered.map((g, i) => {
    const scores = g.reports.map((r) => r.score as number);
    return {
      number: i + 1,
      group: g.group,
      leader: g.leader,
      award: g.award,
      ruleSet: g.ruleSet,
      experts: g.experts,
      rows: g.reports
        .map((r) => ({
          rank: rankAmongNumbers(r.score as number, scores),
          applicant: r.applicant,
          rubricTitle: r.rubricTitle,
          score: r.score as number,
          method: r.method,
        }))
        .sort((a, b) => a.rank - b.rank),
    };
  });

  // 综合评审工作报告: per rule set that names it.
  const ruleSets = new Map<string, { rules: RuleSet; reports: StageReport[] }>();
  for (const r of reports) {
    const rules = rulesOf(r.rubricId);
    if (!rules?.documents?.includes("work-report")) continue;
    const e = ruleSets.get(rules.id) ?? { rules, reports: [] };
    e.reports.push(r);
    ruleSets.set(rules.id, e);
  }
  // The work report follows the on-site review (四（六）): a material-only summary (the advance list) gives none.
  for (const [id, e] of ruleSets) if (!e.reports.some((r) => r.stage === "onsite")) ruleSets.delete(id);
  let workReport: WorkReport | null = null;
  if (ruleSets.size) {
    const rankings = readRankings(source);
    const problems = readProblems(source);
    const parts: WorkReportPart[] = [];
    const pending: string[] = [];
    for (const { rules, reports: rs } of ruleSets.values()) {
      const applicants = new Set(rs.map((r) => r.applicant));
      const params = readParams(source, rules.id);
      const blocks = rankings.map((x) => x.block).filter((b) => b.rows.some((row) => applicants.has(row.applicant)));
      const topN = params ? params.topN : rules.topN;
      for (const b of blocks) {
        const candidateRanks = b.rows.map((row) => (row.status === STATUS_TEXT.candidate.zh ? row.rank : null));
        const tied = tiedAtLimit(candidateRanks, topN);
        for (const row of b.rows)
          row.tie = tied !== null && row.rank === tied && row.status === STATUS_TEXT.candidate.zh;
        for (const row of b.rows) if (row.status === STATUS_TEXT["veto-flagged"].zh) pending.push(row.applicant);
      }
      const stageExperts = (stage: StageId) => rs.filter((r) => r.stage === stage).reduce((n, r) => n + r.experts, 0);
      const people = new Set<string>();
      for (const [k, m] of totals)
        if (applicants.has(k.split("\u0000")[0])) for (const name of m.keys()) people.add(name);
      const first = rs[0];
      parts.push({
        rules,
        award: params?.awardName || first.award,
        source: library().award(library().get(first.rubricId)?.award.id ?? "")?.source ?? "",
        params,
        settings: secretariatSettings(rules).map((s) => ({ label: s.label, value: s.value })),
        applicants: applicants.size,
        material: new Set(rs.filter((r) => r.stage === "material").map((r) => r.applicant)).size,
        // Went on to the on-site review: past the material line and not vetoed (the summary's live status).
        advanced: blocks
          .flatMap((b) => b.rows)
          .filter((row) => {
            const st = statusOfText(row.status);
            return applicants.has(row.applicant) && st !== null && wentOnsite(st);
          }).length,
        onsite: new Set(rs.filter((r) => r.stage === "onsite").map((r) => r.applicant)).size,
        experts: { material: stageExperts("material"), onsite: stageExperts("onsite"), people: people.size },
        sheets: stageExperts("material") + stageExperts("onsite"),
        rankings: blocks,
        candidates: blocks.flatMap((b) => b.rows.filter((row) => row.status === STATUS_TEXT.candidate.zh)),
      });
    }
    const p = parts[0].params;
    workReport = {
      title: `${p?.awardName || parts[0].award}${p?.year ? ` ${p.year}年度` : ""}${p?.batch ? ` ${p.batch}` : ""}`,
      parts,
      problems,
      pending,
    };
  }
  return { records, rankingSheets, workReport, unnamed };
}
