// A panel's diagnostics (专家组评分诊断), shown beside the score the award's own method decides (panel.ts): the raw
// mean, the trimmed mean, the median, each expert's z-score and the panel's agreement over the items (Kendall's W).
// None of them decides anything; they help the secretariat and the 组长 see how a panel scored.
//
// Small panels: no trimmed mean under 3 experts (nothing is left to average once the highest and lowest go), no
// z-score under 3 (with two experts every z is ±1 whatever they gave), no agreement figure under 2 experts or 2
// items. Where a figure is left out, `notes` says why in words, for the sheet to print instead of a number.
//
// Kendall's W (肯德尔和谐系数): each expert ranks the items by how much of the item's points they gave (the maturity
// percent; points rubrics: points ÷ the item's points), ties taking the mean rank; with m experts, n items, R_i the
// sum of item i's ranks and T_j = Σ(t³ − t) over expert j's groups of t tied items,
//   W = 12·S / (m²(n³ − n) − m·ΣT_j),   S = Σ (R_i − m(n + 1)/2)².
// W = 1: every expert orders the items alike; 0: no common order. Exact rationals throughout (ranks are halves).
import { exact, formatPlaces, ratio, sum, type Exact } from "./exact";
import { msg, type Message } from "./messages";

/** Experts a panel needs for a trimmed mean and for z-scores. */
export const STATS_MIN_EXPERTS = 3;

export interface PanelDiagnostics {
  count: number;
  mean: Exact | null;
  /** Mean without one highest and one lowest total; null under 3 experts. */
  trimmed: Exact | null;
  median: Exact | null;
  /** Population standard deviation of the totals (σ, dividing by n), as a number; null under 3 experts. */
  sd: number | null;
  /** Each expert's z-score, (total − mean) ÷ σ, in the order of the totals; null under 3 experts or when σ = 0. */
  z: (number | null)[];
  /** Agreement over the items. */
  agreement: Agreement;
  /** Why a figure is missing (trimmed mean, z-scores), one message each. */
  notes: { trimmed: Message | null; z: Message | null };
}

export interface Agreement {
  /** Kendall's W, exact; null when it cannot be computed (see note). */
  w: Exact | null;
  /** Experts and items it was computed over (items every expert scored). */
  experts: number;
  items: number;
  note: Message | null;
}

/** The value an item is ranked by: a number, or null when the expert gave none. */
export type ItemValue = number | Exact | null;

/**
 * Twice the mean ranks (1 = lowest) of values in the order `compare` gives, ties sharing the mean of their places
 * (so every doubled rank is an integer), with Σ(t³ − t) over the groups of t tied values.
 */
function doubledRanks<T>(values: readonly T[], compare: (a: T, b: T) => number): { ranks: number[]; ties: number } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => compare(a.v, b.v));
  const ranks: number[] = values.map(() => 0);
  let ties = 0;
  for (let k = 0; k < order.length;) {
    let e = k;
    while (e + 1 < order.length && compare(order[e + 1].v, order[k].v) === 0) e++;
    const t = e - k + 1;
    // places k+1 … e+1: their mean doubled is k + e + 2
    for (let j = k; j <= e; j++) ranks[order[j].i] = k + e + 2;
    if (t > 1) ties += t * t * t - t;
    k = e + 1;
  }
  return { ranks, ties };
}

/** Mean ranks (1 = lowest) of values, ties sharing the mean of their places; with Σ(t³ − t) over the tie groups. */
export function midRanks(values: readonly Exact[]): { ranks: Exact[]; ties: number } {
  const { ranks, ties } = doubledRanks(values, (a, b) => a.compare(b));
  return { ranks: ranks.map((r) => ratio(r, 2)), ties };
}

/**
 * Kendall's W with the correction for ties, over the items every expert scored. `byExpert[j][i]` is expert j's value
 * of item i (all rows the same length). In doubled ranks (integers) W = 3·Σ(2R_i − m(n + 1))² / (m²(n³ − n) − m·ΣT).
 */
