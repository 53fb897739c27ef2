// Checking one entry against the rubric's scale: the allowed values, and the band when one is also given.
import { exact, type Exact } from "./exact";
import { msg, type Message } from "./messages";
import { parseBand, parseMaturity, parsePoints, type RawInput } from "./normalize";
import { bandOf } from "./scale";
import type { Item, Rubric, Scale } from "./types";

export type EntryStatus = "ok" | "missing" | "invalid";

export interface CheckedEntry {
  status: EntryStatus;
  /** Percent (maturity rubrics) or points (points rubrics) when ok. */
  value: number | null;
  /** Band number of a valid maturity. */
  band: number | null;
  message: Message | null;
}

/** A maturity percentage checked against the scale, and against a band when the reviewer chose one. */
export function checkMaturity(scale: Scale, raw: RawInput, rawBand?: RawInput): CheckedEntry {
  const parsed = parseMaturity(raw);
  if (parsed.kind === "missing") return { status: "missing", value: null, band: null, message: msg.missing() };
  if (parsed.kind === "invalid") return { status: "invalid", value: null, band: null, message: parsed.message };
  const percent = parsed.value;
  if (percent < 0 || percent > 100) return invalid(msg.outOfRange(percent));
  if (!Number.isInteger(percent) || percent % scale.step !== 0) return invalid(msg.notOnStep(percent, scale.step));
  const band = bandOf(scale, percent);
  if (!band) return invalid(msg.notOnStep(percent, scale.step));
  const chosen = parseBand(rawBand);
  if (chosen.kind === "invalid") return invalid(msg.unknownBand(String(rawBand), scale.bands.length));
  if (chosen.kind === "ok") {
    const want = scale.bands.find((b) => b.band === chosen.value);
    if (!want) return invalid(msg.unknownBand(String(rawBand), scale.bands.length));
    if (want.band !== band.band) return invalid(msg.notInBand(percent, want.band, want.min, want.max));
  }
  return { status: "ok", value: percent, band: band.band, message: null };
}

/** Points typed directly (individual rubrics): 0 ≤ x ≤ max, in steps of the rubric's pointsStep. */
export function checkPoints(max: number, step: number, raw: RawInput): CheckedEntry {
  const parsed = parsePoints(raw);
  if (parsed.kind === "missing") return { status: "missing", value: null, band: null, message: msg.missing() };
  if (parsed.kind === "invalid") return { status: "invalid", value: null, band: null, message: parsed.message };
  const v = parsed.value;
  if (v < 0 || v > max) return invalid(msg.pointsOutOfRange(v, max));
  if (!exact(v).divisible(exact(step))) return invalid(msg.pointsNotOnStep(v, step));
  return { status: "ok", value: v, band: null, message: null };
}

/** One item's entry checked the way its rubric scores it. */
export function checkEntry(rubric: Rubric, scale: Scale, item: Item, raw: RawInput, rawBand?: RawInput): CheckedEntry {
  return rubric.scoring === "points"
    ? checkPoints(item.points, rubric.pointsStep ?? 0.5, raw)
    : checkMaturity(scale, raw, rawBand);
}

/** The score an ok entry earns: points × percent / 100, or the points themselves. */
export function entryScore(rubric: Rubric, item: Item, entry: CheckedEntry): Exact | null {
  if (entry.status !== "ok" || entry.value === null) return null;
  return rubric.scoring === "points" ? exact(entry.value) : maturityScore(item.points, entry.value);
}

/** points × percent / 100, exactly (the score of an item rated at a maturity percentage). */
export function maturityScore(points: number | Exact, percent: number): Exact {
  return exact(points).mul(percent).div(100);
}

function invalid(message: Message): CheckedEntry {
  return { status: "invalid", value: null, band: null, message };
}
