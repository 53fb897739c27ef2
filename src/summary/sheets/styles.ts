// The cell styles of the summary workbook and its committee pack (one table; every sheet of src/summary/sheets uses it).
import { STYLES } from "../../workbook/layout";
import { numberFormatFor } from "../../core";
import type { CellStyle } from "../../workbook/types";

const FONT = "宋体";
export const C = {
  na: "EDEDED",
  good: "C6EFCE",
  goodText: "006100",
  bad: "FFC7CE",
  badText: "9C0006",
  warn: "FFEB9C",
  warnText: "9C5700",
};
const thin = { top: "thin", bottom: "thin", left: "thin", right: "thin", color: "808080" } as const;

const EXTRA_STYLES: Record<string, CellStyle> = {
  headerUser: { ...STYLES.header, numFmt: "@" },
  blockTitle: { font: { bold: true, size: 11 }, horizontal: "left", vertical: "bottom", numFmt: "@" },
  userText: {
    font: { size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "left",
    vertical: "top",
    wrap: true,
    numFmt: "@",
  },
  count: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0" },
  score: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.00" },
  final: {
    font: { size: 10, bold: true },
    fill: "DCE6F1",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0.00",
  },
  rank: {
    font: { size: 11, bold: true },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0",
  },
  statusText: { font: { size: 10, bold: true }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top" },
  percent: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0%" },
  percent1: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.0%" },
  points: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.0" },
  spread: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.0" },
  flag: {
    font: { size: 10, bold: true, color: C.badText },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
  },
  na: { font: { size: 10 }, fill: C.na, border: thin, horizontal: "center", vertical: "top" },
  inputScore: { font: { size: 10, bold: true }, border: thin, horizontal: "center", vertical: "top", numFmt: "0.00" },
  inputNumber: {
    font: { size: 10, bold: true },
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "General",
  },
  inputPercent: {
    font: { size: 10, bold: true },
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0%",
  },
  inputChoice: { font: { size: 10, bold: true }, border: thin, horizontal: "center", vertical: "top", numFmt: "@" },
  paramLabel: {
    font: { size: 10, bold: true },
    fill: "F2F2F2",
    border: thin,
    horizontal: "left",
    vertical: "middle",
    wrap: true,
  },
  paramValue: {
    font: { size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "@",
  },
  paramPercent: {
    font: { size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0%",
  },
  paramNote: { font: { size: 9, color: "7F7F7F" }, border: thin, horizontal: "left", vertical: "middle", wrap: true },
  longText: { font: { size: 10 }, border: thin, horizontal: "left", vertical: "top", wrap: true, numFmt: "@" },
  paramText: { font: { size: 10 }, border: thin, horizontal: "center", vertical: "middle", wrap: true, numFmt: "@" },
  // A score printed as text by the one display rule (src/summary/formulas.ts shownFormula).
  scoreText: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top" },
  finalText: { font: { size: 10, bold: true }, fill: "DCE6F1", border: thin, horizontal: "center", vertical: "top" },
};
// More decimals where two would round a score across a threshold (placesFor): score3 … score9, final3 … final9.
for (let p = 3; p <= 9; p++) {
  EXTRA_STYLES[`score${p}`] = { ...EXTRA_STYLES.score, numFmt: numberFormatFor(p) };
  EXTRA_STYLES[`final${p}`] = { ...EXTRA_STYLES.final, numFmt: numberFormatFor(p) };
}
for (const s of Object.values(EXTRA_STYLES)) s.font = { ...s.font, name: FONT };

export const SUMMARY_STYLES: Record<string, CellStyle> = { ...STYLES, ...EXTRA_STYLES };

export const COMMITTEE_STYLES: Record<string, CellStyle> = {
  bigTitle: { font: { name: "宋体", bold: true, size: 16 }, horizontal: "center", vertical: "middle" },
  subTitle: { font: { name: "宋体", size: 11 }, horizontal: "center", vertical: "middle", numFmt: "@" },
  decimal: {
    font: { name: "宋体", size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0.00",
  },
  inputCount: {
    font: { name: "宋体", size: 11, bold: true },
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0",
  },
  result: {
    font: { name: "宋体", size: 11, bold: true },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "middle",
  },
  dataKey: { font: { name: "宋体", size: 9 }, numFmt: "@" },
};
