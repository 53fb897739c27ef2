// The review round (评审批次): parsing the round workbook's rows, the draw with 回避, and return tracking.
export * from "./types";
export * from "./params";
export * from "./parse";
export * from "./random";
export * from "./draw";
export * from "./status";
export * from "./fingerprint";
export * from "./recheck";
export * from "./record";
export * from "./accepted";
