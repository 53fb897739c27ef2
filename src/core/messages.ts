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

/** The language for an Office display language tag: zh-CN unless it is English ("en", "en-US", "en-GB" …). */
export function languageOfTag(tag: string | null | undefined): Lang {
  return tag && /^en\b/i.test(tag) ? "en-US" : "zh-CN";
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
  trimmedFewExperts: (n: number): Message => ({
    code: "stats-trimmed-few",
    zh: `${n} 人，不足 3 人，不去最高最低分`,
    en: `${n} expert(s): fewer than 3, no trimmed mean`,
  }),
  zFewExperts: (n: number): Message => ({
    code: "stats-z-few",
    zh: `${n} 人，不足 3 人，不计 z 值`,
    en: `${n} expert(s): fewer than 3, no z-scores`,
  }),
  zNoSpread: (): Message => ({
    code: "stats-z-no-spread",
    zh: "各专家总分相同，z 值无意义",
    en: "every expert gave the same total: no z-scores",
  }),
  agreementFewExperts: (m: number): Message => ({
    code: "agreement-few-experts",
    zh: `${m} 人，不足 2 人，无一致性可言`,
    en: `${m} expert(s): fewer than 2, no agreement to measure`,
  }),
  agreementFewItems: (n: number): Message => ({
    code: "agreement-few-items",
    zh: `各专家都评了的项目只有 ${n} 项，不足 2 项，无法计算一致性`,
    en: `only ${n} item(s) scored by every expert: fewer than 2, no agreement figure`,
  }),
  agreementNoOrder: (): Message => ({
    code: "agreement-no-order",
    zh: "每位专家给各项目的得分率都相同，无法排序，不计一致性",
    en: "each expert gave every item the same share of its points: no order to compare",
  }),
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
  // ---- Why a returned workbook, a roster row or an applicant needs a word in the aggregation (SheetProblem) ----
  stageExcluded: (expert: string): Message => ({
    code: "stage-excluded",
    zh: `本次只汇总材料评审：专家 ${expert} 的现场评审评分表未计入`,
    en: `this run aggregates the material review only: expert ${expert}'s on-site workbook is not counted`,
  }),
  notAdvancedOnsite: (expert: string, applicant: string, material: string, line: string): Message => ({
    code: "not-advanced-onsite",
    zh: `${applicant} 的材料评审得分 ${material} 未达进入现场评审分数线 ${line}，不进入现场评审：专家 ${expert} 的现场评审评分表未计入，也不计算综合得分`,
    en: `${applicant}'s material review score ${material} is below the line ${line} for the on-site review: expert ${expert}'s on-site workbook is not counted and no final score is computed`,
  }),
  unknownRubric: (id: string): Message => ({
    code: "unknown-rubric",
    zh: `未知的评分标准“${id}”`,
    en: `unknown rubric "${id}"`,
  }),
  /** `used`: each rubric by its name with how many of the applicant's workbooks use it, most first. */
  mixedRubricTie: (used: readonly RubricCount[]): Message => ({
    code: "mixed-rubric",
    zh: `同一申报者的评分表使用了不同的评分标准（${countsZh(used)}），份数相同，无法判断应使用哪个，均未计入`,
    en: `this applicant's workbooks use different rubrics (${countsEn(used)}) equally often: which one applies cannot be decided, none is counted`,
  }),
  mixedRubric: (used: readonly RubricCount[], mine: Named, majority: Named): Message => ({
    code: "mixed-rubric",
    zh: `同一申报者的评分表使用了不同的评分标准（${countsZh(used)}）：本表使用“${mine.zh}”，与多数评分表的“${majority.zh}”不一致，未计入`,
    en: `this applicant's workbooks use different rubrics (${countsEn(used)}): this one uses "${enOf(mine)}", not "${enOf(majority)}" as most do; not counted`,
  }),
  /** A workbook that counts but needs a word (its formulas were not recalculated …). */
  countedWithNotice: (notice: Message): Message => ({
    code: notice.code,
    zh: `已计入；${notice.zh}`,
    en: `counted; ${notice.en}`,
  }),
  commentTruncated: (
    expert: string,
    item: string,
    what: "strengths" | "opportunities",
    length: number,
    limit: number,
  ): Message => ({
    code: "comment-truncated",
    zh: `专家 ${expert} 对 ${item} 的${what === "strengths" ? "优势" : "改进机会"}有 ${length} 个字符，超过单元格上限 ${limit}，汇总表中只保留前 ${limit - 1} 个字符`,
    en: `expert ${expert}'s ${what === "strengths" ? "strengths" : "opportunities for improvement"} for ${item} run to ${length} characters, over the cell limit of ${limit}: the summary keeps the first ${limit - 1}`,
  }),
  panelSmall: (applicant: string, stage: Stage, n: number): Message => ({
    code: "panel-small",
    zh: `${applicant} 的${STAGE.zh[stage]}专家组只有 ${n} 位专家，去掉最高分和最低分需要至少 3 位，已改用平均分`,
    en: `${applicant}'s ${STAGE.en[stage]} panel has only ${n} expert(s): dropping the highest and lowest score needs at least 3, so the mean was used`,
  }),
  consensusRubric: (consensusRubric: string, applicant: string, sheetsRubric: string): Message => ({
    code: "consensus-rubric",
    zh: `合议表的评分标准 ${consensusRubric} 与 ${applicant} 的评分表（${sheetsRubric || "无"}）不一致，未采用`,
    en: `the consensus workbook's rubric ${consensusRubric} differs from ${applicant}'s workbooks (${sheetsRubric || "none"}): not used`,
  }),
  consensusNotUsed: (ruleSet: Named, stage: Stage): Message => ({
    code: "consensus-not-used",
    zh: `${ruleSet.zh}的${STAGE.zh[stage]}按专家组合成方法计分（规则参数 stageScoring），合议表未采用`,
    en: `${enOf(ruleSet)} scores the ${STAGE.en[stage]} by the panel method (rule parameter stageScoring): the consensus workbook is not used`,
  }),
  consensusExperts: (consensus: readonly string[], counted: readonly string[], stage: Stage): Message => ({
    code: "consensus-experts",
    zh: `合议表依据的专家（${consensus.join("、") || "无"}）与计入${STAGE.zh[stage]}的专家（${counted.join("、") || "无"}）不一致，未采用合议结果，按专家组合成方法计分`,
    en: `the consensus workbook's experts (${consensus.join(", ") || "none"}) are not the experts counted in the ${STAGE.en[stage]} (${counted.join(", ") || "none"}): the consensus is not used, the panel method scores it`,
  }),
  noPublic: (applicant: string, max: number | undefined): Message => ({
    code: "no-public",
    zh: `${applicant} 已进入现场评审，但名单中没有公众满意度测评得分（满分 ${max} 分），无法计算最终得分`,
    en: `${applicant} reached the on-site review but the roster gives no public satisfaction score (out of ${max}): no final score can be computed`,
  }),
  noOnsite: (applicant: string): Message => ({
    code: "no-onsite",
    zh: `${applicant} 已进入现场评审，但没有可用的现场评审评分表`,
    en: `${applicant} reached the on-site review but has no usable on-site workbook`,
  }),
  noMaterial: (applicant: string): Message => ({
    code: "no-material",
    zh: `${applicant} 没有可用的材料评审评分表`,
    en: `${applicant} has no usable material-review workbook`,
  }),
  noSheets: (applicant: string): Message => ({
    code: "no-sheets",
    zh: `名单中的申报者“${applicant}”没有收到任何评分表（名称是否与评分表一致？）`,
    en: `no workbook came back for "${applicant}" in the roster (is the name the same as in the workbooks?)`,
  }),
  consensusUnmatched: (applicant: string): Message => ({
    code: "consensus-unmatched",
    zh: `合议表的申报者“${applicant}”没有任何可用的评分表，未采用`,
    en: `the consensus workbook's applicant "${applicant}" has no usable workbook: not used`,
  }),
  /** `why`: the consensus workbook's own problems; none: it is incomplete. */
  consensusInvalid: (why: readonly Message[]): Message => ({
    code: "consensus-invalid",
    zh: `合议表未采用：${why.length ? why.map((m) => m.zh).join("；") : "合议结果未填写完整"}`,
    en: `consensus workbook not used: ${why.length ? why.map((m) => m.en).join("; ") : "the consensus is not filled in completely"}`,
  }),
  consensusDuplicate: (dropped: string, kept: string): Message => ({
    code: "consensus-duplicate",
    zh: `同一申报者同一阶段有两份合议表（${dropped}、${kept}），以较新的 ${kept} 为准`,
    en: `two consensus workbooks for one applicant and stage (${dropped}, ${kept}): the newer, ${kept}, counts`,
  }),
  similarNames: (who: "applicant" | "expert", names: readonly string[]): Message => {
    const zhWho = who === "applicant" ? "申报者" : "评审专家";
    return {
      code: who === "applicant" ? "similar-applicants" : "similar-experts",
      zh: `${zhWho}${names.map((n) => `“${n}”`).join("与")}名称相近但不相同，按不同的${zhWho}分别计算；如为同一${who === "applicant" ? "申报者" : "人"}，请统一名称后重新汇总`,
      en: `${who === "applicant" ? "applicants" : "experts"} ${names.map((n) => `"${n}"`).join(" and ")} have similar but different names and are counted apart; if they are one, use one name and aggregate again`,
    };
  },
  notInRoster: (applicant: string, files: number): Message => ({
    code: "not-in-roster",
    zh: `申报者“${applicant}”不在名单中（${files} 份评分表），名单中的加分和公众满意度无从对应；请核对名称`,
    en: `applicant "${applicant}" is not in the roster (${files} workbook(s)): no bonus or public satisfaction can be matched; check the name`,
  }),
  declaredConflict: (expert: string, note: string): Message => ({
    code: "conflict",
    zh: `专家 ${expert} 声明存在利害关系，已回避，评分不计入${note ? `（${note}）` : ""}`,
    en: `expert ${expert} declared a conflict of interest and stood down: the scores are not counted${note ? ` (${note})` : ""}`,
  }),
  /** A workbook left out for its own problems (invalid entries, tampering …): the first problem's code. */
  notCounted: (problems: readonly Message[]): Message => ({
    code: problems[0]?.code ?? "not-counted",
    zh: `未计入：${problems.map((m) => m.zh).join("；")}`,
    en: `not counted: ${problems.map((m) => m.en).join("; ")}`,
  }),
  /** `open`: why each item not scored or invalid is so, naming its cell (the first 8 are shown). */
  incompleteSheet: (expert: string, open: readonly Message[]): Message => {
    const shown = open.slice(0, 8);
    const more = open.length > 8;
    return {
      code: "incomplete",
      zh: `专家 ${expert} 的评分表未填写完整${open.length ? `（${open.length} 项未评分或输入无效：${shown.map((m) => m.zh).join("；")}${more ? " 等" : ""}）` : ""}，未计入`,
      en: `expert ${expert}'s workbook is not complete${open.length ? ` (${open.length} item(s) not scored or invalid: ${shown.map((m) => m.en).join("; ")}${more ? " …" : ""})` : ""}: not counted`,
    };
  },
  duplicateUndecided: (who: Copies, files: readonly string[], sameTime: boolean): Message => ({
    code: "duplicate-undecided",
    zh: `${copiesZh(who)}有 ${files.length} 份内容不同的评分表（${files.join("、")}），${sameTime ? "保存时间相同" : "都没有保存时间"}，文件修改时间也相同，无法判断哪份较新，均未计入；请确认后只保留一份`,
    en: `${copiesEn(who)}: ${files.length} differing workbooks (${files.join(", ")}) ${sameTime ? "saved at the same time" : "with no save time"} and with the same file time, so none is known to be newer; none is counted — keep only one`,
  }),
  olderCopy: (who: Copies): Message => ({
    code: "duplicate",
    zh: `${copiesZh(who)}有较新的评分表，本表（较早）未计入`,
    en: `${copiesEn(who)}: a newer workbook exists; this older one is not counted`,
  }),
  sameCopy: (who: Copies, files: readonly string[], counted: string): Message => ({
    code: "duplicate-copy",
    zh: `${copiesZh(who)}的评分表有内容相同的副本（${files.join("、")}），只计入一次（${counted}）`,
    en: `${copiesEn(who)}: identical copies (${files.join(", ")}) count once (${counted})`,
  }),
  olderCopyUsed: (who: Copies, newest: string, used: string): Message => ({
    code: "older-copy-used",
    zh: `${copiesZh(who)}较新的评分表 ${newest} 未能计入（原因见该文件），已改用较早的本表 ${used}；如不应使用，请删除本表`,
    en: `${copiesEn(who)}: the newer workbook ${newest} cannot be counted (see that file), so this older one, ${used}, is used instead; delete it if it should not be`,
  }),
  supersededCopy: (who: Copies, files: readonly string[], counted: string): Message => ({
    code: "duplicate",
    zh: `${copiesZh(who)}提交了多份评分表（${files.join("、")}），以较新的 ${counted} 为准，本表未计入`,
    en: `${copiesEn(who)}: several workbooks (${files.join(", ")}); the newer ${counted} counts, this one does not`,
  }),
  noCopyUsed: (who: Copies, files: readonly string[], conflict: boolean): Message => ({
    code: "no-copy-used",
    zh: conflict
      ? `${copiesZh(who)}在最新的评分表中声明回避，较早的评分表均不计入`
      : `${copiesZh(who)}的评分表（${files.join("、")}）均不能计入`,
    en: conflict
      ? `${copiesEn(who)}: the newest workbook declares a conflict of interest, so no older one is counted`
      : `${copiesEn(who)}: none of the workbooks (${files.join(", ")}) can be counted`,
  }),
  rosterRow: (row: number, problem: Message): Message => ({
    code: "roster",
    zh: `第 ${row} 行：${problem.zh}`,
    en: `row ${row}: ${problem.en}`,
  }),
  // The review round (scorebook aggregate --round): a workbook checked against the draw.
  otherRound: (found: string, round: string): Message => ({
    code: "other-round",
    zh: `评分表属于另一评审批次（${found}），不是本批次（${round}）的，不计入`,
    en: `the workbook belongs to another review round (${found}), not this one (${round}): not counted`,
  }),
  applicantNotInRound: (applicant: string, round: string, expert: string): Message => ({
    code: "unassigned",
    zh: `申报者“${applicant}”不在评审批次 ${round} 中，专家 ${expert} 的评分表不计入`,
    en: `applicant "${applicant}" is not in review round ${round}: expert ${expert}'s workbook is not counted`,
  }),
  expertNotDrawn: (expert: string, applicant: string, stage: Stage): Message => ({
    code: "unassigned",
    zh: `专家 ${expert} 未被抽入 ${applicant} 的${STAGE.zh[stage]}专家组（见评审安排“分组”），评分表不计入`,
    en: `expert ${expert} was not drawn for ${applicant}'s ${STAGE.en[stage]} panel (see the round's 分组 sheet): the workbook is not counted`,
  }),
  missingReturn: (expert: string, applicant: string, stage: Stage): Message => ({
    code: "missing-return",
    zh: `专家 ${expert} 的评分表（${applicant}，${STAGE.zh[stage]}）未交回或未计入`,
    en: `expert ${expert}'s workbook (${applicant}, ${STAGE.en[stage]}) was not returned or not counted`,
  }),
  panelBelowSize: (applicant: string, stage: Stage, drawn: number, missing: readonly string[]): Message => ({
    code: "panel-below-size",
    zh: `${applicant} 的${STAGE.zh[stage]}专家组抽取了 ${drawn} 位专家，只计入 ${drawn - missing.length} 位（缺：${missing.join("、")}）`,
    en: `${applicant}'s ${STAGE.en[stage]} panel: ${drawn} expert(s) drawn, only ${drawn - missing.length} counted (missing: ${missing.join(", ")})`,
  }),
  roundParamDate: (setting: string, shown: string): Message => ({
    code: "round-param-date",
    zh: `“${setting}”的单元格是日期格式（显示为 ${shown}），读到的是日期的序号而不是所填的值：请把该单元格格式设为“常规”或“文本”后重新填写`,
    en: `the "${setting}" cell is formatted as a date (shown as ${shown}): its serial number is not the value typed; format the cell as General or Text and type it again`,
  }),
  // The draw record (抽取记录) re-checked on every read of the round workbook: 分组 against what the draw wrote.
  drawNotDrawn: (
    expert: string,
    group: string,
    applicant: string,
    stage: Stage,
    drawn: readonly string[],
  ): Message => ({
    code: "round-panel-edited",
    zh: `专家 ${expert} 不是抽取记录中 ${group}（${applicant}，${STAGE.zh[stage]}）抽中的专家（抽中：${drawn.join("、")}）`,
    en: `expert ${expert} was not drawn for ${group} (${applicant}, ${STAGE.en[stage]}) in the draw record (drawn: ${drawn.join(", ")})`,
  }),
  drawNoPanel: (applicant: string, stage: Stage, group: string): Message => ({
    code: "round-panel-edited",
    zh: `抽取记录中没有 ${applicant} 的${STAGE.zh[stage]}专家组“${group}”`,
    en: `the draw record has no ${STAGE.en[stage]} panel "${group}" for ${applicant}`,
  }),
  drawOtherGroup: (found: string, group: string): Message => ({
    code: "round-panel-edited",
    zh: `组别“${found}”与抽取记录不同（抽取记录中为 ${group}）`,
    en: `group "${found}" differs from the draw record (${group})`,
  }),
  drawLeader: (group: string, leader: string): Message => ({
    code: "round-panel-edited",
    zh: `组长与抽取记录不同（抽取记录中 ${group} 的组长是 ${leader}）`,
    en: `the leader differs from the draw record (${group}'s leader is ${leader})`,
  }),
  drawRoundId: (found: string, roundId: string): Message => ({
    code: "round-panel-edited",
    zh: `批次编号“${found}”与抽取记录（${roundId}）不同`,
    en: `round id "${found}" differs from the draw record (${roundId})`,
  }),
  drawRubric: (found: string, expected: string): Message => ({
    code: "round-panel-edited",
    zh: `评分标准 ${found} 与“申报者”中该申报者的评分标准（${expected}）不同`,
    en: `rubric ${found} differs from the applicant's rubric in the applicants sheet (${expected})`,
  }),
  drawDropped: (expert: string, group: string, applicant: string, stage: Stage): Message => ({
    code: "round-panel-edited",
    zh: `抽取记录中 ${group}（${applicant}，${STAGE.zh[stage]}）抽中的专家 ${expert} 不在“分组”中`,
    en: `expert ${expert}, drawn for ${group} (${applicant}, ${STAGE.en[stage]}) in the draw record, is not in 分组`,
  }),
  drawPanelsChanged: (recorded: string, found: string): Message => ({
    code: "round-panel-edited",
    zh: `“分组”的内容与抽取记录中的分组指纹不符（抽取时 ${recorded}，现在 ${found}）：分组在抽取后被改动`,
    en: `分组 does not match the draw record's fingerprint (drawn ${recorded}, now ${found}): 分组 was edited after the draw`,
  }),
  drawEditHint: (): Message => ({
    code: "round-panel-edited",
    zh: "分组被手工改动；如确需如此，请在该行的“调整原因”列写明原因",
    en: "分组 was edited by hand; if this is intended, give the reason in the row's 调整原因 column",
  }),
  drawAccepted: (reason: string): Message => ({
    code: "round-panel-adjusted",
    zh: `已按“调整原因”接受：${reason}`,
    en: `accepted with the adjustment reason: ${reason}`,
  }),
  drawRecordEdited: (sheet: string, recorded: string, found: string): Message => ({
    code: "round-record-edited",
    zh: `“${sheet}”在抽取后被改动（记录指纹：抽取时 ${recorded}，现在 ${found}）：抽取记录是抽取的凭据，不应修改；请从抽取后的文件恢复“${sheet}”，或重新抽取`,
    en: `the ${sheet} sheet was edited after the draw (record fingerprint ${recorded}, now ${found}): the draw record is the evidence of the draw; restore it from the file written by the draw, or draw again`,
  }),
  drawNoRecord: (panels: string, record: string): Message => ({
    code: "round-no-record",
    zh: `评审安排有“${panels}”但没有抽取写入的“${record}”（或其中没有分组指纹）：“${panels}”未经核对是否在抽取后被改动`,
    en: `the round workbook has "${panels}" but no "${record}" written by the draw (or it holds no panel fingerprint): "${panels}" cannot be checked for edits after the draw`,
  }),
  // `scorebook report` from a summary: what it refuses rather than print a wrong report.
  reportRoundWithoutDocuments: (): Message => ({
    code: "report-round-without-documents",
    zh: "--round 只与 --documents 一起使用：评审得分排序表和现场评审记录表按评审安排中抽取的现场评审专家组（组别）和组长",
    en: "--round goes with --documents: the ranking sheets and records follow the draw's on-site groups and leaders",
  }),
  reportStale: (file: string, cells: readonly { address: string; input: string; cached: string }[]): Message => ({
    code: "summary-stale",
    zh: `汇总表 ${file} 的计算结果不是按现在的数据算出的（数据被改动后没有重新计算）：${cells
      .slice(0, 5)
      .map((c) => `${c.address} 现为 ${c.input || "空"}，计算结果仍按 ${c.cached || "空"}`)
      .join(
        "；",
      )}${cells.length > 5 ? ` 等 ${cells.length} 处` : ""}。请先在 Excel、WPS 或 LibreOffice 中打开汇总表（LibreOffice：数据 › 计算 › 无条件重算），保存后再生成报告`,
    en: `the summary ${file} holds figures of earlier data (edited without recalculation): ${cells
      .slice(0, 5)
      .map((c) => `${c.address} is ${c.input || "blank"}, the figures still use ${c.cached || "blank"}`)
      .join(
        "; ",
      )}${cells.length > 5 ? ` and ${cells.length - 5} more` : ""}. Open it in Excel, WPS or LibreOffice (LibreOffice: Data › Calculate › Recalculate Hard), save, then make the reports`,
  }),
  reportFeedbackUnknown: (file: string, cell: string, applicant: string, nearest: string | null): Message => ({
    code: "feedback-unknown",
    zh: `汇总表 ${file} 的 ${cell}：申报者“${applicant}”不在本汇总表中${nearest ? `（是否为“${nearest}”？）` : ""}，该行反馈意见不会进入任何报告；请改正申报者名称或删除该行`,
    en: `${file}, ${cell}: applicant "${applicant}" is not in this summary${nearest ? ` (did you mean "${nearest}"?)` : ""}; the row's feedback would reach no report: correct the name or delete the row`,
  }),
  reportFeedbackRow: (file: string, cell: string, what: string): Message => ({
    code: "feedback-unknown",
    zh: `汇总表 ${file} 的 ${cell}：${what}，该行反馈意见不会进入任何报告；请改正或删除该行`,
    en: `${file}, ${cell}: ${what}; the row's feedback would reach no report: correct or delete the row`,
  }),
  // The group leader's consensus from picked files (the pane's 汇总 tab): why the picked workbooks cannot be merged.
  consensusPickNotOk: (first: Message | undefined): Message => ({
    code: "consensus-pick-not-ok",
    zh: `评分表有问题，不能用于合议（${first?.zh ?? "未填写完整"}）`,
    en: `the workbook has problems and cannot be used for the consensus (${first?.en ?? "incomplete"})`,
  }),
  consensusPickNone: (): Message => ({
    code: "consensus-pick-none",
    zh: "请先选择同一申报者同一阶段的专家评分表。",
    en: "Pick the experts' scoring workbooks of one applicant and stage first.",
  }),
  consensusPickMixed: (): Message => ({
    code: "consensus-pick-mixed",
    zh: "所选评分表不属于同一申报者、同一阶段和同一评分标准。",
    en: "The picked workbooks are not all of one applicant, one stage and one rubric.",
  }),
  consensusPickTwice: (): Message => ({
    code: "consensus-pick-twice",
    zh: "同一位专家有两份评分表：只保留一份后再合议。",
    en: "One expert has two workbooks among those picked: keep one, then make the consensus.",
  }),
  // The review round's return status (scorebook round status, the pane's 批次 tab): why a returned file is not
  // counted against the draw. The same situations as above share their codes.
  statusNotScorebook: (): Message => ({
    code: "not-scorebook",
    zh: "不是 Scorebook 评分表",
    en: "not a Scorebook scoring workbook",
  }),
  statusConsensus: (): Message => ({
    code: "consensus-workbook",
    zh: "这是合议表，不是专家评分表",
    en: "this is a consensus workbook, not an expert's scoring workbook",
  }),
  statusOtherRound: (found: string, round: string): Message => ({
    code: "other-round",
    zh: `属于另一评审批次（${found}），不是本批次（${round}）的评分表`,
    en: `belongs to another review round (${found}), not to this one (${round})`,
  }),
  statusApplicantNotInRound: (applicant: string): Message => ({
    code: "unassigned",
    zh: `申报者“${applicant}”不在本批次中`,
    en: `applicant "${applicant}" is not in this round`,
  }),
  statusExpertNotDrawn: (expert: string, applicant: string, stage: Stage): Message => ({
    code: "unassigned",
    zh: `专家 ${expert} 不在 ${applicant} 的${STAGE.zh[stage]}专家组中（未经抽取），不计入`,
    en: `expert ${expert} is not on ${applicant}'s ${STAGE.en[stage]} panel (not drawn): not counted`,
  }),
  statusWrongRubric: (found: string, expected: string): Message => ({
    code: "wrong-rubric",
    zh: `评分标准为 ${found}，本批次该申报者应使用 ${expected}`,
    en: `the workbook's rubric is ${found}; in this round the applicant's is ${expected}`,
  }),
  /** A workbook that is not counted for its own problems (`problems`: the first three are named). */
  statusProblems: (problems: readonly Message[]): Message => {
    const shown = problems.slice(0, 3);
    const more = problems.length > 3;
    return {
      code: problems[0]?.code ?? "not-counted",
      zh: shown.map((m) => m.zh).join("；") + (more ? ` 等 ${problems.length} 个问题` : ""),
      en: shown.map((m) => m.en).join("; ") + (more ? ` … (${problems.length} problems)` : ""),
    };
  },
  statusIncomplete: (open: number): Message => ({
    code: "incomplete",
    zh: `未填写完整（${open} 项未评分或输入无效）`,
    en: `not complete (${open} item(s) not scored or invalid)`,
  }),
  statusNotCounted: (): Message => ({
    code: "not-counted",
    zh: "评分表有问题，未计入",
    en: "the workbook has a problem: not counted",
  }),
  /** Two copies of one expected workbook: `kept` counts; `why` this copy is not usable (none: it is). */
  statusSecondCopy: (file: string, kept: string, usable: boolean, why?: Message): Message => ({
    code: "duplicate",
    zh: `同一份评分表交回了两次（${file}、${kept}），以 ${kept} 为准${usable ? "" : `；此份：${why?.zh ?? "有问题"}`}`,
    en: `the same workbook came back twice (${file}, ${kept}): ${kept} counts${usable ? "" : `; this copy: ${why?.en ?? "it has a problem"}`}`,
  }),
  /** Copies of one workbook with the same save and file times but different content: neither counts. */
  statusCopiesUndecided: (files: readonly string[]): Message => ({
    code: "duplicate-undecided",
    zh: `同一份评分表交回了多份（${files.join("、")}），保存时间和文件修改时间都相同而内容不同，无法判断以哪份为准，均未计入；请只保留一份后重新检查`,
    en: `the same workbook came back more than once (${files.join(", ")}) with the same save and file times but different content: none counts; keep one and check again`,
  }),
  /** A group's consensus workbook among the returns: recognised, not a bad return. */
  statusConsensusReturned: (applicant: string, stage: "material" | "onsite"): Message => ({
    code: "consensus-workbook",
    zh: `合议表（${applicant}，${stage === "material" ? "材料评审" : "现场评审"}）：不是专家评分表，不计入回收份数；汇总时与评分表一起交给 scorebook aggregate`,
    en: `a consensus workbook (${applicant}, ${stage === "material" ? "material review" : "on-site review"}): not an expert's workbook, not counted as a return; give it to scorebook aggregate with the workbooks`,
  }),
  // Files that cannot be read at all.
  unreadable: (detail: string): Message => ({
    code: "unreadable",
    zh: `无法读取（${detail}）`,
    en: `cannot be read (${detail})`,
  }),
  unreadableFolder: (detail: string): Message => ({
    code: "unreadable",
    zh: `无法读取文件夹（${detail}）`,
    en: `cannot read the folder (${detail})`,
  }),
  noPermission: (): Message => ({ code: "unreadable", zh: "没有读取权限", en: "no permission to read it" }),
  fileNotFound: (): Message => ({ code: "not-found", zh: "文件不存在", en: "no such file" }),
  notAFile: (): Message => ({
    code: "not-a-file",
    zh: "不是普通文件（文件夹、管道、套接字或设备），未读取",
    en: "not a regular file (a folder, pipe, socket or device): not read",
  }),
  specialFile: (): Message => ({
    code: "not-a-file",
    zh: "不是普通文件（管道、套接字或设备），未读取",
    en: "not a regular file (a pipe, socket or device): not read",
  }),
  danglingLink: (target: string): Message => ({
    code: "dangling-link",
    zh: `符号链接指向的文件不存在（${target}），未读取`,
    en: `the symbolic link points to no file (${target}): not read`,
  }),
  fileTooLarge: (size: string, max: string): Message => ({
    code: "too-large",
    zh: `文件过大（${size}，上限 ${max}），未读取`,
    en: `file too large (${size}, limit ${max}): not read`,
  }),
  oleOrEncrypted: (): Message => ({
    code: "encrypted-or-ole",
    zh: "是旧版 Excel 97–2003（.xls）文件或加密的工作簿，无法读取；请在 Excel 中取消密码后另存为 .xlsx",
    en: "an old Excel 97–2003 (.xls) file or an encrypted workbook, which cannot be read: remove the password in Excel and save it as .xlsx",
  }),
  notXlsxContent: (): Message => ({
    code: "not-xlsx",
    zh: "不是 .xlsx 工作簿文件（文件内容不是 Excel 工作簿格式）",
    en: "not an .xlsx workbook (the content is not in Excel workbook format)",
  }),
  summaryAsInput: (): Message => ({
    code: "summary-workbook",
    zh: "这是 Scorebook 汇总表，不是专家评分表，未计入",
    en: "this is a Scorebook summary, not an expert's scoring workbook: not counted",
  }),
  consensusGivenToScore: (): Message => ({
    code: "consensus-workbook",
    zh: "这是合议表，不是专家评分表；合议表由组长填写后与评分表一起交给 scorebook aggregate",
    en: "this is a consensus workbook, not an expert's scoring workbook; the group leader fills it in and it goes to scorebook aggregate with the workbooks",
  }),
  roundAsInput: (): Message => ({
    code: "round-workbook",
    zh: "这是评审安排（评审批次工作簿），不是专家评分表，未计入；它由 scorebook round draw、round generate、round status 和 aggregate --round 读取",
    en: "this is a round workbook, not an expert's scoring workbook: not counted; scorebook round draw, round generate, round status and aggregate --round read it",
  }),
  /** A file in a folder (or named) that is not a workbook to read: `kind` says which. */
  skipped: (kind: "lock" | "xls" | "macro" | "other" | "named", ext = ""): Message => ({
    code: "skipped",
    zh: {
      lock: "Excel 打开文件时生成的临时锁定文件（~$ 开头），不是评分表，已跳过",
      xls: "旧版 Excel 97–2003（.xls）文件，无法读取，已跳过；请在 Excel 中另存为 .xlsx",
      macro: `${ext} 文件不是 Scorebook 评分表（评分表为 .xlsx），已跳过`,
      other: "不是 .xlsx 文件，已跳过",
      named: "不是 .xlsx 文件，未读取",
    }[kind],
    en: {
      lock: "a lock file Excel makes while a file is open (starting with ~$), not a scoring workbook: skipped",
      xls: "an old Excel 97–2003 (.xls) file, which cannot be read: skipped; save it as .xlsx in Excel",
      macro: `a ${ext} file is not a Scorebook scoring workbook (those are .xlsx): skipped`,
      other: "not an .xlsx file: skipped",
      named: "not an .xlsx file: not read",
    }[kind],
  }),
  // The lean zip reader's guard (src/xlsx/zip-cells.ts).
  zipTooLarge: (size: string, max: string): Message => ({
    code: "too-large",
    zh: `文件过大（${size}，上限 ${max}）`,
    en: `file too large (${size}, limit ${max})`,
  }),
  zipBomb: (total: string, max: string): Message => ({
    code: "zip-bomb",
    zh: `文件解压后达 ${total}（上限 ${max}），疑似压缩炸弹，已拒绝`,
    en: `the file inflates to ${total} (limit ${max}): a suspected zip bomb, refused`,
  }),
  zipRatio: (part: string, ratio: number): Message => ({
    code: "zip-bomb",
    zh: `文件中的“${part}”解压后膨胀 ${ratio} 倍，疑似压缩炸弹，已拒绝`,
    en: `part "${part}" inflates ${ratio}-fold: a suspected zip bomb, refused`,
  }),
  zipPartOverflow: (part: string, bomb: boolean): Message => ({
    code: "zip-bomb",
    zh: `文件中的“${part}”解压后超过声明的大小，${bomb ? "疑似压缩炸弹，" : ""}已拒绝`,
    en: `part "${part}" inflates past its stated size${bomb ? ", a suspected zip bomb" : ""}: refused`,
  }),
  /** Not a valid .xlsx: `why` in both languages. */
  notZip: (why: { zh: string; en: string }): Message => ({
    code: "not-xlsx",
    zh: `不是有效的 .xlsx 文件（${why.zh}）`,
    en: `not a valid .xlsx file (${why.en})`,
  }),
  // Roster rows (src/core/roster.ts).
  rosterUnreadable: (file: string, detail: Message | string): Message => ({
    code: "roster-unreadable",
    zh: `名单文件 ${file} 无法读取：${typeof detail === "string" ? detail : detail.zh}`,
    en: `roster file ${file} cannot be read: ${typeof detail === "string" ? detail : detail.en}`,
  }),
  rosterNotCsv: (file: string, detail: string): Message => ({
    code: "roster-unreadable",
    zh: `名单文件 ${file} 不是有效的 CSV（${detail}）`,
    en: `roster file ${file} is not valid CSV (${detail})`,
  }),
  rosterWrongType: (file: string): Message => ({
    code: "roster-unreadable",
    zh: `名单文件应为 .csv 或 .xlsx：${file}`,
    en: `a roster must be a .csv or .xlsx file: ${file}`,
  }),
  rosterEmpty: (): Message => ({ code: "roster-empty", zh: "名单为空", en: "the roster is empty" }),
  rosterNoApplicantColumn: (names: readonly string[]): Message => ({
    code: "roster-no-applicant",
    zh: `名单缺少“申报者”列（可用列名：${names.join("、")} 或 applicant）`,
    en: `the roster has no applicant column (headers: ${names.join(", ")} or applicant)`,
  }),
  rosterNoName: (): Message => ({
    code: "roster-no-name",
    zh: "申报者名称为空，此行未使用",
    en: "no applicant name: row not used",
  }),
  rosterDuplicate: (applicant: string, first: number): Message => ({
    code: "roster-duplicate",
    zh: `申报者“${applicant}”在名单中重复（第 ${first} 行），此行未使用`,
    en: `applicant "${applicant}" is already in the roster (row ${first}): row not used`,
  }),
  rosterPublicNotNumber: (raw: string): Message => ({
    code: "roster-public",
    zh: `公众满意度“${raw}”不是数字，未使用`,
    en: `public satisfaction "${raw}" is not a number: not used`,
  }),
  rosterCellNotUsed: (problem: Message): Message => ({
    code: problem.code,
    zh: `${problem.zh}，未使用`,
    en: `${problem.en}: not used`,
  }),
};

