// The pure scoring engine: no Office.js, no DOM, no file system. Everything else calls it.
export * from "./exact";
export * from "./types";
export * from "./messages";
export * from "./scale";
export * from "./normalize";
export * from "./validate";
export * from "./score";
export * from "./evaluate";
export * from "./veto";
export * from "./panel";
export * from "./rules";
export * from "./rubric/check";
export * from "./rubric/registry";
export * from "./awards";
export * from "./aggregate";
export * from "./roster";
export * from "./names";
