// The formulas of the scoring workbook, in both modes. Native formulas use only functions every Excel since 2007
// and LibreOffice know (no `_xlfn.` prefix needed); custom formulas call the add-in's QA.* functions.
//
// Every item row has two hidden helper cells computed natively in both modes, so that conditional formatting and
// the counts work without the add-in:
//   canonical: the input as text the way the engine reads it: full-width digits and signs made ASCII and the
//          spaces removed, with the engine's own table (CELL_TEXT_MAP, CELL_TEXT_SPACES in src/core/normalize.ts);
//          a number in a maturity cell as percent text (the cell is formatted as a percentage: 0.45 → "45%",
//          1.05 → "105%"; the QA.* functions, which read a bare number above 1 as a percentage, get this too).
//   value: the input read as a number (percent 0–100 for maturity, points for points rubrics), "" when blank,
//          "#" when it is not a plain decimal number (the engine's NUMBER: optional sign, digits, at most one
//          point). The syntax is checked before VALUE() is called, because VALUE() also reads "5-", "1e1" or dates,
//          differently in each spreadsheet. A trailing "%" makes the number a percentage; without it a number from
//          0 to 1 is a fraction (as parseMaturity reads it). A logical value is not a number (LibreOffice's TRUE
//          is 1).
//   state: "ok" | "missing" | "invalid", the engine's status of the entry.
import { CELL_TEXT_MAP, CELL_TEXT_SPACES, CHECK_TEXT, type Scale } from "../core";
import type { FormulaMode } from "./types";

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

export interface RowCells {
  points: string;
  input: string;
  band?: string;
  value: string;
  state: string;
  canonical: string;
}

/** A space of CELL_TEXT_SPACES as a formula literal (control characters through CHAR, the same in every code page). */
function spaceLiteral(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 32 ? `CHAR(${code})` : q(ch);
}

/** The engine's cellText() as a formula over a text expression. */
export function cellTextFormula(text: string): string {
  let e = text;
  for (const [from, to] of CELL_TEXT_MAP) e = `SUBSTITUTE(${e},${q(from)},${q(to)})`;
  for (const sp of CELL_TEXT_SPACES) e = `SUBSTITUTE(${e},${spaceLiteral(sp)},"")`;
  return e;
}

/** The text without the spaces of CELL_TEXT_SPACES (what a veto answer is read as; see VETO_WORDS). */
export function spacesRemovedFormula(text: string): string {
  let e = text;
  for (const sp of CELL_TEXT_SPACES) e = `SUBSTITUTE(${e},${spaceLiteral(sp)},"")`;
  return e;
}

/** The text with every digit removed. */
function withoutDigits(text: string): string {
  let e = text;
  for (let d = 0; d <= 9; d++) e = `SUBSTITUTE(${e},"${d}","")`;
  return e;
}

/** TRUE when a (normalised) text is a plain decimal number: the engine's NUMBER pattern. */
export function isDecimalFormula(text: string): string {
  const unsigned = `IF(OR(LEFT(${text},1)="+",LEFT(${text},1)="-"),MID(${text},2,LEN(${text})),${text})`;
  const rest = withoutDigits(unsigned);
  return `AND(LEN(${unsigned})>LEN(${rest}),OR(${rest}="",${rest}="."))`;
}

export function canonicalFormula(c: RowCells, maturity: boolean): string {
  const text = cellTextFormula(`${c.input}&""`);
  return maturity
    ? `IF(ISNUMBER(${c.input}),ROUND(${c.input}*100,6)&"%",${text})`
    : `IF(ISNUMBER(${c.input}),${c.input},${text})`;
}

/** The input as a number, "" or "#" (maturity: percent), read from the canonical text. */
export function maturityValueFormula(c: RowCells): string {
  const k = c.canonical;
  const pct = `RIGHT(${k},1)="%"`;
  const body = `IF(${pct},LEFT(${k},LEN(${k})-1),${k})`;
  const n = `VALUE(${body})`;
  return (
    `IF(ISLOGICAL(${c.input}),"#",IF(ISNUMBER(${c.input}),ROUND(${c.input}*100,6),IF(${k}="","",` +
    `IF(${isDecimalFormula(body)},ROUND(IF(${pct},${n},IF(ABS(${n})<=1,${n}*100,${n})),6),"#"))))`
  );
}