type Stage = "material" | "onsite";
const STAGE: Record<"zh" | "en", Record<Stage, string>> = {
  zh: { material: "材料评审", onsite: "现场评审" },
  en: { material: "material review", onsite: "on-site review" },
};
/** A rubric's or a rule set's name in both languages (the English falls back to the Chinese). */
export interface Named {
  zh: string;
  en?: string;
}
const enOf = (n: Named) => n.en || n.zh;
export interface RubricCount {
  name: Named;
  count: number;
}
const countsZh = (xs: readonly RubricCount[]) => xs.map((x) => `“${x.name.zh}”${x.count} 份`).join("、");
const countsEn = (xs: readonly RubricCount[]) => xs.map((x) => `"${enOf(x.name)}": ${x.count}`).join(", ");
/** Whose copies: one expert's workbooks for one applicant and stage. */
export interface Copies {
  expert: string;
  applicant: string;
  stage: Stage;
}
const copiesZh = (w: Copies) => `专家 ${w.expert} 对 ${w.applicant} 的${STAGE.zh[w.stage]}`;
const copiesEn = (w: Copies) => `expert ${w.expert}'s ${STAGE.en[w.stage]} of ${w.applicant}`;

// ---------------------------------------------------------------------------------------------------------------
// A returned scoring workbook (src/workbook: interpret, the consistency checks): each names the file or the cell.

