// What kind of problem a code is, in the words of the 问题 sheet and the terminal (one short Chinese label).

const KINDS: [label: string, codes: string[]][] = [
  ["文件无法读取", ["not-xlsx", "encrypted-or-ole", "too-large", "zip-bomb", "unreadable", "not-found", "corrupt"]],
  ["不是评分表", ["not-scorebook", "summary-workbook", "not-workbook", "skipped"]],
  [
    "评分标准不符",
    ["unknown-rubric", "rubric-changed", "wrong-rubric", "mixed-rubric", "layout-version", "item-changed"],
  ],
  ["评分表来源不明", ["meta-missing", "meta-invalid", "cover-changed"]],
  ["回避", ["conflict"]],
  ["未填写完整", ["incomplete", "missing", "veto-unanswered", "declaration-missing"]],
  ["重复提交", ["duplicate"]],
  ["专家组", ["no-onsite", "no-material", "panel-small", "empty-panel"]],
  ["名单", ["roster", "no-sheets", "public-out-of-range"]],
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
