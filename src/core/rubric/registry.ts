// The bundled rubric library. The data files are imported (not read from disk) so that the same registry serves
// the CLI, the task pane and the tests; loadLibrary() validates every file and the links between them.
import jiangmenAward from "../../../rubrics/awards/jiangmen-2022.json";
import hebeiAward from "../../../rubrics/awards/hebei-2022.json";
import jiangmenManufacturing from "../../../rubrics/jiangmen-manufacturing.json";
import jiangmenService from "../../../rubrics/jiangmen-service.json";
import jiangmenConstruction from "../../../rubrics/jiangmen-construction.json";
import jiangmenMedical from "../../../rubrics/jiangmen-medical.json";
import jiangmenEducation from "../../../rubrics/jiangmen-education.json";
import hebeiOrganization from "../../../rubrics/hebei-organization.json";
import hebeiIndividualSenior from "../../../rubrics/hebei-individual-senior.json";
import hebeiIndividualMiddle from "../../../rubrics/hebei-individual-middle.json";
import hebeiIndividualFrontline from "../../../rubrics/hebei-individual-frontline.json";
import hebeiIndividualOther from "../../../rubrics/hebei-individual-other.json";
import { checkAward, checkRubric, RubricDataError, type DataError } from "./check";
import type { Award, Rubric, RuleSet, Scale } from "../types";

export const AWARD_FILES: Record<string, unknown> = {
  "rubrics/awards/jiangmen-2022.json": jiangmenAward,
  "rubrics/awards/hebei-2022.json": hebeiAward,
};

export const RUBRIC_FILES: Record<string, unknown> = {
  "rubrics/jiangmen-manufacturing.json": jiangmenManufacturing,
  "rubrics/jiangmen-service.json": jiangmenService,
  "rubrics/jiangmen-construction.json": jiangmenConstruction,
  "rubrics/jiangmen-medical.json": jiangmenMedical,
  "rubrics/jiangmen-education.json": jiangmenEducation,
  "rubrics/hebei-organization.json": hebeiOrganization,
  "rubrics/hebei-individual-senior.json": hebeiIndividualSenior,
  "rubrics/hebei-individual-middle.json": hebeiIndividualMiddle,
  "rubrics/hebei-individual-frontline.json": hebeiIndividualFrontline,
  "rubrics/hebei-individual-other.json": hebeiIndividualOther,
};

/** A rubric with the award data it needs to be scored. */
export interface RubricBundle {
  rubric: Rubric;
  award: Award;
  scale: Scale;
  rules: RuleSet;
}

export interface Library {
  awards: Award[];
  rubrics: Rubric[];
  get(id: string): RubricBundle | undefined;
  award(id: string): Award | undefined;
  ruleSet(id: string): RuleSet | undefined;
}

/** Validates award and rubric data and links them; throws RubricDataError listing every problem. */
export function buildLibrary(awardFiles: Record<string, unknown>, rubricFiles: Record<string, unknown>): Library {
  const errors: DataError[] = [];
  const awards: Award[] = [];
  for (const [file, data] of Object.entries(awardFiles)) {
    const e = checkAward(data, file);
    if (e.length) errors.push(...e);
    else if (awards.some((a) => a.id === (data as Award).id))
      errors.push({ file, field: "id", message: `奖项编号“${(data as Award).id}”重复` });
    else if (awards.some((a) => a.ruleSets.some((r) => (data as Award).ruleSets.some((x) => x.id === r.id))))
      errors.push({ file, field: "ruleSets", message: `规则集编号与已有奖项的规则集重复` });
    else awards.push(data as Award);
  }
  const rubrics: Rubric[] = [];
  for (const [file, data] of Object.entries(rubricFiles)) {
    const e = checkRubric(data, file);
    if (e.length) {
      errors.push(...e);
      continue;
    }
    const r = data as Rubric;
    const award = awards.find((a) => a.id === r.award);
    if (!award) errors.push({ file, field: "award", message: `奖项“${r.award}”不存在` });
    else if (!award.ruleSets.some((s) => s.id === r.ruleSet))
      errors.push({ file, field: "ruleSet", message: `奖项“${r.award}”中没有规则集“${r.ruleSet}”` });
    else if (rubrics.some((x) => x.id === r.id))
      errors.push({ file, field: "id", message: `评分标准编号“${r.id}”重复` });
    else rubrics.push(r);
  }
  if (errors.length) throw new RubricDataError(errors);
  const ruleSets = awards.flatMap((a) => a.ruleSets);
  return {
    awards,
    rubrics,
    award: (id) => awards.find((a) => a.id === id),
    ruleSet: (id) => ruleSets.find((s) => s.id === id),
    get(id) {
      const rubric = rubrics.find((r) => r.id === id);
      if (!rubric) return undefined;
      const award = awards.find((a) => a.id === rubric.award) as Award;
      const rules = forRubric(award.ruleSets.find((s) => s.id === rubric.ruleSet) as RuleSet, rubric.id);
      return { rubric, award, scale: award.scale, rules };
    },
  };
}

/**
 * The rule set as one rubric's workbooks ask it: a veto item that always applies to this rubric's applicants
 * (requiredFor) is asked without 不适用 (the senior leader is the leader 三（二）5 speaks of). The same object when
 * nothing changes.
 */
function forRubric(rules: RuleSet, rubricId: string): RuleSet {
  if (!rules.vetoes.some((v) => v.requiredFor?.includes(rubricId))) return rules;
  return {
    ...rules,
    vetoes: rules.vetoes.map((v) => {
      if (!v.requiredFor?.includes(rubricId)) return v;
      const { appliesTo: _appliesTo, ...always } = v;
      void _appliesTo;
      return always;
    }),
  };
}

let bundled: Library | null = null;
let builtin: Library | null = null;
let extra: { awards: Record<string, unknown>; rubrics: Record<string, unknown> } | null = null;

/**
 * The validated library every command uses: the bundled rubrics and the awards a secretariat imported (an awards
 * folder, given with setExtraAwardData by the command line, the workbench or a reader thread). Validated once, on
 * first use; throws RubricDataError naming every problem of the extra data.
 */
export function library(): Library {
  if (!bundled)
    bundled = extra
      ? buildLibrary({ ...AWARD_FILES, ...extra.awards }, { ...RUBRIC_FILES, ...extra.rubrics })
      : builtinLibrary();
  return bundled;
}

/** The awards shipped with the program alone. */
export function builtinLibrary(): Library {
  if (!builtin) builtin = buildLibrary(AWARD_FILES, RUBRIC_FILES);
  return builtin;
}

/**
 * Adds imported award and rubric data (file name → parsed JSON) to what library() gives; null removes them. The
 * one place imported awards join the built-in ones: every command, the pane and the reader threads look up here.
 */
export function setExtraAwardData(
  data: { awards: Record<string, unknown>; rubrics: Record<string, unknown> } | null,
): void {
  extra = data && (Object.keys(data.awards).length || Object.keys(data.rubrics).length) ? data : null;
  bundled = null;
}

/** The imported data library() adds (to hand to a reader thread). */
export function extraAwardData(): { awards: Record<string, unknown>; rubrics: Record<string, unknown> } | null {
  return extra;
}
