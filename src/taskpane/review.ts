// What the pane shows about a scoring set, from the engine's report (src/workbook/interpret.ts): progress, the
// running total and subtotals, and one list of problems, each pointing at a cell of this workbook. The comment rule
// (a score at the top or the bottom of the scale needs its reasons) is the engine's: it comes with the report.
import { format2, type Message } from "../core";
import type { ScoreReport } from "../workbook/interpret";
import type { WorkbookLayout } from "../workbook/types";
import { locate, type ScoringSet } from "../host/sets";

export type ProblemKind =
  "invalid" | "missing" | "comment" | "veto" | "veto-answer" | "declaration" | "conflict" | "date" | "workbook";

/** error: must be fixed before finishing; warning: should be; result: a veto or a conflict, shown prominently. */
export type Severity = "error" | "warning" | "result";

export interface PaneProblem {
  kind: ProblemKind;
  severity: Severity;
  message: Message;
  /** The cell in this workbook (sheet names with the set's suffix). */
  cell: { sheet: string; ref: string } | null;
  item?: string;
}

export interface CategoryLine {
  code: string;
  name: string;
  points: number;
  score: string;
  scored: number;
  items: number;
}

export interface FlaggedVeto {
  id: string;
  text: string;
  cell: { sheet: string; ref: string } | null;
  note: string;
}

export interface Review {
  report: ScoreReport;
  set: ScoringSet;
  /** The set's layout under canonical names (null when the workbook is not a readable scoring workbook). */
  layout: WorkbookLayout | null;
  scored: number;
  itemCount: number;
  total: string;
  totalPoints: number;
  categories: CategoryLine[];
  problems: PaneProblem[];
  vetoes: FlaggedVeto[];
  conflict: boolean;
  /** Problems that stop Finish. */
  errors: PaneProblem[];
  warnings: PaneProblem[];
}

const KIND_OF_CODE: Record<string, ProblemKind> = {
  "veto-unanswered": "veto-answer",
  "veto-answer-invalid": "veto-answer",
  "declaration-missing": "declaration",
  "declaration-invalid": "declaration",
  conflict: "conflict",
};

const m = (code: string, zh: string, en: string): Message => ({ code, zh, en });

/**
 * The engine's review warnings (src/core/evaluate.ts: the comment rule; not-recalculated values), at the cells the
 * report names; `scorebook score` prints the same words for the same cells.
 */
function warningProblems(report: ScoreReport, set: ScoringSet): PaneProblem[] {
  return report.warnings.map((w) => {
    const comment = w.code === "comment-high" || w.code === "comment-low";
    return {
      kind: comment ? "comment" : "workbook",
      severity: "warning",
      message: comment || !w.cell ? w : stripCell(w, w.cell),
      cell: w.cell ? locate(set, w.cell) : null,
      item: w.item,
    };
  });
}

/** The pane's view of a checked set. */
export function reviewReport(report: ScoreReport, set: ScoringSet): Review {
  const layout = report.layout;
  const problems: PaneProblem[] = [];
  for (const item of report.items) {
    if (item.status === "ok") continue;
    const cell = locate(set, item.cell);
    const reason = item.message ?? m("missing", "未评分", "not scored");
    // The engine's message starts with the cell; the pane shows the cell separately and the item's name instead.
    const detail = item.status === "missing" ? m("missing", "未评分", "not scored") : stripCell(reason, item.cell);
    problems.push({
      kind: item.status === "missing" ? "missing" : "invalid",
      severity: "error",
      message: m(reason.code, `${item.code} ${item.name}：${detail.zh}`, `${item.code} ${item.name}: ${detail.en}`),
      cell,
      item: item.code,
    });
  }
  for (const v of report.vetoes.filter((x) => x.flagged)) {
    problems.push({
      kind: "veto",
      severity: "result",
      message: m("veto", `否决标记：${v.label}`, `veto flag: ${v.label}`),
      cell: locate(set, v.cell),
    });
  }
  for (const p of report.problems) {
    const kind = KIND_OF_CODE[p.code] ?? "workbook";
    problems.push({
      kind,
      severity: kind === "conflict" ? "result" : "error",
      message: p.cell ? stripCell(p, p.cell) : p,
      cell: p.cell ? locate(set, p.cell) : null,
      item: p.item,
    });
  }
  problems.push(...warningProblems(report, set));
  if (layout && report.rubric && report.date === null) {
    const cell = locate(set, `${layout.map.cover.sheet}!${layout.map.cover.date}`);
    problems.push({
      kind: "date",
      severity: "warning",
      message: m("date-missing", "封面的评审日期未填写", "the review date on the cover is empty"),
      cell,
    });
  }
  const order: ProblemKind[] = [
    "veto",
    "conflict",
    "workbook",
    "invalid",
    "veto-answer",
    "declaration",
    "missing",
    "comment",
    "date",
  ];
  problems.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return {
    report,
    set,
    layout,
    scored: report.scored,
    itemCount: report.itemCount,
    total: format2(report.total),
    totalPoints: report.totalPoints,
    categories: report.categories.map((c) => ({
      code: c.code,
      name: c.name,
      points: c.points,
      score: format2(c.score),
      scored: c.scored,
      items: c.items,
    })),
    problems,
    vetoes: report.vetoes
      .filter((v) => v.flagged)
      .map((v) => ({ id: v.id, text: v.label, cell: locate(set, v.cell), note: v.note })),
    conflict: report.declaration.conflict === true,
    errors: problems.filter((p) => p.severity === "error"),
    warnings: problems.filter((p) => p.severity === "warning"),
  };
}

/** A message without the leading "评分!G7：" / "评分!G7 (1.1): " (the pane shows the cell as a link of its own). */
function stripCell(message: Message, cell: string): Message {
  const zh = message.zh.startsWith(cell)
    ? message.zh
        .slice(cell.length)
        .replace(/^（[^）]*）/, "")
        .replace(/^[：:]\s*/, "")
    : message.zh;
  const en = message.en.startsWith(cell)
    ? message.en
        .slice(cell.length)
        .replace(/^\s*\([^)]*\)/, "")
        .replace(/^[：:]\s*/, "")
    : message.en;
  return { ...message, zh, en };
}
