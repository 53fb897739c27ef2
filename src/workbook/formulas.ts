// The formulas of the scoring workbook, in both modes. Native formulas use only functions every Excel since 2007
// and LibreOffice know (no `_xlfn.` prefix needed); custom formulas call the add-in's QA.* functions.
//
// Every item row has two hidden helper cells computed natively in both modes, so that conditional formatting and
// the counts work without the add-in:
//   value: the input read as a number (percent 0–100 for maturity, points for points rubrics), "" when blank,
//          "#" when it is not a number. A number in a maturity cell is a fraction (the cell is formatted as a
//          percentage: 0.45 → 45, 1.05 → 105); text is read as the engine reads it ("45" and "0.45" → 45).
//   state: "ok" | "missing" | "invalid", the engine's status of the entry.
//   canonical: the input as the QA.* functions get it in custom mode. They read a bare number above 1 as a percentage
//          (=QA.ITEMSCORE(60, 45) is 27); in the workbook's percent-formatted cell a number is a fraction, so it is
//          passed as percent text (0.45 → "45%", 1.05 → "105%"); text is passed as typed, a blank as "".
import type { Scale } from "../core";
import { CHECK_TEXT } from "./labels";
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

export function canonicalFormula(c: RowCells, maturity: boolean): string {
  return maturity
    ? `IF(ISNUMBER(${c.input}),ROUND(${c.input}*100,6)&"%",IF(${c.input}="","",${c.input}&""))`
    : `IF(${c.input}="","",${c.input})`;
}

/** The input as a number, "" or "#" (maturity: percent). */
export function maturityValueFormula(c: RowCells): string {
  const t = `SUBSTITUTE(${c.input}," ","")`;
  const pct = (x: string) => `IF(ABS(${x})<=1,ROUND(${x}*100,6),ROUND(${x},6))`;
  return `IF(ISNUMBER(${c.input}),ROUND(${c.input}*100,6),IF(${t}="","",IFERROR(${pct(`VALUE(${t})`)},"#")))`;
}

export function pointsValueFormula(c: RowCells): string {
  const t = `SUBSTITUTE(${c.input}," ","")`;
  return `IF(ISNUMBER(${c.input}),ROUND(${c.input},6),IF(${t}="","",IFERROR(ROUND(VALUE(SUBSTITUTE(${t},"分","")),6),"#")))`;
}

/** Band minimums as an inline array ({0,10,30,50,70,90}): MATCH(percent, mins, 1) is the band number. */
export function bandMins(scale: Scale): string {
  return `{${scale.bands.map((b) => b.min).join(",")}}`;
}

export function maturityStateFormula(c: RowCells, scale: Scale): string {
  const v = c.value;
  const bandOk = c.band
    ? `,OR(${c.band}="",IFERROR(MATCH(${v},${bandMins(scale)},1)=VALUE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${c.band}," ",""),"第",""),"档","")),FALSE))`
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
