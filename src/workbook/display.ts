// The one display rule (formatScore in src/core/exact.ts) as a native formula: a figure printed as text that follows
// the live value, with the decimals the rule chooses near the lines it is compared with. Used by the summary and
// its committee pack (src/summary/formulas.ts re-exports it) and by the consensus workbook's total; checked after
// LibreOffice and Gnumeric recalculate (test/summary/display-engines.test.ts).
import { MAX_PLACES } from "../core";

/**
 * TRUE when rounding `x` to `places` decimals puts it on the other side of threshold `t` than `x` itself (a blank
 * `t` is no threshold). Thresholds are inclusive, as in the engine: reaching one counts.
 */
function crosses(x: string, t: string, places: number): string {
  const r = `ROUND(${x},${places})`;
  return `AND(ISNUMBER(${t}),OR(AND(${x}<${t},${r}>=${t}),AND(${x}>=${t},${r}<${t})))`;
}

/** The decimals the display rule (placesFor in src/core/exact.ts) chooses for `x`, as a formula. */
export function placesFormula(x: string, thresholds: readonly string[]): string {
  if (!thresholds.length) return "2";
  let f = String(MAX_PLACES);
  for (let p = MAX_PLACES - 1; p >= 2; p--) {
    const c = thresholds.map((t) => crosses(x, t, p));
    f = `IF(${c.length > 1 ? `OR(${c.join(",")})` : c[0]},${f},${p})`;
  }
  return f;
}

/**
 * A score as the one display rule shows it (formatScore in src/core/exact.ts), as text that follows the live value:
 * two decimals, more where two would round it across one of `thresholds` (cells; blank = none). After a what-if
 * that moves the score to 549.997, the text reads 549.997, never 550.00. "" when `x` is not a number.
 * ROUND before TEXT: every spreadsheet then prints the same digits (TEXT alone rounds the binary value, which
 * differs between engines at a half). The format "0.00#######" prints the rounded value's own decimals: at the
 * places the rule chose beyond two, the last digit is never 0 for a threshold with at most two decimals (a 0 there
 * would have crossed it), so the text has exactly those places.
 */
export function shownFormula(x: string, thresholds: readonly string[] = []): string {
  if (!thresholds.length) return `IF(ISNUMBER(${x}),TEXT(ROUND(${x},2),"0.00"),"")`;
  return `IF(ISNUMBER(${x}),TEXT(${roundedFormula(x, thresholds)},"0.00${"#".repeat(MAX_PLACES - 2)}"),"")`;
}

/**
 * `x` rounded to the places the display rule chooses (placesFormula); where even MAX_PLACES would round it across a
 * threshold (84.9999999999 below 85), cut there instead, as formatScore does: never shown at or above the line.
 */
function roundedFormula(x: string, thresholds: readonly string[]): string {
  const crossesAt = (p: number) => {
    const c = thresholds.map((t) => crosses(x, t, p));
    return c.length > 1 ? `OR(${c.join(",")})` : c[0];
  };
  let f = `IF(${crossesAt(MAX_PLACES)},ROUNDDOWN(${x},${MAX_PLACES}),ROUND(${x},${MAX_PLACES}))`;
  for (let p = MAX_PLACES - 1; p >= 2; p--) f = `IF(${crossesAt(p)},${f},ROUND(${x},${p}))`;
  return f;
}
