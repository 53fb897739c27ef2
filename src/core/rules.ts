// The award's process rules, read from the award data: stage combination, bonus, thresholds, top N, statuses,
// ranking and the committee vote. Nothing here knows which award it is: every number comes from the RuleSet.
import { exact, ratio, sheetExact, sheetKey, type Exact } from "./exact";
import { msg, type Message } from "./messages";
import type { FractionSpec, RuleSet, StageId } from "./types";

export type Status =
  | "vetoed"
  | "veto-flagged"
  | "incomplete"
  | "not-advanced"
  | "no-onsite"
  | "no-public"
  | "below-threshold"
  | "candidate"
  | "over-limit"
  | "advances"
  // A rule set with no nomination line (江门): ranked by the final score, no 候选 verdict without a line.
  | "ranked";

export const STATUS_TEXT: Record<Status, { zh: string; en: string }> = {
  vetoed: { zh: "否决", en: "Vetoed" },
  "veto-flagged": { zh: "否决待核实", en: "Veto flagged, to be confirmed" },
  incomplete: { zh: "缺少材料评审得分", en: "No material review score" },
  "not-advanced": { zh: "未进入现场评审", en: "Did not advance to on-site review" },
  "no-onsite": { zh: "缺少现场评审得分", en: "No on-site review score" },
  "no-public": { zh: "缺少公众满意度测评得分", en: "No public satisfaction score" },
  "below-threshold": { zh: "未达提名线", en: "Below the nomination threshold" },
  candidate: { zh: "候选", en: "Candidate" },
  "over-limit": { zh: "超出名额", en: "Beyond the limit" },
  // A material-stage-only run (the advance list): reaches the advance threshold, or no threshold is set.
  advances: { zh: "进入现场评审", en: "Advances to the on-site review" },
  ranked: { zh: "参加排序（未设提名线）", en: "Ranked (no nomination threshold)" },
};

/**
 * Statuses that are the secretariat's working state, not a verdict to tell an applicant: a veto flag awaiting
 * confirmation, or a score still missing. An applicant's report never shows them.
 */
export const INTERNAL_STATUSES: readonly Status[] = ["veto-flagged", "incomplete", "no-onsite", "no-public"];

/** The status text as an applicant's report may show it, or null for an internal one (INTERNAL_STATUSES). */
export function applicantStatusText(zh: string | null): string | null {
  if (!zh) return null;
  const internal = INTERNAL_STATUSES.some((s) => STATUS_TEXT[s].zh === zh);
  const known = (Object.keys(STATUS_TEXT) as Status[]).some((s) => STATUS_TEXT[s].zh === zh);
  return internal || !known ? null : zh;
}

/** Statuses that take part in the ranking (the others are left out; a vetoed applicant keeps a would-be rank). */
export function isRanked(status: Status): boolean {
  return (
    status === "candidate" ||
    status === "below-threshold" ||
    status === "over-limit" ||
    status === "advances" ||
    status === "ranked"
  );
}

export function fraction(spec: FractionSpec): Exact {
  return ratio(spec.numerator, spec.denominator);
}

/** The weight of a stage in the final score (material 3/10 for both awards' defaults). */
export function stageWeight(rules: RuleSet, stage: StageId): Exact {
  const s = rules.stages.find((x) => x.id === stage);
  return s ? fraction(s.weight) : exact(0);
}

/** Bonus points earned by the conditions met: once if not cumulative (河北: "至少一项…加 10 分"). */
export function bonusPoints(rules: RuleSet, metConditionIds: readonly string[]): Exact {
  if (!rules.bonus) return exact(0);
  const known = new Set(rules.bonus.conditions.map((c) => c.id));
  const met = metConditionIds.filter((id) => known.has(id));
  if (met.length === 0) return exact(0);
  return exact(rules.bonus.points).mul(rules.bonus.cumulative ? met.length : 1);
}

export interface FinalInput {
  material: Exact;
  onsite: Exact;
  /** Bonus points already decided (see bonusPoints). */
  bonus?: Exact;
  /** Public satisfaction points (individuals). */
  public?: Exact;
  /** What-if override of the material weight; the on-site weight is 1 − w. */
  materialWeight?: Exact;
}