export function kendallW(byExpert: readonly (readonly ItemValue[])[]): Agreement {
  const m = byExpert.length;
  if (m < 2) return { w: null, experts: m, items: 0, note: msg.agreementFewExperts(m) };
  const width = Math.min(...byExpert.map((r) => r.length));
  const complete: number[] = [];
  for (let i = 0; i < width; i++) if (byExpert.every((r) => r[i] !== null && r[i] !== undefined)) complete.push(i);
  const n = complete.length;
  if (n < 2) return { w: null, experts: m, items: n, note: msg.agreementFewItems(n) };
  const sums: number[] = complete.map(() => 0);
  let tieSum = 0;
  for (const row of byExpert) {
    const values = complete.map((i) => row[i] as number | Exact);
    // Plain numbers (maturity percents) compare as numbers; anything exact compares exactly.
    const { ranks, ties } = values.every((v) => typeof v === "number")
      ? doubledRanks(values, (a, b) => a - b)
      : doubledRanks(
          values.map((v) => exact(v)),
          (a, b) => a.compare(b),
        );
    ranks.forEach((r, k) => (sums[k] += r));
    tieSum += ties;
  }
  const centre = m * (n + 1);
  const s4 = sums.reduce((acc, r) => acc + (r - centre) * (r - centre), 0);
  const denominator = m * m * (n * n * n - n) - m * tieSum;
  if (denominator === 0) return { w: null, experts: m, items: n, note: msg.agreementNoOrder() };
  return { w: ratio(3 * s4, denominator), experts: m, items: n, note: null };
}

function median(values: readonly Exact[]): Exact {
  const sorted = [...values].sort((a, b) => a.compare(b));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : sorted[mid - 1].add(sorted[mid]).div(2);
}

/**
 * A panel's diagnostics from its experts' totals and, per expert (same order), the item values the agreement ranks
 * (pass [] for none).
 */
export function panelDiagnostics(
  totals: readonly Exact[],
  items: readonly (readonly ItemValue[])[] = [],
): PanelDiagnostics {
  const n = totals.length;
  const agreement = kendallW(items);
  if (n === 0)
    return {
      count: 0,
      mean: null,
      trimmed: null,
      median: null,
      sd: null,
      z: [],
      agreement,
      notes: { trimmed: msg.emptyPanel(), z: msg.emptyPanel() },
    };
  const mean = sum(totals).div(n);
  const small = n < STATS_MIN_EXPERTS;
  let trimmed: Exact | null = null;
  if (!small) {
    const sorted = [...totals].sort((a, b) => a.compare(b));
    trimmed = sum(sorted.slice(1, -1)).div(n - 2);
  }
  let sd: number | null = null;
  let z: (number | null)[] = totals.map(() => null);
  let zNote: Message | null = small ? msg.zFewExperts(n) : null;
  if (!small) {
    const variance = sum(totals.map((t) => t.sub(mean).mul(t.sub(mean)))).div(n);
    sd = Math.sqrt(variance.valueOf());
    if (variance.equals(0)) zNote = msg.zNoSpread();
    // z² = d² / σ² is exact; one square root at the end.
    else
      z = totals.map((t) => Math.sign(t.sub(mean).valueOf()) * Math.sqrt(t.sub(mean).pow(2).div(variance).valueOf()));
  }
  return {
    count: n,
    mean,
    trimmed,
    median: median(totals),
    sd,
    z,
    agreement,
    notes: { trimmed: small ? msg.trimmedFewExperts(n) : null, z: zNote },
  };
}

/** A z-score or W as printed: two decimals, rounded half away from zero; "—" when there is none. */
export function formatStat(x: number | Exact | null, places = 2): string {
  if (x === null) return "—";
  return formatPlaces(exact(x), places);
}