export function pointsValueFormula(c: RowCells): string {
  const k = c.canonical;
  const body = `IF(RIGHT(${k},1)="分",LEFT(${k},LEN(${k})-1),${k})`;
  return (
    `IF(ISLOGICAL(${c.input}),"#",IF(ISNUMBER(${c.input}),ROUND(${c.input},6),IF(${k}="","",` +
    `IF(${isDecimalFormula(body)},ROUND(VALUE(${body}),6),"#"))))`
  );
}

/** Band minimums as an inline array ({0,10,30,50,70,90}): MATCH(percent, mins, 1) is the band number. */
export function bandMins(scale: Scale): string {
  return `{${scale.bands.map((b) => b.min).join(",")}}`;
}

export function maturityStateFormula(c: RowCells, scale: Scale): string {
  const v = c.value;
  // The band as parseBand reads it: cellText without 第 and 档, then digits only; blank means no band chosen.
  const band = c.band && `SUBSTITUTE(SUBSTITUTE(${cellTextFormula(`${c.band}&""`)},"第",""),"档","")`;
  const bandOk = band
    ? `,OR(${band}="",IFERROR(AND(${withoutDigits(band)}="",MATCH(${v},${bandMins(scale)},1)=VALUE(${band})),FALSE))`
    : "";
  return `IF(${v}="","missing",IF(${v}="#","invalid",IF(AND(${v}>=0,${v}<=100,MOD(${v},${scale.step})=0${bandOk}),"ok","invalid")))`;
}

export function pointsStateFormula(c: RowCells, step: number): string {
  const v = c.value;
  return `IF(${v}="","missing",IF(${v}="#","invalid",IF(AND(${v}>=0,${v}<=${c.points},MOD(ROUND(${v}/${step},6),1)=0),"ok","invalid")))`;
}

export function maturityScoreFormula(c: RowCells, mode: FormulaMode, scaleId: string): string {
  return mode === "custom"
    ? `IF(${c.state}="ok",QA.ITEMSCORE(${c.points},${c.canonical},${q(scaleId)}),"")`
    : `IF(${c.state}="ok",${c.points}*${c.value}/100,"")`;
}

export function pointsScoreFormula(c: RowCells): string {
  return `IF(${c.state}="ok",${c.value},"")`;
}

export function maturityCheckFormula(c: RowCells, mode: FormulaMode, scale: Scale): string {
  if (mode === "custom") {
    const s = q(scale.id);
    const check = c.band
      ? `IF(${c.band}="",QA.CHECK(${c.canonical},${s}),QA.CHECK(${c.canonical},${s},${c.band}))`
      : `QA.CHECK(${c.canonical},${s})`;
    return `IF(${c.input}="",${q(CHECK_TEXT.missing)},${check})`;
  }
  const v = c.value;
  return (
    `IF(${c.state}="ok","",IF(${c.state}="missing",${q(CHECK_TEXT.missing)},IF(${v}="#",${q(CHECK_TEXT.notNumber)},` +
    `IF(OR(${v}<0,${v}>100),${q(CHECK_TEXT.outOfRange)},IF(MOD(${v},${scale.step})<>0,${q(CHECK_TEXT.notOnStep(scale.step))},${q(CHECK_TEXT.notInBand)})))))`
  );
}

export function pointsCheckFormula(c: RowCells, step: number): string {
  const v = c.value;
  return (
    `IF(${c.state}="ok","",IF(${c.state}="missing",${q(CHECK_TEXT.missing)},IF(${v}="#",${q(CHECK_TEXT.pointsNotNumber)},` +
    `IF(OR(${v}<0,${v}>${c.points}),${q(CHECK_TEXT.pointsOutOfRange)},${q(CHECK_TEXT.pointsNotOnStep(step))}))))`
  );
}

export { q as quoteText };

/**
 * The spread of one item's values across a panel, in percentage points, as core's itemSpread measures it: maturity
 * cells (fractions) × 100; points as a share of the item's points (`points`: its cell; null for maturity). Blank
 * under two values. `values` is a range or a list of cells. Used by 明细 and the consensus workbook alike.
 */
export function spreadFormula(values: string, points: string | null): string {
  const diff = `MAX(${values})-MIN(${values})`;
  return points === null
    ? `IF(COUNT(${values})<2,"",ROUND((${diff})*100,9))`
    : `IF(COUNT(${values})<2,"",ROUND((${diff})/${points}*100,9))`;
}
