// The scoring workbook (评分表): its layout as data, the rubric fingerprint, and reading a returned workbook back.
// Pure TypeScript (no ExcelJS, Office.js or file system): renderers and readers live in src/xlsx and the task pane.
export * from "./types";
export * from "./a1";
export * from "./fingerprint";
export * from "./labels";
export * from "./layout";
export * from "./source";
export * from "./interpret";
export { wrappedLines, rowHeight, textUnits } from "./text";
export * from "./consensus";
export * from "./consensus-read";
export * from "./file-names";
