// What the QA.* functions say about their arguments (the engine's own messages are in src/core/messages.ts).
// Excel shows an error's message only for #VALUE! and #N/A, in the cell's error tooltip: Chinese, one line.
import type { Message } from "../core/messages";

const list = (ids: readonly string[]) => ids.join("、");
/** An argument's name in both languages. */
type Named = { readonly zh: string; readonly en: string };

export const fmsg = {
  unknownScale: (raw: string, known: readonly string[]): Message => ({
    code: "unknown-scale",
    zh: `评分尺度“${raw}”不存在（可用：${list(known)}，或评分标准编号）`,
    en: `no scale "${raw}" (known: ${known.join(", ")}, or a rubric id)`,
  }),
  unknownRuleSet: (raw: string, known: readonly string[]): Message => ({
    code: "unknown-rule-set",
    zh: `规则“${raw}”不存在或不唯一（请用：${list(known)}，或评分标准编号）`,
    en: `no single rule set "${raw}" (use: ${known.join(", ")}, or a rubric id)`,
  }),
  unknownMethod: (raw: string, known: readonly string[]): Message => ({
    code: "unknown-method",
    zh: `汇总方法“${raw}”无效（应为 ${list(known)}：平均分、去掉一个最高分和一个最低分后的平均分、中位数）`,
    en: `panel method "${raw}" is not valid (${known.join(", ")})`,
  }),
  shapeMismatch: (what: string, a: [number, number], b: [number, number]): Message => ({
    code: "shape-mismatch",
    zh: `${what}：两个区域大小不同（${a[0]} 行 × ${a[1]} 列 与 ${b[0]} 行 × ${b[1]} 列）`,
    en: `${what}: the two ranges differ in size (${a[0]}×${a[1]} and ${b[0]}×${b[1]})`,
  }),
  atCell: (row: number, col: number, cols: number, inner: Message): Message => ({
    code: inner.code,
    zh: `${cols > 1 ? `第 ${row} 行第 ${col} 列` : `第 ${row} 行`}：${inner.zh}`,
    en: `${cols > 1 ? `row ${row}, column ${col}` : `row ${row}`}: ${inner.en}`,
  }),
  pointsMissing: (): Message => ({ code: "points-missing", zh: "缺少分值", en: "no points for the item" }),
  pointsInvalid: (raw: string): Message => ({
    code: "points-invalid",
    zh: `分值“${raw}”无效（应为非负数）`,
    en: `points "${raw}" is not valid (a number ≥ 0)`,
  }),
  weightInvalid: (raw: string): Message => ({
    code: "weight-invalid",
    zh: `材料评审权重“${raw}”无效（应在 0 与 1 之间，如 0.3 或 30%）`,
    en: `material weight "${raw}" is not valid (between 0 and 1, e.g. 0.3 or 30%)`,
  }),
  countInvalid: (what: Named, raw: string): Message => ({
    code: "count-invalid",
    zh: `${what.zh}“${raw}”无效（应为非负整数）`,
    en: `${what.en} "${raw}" is not a whole number ≥ 0`,
  }),
  flagInvalid: (raw: string): Message => ({
    code: "flag-invalid",
    zh: `排除标记“${raw}”无效（应为 TRUE/FALSE 或 是/否）`,
    en: `exclusion flag "${raw}" is not valid (TRUE/FALSE, 是/否)`,
  }),
  thresholdInvalid: (what: Named, raw: string): Message => ({
    code: "threshold-invalid",
    zh: `${what.zh}“${raw}”无效（应为非负数；留空或 0 按所选规则，“无”表示不设分数线）`,
    en: `${what.en} "${raw}" is not valid (a number ≥ 0; blank or 0: the rule set's; "none": no line)`,
  }),
  languageInvalid: (raw: string): Message => ({
    code: "language-invalid",
    zh: `语言“${raw}”无效（应为 zh 或 en）`,
    en: `language "${raw}" is not valid (zh or en)`,
  }),
  emptyRange: (): Message => ({ code: "empty-range", zh: "区域为空", en: "the range is empty" }),
  stageMissing: (status: { zh: string; en: string }): Message => ({
    code: "stage-missing",
    zh: status.zh,
    en: status.en,
  }),
  noScore: (): Message => ({ code: "no-score", zh: "没有要排名的得分", en: "no score to rank" }),
  noVoteRule: (ruleSet: string): Message => ({
    code: "no-vote-rule",
    zh: `${ruleSet}的评审文件未规定评审委员会的表决规则`,
    en: `the ${ruleSet} rules define no committee vote`,
  }),
};
