// The secretariat's summary (汇总表): aggregation of returned workbooks into a ranking workbook with live formulas.
// Pure TypeScript (no ExcelJS, Office.js or file system): the CLI writes the layout with src/xlsx/write.ts, the task
// pane renders it into the open workbook.
export * from "./types";
export * from "./layout";
export * from "./secretariat";
export * from "./json";
export * from "./groups";
export { problemKind, problemKindEn } from "./problems";
export * from "./open";
export * from "./compose";