/** The scoring workbook's hidden metadata sheet, named in the messages below. */
export const META_SHEET = "元数据";
/** The cover's two declaration answers (回避声明). */
export const DECLARE_NONE = "无利害关系";
export const DECLARE_CONFLICT = "存在利害关系，申请回避";

const mk = (code: string, zh: string, en: string): Message => ({ code, zh, en });
const shortText = (s: string, max = 24) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** Messages about a returned workbook; each names the file or the cell. */
export const wbMsg = {
  notScorebook: (file: string) =>
    mk(
      "not-scorebook",
      `${file}：不是 Scorebook 生成的评分表（找不到隐藏的“${META_SHEET}”工作表）`,
      `${file}: not a Scorebook scoring workbook (no hidden "${META_SHEET}" sheet)`,
    ),
  metaField: (file: string, key: string) =>
    mk(
      "meta-missing",
      `${file}：元数据缺少“${key}”，无法确认评分表的来源`,
      `${file}: the metadata has no "${key}"; the workbook cannot be traced`,
    ),
  unknownRubric: (file: string, id: string) =>
    mk(
      "unknown-rubric",
      `${file}：评分表使用的评分标准“${id}”不在本版本的评分标准库中（如为导入的奖项，请指明奖项文件夹：--awards 或 SCOREBOOK_AWARDS；在任务窗格中，请在“生成”下方选择该奖项的定义文件）`,
      `${file}: rubric "${id}" is not in this version's library (for an imported award, name its folder: --awards or SCOREBOOK_AWARDS; in the task pane, pick the award's definition file under Create)`,
    ),
  wrongRubric: (file: string, found: string, expected: string) =>
    mk(
      "wrong-rubric",
      `${file}：这是评分标准“${found}”的评分表，不是“${expected}”的`,
      `${file}: a workbook for rubric "${found}", not "${expected}"`,
    ),
  fingerprint: (file: string, id: string) =>
    mk(
      "rubric-changed",
      `${file}：评分标准“${id}”的内容指纹与本版本不一致（评分表生成后评分标准被修改，或元数据被改动）`,
      `${file}: the fingerprint of rubric "${id}" differs from this version (the rubric or the metadata changed)`,
    ),
  layoutVersion: (file: string, found: string, expected: string) =>
    mk(
      "layout-version",
      `${file}：评分表版式版本为 ${found}，本程序只能读取版本 ${expected}`,
      `${file}: layout version ${found}; this program reads version ${expected}`,
    ),
  badMeta: (file: string, key: string, value: string) =>
    mk(
      "meta-invalid",
      `${file}：元数据“${key}”的值“${value}”无效`,
      `${file}: metadata "${key}" has an invalid value "${value}"`,
    ),
  sheetMissing: (file: string, sheet: string) =>
    mk("sheet-missing", `${file}：缺少工作表“${sheet}”`, `${file}: the sheet "${sheet}" is missing`),
  rowMissing: (cell: string, code: string) =>
    mk(
      "row-missing",
      `${cell}：找不到评价项目 ${code} 的行（行被删除或编号被改动），该项按未评分处理`,
      `${cell}: no row for item ${code} (deleted or renumbered); counted as not scored`,
    ),
  rowMoved: (code: string, expected: string, found: string) =>
    mk(
      "row-moved",
      `评价项目 ${code} 应在 ${expected}，现在 ${found}：评分表的行被删除、插入或移动过`,
      `item ${code} should be at ${expected} but is at ${found}: rows were deleted, inserted or moved`,
    ),
  extraRow: (cell: string, code: string) =>
    mk(
      "row-unknown",
      `${cell}：“${code}”不是本评分标准的评价项目编号`,
      `${cell}: "${code}" is not an item code of this rubric`,
    ),
  duplicateRow: (cell: string, code: string) =>
    mk("row-duplicate", `${cell}：评价项目 ${code} 出现了不止一次`, `${cell}: item ${code} appears more than once`),
  itemChanged: (cell: string, code: string, found: string, expected: string) =>
    mk(
      "item-changed",
      `${cell}：评价项目 ${code} 的名称为“${found}”，应为“${expected}”（不是本评分标准的评分表，或被改动）`,
      `${cell}: item ${code} is named "${found}", expected "${expected}"`,
    ),
  pointsEdited: (cell: string, code: string, found: string, expected: number) =>
    mk(
      "points-edited",
      `${cell}：评价项目 ${code} 的分值被改为 ${found}，应为 ${expected}`,
      `${cell}: the points of item ${code} were changed to ${found}; expected ${expected}`,
    ),
  formulaChanged: (cell: string, what: string) =>
    mk("formula-changed", `${cell}：${what}的公式被改动`, `${cell}: the formula (${what}) was changed`),
  formulaOverwritten: (cell: string, what: string, value: string) =>
    mk(
      "formula-overwritten",
      `${cell}：${what}的公式被替换为固定值“${value}”`,
      `${cell}: the formula (${what}) was replaced by the constant "${value}"`,
    ),
  /** Intact formulas whose cached values are not the engine's: a warning (the figures are recomputed anyway). */
  notRecalculated: (file: string, count: number, cell: string, what: string, shown: string, expected: string) =>
    mk(
      "not-recalculated",
      `${file}：公式未重新计算（${count} 个单元格的显示值与输入不符，如 ${cell} ${what}显示 ${shown}，按输入应为 ${expected}）；公式完好，各分数已按输入重新计算。请在 Excel 中按 F9 或打开“自动重算”后保存`,
      `${file}: the formulas were not recalculated (${count} cells show values that differ from their inputs, e.g. ${cell} ${what} shows ${shown}, the inputs give ${expected}); the formulas are intact and every score was recomputed from the inputs. Press F9 in Excel (or turn on automatic calculation) and save`,
    ),
  nameChanged: (name: string) =>
    mk("name-changed", `定义名称 ${name} 缺失或指向了别处`, `the defined name ${name} is missing or points elsewhere`),
  vetoUnanswered: (cell: string, text: string, choices: readonly string[] = ["是", "否"]) =>
    mk(
      "veto-unanswered",
      `${cell}：否决事项“${shortText(text)}”未作答（应选“${choices.join("”或“")}”）`,
      `${cell}: veto item "${shortText(text)}" is not answered (${choices.join(" / ")})`,
    ),
  /** `why`: the engine's reason (src/core/veto.ts), which names the answers the item takes. */
  vetoInvalid: (cell: string, value: string, why?: { zh: string; en: string }) =>
    mk(
      "veto-answer-invalid",
      why ? `${cell}：${why.zh}` : `${cell}：否决事项的回答“${value}”无效（应为“是”或“否”）`,
      why ? `${cell}: ${why.en}` : `${cell}: veto answer "${value}" is not valid (是 / 否)`,
    ),
  bonusInvalid: (cell: string, value: string) =>
    mk(
      "bonus-answer-invalid",
      `${cell}：加分条件的回答“${value}”无效（应为“是”或“否”）`,
      `${cell}: bonus answer "${value}" is not valid (是 / 否)`,
    ),
  declarationMissing: (cell: string) =>
    mk(
      "declaration-missing",
      `${cell}：未填写回避声明（“${DECLARE_NONE}”或“${DECLARE_CONFLICT}”）`,
      `${cell}: the conflict-of-interest declaration is not filled in`,
    ),
  declarationInvalid: (cell: string, value: string) =>
    mk(
      "declaration-invalid",
      `${cell}：回避声明“${value}”无效（应为“${DECLARE_NONE}”或“${DECLARE_CONFLICT}”）`,
      `${cell}: declaration "${value}" is not valid`,
    ),
  conflict: (cell: string, expert: string) =>
    mk(
      "conflict",
      `${cell}：评审专家 ${expert} 声明与申报者存在利害关系，应回避，本评分表不应计入`,
      `${cell}: expert ${expert} declared a conflict of interest; this workbook must not count`,
    ),
  coverChanged: (cell: string, what: string, found: string, expected: string) =>
    mk(
      "cover-changed",
      `${cell}：封面的${what}为“${found}”，与元数据中的“${expected}”不一致`,
      `${cell}: the cover's ${what} "${found}" differs from the metadata "${expected}"`,
    ),
  itemEntry: (cell: string, code: string, message: Message) =>
    mk(message.code, `${cell}（${code}）：${message.zh}`, `${cell} (${code}): ${message.en}`),
};

