// The named cell styles of the scoring workbook (and the base of the summary's). A sheet builder for the scoring
// workbook only accepts these names, so a misspelt style is a type error rather than an unstyled cell.
import type { CellStyle } from "./types";

export const FONT = "宋体";

/** Colours ("RRGGBB"). */
export const C = {
  border: "808080",
  header: "DCE6F1",
  summary: "F2F2F2",
  total: "DCE6F1",
  missing: "FFF2CC",
  invalid: "FFC7CE",
  invalidText: "9C0006",
  grey: "7F7F7F",
  locked: "F5F5F5",
};

const thin = { top: "thin", bottom: "thin", left: "thin", right: "thin", color: C.border } as const;

const styles = {
  title: { font: { bold: true, size: 14 }, horizontal: "left", vertical: "middle" },
  coverTitle: { font: { bold: true, size: 20 }, horizontal: "center", vertical: "middle" },
  coverSubtitle: { font: { bold: true, size: 16 }, horizontal: "center", vertical: "middle" },
  userLine: { font: { size: 11 }, horizontal: "left", vertical: "middle", numFmt: "@" },
  note: { font: { size: 9, color: C.grey }, horizontal: "left", vertical: "top", wrap: true },
  header: {
    font: { bold: true, size: 10 },
    fill: C.header,
    border: thin,
    horizontal: "center",
    vertical: "middle",
    wrap: true,
  },
  code: { font: { size: 10 }, fill: C.locked, border: thin, horizontal: "center", vertical: "top", numFmt: "@" },
  text: { font: { size: 10 }, fill: C.locked, border: thin, horizontal: "left", vertical: "top", wrap: true },
  smallText: { font: { size: 9 }, fill: C.locked, border: thin, horizontal: "left", vertical: "top", wrap: true },
  idText: {
    font: { size: 8, color: C.grey },
    fill: C.locked,
    border: thin,
    horizontal: "left",
    vertical: "top",
    wrap: true,
    numFmt: "@",
  },
  number: { font: { size: 10 }, fill: C.locked, border: thin, horizontal: "center", vertical: "top" },
  inputPercent: { font: { size: 11, bold: true }, border: thin, horizontal: "center", vertical: "top", numFmt: "0%" },
  inputPoints: { font: { size: 11, bold: true }, border: thin, horizontal: "center", vertical: "top", numFmt: "0.0" },
  inputBand: { font: { size: 10 }, border: thin, horizontal: "center", vertical: "top", numFmt: "General" },
  inputText: { font: { size: 9 }, border: thin, horizontal: "left", vertical: "top", wrap: true, numFmt: "@" },
  inputChoice: { font: { size: 11, bold: true }, border: thin, horizontal: "center", vertical: "middle", numFmt: "@" },
  inputDate: { font: { size: 11 }, border: thin, horizontal: "left", vertical: "middle", numFmt: "yyyy-mm-dd" },
  score: { font: { size: 10 }, fill: C.locked, border: thin, horizontal: "center", vertical: "top", numFmt: "0.00" },
  check: {
    font: { size: 9, color: C.invalidText },
    fill: C.locked,
    border: thin,
    horizontal: "left",
    vertical: "top",
    wrap: true,
  },
  helper: { font: { size: 8, color: C.grey } },
  sumLabel: { font: { bold: true, size: 10 }, fill: C.summary, border: thin, horizontal: "left", vertical: "middle" },
  sumText: { font: { size: 10 }, fill: C.summary, border: thin, horizontal: "left", vertical: "middle" },
  sumNumber: {
    font: { bold: true, size: 10 },
    fill: C.summary,
    border: thin,
    horizontal: "center",
    vertical: "middle",
  },
  sumScore: {
    font: { bold: true, size: 10 },
    fill: C.summary,
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0.00",
  },
  sumCount: {
    font: { bold: true, size: 10 },
    fill: C.summary,
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0",
  },
  totalLabel: { font: { bold: true, size: 12 }, fill: C.total, border: thin, horizontal: "left", vertical: "middle" },
  totalNumber: {
    font: { bold: true, size: 10 },
    fill: C.total,
    border: thin,
    horizontal: "center",
    vertical: "middle",
  },
  totalScore: {
    font: { bold: true, size: 12 },
    fill: C.total,
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0.00",
  },
  status: { font: { bold: true, size: 10 }, border: thin, horizontal: "left", vertical: "middle", wrap: true },
  signLabel: { font: { size: 11 }, horizontal: "right", vertical: "bottom" },
  signLine: { font: { size: 11 }, border: { bottom: "thin", color: "000000" }, vertical: "bottom" },
  label: { font: { bold: true, size: 11 }, border: thin, fill: C.summary, horizontal: "left", vertical: "middle" },
  value: { font: { size: 11 }, border: thin, horizontal: "left", vertical: "middle", wrap: true },
  valueUser: { font: { size: 11 }, border: thin, horizontal: "left", vertical: "middle", wrap: true, numFmt: "@" },
  valueScore: { font: { bold: true, size: 12 }, border: thin, horizontal: "left", vertical: "middle", numFmt: "0.00" },
  section: { font: { bold: true, size: 12 }, horizontal: "left", vertical: "bottom" },
  paragraph: { font: { size: 10 }, horizontal: "left", vertical: "top", wrap: true },
  metaKey: { font: { size: 10 }, numFmt: "@" },
  metaValue: { font: { size: 10 }, numFmt: "@" },
} satisfies Record<string, CellStyle>;

/** The name of a scoring-workbook style. */
export type StyleName = keyof typeof styles;

export const STYLES: Record<StyleName, CellStyle> = styles;
for (const s of Object.values(STYLES)) s.font = { ...s.font, name: FONT };
