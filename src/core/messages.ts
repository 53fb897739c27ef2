// Every message the engine gives a person, in Chinese first and English. Problems carry a stable code so that
// adapters can decide what to do (exit codes, highlighting) without parsing text.

export type Lang = "zh-CN" | "en-US";

export interface Message {
  code: string;
  zh: string;
  en: string;
}

export function text(message: Message, lang: Lang = "zh-CN"): string {
  return lang === "en-US" ? message.en : message.zh;
}

const pct = (n: number) => `${n}%`;

export const msg = {
  missing: (): Message => ({ code: "missing", zh: "未评分", en: "not scored" }),
  notNumber: (raw: string): Message => ({
    code: "not-a-number",
    zh: `“${raw}”不是有效的成熟度百分比（应为 0%–100%，如 45% 或 0.45）`,
    en: `"${raw}" is not a maturity percentage (0%–100%, e.g. 45% or 0.45)`,
  }),
  outOfRange: (value: number): Message => ({
    code: "out-of-range",
    zh: `成熟度 ${pct(value)} 超出 0%–100% 的范围`,
    en: `maturity ${pct(value)} is outside 0%–100%`,
  }),
  notOnStep: (value: number, step: number): Message => ({
    code: "not-on-step",
    zh: `成熟度 ${pct(value)} 不是 ${step}% 的整数倍（允许 0%、${step}%、${2 * step}% … 100%）`,
    en: `maturity ${pct(value)} is not a multiple of ${step}% (allowed: 0%, ${step}%, ${2 * step}% … 100%)`,
  }),
  notInBand: (value: number, band: number, min: number, max: number): Message => ({
    code: "not-in-band",
    zh: `成熟度 ${pct(value)} 不在所选第 ${band} 档（${pct(min)}–${pct(max)}）内`,
    en: `maturity ${pct(value)} is not in the chosen band ${band} (${pct(min)}–${pct(max)})`,
  }),
  unknownBand: (raw: string, count: number): Message => ({
    code: "unknown-band",
    zh: `档次“${raw}”无效（应为 1–${count}）`,
    en: `band "${raw}" is not valid (1–${count})`,
  }),
  pointsNotNumber: (raw: string): Message => ({
    code: "not-a-number",
    zh: `“${raw}”不是有效的分数`,
    en: `"${raw}" is not a number of points`,
  }),
  pointsOutOfRange: (value: number, max: number): Message => ({
    code: "out-of-range",
    zh: `得分 ${value} 超出 0–${max} 分的范围`,
    en: `${value} points is outside 0–${max}`,
  }),
  pointsNotOnStep: (value: number, step: number): Message => ({
    code: "not-on-step",
    zh: `得分 ${value} 不是 ${step} 分的整数倍`,
    en: `${value} points is not a multiple of ${step}`,
  }),
  vetoAnswerInvalid: (raw: string): Message => ({
    code: "veto-answer-invalid",
    zh: `否决项答案“${raw}”无效（应为“是”或“否”）`,
    en: `veto answer "${raw}" is not valid (是 / 否, yes / no)`,
  }),
  vetoUnanswered: (): Message => ({ code: "veto-unanswered", zh: "否决项未作答", en: "veto item not answered" }),
  vetoConditionAnswer: (raw: string, choices: readonly string[]): Message => ({
    code: "veto-answer-invalid",
    zh: `申报条件的答案“${raw}”无效：此项问“是否符合该条件？”，应选“${choices.join("”或“")}”（“是/否”含义不明）`,
    en: `answer "${raw}" to an eligibility condition is not valid: it asks whether the condition is met; choose ${choices.join(" / ")} (是/否 would be ambiguous)`,
  }),
  vetoEventAnswer: (raw: string, choices: readonly string[]): Message => ({
    code: "veto-answer-invalid",
    zh: `否决事项的答案“${raw}”无效：此项问“是否存在该情形？”，应选“${choices.join("”或“")}”`,
    en: `answer "${raw}" to a veto event is not valid: it asks whether it occurred; choose ${choices.join(" / ")}`,
  }),
  vetoNotApplicableRefused: (raw: string): Message => ({
    code: "veto-answer-invalid",
    zh: `答案“${raw}”无效：此项适用于所有申报者，不能选“不适用”`,
    en: `answer "${raw}" is not valid: this item applies to every applicant, so 不适用 (not applicable) cannot be chosen`,
  }),
  vetoDecisionInvalid: (raw: string): Message => ({
    code: "veto-decision-invalid",
    zh: `否决核实结论“${raw}”无效（应为“确认否决”或“不予否决”，或留空表示待核实）`,
    en: `veto decision "${raw}" is not valid (确认否决 confirmed / 不予否决 cleared, or blank while pending)`,
  }),
  // A score at the top or the bottom of the scale needs its reasons written down (review warnings, evaluate.ts).
  commentHighMaturity: (value: number): Message => ({
    code: "comment-high",
    zh: `成熟度 ${pct(value)} 在最高档：请在“优势”栏写明依据`,
    en: `maturity ${pct(value)} is in the top band: write the strengths behind it`,
  }),
  commentLowMaturity: (value: number): Message => ({
    code: "comment-low",
    zh: `成熟度 ${pct(value)} 在最低档：请在“改进机会”栏写明依据`,
    en: `maturity ${pct(value)} is in the lowest band: write the opportunities for improvement`,
  }),
  commentHighPoints: (value: number, points: number): Message => ({
    code: "comment-high",
    zh: `得分 ${value}（满分 ${points}）很高：请在“优势”栏写明依据`,
    en: `${value} of ${points} points is very high: write the strengths behind it`,
  }),
  commentLowPoints: (value: number, points: number): Message => ({
    code: "comment-low",
    zh: `得分 ${value}（满分 ${points}）很低：请在“改进机会”栏写明依据`,
    en: `${value} of ${points} points is very low: write the opportunities for improvement`,
  }),
  trimmedFallback: (n: number): Message => ({
    code: "trimmed-fallback",
    zh: `专家人数为 ${n}，少于 3 人，无法去掉最高分和最低分，已改用平均分`,
    en: `${n} experts: fewer than 3, so no highest and lowest score can be dropped; the mean was used`,
  }),
  noVote: (ruleSet: string): Message => ({
    code: "no-vote",
    zh: `${ruleSet}的评审文件未规定评审委员会的表决规则`,
    en: `the rules of ${ruleSet} set no committee vote`,
  }),
  emptyPanel: (): Message => ({ code: "empty-panel", zh: "没有可用的专家评分", en: "no expert score to combine" }),
  publicOutOfRange: (value: number, max: number): Message => ({
    code: "public-out-of-range",
    zh: `公众满意度测评得分 ${value} 超出 0–${max} 分的范围`,
    en: `public satisfaction score ${value} is outside 0–${max}`,
  }),
  tieAtLimit: (rank: number, limit: number): Message => ({
    code: "tie-at-limit",
    zh: `第 ${rank} 名并列，候选名单超过 ${limit} 个名额，需评审委员会决定`,
    en: `a tie at rank ${rank} puts more than ${limit} applicants on the candidate list: the committee decides`,
  }),
};
