// The award data alone (scales and rule sets, rubrics/awards/*.json), for code that must stay small: the Excel
// custom functions import this rather than the rubric registry, which pulls in every rubric's text and ajv.
// The same files are validated by the registry (loadLibrary) and in the tests; nothing here re-checks them.
import jiangmenAward from "../../rubrics/awards/jiangmen-2022.json";
import hebeiAward from "../../rubrics/awards/hebei-2022.json";
import type { Award, RuleSet, Scale } from "./types";

export const AWARDS: readonly Award[] = [jiangmenAward as Award, hebeiAward as Award];

/**
 * Which award and rule set each bundled rubric belongs to (rubric id → ids), so that a rubric id can name its
 * scale or rules without loading the rubric. Kept equal to the rubric files by test/core/awards.test.ts.
 */
export const RUBRIC_RULE_SETS: Readonly<Record<string, { award: string; ruleSet: string }>> = {
  "jiangmen-manufacturing": { award: "jiangmen-2022", ruleSet: "jiangmen-organization" },
  "jiangmen-service": { award: "jiangmen-2022", ruleSet: "jiangmen-organization" },
  "jiangmen-construction": { award: "jiangmen-2022", ruleSet: "jiangmen-organization" },
  "jiangmen-medical": { award: "jiangmen-2022", ruleSet: "jiangmen-organization" },
  "jiangmen-education": { award: "jiangmen-2022", ruleSet: "jiangmen-organization" },
  "hebei-organization": { award: "hebei-2022", ruleSet: "hebei-organization" },
  "hebei-individual-senior": { award: "hebei-2022", ruleSet: "hebei-individual" },
  "hebei-individual-middle": { award: "hebei-2022", ruleSet: "hebei-individual" },
  "hebei-individual-frontline": { award: "hebei-2022", ruleSet: "hebei-individual" },
  "hebei-individual-other": { award: "hebei-2022", ruleSet: "hebei-individual" },
};

/** An id as a person types it: full-width characters folded, spaces trimmed, lower case. */
function normalizeId(id: string): string {
  return id.normalize("NFKC").trim().toLowerCase();
}

export interface RuleSetLookup {
  award: Award;
  rules: RuleSet;
}

/**
 * The award a scale, rule set or rubric id belongs to: `hebei-2022` (an award id is also its scale id),
 * `hebei-individual` (rule set) or `hebei-individual-senior` (rubric).
 */
export function findAward(id: string): Award | undefined {
  const key = normalizeId(id);
  const direct = AWARDS.find((a) => a.id === key || a.scale.id === key);
  if (direct) return direct;
  const viaRuleSet = AWARDS.find((a) => a.ruleSets.some((r) => r.id === key));
  if (viaRuleSet) return viaRuleSet;
  const rubric = RUBRIC_RULE_SETS[key];
  return rubric ? AWARDS.find((a) => a.id === rubric.award) : undefined;
}

/** The maturity scale named by a scale, award, rule set or rubric id. */
export function findScale(id: string): Scale | undefined {
  return findAward(id)?.scale;
}

/**
 * The rule set named by a rule set id (`hebei-organization`), a rubric id (`hebei-individual-senior` → its rule
 * set) or an award id when that award has only one rule set (`jiangmen-2022`). An award with several rule sets
 * (`hebei-2022`) is ambiguous: undefined, and ruleSetChoices tells which ids to use.
 */
export function findRuleSet(id: string): RuleSetLookup | undefined {
  const key = normalizeId(id);
  for (const award of AWARDS) {
    const rules = award.ruleSets.find((r) => r.id === key);
    if (rules) return { award, rules };
  }
  const rubric = RUBRIC_RULE_SETS[key];
  if (rubric) return findRuleSet(rubric.ruleSet);
  const award = AWARDS.find((a) => a.id === key);
  if (award && award.ruleSets.length === 1) return { award, rules: award.ruleSets[0] };
  return undefined;
}

/** The rule set ids of an award (to tell a person which to choose), or every rule set id when the id is unknown. */
export function ruleSetChoices(id?: string): string[] {
  const award = id === undefined ? undefined : AWARDS.find((a) => a.id === normalizeId(id));
  return (award ? [award] : AWARDS).flatMap((a) => a.ruleSets.map((r) => r.id));
}

/** Every id findScale accepts besides rubric and rule set ids: the scale (award) ids. */
export function scaleIds(): string[] {
  return AWARDS.map((a) => a.scale.id);
}

/**
 * What a QA.* function uses when a formula names no scale or rule set: the award data that says so
 * (`functionDefaults`, rubrics/awards/*.json). Undefined when no award does: the function then asks for one.
 */
export function functionDefaults(): { scale: string; ruleSet: string } | undefined {
  const a = AWARDS.find((x) => x.functionDefaults);
  return a && a.functionDefaults ? { scale: a.scale.id, ruleSet: a.functionDefaults.ruleSet } : undefined;
}