// ---------------------------------------------------------------------------------------------------------------
// The one door out (src/output): why an output could not be written. Each names the folder or the file and the cause;
// nothing of a refused output is left on disk.

/** Why the file system refused a write, from its error code (ENOSPC, EROFS, EACCES …). */
export function writeCause(code: string | undefined, detail = ""): Message {
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return { code: "disk-full", zh: "磁盘空间不足", en: "the disk is full" };
    case "EROFS":
      return { code: "read-only", zh: "磁盘或文件夹是只读的", en: "the disk or folder is read-only" };
    case "EACCES":
    case "EPERM":
      return { code: "no-permission", zh: "没有写入权限", en: "no permission to write there" };
    case "EEXIST":
      return {
        code: "exists",
        zh: "同名文件已存在（可能是同时运行的另一次生成）",
        en: "a file of that name exists (perhaps another run at the same time)",
      };
    case "ENOENT":
      return { code: "no-folder", zh: "文件夹不存在", en: "no such folder" };
    case "ENOTDIR":
      return {
        code: "not-a-folder",
        zh: "路径中有一项是文件而不是文件夹",
        en: "a part of the path is a file, not a folder",
      };
    case "EISDIR":
      return { code: "is-a-folder", zh: "同名的文件夹已存在", en: "a folder of that name exists" };
    case "ENAMETOOLONG":
      return { code: "name-too-long", zh: "文件名过长", en: "the file name is too long" };
    default:
      return {
        code: "write-failed",
        zh: `写入失败（错误代码 ${code ?? "未知"}）`,
        en: `the write failed (${code ?? "unknown error"}${detail ? `: ${detail}` : ""})`,
      };
  }
}