/** final = material × w + on-site × (1 − w) + bonus + public satisfaction. */
export function finalScore(rules: RuleSet, input: FinalInput): Exact {
  const w = input.materialWeight ?? stageWeight(rules, "material");
  let total = input.material.mul(w).add(input.onsite.mul(exact(1).sub(w)));
  if (input.bonus) total = total.add(input.bonus);
  if (input.public) total = total.add(input.public);
  return total;
}

/** A public satisfaction score outside 0..max is a mistake to report, not to clamp silently. */
export function checkPublic(rules: RuleSet, value: Exact): Message | null {
  if (!rules.publicSatisfaction) return null;
  const max = rules.publicSatisfaction.max;
  return value.lt(0) || value.gt(max) ? msg.publicOutOfRange(value.valueOf(), max) : null;
}

export interface Thresholds {
  advance: Exact | null;
  final: Exact | null;
  topN: number | null;
}

export function thresholdsOf(rules: RuleSet, override: Partial<Thresholds> = {}): Thresholds {
  return {
    advance: override.advance !== undefined ? override.advance : rules.advance ? exact(rules.advance.min) : null,
    final:
      override.final !== undefined
        ? override.final
        : rules.finalThreshold !== null
          ? exact(rules.finalThreshold)
          : null,
    topN: override.topN !== undefined ? override.topN : rules.topN,
  };
}

export interface StatusInput {
  vetoed: boolean;
  /** Flagged by an expert, not yet confirmed by the secretariat (否决待核实); implies vetoed. */
  vetoPending?: boolean;
  /** The rule set asks for public satisfaction and it is missing (individuals). */
  publicMissing?: boolean;
  material: Exact | null;
  onsite: Exact | null;
  final: Exact | null;
}

/**
 * The status of one applicant before the top-N limit (which needs the ranking): 否决, 未进入现场评审,
 * 未达提名线 or 候选. Reaching a threshold exactly counts (及以上).
 */
export function statusOf(input: StatusInput, t: Thresholds): Status {
  if (input.vetoed) return input.vetoPending ? "veto-flagged" : "vetoed";
  if (input.material === null) return "incomplete";
  if (!reachesAdvance(input.material, t)) return "not-advanced";
  if (input.onsite === null) return "no-onsite";
  if (input.publicMissing) return "no-public";
  if (input.final === null) return "no-onsite";
  // Without a nomination line nobody is called 候选: the award's text gives no line to reach (江门).
  if (!t.final) return "ranked";
  if (input.final.lt(t.final)) return "below-threshold";
  return "candidate";
}

/** Whether a material score reaches the advance threshold (inclusive; no threshold: everyone with a score advances). */
export function reachesAdvance(material: Exact | null, t: Thresholds): boolean {
  return material !== null && (t.advance === null || !material.lt(t.advance));
}

/**
 * On the advance list (进入现场评审名单): not vetoed (flagged or confirmed) and a material score that reaches the
 * advance threshold this applicant was decided with.
 */
export function onAdvanceList(a: {
  vetoed: boolean;
  material: { score: Exact | null };
  thresholds: Thresholds;
}): boolean {
  return !a.vetoed && reachesAdvance(a.material.score, a.thresholds);
}

export interface RankInput {
  id: string;
  final: Exact | null;
  vetoed: boolean;
  /** Left out of the ranking for another reason than a veto (e.g. did not advance). */
  excluded?: boolean;
}

export interface RankResult {
  id: string;
  /** Competition rank among the ranked applicants (ties share: 1, 1, 3); null when unranked. */
  rank: number | null;
  /** For a vetoed applicant: the rank it would have had. */
  wouldBeRank: number | null;
}

/**
 * Ranks applicants by final score, highest first. Vetoed applicants are left out of the ranking (they do not push
 * anybody down) but are told the rank they would have had among the others.
 */
