// The summary's native formulas for what a person reads, written once (beside src/workbook/formulas.ts for the
// scoring workbook). Each mirrors a rule of src/core and is checked against it after LibreOffice and Gnumeric
// recalculate (test/summary/display-engines.test.ts).
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
  return `IF(ISNUMBER(${x}),TEXT(ROUND(${x},${placesFormula(x, thresholds)}),"0.00${"#".repeat(MAX_PLACES - 2)}"),"")`;
}

/** A cell's number, 0 when it is blank or text: N() without Gnumeric's #NUM! on an empty cell. */
export function numberOr0(x: string): string {
  return `IF(ISNUMBER(${x}),${x},0)`;
}

/**
 * A threshold cell as QA.STATUS's argument: the number when one above 0 is set, else "无" (no line) — in the
 * summary a blank or 0 threshold means none, while QA.STATUS reads a blank or 0 as the rule set's line.
 */
export function lineOrNone(x: string): string {
  return `IF(ISNUMBER(${x}),IF(${x}>0,${x},"无"),"无")`;
}
