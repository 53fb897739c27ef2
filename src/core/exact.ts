// Exact rational arithmetic for scores. Thresholds (500, 550, 70, 85) decide an applicant's fate, so a score
// that is exactly 550 on paper must compare as 550: no binary floating point is used between input and verdict.
import FractionLib from "fraction.js";

export type Exact = FractionLib;

export const ZERO: Exact = new FractionLib(0);

/** Decimal places kept when a spreadsheet float enters the engine (removes drift such as 0.45 * 100 = 45.00000000000001). */
const FLOAT_PLACES = 9;

/** An exact value from an integer, a decimal string or a spreadsheet float (rounded to 9 decimal places first). */
export function exact(value: number | string | Exact): Exact {
  if (value instanceof FractionLib) return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return new FractionLib(value.toFixed(FLOAT_PLACES));
  }
  return new FractionLib(value);
}

export function ratio(numerator: number, denominator: number): Exact {
  return new FractionLib(numerator, denominator);
}

export function sum(values: readonly Exact[]): Exact {
  return values.reduce<Exact>((acc, v) => acc.add(v), ZERO);
}

/** Two decimals for display ("550.00"), rounding half away from zero. */
export function format2(value: Exact): string {
  const hundredths = value.mul(100).round(0); // round() is half away from zero
  const n = hundredths.n * hundredths.s;
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${neg ? "-" : ""}${whole}.${frac}`;
}

/** A plain number for display and spreadsheets (never used to decide a threshold). */
export function toNumber(value: Exact): number {
  return value.valueOf();
}

export function compareExact(a: Exact, b: Exact): number {
  return a.compare(b);
}

/** |x| below this keeps x × 10⁹ under 2⁴³, where one float multiplication errs by less than 5 × 10⁻⁴. */
const KEY_LIMIT = 8192;

/**
 * exact(x) × 10⁹ as a safe integer, or null when |x| ≥ 8192 (scores never are). Comparing two keys compares the
 * exact() values, without building fractions: the fast path for ranking a column of spreadsheet scores.
 */
export function scaledKey(x: number): number | null {
  if (!Number.isFinite(x) || Math.abs(x) >= KEY_LIMIT) return null;
  const k = x * 1e9;
  const r = Math.round(k);
  // Far from a half, the float product rounds like the true one; near a half, ask toFixed (what exact() uses).
  if (Math.abs(Math.abs(k - r) - 0.5) > 1e-3) return r === 0 ? 0 : r;
  return Number(x.toFixed(FLOAT_PLACES).replace(".", "")) || 0;
}

/** value rounded half away from zero to `places` decimals, as text. */
export function formatPlaces(value: Exact, places: number): string {
  const scale = 10n ** BigInt(places);
  const units = value.mul(Number(scale)).round(0);
  const n = units.n * units.s;
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const whole = abs / scale;
  if (places === 0) return `${neg ? "-" : ""}${whole}`;
  const frac = (abs % scale).toString().padStart(places, "0");
  return `${neg ? "-" : ""}${whole}.${frac}`;
}

/** The most decimals a score is ever shown with (beyond it, the digits are cut rather than rounded). */
export const MAX_PLACES = 9;

/**
 * The decimals a score needs so that its display never contradicts a verdict: two, or as many more as it takes for
 * the rounded figure to fall on the same side of every threshold as the exact score (549.995 below 550 shows as
 * "549.995", not "550.00"). Thresholds are inclusive: reaching one exactly counts.
 */
export function placesFor(value: Exact, thresholds: readonly (Exact | number | null | undefined)[]): number {
  const ts = thresholds.filter((t): t is Exact | number => t !== null && t !== undefined).map((t) => exact(t));
  for (let p = 2; p <= MAX_PLACES; p++) {
    const shown = exact(formatPlaces(value, p));
    if (ts.every((t) => shown.gte(t) === value.gte(t))) return p;
  }
  return MAX_PLACES;
}

/**
 * The one display rule for scores (summary, pane, CLI): two decimals, more near a threshold (placesFor). Where
 * even nine decimals would round up onto a threshold, the digits are cut instead, so a score below a threshold is
 * never shown at or above it.
 */
export function formatScore(value: Exact, thresholds: readonly (Exact | number | null | undefined)[] = []): string {
  const p = placesFor(value, thresholds);
  const rounded = formatPlaces(value, p);
  const crosses = thresholds.some(
    (t) => t !== null && t !== undefined && exact(rounded).gte(exact(t)) !== value.gte(exact(t)),
  );
  if (!crosses) return rounded;
  const scale = 10n ** BigInt(p);
  const cut = value.mul(Number(scale)).floor(0);
  return formatPlaces(cut.div(Number(scale)), p);
}

/**
 * Decimal places of the numbers the summary workbook computes and caches (its formulas round to them: ROUND(…, 12)).
 * Enough for any figure the engine holds exactly (a roster's 12.9999999999 stays below 13), few enough that the
 * binary noise of a spreadsheet's arithmetic on scores up to a few thousand (a few units of 10⁻¹³) is removed.
 */
export const SHEET_PLACES = 12;

/** A number a summary's formula computed, read as the exact decimal it stands for (to SHEET_PLACES). */
export function sheetExact(x: number): Exact {
  return new FractionLib(x.toFixed(SHEET_PLACES));
}

/** |x| below this keeps x × 10¹² under 2⁵⁰, where one float multiplication errs by less than 0.13. */
const SHEET_KEY_LIMIT = 1024;

/**
 * sheetExact(x) × 10¹² as a safe integer, or null when |x| ≥ 1024: comparing two keys compares the summary's numbers
 * as sheetExact reads them, without building fractions (the fast path for ranking a column of them).
 */
export function sheetKey(x: number): number | null {
  if (!Number.isFinite(x) || Math.abs(x) >= SHEET_KEY_LIMIT) return null;
  const k = x * 1e12;
  const r = Math.round(k);
  // Far from a half, the float product rounds like the true one; near a half, ask toFixed (what sheetExact uses).
  if (Math.abs(Math.abs(k - r) - 0.5) > 0.2) return r === 0 ? 0 : r;
  return Number(x.toFixed(SHEET_PLACES).replace(".", "")) || 0;
}

/**
 * A figure read back from a spreadsheet (a report, a chart) under the same display rule: `x` and the thresholds
 * as the summary's numbers (read to SHEET_PLACES decimals); "—" when there is no figure.
 */
export function formatFigure(x: number | null, thresholds: readonly (number | null | undefined)[] = []): string {
  if (x === null || !Number.isFinite(x)) return "—";
  return formatScore(
    sheetExact(x),
    thresholds.map((t) => (t === null || t === undefined || !Number.isFinite(t) ? null : sheetExact(t))),
  );
}

/** Spreadsheet number format with the decimals placesFor chose ("0.00", "0.000" …). */
export function numberFormatFor(places: number): string {
  return `0.${"0".repeat(places)}`;
}
