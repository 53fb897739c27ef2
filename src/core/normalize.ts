// Turning what a person typed into a number. A maturity typed as 0.45, 45 %, "45%", "45 %", "４５％" or 45
// means 45 %; a spreadsheet cell formatted as a percentage holds 0.45.
//
// What a cell's text may contain is one fixed table (CELL_TEXT_MAP, CELL_TEXT_SPACES): full-width digits and signs
// become their ASCII forms, the listed spaces are removed, nothing else is changed. The native workbook formulas
// apply the same table with SUBSTITUTE (src/workbook/formulas.ts), so that a spreadsheet and the engine read every
// input alike; a character outside the table (a circled digit, an em space) makes the input unreadable for both.
import { exact, type Exact } from "./exact";
import { msg, type Message } from "./messages";
import type { ScoringMode } from "./types";

export type Parsed<T> = { kind: "ok"; value: T } | { kind: "missing" } | { kind: "invalid"; message: Message };

export type RawInput = string | number | boolean | null | undefined;

function isBlank(raw: RawInput): raw is null | undefined | "" {
  return raw === null || raw === undefined || (typeof raw === "string" && raw.normalize("NFKC").trim() === "");
}

/** An input cell that is empty, or holds only the spaces of CELL_TEXT_SPACES. */
function isBlankCell(raw: RawInput): raw is null | undefined | "" {
  return raw === null || raw === undefined || (typeof raw === "string" && cellText(raw) === "");
}

/** Full-width characters a maturity, a score or a band may be typed with, and what they stand for. */
export const CELL_TEXT_MAP: readonly (readonly [string, string])[] = [
  ..."０１２３４５６７８９".split("").map((c, i) => [c, String(i)] as const),
  ["％", "%"],
  ["．", "."],
  ["＋", "+"],
  ["－", "-"],
];

/**
 * Spaces removed from a cell's text: space, no-break space, ideographic space and the line break of Alt+Enter. Not a
 * tab: LibreOffice does not keep a tab in a cell's text as CHAR(9), so no formula can remove it everywhere.
 */
export const CELL_TEXT_SPACES: readonly string[] = [" ", "\u00a0", "\u3000", "\n"];

/** A cell's text as the engine and the native formulas read it (see CELL_TEXT_MAP). */
export function cellText(s: string): string {
  let out = "";
  for (const ch of s) {
    if (CELL_TEXT_SPACES.includes(ch)) continue;
    out += CELL_TEXT_MAP.find(([from]) => from === ch)?.[1] ?? ch;
  }
  return out;
}

/** A plain decimal number: optional sign, digits with at most one point, at least one digit. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * An input cell's value as the engine is given it. A maturity cell is formatted as a percentage, so a number in it is
 * a fraction (1.05 shows as 105 %): it is passed as "105%", so that a message says 105 %, not 1.05 %. Text is passed
 * as typed (read as "45", "45%", "0.45" alike). Points cells are passed as they are. This is the one rule for
 * reading a maturity from a cell: the workbook reader, the pane and the layout's cached values all use it.
 */
export function cellInput(scoring: ScoringMode, raw: RawInput): RawInput {
  if (scoring !== "maturity" || typeof raw !== "number" || !Number.isFinite(raw)) return raw;
  return `${Number((raw * 100).toFixed(6))}%`;
}

/**
 * A maturity percentage as a whole number of percent, or why it is not one. Numbers from 0 to 1 are fractions
 * (0.45 → 45 %); larger numbers and numbers followed by "%" are percentages. Range and step are checked by
 * validateMaturity, so that 47 % is reported as "not a multiple of 5 %" rather than as unreadable.
 */
