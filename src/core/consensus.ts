// The consensus (合议) of a review panel: the group leader's agreed maturity per item replaces the mean of the
// experts' totals as the stage's panel score, when the rule set scores that stage by consensus. Hebei: 现场评审 …
// 合议评审 … 评审专家组应按评价标准逐条进行量化评分，形成现场评审报告 (四、（五）2).
import type { Exact } from "./exact";
import type { Message } from "./messages";
import { nameKey } from "./names";
import type { RuleSet, StageId } from "./types";

/** How a stage's panel score is formed: the returned consensus workbook's total, or the panel method over totals. */
export type StageScoring = "consensus" | "panel";

/**
 * The rule set's choice for a stage (award data `stageScoring`). Default when the data is silent: "consensus" — a
 * returned, complete consensus workbook of exactly the counted experts is used; without one the panel method applies.
 */
export function stageScoring(rules: RuleSet, stage: StageId): StageScoring {
  return rules.stageScoring?.[stage] ?? "consensus";
}

/** A returned consensus workbook (合议表), as the reader and the engine found it. */
export interface ConsensusSheet {
  file: string;
  rubricId: string;
  applicant: string;
  stage: StageId;
  /** The experts whose workbooks the consensus was built from (metadata of the consensus workbook). */
  experts: string[];
  savedAt: string | null;
  /** The file's modification time (ISO): the tie-breaker at the same save time (src/core/copies.ts). */
  modifiedAt?: string | null;
  /** Total recomputed by the engine from the agreed maturities (or points). */
  total: Exact;
  complete: boolean;
  items: {
    code: string;
    points: number;
    /** The agreed maturity (percent) or points when valid. */
    value: number | null;
    reason: string;
    strengths: string;
    opportunities: string;
  }[];
  /** Category subtotals recomputed by the engine. */
  categories: { code: string; score: Exact }[];
  /** Problems that make the consensus unusable (invalid or missing entries, tampering, unknown rubric …). */
  blocking: Message[];
}

/** True when the consensus was built from exactly these experts (names compared by nameKey). */
export function sameExperts(consensus: readonly string[], counted: readonly string[]): boolean {
  const a = [...new Set(consensus.map(nameKey))].sort();
  const b = [...new Set(counted.map(nameKey))].sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
