// Combining a panel's totals (专家组合成): mean, trimmed mean (drop one highest and one lowest), median.
import { ratio, sum, type Exact } from "./exact";
import { msg, type Message } from "./messages";
import type { PanelMethod } from "./types";

export interface PanelResult {
  value: Exact | null;
  /** The method asked for. */
  method: PanelMethod;
  /** The method actually used (trimmed falls back to mean with fewer than 3 experts). */
  used: PanelMethod;
  count: number;
  /** Why the result differs from what was asked, if it does. */
  note: Message | null;
  /** Indexes of the values left out by a trimmed mean. */
  dropped: number[];
}

export const PANEL_METHODS: readonly PanelMethod[] = ["mean", "trimmed", "median"];

export function aggregatePanel(values: readonly Exact[], method: PanelMethod = "mean"): PanelResult {
  const n = values.length;
  if (n === 0) return { value: null, method, used: method, count: 0, note: msg.emptyPanel(), dropped: [] };
  if (method === "median") {
    const sorted = [...values].sort((a, b) => a.compare(b));
    const mid = Math.floor(n / 2);
    const value = n % 2 === 1 ? sorted[mid] : sorted[mid - 1].add(sorted[mid]).div(2);
    return { value, method, used: "median", count: n, note: null, dropped: [] };
  }
  if (method === "trimmed") {
    if (n < 3)
      return { value: mean(values), method, used: "mean", count: n, note: msg.trimmedFallback(n), dropped: [] };
    const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v.compare(b.v));
    const low = order[0].i;
    const high = order[n - 1].i;
    const kept = values.filter((_, i) => i !== low && i !== high);
    return { value: mean(kept), method, used: "trimmed", count: n, note: null, dropped: [low, high] };
  }
  return { value: mean(values), method, used: "mean", count: n, note: null, dropped: [] };
}

function mean(values: readonly Exact[]): Exact {
  return sum(values).div(ratio(values.length, 1));
}

export function isPanelMethod(s: string): s is PanelMethod {
  return (PANEL_METHODS as readonly string[]).includes(s);
}

/** The methods as a person reads them (the summary's 参数 sheet prints these, never the ids). */
export const PANEL_METHOD_TEXT: Record<PanelMethod, { zh: string; en: string }> = {
  mean: { zh: "平均分", en: "Mean" },
  trimmed: { zh: "去掉最高分和最低分后的平均分", en: "Mean without the highest and lowest" },
  median: { zh: "中位数", en: "Median" },
};

/** A method by its id (mean) or its Chinese name (平均分), as typed in a cell; null when neither. */
export function parsePanelMethod(raw: string): PanelMethod | null {
  const s = raw.normalize("NFKC").trim().toLowerCase();
  if (isPanelMethod(s)) return s;
  const hit = PANEL_METHODS.find((m) => PANEL_METHOD_TEXT[m].zh === s);
  return hit ?? null;
}
