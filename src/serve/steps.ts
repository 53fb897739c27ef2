// The workbench's steps as command lines of `scorebook` (the same commands, options and files the guide shows), run
// in the round folder. The page names a step and its few choices; the command line is put together here only, from
// fixed names and paths already checked to lie inside the folder, so a request can never name another command.
export const ROUND_FILE = "评审安排.xlsx";
export const SHEETS_DIR = "评分表";
export const RETURNS_DIR = "回收";
export const CONSENSUS_DIR = "合议";
export const MATERIAL_SUMMARY = "材料评审汇总.xlsx";
export const SUMMARY = "汇总.xlsx";
export const REPORTS_DIR = "评审报告";
/** Imported awards of this round (scorebook award import … --dir 奖项): every step finds them there. */
export const AWARDS_DIR = "奖项";

export type StepId = "template" | "draw" | "generate" | "status" | "consensus" | "material" | "aggregate" | "report";

export interface StepRequest {
  step: StepId;
  /** draw: the random seed (blank: the 参数 sheet's, or a new one, which the output shows). */
  seed?: string;
  /** draw: replace an existing draw; material / aggregate / report: replace the earlier output. */
  force?: boolean;
  /** aggregate: the panel method (blank: the award's rule). */
  method?: string;
  /** consensus: the panel's returned workbooks (absolute paths checked by the server). */
  files?: string[];
}

export interface StepCommand {
  argv: string[];
  /** The folder to run in, relative to the round folder ("" = the folder itself). */
  cwd: string;
  /** Folders of the round folder the command writes into, made first. */
  dirs?: string[];
}

const METHODS = new Set(["mean", "trimmed", "median"]);

/** The command line of a step, or a string saying what is wrong with the request. */
export function stepCommand(r: StepRequest): StepCommand | string {
  const force = r.force ? ["--force"] : [];
  switch (r.step) {
    case "template":
      return { argv: ["round", "template", "-o", ROUND_FILE], cwd: "" };
    case "draw": {
      const seed = (r.seed ?? "").trim();
      if (seed && !/^[0-9A-Za-z_-]{1,40}$/.test(seed)) return "seed";
      return { argv: ["round", "draw", ROUND_FILE, ...(seed ? ["--seed", seed] : []), ...force], cwd: "" };
    }
    case "generate":
      return { argv: ["round", "generate", ROUND_FILE, "-o", SHEETS_DIR], cwd: "" };
    case "status":
      return { argv: ["round", "status", ROUND_FILE, RETURNS_DIR, "--json"], cwd: "" };
    case "consensus":
      if (!r.files || r.files.length === 0) return "files";
      // Into 合议/, under the command's own file name (申报者_阶段_合议表.xlsx); the 组长 from the round's draw.
      return {
        argv: ["consensus", ...r.files, "--round", ROUND_FILE, "-o", `${CONSENSUS_DIR}/`],
        cwd: "",
        dirs: [CONSENSUS_DIR],
      };
    case "material":
      return {
        argv: ["aggregate", RETURNS_DIR, "--stage", "material", "-o", MATERIAL_SUMMARY, "--json", ...force],
        cwd: "",
      };
    case "aggregate": {
      const method = (r.method ?? "").trim();
      if (method && !METHODS.has(method)) return "method";
      return {
        argv: [
          "aggregate",
          RETURNS_DIR,
          "--round",
          ROUND_FILE,
          "-o",
          SUMMARY,
          "--json",
          ...(method ? ["--method", method] : []),
          ...force,
        ],
        cwd: "",
      };
    }
    case "report":
      return { argv: ["report", SUMMARY, "-o", REPORTS_DIR, "--zip", ...force], cwd: "" };
    default:
      return "step";
  }
}