export const outMsg = {
  /** A write failed: every file of this output already written was removed. */
  failed: (folder: string, cause: Message, written: number): Message => ({
    code: cause.code,
    zh: `无法写入文件夹 ${folder}：${cause.zh}。${written ? `已写入的 ${written} 个文件已全部删除，` : ""}未留下任何文件`,
    en: `cannot write into ${folder}: ${cause.en}. ${written ? `The ${written} file(s) already written were removed; ` : ""}nothing was left behind`,
  }),
  /** The output is one of the inputs (the same file, by its identity: a symbolic link or a hard link of it). */
  isInput: (output: string, input: string): Message => ({
    code: "output-is-input",
    zh: `输出文件 ${output} 就是输入文件 ${input}（同一个文件，可能经由符号链接或硬链接）：源文件从不被修改，请写到别处`,
    en: `the output ${output} is the input ${input} (the same file, perhaps through a symbolic or hard link): sources are never modified; write elsewhere`,
  }),
  /** Targets exist and may not be replaced: nothing was written. */
  exist: (files: readonly string[], forceOption: boolean): Message =>
    files.length === 1
      ? {
          code: "exists",
          zh: `文件已存在：${files[0]}（不会覆盖${forceOption ? "；如需覆盖请加 --force" : ""}），未写入任何文件`,
          en: `file exists: ${files[0]} (never overwritten${forceOption ? "; use --force to overwrite" : ""}); nothing was written`,
        }
      : {
          code: "exists",
          zh: `以下文件已存在，未写入任何文件（不会覆盖${forceOption ? "；如需覆盖请加 --force" : ""}）：${files.slice(0, 10).join("、")}${files.length > 10 ? ` 等 ${files.length} 个` : ""}`,
          en: `these files exist; nothing was written (never overwritten${forceOption ? "; use --force to overwrite" : ""}): ${files.slice(0, 10).join(", ")}${files.length > 10 ? ` and ${files.length - 10} more` : ""}`,
        },
  /** The target is there but is not a regular file (a folder, a device). */
  notAFile: (file: string): Message => ({
    code: "not-a-file",
    zh: `${file} 已存在且不是普通文件（是文件夹或设备），未写入`,
    en: `${file} exists and is not a regular file (a folder or device): nothing written`,
  }),
  /** An expert's or a group's work is never replaced, --force or not. */
  protectedWork: (file: string, what: "scoring" | "filled" | "consensus"): Message => ({
    code: "protected-workbook",
    zh: `${file} 是${what === "consensus" ? "一份合议表" : what === "filled" ? "一份已填写的评分表" : "一份 Scorebook 专家评分表"}，不会被覆盖（加 --force 也不会）；请另选输出文件或先移走该文件`,
    en: `${file} is ${what === "consensus" ? "a consensus workbook" : what === "filled" ? "a filled scoring workbook" : "a Scorebook scoring workbook"}; it is never overwritten, even with --force`,
  }),
  /** Two outputs of one run would be one file. */
  sameTarget: (file: string): Message => ({
    code: "same-target",
    zh: `同一次输出中有两个文件都要写到 ${file}，未写入任何文件`,
    en: `two outputs of this run would both be ${file}: nothing was written`,
  }),
};

