// The 质评办 settings of a rule set: what the tool applies where the award's text is silent (the rule set's
// secretariatDefaults), each with the value the award data gives it. One list, two outputs: the table that
// `scorebook rubric`, `award check` and `award import` print (设置 = 值), and the rule line under each ranking of
// the summary workbook (质评办设定（…）：…；…。). The labels and value words are the award definition workbook's own
// (./award/sheets), so a secretariat reads the same words in the template, the terminal and the summary.
import { DEFAULT_LABELS, NONE, PANEL, RANK, STAGE_SCORE, STAGES, UNLIMITED } from "./award/sheets";
import { exact } from "./exact";
import type { FractionSpec, RuleSet, StageId } from "./types";

export interface SecretariatSetting {
  ruleSet: string;
  /** The secretariatDefaults key ("panelMethod", "stageScoring.material" …). */
  key: string;
  /** Its label in the award definition workbook (专家组合成方法). */
  label: string;
  /** The value as the table shows it (平均分, 无, 材料评审 30%、现场评审 70% …). */
  value: string;
  /** The same setting as a phrase of the summary's rule line (专家组得分取平均分). */
  phrase: string;
}

/** A setting as the table prints it (setting label and value). */
export interface DefaultSetting {
  ruleSet: string;
  label: string;
  value: string;
}

/** A fraction as a percentage when it is a whole one (30%), else as a fraction (2/3). */
export function fractionText(f: FractionSpec): string {
  const pct = exact(f.numerator).div(f.denominator).mul(100);
  return pct.d === 1n ? `${pct.valueOf()}%` : `${f.numerator}/${f.denominator}`;
}

/** Every setting the rule set leaves to the secretariat, in the order its data lists them. */
export function secretariatSettingList(r: RuleSet): SecretariatSetting[] {
  const scoring = r.stageScoring ?? {};
  const stageSource = (stages: StageId[]): { value: string; phrase: string } => {
    const given = stages.filter((s) => scoring[s]);
    const consensus = given.some((s) => scoring[s] === "consensus");
    return {
      value:
        stages.length === 1
          ? given.length
            ? STAGE_SCORE[scoring[stages[0]]!]
            : ""
          : given.map((s) => `${STAGES[s].zh} ${STAGE_SCORE[scoring[s]!]}`).join("、"),
      phrase:
        given.map((s) => `${STAGES[s].zh}得分取${STAGE_SCORE[scoring[s]!]}`).join("、") +
        (consensus ? "（未交回合议表时按专家组合成方法）" : ""),
    };
  };
  const entry = (key: string): { value: string; phrase: string } => {
    const label = DEFAULT_LABELS[key] ?? key;
    switch (key) {
      case "stages": {
        const value = r.stages.map((x) => `${x.name.zh} ${fractionText(x.weight)}`).join("、");
        return { value, phrase: value };
      }
      case "panelMethod":
        return { value: PANEL[r.panelMethod], phrase: `专家组得分取${PANEL[r.panelMethod]}` };
      case "rankBy": {
        const value = RANK[r.rankBy ?? "rule-set"];
        return { value, phrase: value };
      }
      case "advance":
        return r.advance
          ? { value: String(r.advance.min), phrase: `${label} ${r.advance.min} 分` }
          : { value: NONE, phrase: `不设${label}` };
      case "finalThreshold":
        return r.finalThreshold === null
          ? { value: NONE, phrase: `不设${label}（不作“候选”结论）` }
          : { value: String(r.finalThreshold), phrase: `${label} ${r.finalThreshold} 分` };
      case "topN":
        return r.topN === null
          ? { value: UNLIMITED, phrase: "不限名额" }
          : { value: String(r.topN), phrase: `${label} ${r.topN} 名` };
      case "stageScoring.material":
      case "stageScoring.onsite":
        return stageSource([key.slice("stageScoring.".length) as StageId]);
      case "stageScoring":
        return stageSource(["material", "onsite"]);
      default:
        return { value: "", phrase: label };
    }
  };
  return r.secretariatDefaults.map((key) => ({
    ruleSet: r.id,
    key,
    label: DEFAULT_LABELS[key] ?? key,
    ...entry(key),
  }));
}

/** The table: 设置 = 值 (what `award check`, `award import` and `scorebook rubric` print as 质评办可调整的默认设置). */
export function secretariatSettings(r: RuleSet): DefaultSetting[] {
  return secretariatSettingList(r).map(({ ruleSet, label, value }) => ({ ruleSet, label, value }));
}

/**
 * The summary's rule line: each setting as a phrase, a setting of the secretariat (质评办), not a rule of the award.
 * null when the rule set has none.
 */
export function secretariatSettingsText(r: RuleSet): string | null {
  const parts = secretariatSettingList(r).map((s) => s.phrase);
  return parts.length ? `质评办设定（评审规则未作规定，可在“参数”中修改）：${parts.join("；")}。` : null;
}