export function parseMaturity(raw: RawInput): Parsed<number> {
  if (isBlankCell(raw)) return { kind: "missing" };
  if (typeof raw === "boolean") return { kind: "invalid", message: msg.notNumber(String(raw)) };
  let percent: number;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { kind: "invalid", message: msg.notNumber(String(raw)) };
    percent = Math.abs(raw) <= 1 ? raw * 100 : raw;
  } else {
    const s = cellText(raw);
    const hasPercent = s.endsWith("%");
    const body = hasPercent ? s.slice(0, -1) : s;
    if (!NUMBER.test(body)) return { kind: "invalid", message: msg.notNumber(raw.trim()) };
    const n = Number(body);
    percent = hasPercent || Math.abs(n) > 1 ? n : n * 100;
  }
  // Drop float noise (0.07 * 100 = 7.000000000000001) without hiding a real fraction such as 47.5.
  return { kind: "ok", value: exact(percent).round(6).valueOf() };
}

/** A number of points (individual rubrics), or why it is not one. */
export function parsePoints(raw: RawInput): Parsed<number> {
  if (isBlankCell(raw)) return { kind: "missing" };
  if (typeof raw === "boolean") return { kind: "invalid", message: msg.pointsNotNumber(String(raw)) };
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { kind: "invalid", message: msg.pointsNotNumber(String(raw)) };
    return { kind: "ok", value: exact(raw).round(6).valueOf() };
  }
  const s = cellText(raw).replace(/分$/, "");
  if (!NUMBER.test(s)) return { kind: "invalid", message: msg.pointsNotNumber(raw.trim()) };
  return { kind: "ok", value: exact(Number(s)).round(6).valueOf() };
}

/**
 * A score (a total, a panel score, a final score) as a spreadsheet passes it: a number is read to 9 decimal places
 * (exact()), decimal text ("550", "５５０.５", "550分") exactly. Blank is missing; anything else is invalid.
 */
export function parseScore(raw: RawInput): Parsed<Exact> {
  if (isBlank(raw)) return { kind: "missing" };
  if (typeof raw === "boolean") return { kind: "invalid", message: msg.pointsNotNumber(String(raw)) };
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { kind: "invalid", message: msg.pointsNotNumber(String(raw)) };
    return { kind: "ok", value: exact(raw) };
  }
  const s = raw.normalize("NFKC").replace(/\s+/g, "").replace(/分$/, "");
  if (!NUMBER.test(s)) return { kind: "invalid", message: msg.pointsNotNumber(raw.trim()) };
  return { kind: "ok", value: exact(s) };
}

const YES = new Set(["是", "y", "yes", "true", "1", "√", "✓", "有"]);
const NO = new Set(["否", "n", "no", "false", "0", "×", "无"]);

/** A yes/no answer (veto items, declarations): 是 / Y / yes / TRUE / 1 and their negatives. */
export function parseYesNo(raw: RawInput): Parsed<boolean> {
  if (typeof raw === "boolean") return { kind: "ok", value: raw };
  if (typeof raw === "number") {
    if (raw === 1) return { kind: "ok", value: true };
    if (raw === 0) return { kind: "ok", value: false };
    return { kind: "invalid", message: msg.vetoAnswerInvalid(String(raw)) };
  }
  if (isBlank(raw)) return { kind: "missing" };
  const s = String(raw).normalize("NFKC").trim().toLowerCase();
  if (YES.has(s)) return { kind: "ok", value: true };
  if (NO.has(s)) return { kind: "ok", value: false };
  return { kind: "invalid", message: msg.vetoAnswerInvalid(String(raw).trim()) };
}

/** A band number typed as 3, "3", "第3档", "３" (the cell text without 第 and 档 must be digits). */
export function parseBand(raw: RawInput): Parsed<number> {
  if (raw === null || raw === undefined) return { kind: "missing" };
  const s = cellText(String(raw)).replace(/[第档]/g, "");
  if (s === "") return { kind: "missing" };
  if (!/^\d+$/.test(s)) return { kind: "invalid", message: msg.unknownBand(String(raw), 0) };
  return { kind: "ok", value: Number(s) };
}