// ---------------------------------------------------------------------------------------------------------------
// The award definition workbook (评价标准定义表, src/core/award): each problem is placed by the caller at its sheet,
// row and column; the texts here say what is wrong there.

const listZh = (xs: readonly string[]) => xs.join(" / ");

/** Messages about an award definition workbook (scorebook award check / import). */
export const awardMsg = {
  notAwardBook: (missing: readonly string[]) =>
    mk(
      "not-award-book",
      `不是评价标准定义表（缺少工作表：${missing.join("、")}）`,
      `not an award definition workbook (missing sheets: ${missing.join(", ")})`,
    ),
  required: (what: string) => mk("required", `缺少“${what}”`, `"${what}" is required`),
  notNumber: (raw: string) => mk("not-a-number", `“${raw}”不是数字`, `"${raw}" is not a number`),
  notPositive: (raw: string) => mk("not-positive", `“${raw}”应大于 0`, `"${raw}" must be greater than 0`),
  notInteger: (raw: string) => mk("not-integer", `“${raw}”应为正整数`, `"${raw}" must be a positive whole number`),
  unknownChoice: (raw: string, choices: readonly string[]) =>
    mk(
      "unknown-choice",
      `“${raw}”不是可选的值（可选：${listZh(choices)}）`,
      `"${raw}" is not one of the choices (${choices.join(" / ")})`,
    ),
  badId: (raw: string) =>
    mk(
      "bad-id",
      `编号“${raw}”只能由小写英文字母、数字和连字符组成，且至少含一个连字符（如 shenzhen-2024）`,
      `id "${raw}" must be lower-case letters, digits and hyphens, with at least one hyphen (e.g. shenzhen-2024)`,
    ),
  badItemId: (raw: string) =>
    mk(
      "bad-id",
      `编号“${raw}”只能由小写英文字母、数字和连字符组成（可留空，自动编号）`,
      `id "${raw}" must be lower-case letters, digits and hyphens (or blank: numbered automatically)`,
    ),
  builtinId: (id: string) =>
    mk(
      "builtin-id",
      `编号“${id}”已被程序自带的奖项或评分标准使用，请另取编号`,
      `id "${id}" is used by a built-in award or rubric; choose another`,
    ),
  missingColumn: (header: string) =>
    mk(
      "missing-column",
      `第 1 行没有“${header}”列（请保留模板的表头；列可以移动，表头不要改）`,
      `row 1 has no "${header}" column (keep the template's headers; columns may move, headers must stay)`,
    ),
  unknownSetting: (label: string) => mk("unknown-setting", `不认识的设置“${label}”`, `unknown setting "${label}"`),
  bandsSyntax: (raw: string) =>
    mk(
      "bands-syntax",
      `成熟度档次“${raw}”无法识别（应写成 0-10,15-30,35-50… 的形式，每档“下限-上限”，单位 %）`,
      `maturity bands "${raw}" cannot be read (write them as 0-10,15-30,35-50…, each "min-max" in %)`,
    ),
  bandFirst: (min: number) =>
    mk("band-start", `最低一档应从 0% 开始（此处为 ${min}%）`, `the lowest band must start at 0% (here ${min}%)`),
  bandLast: (max: number) =>
    mk("band-end", `最高一档应到 100% 为止（此处为 ${max}%）`, `the highest band must end at 100% (here ${max}%)`),
  bandReversed: (band: number, min: number, max: number) =>
    mk(
      "band-reversed",
      `第 ${band} 档的下限 ${min}% 大于上限 ${max}%`,
      `band ${band}: the lower limit ${min}% is above the upper limit ${max}%`,
    ),
  bandOverlap: (band: number, prev: string, mine: string) =>
    mk(
      "band-overlap",
      `第 ${band} 档（${mine}）与上一档（${prev}）重叠`,
      `band ${band} (${mine}) overlaps the band before (${prev})`,
    ),
  bandGap: (band: number, from: number, to: number) =>
    mk(
      "band-gap",
      `第 ${band} 档与上一档之间有空缺（${from}%–${to}% 不属于任何一档）`,
      `a gap before band ${band}: ${from}%–${to}% belongs to no band`,
    ),
  stepNotDivide: (step: number, what: string) =>
    mk(
      "step-not-divide",
      `步长 ${step}% 不能整除${what}（成熟度只能取步长的整数倍）`,
      `the step ${step}% does not divide ${what} (maturities are multiples of the step)`,
    ),
  duplicate: (what: string, code: string, firstAt: string) =>
    mk(
      "duplicate",
      `${what}“${code}”重复（已在 ${firstAt} 出现）`,
      `duplicate ${what} "${code}" (first at ${firstAt})`,
    ),
  categorySum: (code: string, points: string, sumText: string) =>
    mk(
      "category-sum",
      `一级指标“${code}”分值为 ${points}，但其评价项目分值之和为 ${sumText}`,
      `category "${code}" has ${points} points but its items add up to ${sumText}`,
    ),
  totalSum: (rubric: string, total: string, sumText: string) =>
    mk(
      "total-sum",
      `评分标准“${rubric}”总分为 ${total}，但各一级指标分值之和为 ${sumText}`,
      `rubric "${rubric}" totals ${total} but its categories add up to ${sumText}`,
    ),
  noGuidance: (code: string) =>
    mk(
      "no-guidance",
      `评价项目“${code}”没有评分要点（也没有下级条款）`,
      `item "${code}" has no scoring points (and no sub-items)`,
    ),
  noCategory: (code: string) =>
    mk(
      "no-category",
      `评价项目“${code}”之前没有一级指标（请先填一级编号、一级名称、一级分值）`,
      `item "${code}" comes before any category (fill in the category's code, name and points first)`,
    ),
  codeMismatch: (code: string, parent: string) =>
    mk("code-mismatch", `编号“${code}”应以上级编号“${parent}.”开头`, `code "${code}" must start with "${parent}."`),
  badCode: (code: string, form: string) =>
    mk("bad-code", `编号“${code}”格式不对（应如 ${form}）`, `code "${code}" is not well formed (e.g. ${form})`),
  subWithoutItem: (code: string) =>
    mk("sub-without-item", `下级条款“${code}”之前没有评价项目`, `sub-item "${code}" comes before any item`),
  emptyCategory: (code: string) =>
    mk("empty-category", `一级指标“${code}”下没有评价项目`, `category "${code}" has no items`),
  noItems: (rubric: string) => mk("no-items", `评分标准“${rubric}”没有评价项目`, `rubric "${rubric}" has no items`),
  noRubric: () => mk("no-rubric", "没有填写任何评分标准", "no rubric is defined"),
  noRuleSet: () => mk("no-rule-set", "没有填写任何规则集", "no rule set is defined"),
  unknownRef: (what: string, id: string, known: readonly string[]) =>
    mk(
      "unknown-ref",
      `${what}“${id}”不存在（已定义：${known.join("、") || "无"}）`,
      `${what} "${id}" is not defined (defined: ${known.join(", ") || "none"})`,
    ),
  pointsStep: (points: string, step: string) =>
    mk(
      "points-step",
      `分值 ${points} 不是分值步长 ${step} 的整数倍`,
      `${points} points is not a multiple of the step ${step}`,
    ),
  weightCount: (stages: number, weights: number) =>
    mk(
      "weight-count",
      `评审阶段有 ${stages} 个，阶段权重却有 ${weights} 个`,
      `${stages} stages but ${weights} stage weights`,
    ),
  weightSum: (sumText: string) =>
    mk(
      "weight-sum",
      `各阶段权重之和应为 100%（此处为 ${sumText}）`,
      `the stage weights must add up to 100% (here ${sumText})`,
    ),
  badFraction: (raw: string) =>
    mk("bad-fraction", `“${raw}”不是比例（应写成 30% 或 2/3）`, `"${raw}" is not a share (write 30% or 2/3)`),
  fractionAboveOne: (raw: string) => mk("fraction-above-one", `比例“${raw}”超过 100%`, `share "${raw}" is above 100%`),
  lineAboveMax: (line: string, value: string, max: string) =>
    mk(
      "line-above-max",
      `${line} ${value} 高于可能得到的最高分 ${max}`,
      `${line} ${value} is above the highest possible score ${max}`,
    ),
  missingDescriptor: (band: number, dimension: string) =>
    mk(
      "missing-descriptor",
      `第 ${band} 档缺少“${dimension}”的描述`,
      `band ${band} has no descriptor for "${dimension}"`,
    ),
  extraBand: (bands: number) =>
    mk(
      "extra-band",
      `成熟度档次只有 ${bands} 档，这一列多出了描述`,
      `there are only ${bands} bands; this column has an extra descriptor`,
    ),
  noDimensions: (kind: string) =>
    mk(
      "no-dimensions",
      `评分指南没有${kind}维度`,
      `the scoring guide has no ${kind === "过程" ? "process" : "results"} dimension`,
    ),
  bonusMixed: (ruleSet: string) =>
    mk(
      "bonus-mixed",
      `规则集“${ruleSet}”的加分条件分值或可累加不一致：本程序暂只支持同一规则集内各条件分值相同、统一是否累加`,
      `rule set "${ruleSet}": bonus conditions with different points or accumulation are not supported yet`,
    ),
  unsupported: (what: string, en: string) =>
    mk(
      "unsupported",
      `本程序暂不支持${what}，不能近似处理：请留空，或等待后续版本（见 README“下一步可扩展之处”）`,
      `${en} is not supported yet and is not approximated: leave it blank (see the README's next extension points)`,
    ),
  stored: (id: string, dir: string) => mk("stored", `已导入奖项“${id}”到 ${dir}`, `imported award "${id}" into ${dir}`),
  sameStored: (id: string, dir: string) =>
    mk(
      "same-stored",
      `${dir} 中的奖项“${id}”与本文件相同，未改动`,
      `award "${id}" in ${dir} is the same; nothing changed`,
    ),
  differsStored: (id: string, dir: string) =>
    mk(
      "differs-stored",
      `${dir} 中已有内容不同的奖项“${id}”（不会覆盖；确认要替换请加 --force。按旧版本生成的评分表将被拒收）`,
      `${dir} already holds a different award "${id}"; use --force to replace it (workbooks of the old version will be refused)`,
    ),
  folderInvalid: (dir: string, detail: string) =>
    mk(
      "awards-folder-invalid",
      `奖项文件夹 ${dir} 中的数据有误：${detail}`,
      `the awards folder ${dir} holds invalid data: ${detail}`,
    ),
  folderMissing: (dir: string) =>
    mk("awards-folder-missing", `奖项文件夹不存在：${dir}`, `no such awards folder: ${dir}`),
  versionChanged: (file: string, award: string, found: string, current: string) =>
    mk(
      "award-version",
      `${file}：评分表按奖项“${award}”的“${found}”版生成，当前为“${current}”版，不能混用（请用当前版本重新生成评分表）`,
      `${file}: built for version "${found}" of award "${award}"; the current version is "${current}" (regenerate it)`,
    ),
};

