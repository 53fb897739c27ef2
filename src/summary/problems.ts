// What kind of problem a code is, in the words of the 问题 sheet and the terminal (one short Chinese label).

const KINDS: [label: string, codes: string[]][] = [
  [
    "文件无法读取",
    [
      "not-xlsx",
      "encrypted-or-ole",
      "too-large",
      "zip-bomb",
      "unreadable",
      "not-found",
      "corrupt",
      "dangling-link",
      "not-a-file",
    ],
  ],
  ["不是评分表", ["not-scorebook", "summary-workbook", "not-workbook", "skipped"]],
  [
    "评分标准不符",
    ["unknown-rubric", "rubric-changed", "wrong-rubric", "mixed-rubric", "layout-version", "item-changed"],
  ],
  ["评分表来源不明", ["meta-missing", "meta-invalid", "cover-changed", "identity-mismatch", "seal-broken"]],
  ["回避", ["conflict"]],
  ["未填写完整", ["incomplete", "missing", "veto-unanswered", "declaration-missing"]],
  ["重复提交", ["duplicate", "duplicate-copy", "duplicate-undecided", "older-copy-used", "no-copy-used"]],
  ["名称", ["similar-applicants", "similar-experts", "not-in-roster"]],
  ["输入单元格中有公式", ["input-formula"]],
  ["意见过长", ["comment-truncated"]],
  ["专家组", ["no-onsite", "no-material", "panel-small", "empty-panel"]],
  [
    "名单",
    [
      "roster",
      "no-sheets",
      "public-out-of-range",
      "public-not-applicable",
      "no-public",
      "roster-bonus-unknown",
      "roster-bonus-none",
    ],
  ],
  ["不在本次汇总", ["stage-excluded", "not-advanced-onsite"]],
  ["评审批次", ["unassigned", "other-round", "missing-return", "panel-below-size", "round-panel-adjusted"]],
  ["未重新计算（已计入）", ["not-recalculated"]],
  [
    "评分表被改动",
    [
      "formula-changed",
      "formula-overwritten",
      "score-mismatch",
      "name-changed",
      "points-edited",
      "row-moved",
      "row-missing",
      "row-unknown",
      "row-duplicate",
      "sheet-missing",
    ],
  ],
];

const BY_CODE = new Map(KINDS.flatMap(([label, codes]) => codes.map((c) => [c, label] as const)));

/** A short label for a problem code ("输入无效" for the engine's entry messages and anything unknown). */
export function problemKind(code: string): string {
  return BY_CODE.get(code) ?? "输入无效";
}

/** The same labels in English (the pane in en-US). */
const EN: Record<string, string> = {
  文件无法读取: "Unreadable file",
  不是评分表: "Not a scoring workbook",
  评分标准不符: "Criteria do not match",
  评分表来源不明: "Unknown origin",
  回避: "Conflict of interest",
  未填写完整: "Incomplete",
  重复提交: "Submitted twice",
  专家组: "Panel",
  名单: "Roster",
  不在本次汇总: "Not in this run",
  评审批次: "Review round",
  评分表被改动: "Workbook changed",
  输入无效: "Invalid entry",
};

export function problemKindEn(code: string): string {
  return EN[problemKind(code)] ?? "Problem";
}