export function rankApplicants(list: readonly RankInput[]): RankResult[] {
  const ranked = list.filter((a) => a.final !== null && !a.vetoed && !a.excluded);
  const above = (score: Exact) => ranked.filter((r) => (r.final as Exact).gt(score)).length;
  return list.map((a) => {
    if (a.final === null || a.excluded) return { id: a.id, rank: null, wouldBeRank: null };
    const r = above(a.final) + 1;
    return a.vetoed ? { id: a.id, rank: null, wouldBeRank: r } : { id: a.id, rank: r, wouldBeRank: null };
  });
}

/**
 * The competition rank of a score among a field of ranked scores: 1 + how many are strictly higher (ties share a
 * rank: 1, 1, 3). This is the rule rankApplicants applies; a score outside the field gets the rank it would have.
 */
export function rankAmong(score: Exact, field: readonly Exact[]): number {
  let above = 0;
  for (const s of field) if (s.gt(score)) above++;
  return above + 1;
}

/**
 * rankAmong for the summary's numbers, each read as sheetExact reads them (12 decimal places: a roster's
 * 84.9999999999 ranks below 85), without building a fraction per score when all are below 1024 in size (the
 * QA.RANK fast path: one call per row over the column).
 */
export function rankAmongNumbers(score: number, field: readonly number[]): number {
  const key = sheetKey(score);
  if (key !== null) {
    let above = 0;
    let fast = true;
    for (const x of field) {
      const k = sheetKey(x);
      if (k === null) {
        fast = false;
        break;
      }
      if (k > key) above++;
    }
    if (fast) return above + 1;
  }
  return rankAmong(
    sheetExact(score),
    field.map((x) => sheetExact(x)),
  );
}

export interface Decision {
  id: string;
  status: Status;
  rank: number | null;
  wouldBeRank: number | null;
  note: Message | null;
}

/** Which run: the whole review (final scores, nomination), or the material stage only (the advance list). */
export type RunStage = "final" | "material";

/**
 * The status of one applicant after the material review only: 进入现场评审 when the material score reaches the
 * advance threshold (or none is set), 未进入现场评审 below it; 否决 / 否决待核实 and 缺少材料评审得分 as always.
 */
export function materialStatusOf(input: StatusInput, t: Thresholds): Status {
  if (input.vetoed) return input.vetoPending ? "veto-flagged" : "vetoed";
  if (input.material === null) return "incomplete";
  if (!reachesAdvance(input.material, t)) return "not-advanced";
  return "advances";
}

/**
 * Statuses after ranking: a candidate beyond the top N becomes 超出名额. Applicants tied on the last place all stay
 * candidates, with a note that the list then exceeds N (the committee decides; the engine does not break ties).
 * A material-stage run ranks by the material score (every applicant with one, advancing or not) and applies no
 * top N: the advance list is everyone who reaches the threshold.
 */
/** The status before the top-N limit is applied (over-limit is a candidate the limit left off the list). */
export function statusBeforeLimit(s: Status): Status {
  return s === "over-limit" ? "candidate" : s;
}

/**
 * The statuses that compete for a rank, by run: in the whole review, candidates and those below the final threshold;
 * in a material-stage run, everyone with a material score (advancing or not). Everyone else (incomplete, no on-site
 * panel, ...) is left out of the field; a vetoed or flagged applicant is ranked apart (the rank it would have had).
 * The summary's native formula lists the same statuses.
 */
export function rankingField(stage: RunStage = "final"): readonly Status[] {
  return stage === "material" ? MATERIAL_RANKING_FIELD : RANKING_FIELD;
}

/** Whether an applicant with this status (before the limit) competes for a rank in this run. */
export function inRankingField(s: Status, stage: RunStage = "final"): boolean {
  return rankingField(stage).includes(s);
}

/** Whether a status is a veto (confirmed or pending): such an applicant is shown the rank it would have had. */
export function isVetoStatus(s: Status): boolean {
  return VETO_STATUSES.includes(s);
}