/** The workbench's server (scorebook serve): why a request is refused, and what a step did not do. */
export const serveMsg = {
  forbidden: (): Message => ({
    code: "serve-forbidden",
    zh: "拒绝访问：请使用评审助手启动时打开（或显示）的完整地址，其中带有本次启动的访问码",
    en: "forbidden: use the full address the workbench opened (or printed) at start, with this launch's token",
  }),
  outside: (p: string): Message => ({
    code: "serve-outside",
    zh: `路径“${p}”不在评审文件夹中，拒绝读写`,
    en: `the path "${p}" is outside the round folder: refused`,
  }),
  notFound: (p: string): Message => ({
    code: "serve-not-found",
    zh: `评审文件夹中没有“${p}”`,
    en: `"${p}" is not in the round folder`,
  }),
  notXlsx: (name: string): Message => ({
    code: "serve-not-xlsx",
    zh: `“${name}”不是 .xlsx 文件，未保存`,
    en: `"${name}" is not an .xlsx file: not saved`,
  }),
  tooLarge: (name: string, mb: number): Message => ({
    code: "serve-too-large",
    zh: `“${name}”超过 ${mb} MB，未保存`,
    en: `"${name}" is larger than ${mb} MB: not saved`,
  }),
  uploadClash: (name: string): Message => ({
    code: "serve-upload-clash",
    zh: `回收文件夹中已有另一份“${name}”（内容不同），未覆盖：请核对后改名再交`,
    en: `the returns folder already holds a different "${name}": not overwritten; check it, rename and add again`,
  }),
  busy: (): Message => ({
    code: "serve-busy",
    zh: "另一个步骤正在运行，请等它完成或取消后再试",
    en: "another step is running: wait for it or cancel it",
  }),
  badRequest: (what: string): Message => ({
    code: "serve-bad-request",
    zh: `请求无效：${what}`,
    en: `bad request: ${what}`,
  }),
  cancelled: (): Message => ({ code: "serve-cancelled", zh: "已取消", en: "cancelled" }),
};