/** The statuses that compete for a rank in the whole review (rankingField("final")). */
export const RANKING_FIELD: readonly Status[] = ["candidate", "below-threshold", "ranked"];
const MATERIAL_RANKING_FIELD: readonly Status[] = ["advances", "not-advanced"];
/** A veto, confirmed or pending (isVetoStatus; the summary's native formula lists the same). */
export const VETO_STATUSES: readonly Status[] = ["vetoed", "veto-flagged"];

export function decide(
  applicants: readonly (StatusInput & { id: string })[],
  t: Thresholds,
  stage: RunStage = "final",
): Decision[] {
  if (stage === "material") {
    const statuses = applicants.map((a) => materialStatusOf(a, t));
    const ranks = rankApplicants(
      applicants.map((a, i) => ({
        id: a.id,
        final: a.material,
        vetoed: a.vetoed,
        // A vetoed applicant is ranked apart by rankApplicants (the rank it would have had).
        excluded: !inRankingField(statuses[i], stage) && !isVetoStatus(statuses[i]),
      })),
    );
    return applicants.map((a, i) => ({
      id: a.id,
      status: statuses[i],
      rank: ranks[i].rank,
      wouldBeRank: ranks[i].wouldBeRank,
      note: null,
    }));
  }
  const statuses = applicants.map((a) => statusOf(a, t));
  const ranks = rankApplicants(
    applicants.map((a, i) => ({
      id: a.id,
      final: a.final,
      vetoed: a.vetoed,
      // A vetoed applicant is ranked apart by rankApplicants (the rank it would have had).
      excluded: !inRankingField(statuses[i]) && !isVetoStatus(statuses[i]),
    })),
  );
  const tied = tiedAtLimit(
    applicants.map((_, i) => (statuses[i] === "candidate" ? ranks[i].rank : null)),
    t.topN,
  );
  return applicants.map((a, i) => {
    let status = statuses[i];
    let note: Message | null = null;
    const rank = ranks[i].rank;
    if (status === "candidate" && t.topN !== null && rank !== null) {
      if (rank > t.topN) status = "over-limit";
      else if (rank === tied) note = msg.tieAtLimit(rank, t.topN);
    }
    return { id: a.id, status, rank, wouldBeRank: ranks[i].wouldBeRank, note };
  });
}

/**
 * The rank of the applicants tied on the last place inside the limit when together they take the list beyond N (all
 * are listed and the committee decides: the tool breaks no tie), or null. `candidateRanks`: the rank of every
 * applicant reaching the nomination line (null for the others); ranks above N are over the limit already.
 */
export function tiedAtLimit(candidateRanks: readonly (number | null)[], topN: number | null): number | null {
  if (topN === null) return null;
  const inside = candidateRanks.filter((r): r is number => r !== null && r <= topN);
  if (inside.length <= topN) return null;
  return Math.max(...inside);
}

/** The status a printed status text stands for (STATUS_TEXT's Chinese), or null for any other text. */
export function statusOfText(zh: string): Status | null {
  return (Object.keys(STATUS_TEXT) as Status[]).find((s) => STATUS_TEXT[s].zh === zh) ?? null;
}

/** Whether an applicant with this status went on to the on-site review (past the material line, not vetoed). */
export function wentOnsite(s: Status): boolean {
  return !(["not-advanced", "incomplete", "vetoed", "veto-flagged"] as Status[]).includes(s);
}

export interface VoteResult {
  quorum: boolean;
  approved: boolean;
  passes: boolean;
}

/**
 * Committee vote: attendance ≥ quorum × members and yes ≥ approval × present (both 2/3 in 河北), as the award data
 * states them. A rule set whose source sets no vote (江门) has none: null, rather than a quorum made up here.
 */
export function committeeVote(rules: RuleSet, yes: number, present: number, members: number): VoteResult | null {
  if (!rules.vote) return null;
  const q = fraction(rules.vote.quorum);
  const a = fraction(rules.vote.approval);
  const quorum = members > 0 && present <= members && exact(present).gte(q.mul(members));
  const approved = present > 0 && yes <= present && exact(yes).gte(a.mul(present));
  return { quorum, approved, passes: quorum && approved };
}
