// `scorebook aggregate`: the secretariat's job. Reads every returned workbook (files or folders), recomputes every
// score, aggregates the panels under the award's rules, prints the ranking (or JSON) and writes the summary workbook.
//
// Exit codes: 0 every file was read and used, no problem of any kind; 1 problems found (a file unreadable, skipped or
// left out, a roster row, an applicant without an on-site panel, a panel too small for the method …) — the summary is
// still written and lists every problem; 2 usage error (bad option, no such path, no workbook found, roster file
// unreadable, the summary file exists without --force or would overwrite an input).
import * as path from "path";
import {
  isPanelMethod,
  library,
  outMsg,
  parseWhole,
  PANEL_METHODS,
  type AggregateOptions,
  type PanelMethod,
} from "../core";
import { collectInputs } from "../aggregate/files";
import { aggregateFiles } from "../aggregate/run";
import { nodeCrc32, nodeDeflate } from "../aggregate/read";
import { readRosterFile, RosterFileError, type Roster } from "../aggregate/roster";
import { problemKind, rankingText, summaryJson } from "../summary";
import { writeXlsx } from "../xlsx";
import type { Progress } from "./progress";
export type { Progress } from "./progress";
import { existingKind, inputAt, OutputRefused, writeOutput, type ExistingKind } from "./output";

/** A returned scoring workbook or consensus workbook is never replaced by a summary, --force or not. */
function protectedRefusal(output: string, kind: ExistingKind): OutputRefused | null {
  if (kind === "consensus") return new OutputRefused(outMsg.protectedWork(output, "consensus"));
  if (kind === "scoring-blank" || kind === "scoring-filled")
    return new OutputRefused(outMsg.protectedWork(output, "scoring"));
  return null;
}
import { roundForAggregate } from "./round";

export interface AggregateCliOptions {
  roster?: string;
  method?: string;
  output?: string;
  json?: boolean;
  formulas?: string;
  force?: boolean;
  workers?: string;
  stage?: string;
  rankBy?: string;
  /** The round workbook (评审安排.xlsx): panels checked against its 分组 sheet. */
  round?: string;
}

/** The summary when -o is not given (the guide's name). */
export const DEFAULT_SUMMARY = "汇总表.xlsx";

export async function aggregateCommand(
  paths: string[],
  opts: AggregateCliOptions,
  out: (s: string) => void,
  err: (s: string) => void,
  progress: Progress | null = null,
  now: () => Date = () => new Date(),
): Promise<number> {
  // SCOREBOOK_TIMING=1: one line on stderr saying where the time went (npm run bench:aggregate prints it).
  const timings: Record<string, number> | undefined = process.env.SCOREBOOK_TIMING
    ? { "start-up": performance.now() }
    : undefined;
  let method: PanelMethod | undefined;
  if (opts.method !== undefined) {
    const m = opts.method.trim().toLowerCase();
    if (!isPanelMethod(m)) {
      err(
        `合成方法“${opts.method}”无效：应为 ${PANEL_METHODS.join("、")}（平均分、去掉一个最高分和一个最低分后的平均分、中位数） (--method mean|trimmed|median)`,
      );
      return 2;
    }
    method = m;
  }
  const runOptions = runOptionsOf(opts, err);
  if (!runOptions) return 2;
  const mode = (opts.formulas ?? "native").trim().toLowerCase();
  if (mode !== "native" && mode !== "custom") {
    err(
      `公式模式“${opts.formulas}”无效：应为 native（普通 Excel 公式）或 custom（加载项的 QA. 函数） (--formulas native|custom)`,
    );
    return 2;
  }
  let workers: number | undefined;
  if (opts.workers !== undefined) {
    // Read as 参数 reads a number (parseWhole): "0x3", "1e1" are refused, full-width digits are digits.
    const n = parseWhole(opts.workers);
    workers = n ?? -1;
    if (n === null || n > 64) {
      err(`--workers 应为 0 至 64 的整数（0 表示只用主线程）`);
      return 2;
    }
  }
  if (paths.length === 0) {
    err("请给出评分表文件或文件夹 (give the returned workbooks: files or folders)");
    return 2;
  }
  const output = opts.output ?? DEFAULT_SUMMARY;
  if (path.extname(output).toLowerCase() !== ".xlsx") {
    err(`输出文件“${output}”应以 .xlsx 结尾 (the summary must be an .xlsx file)`);
    return 2;
  }
  // The round workbook (--round) is read as the round, not as a returned workbook; the summary may replace neither.
  const collected = await collectInputs(paths, opts.round ? [opts.round] : []);
  const clash = await inputAt(output, [
    ...collected.files,
    ...collected.skipped.map((p) => p.file),
    ...(opts.round ? [opts.round] : []),
  ]);
  if (clash) {
    err(new OutputRefused(outMsg.isInput(output, clash)).text);
    return 2;
  }

  // Refused before any work (and checked again, atomically, when the summary is written).
  const present = await existingKind(output);
  const refused = protectedRefusal(output, present);
  if (refused) {
    err(refused.text);
    return 2;
  }
  if (present !== "none" && !opts.force) {
    err(new OutputRefused(outMsg.exist([output], true)).text);
    return 2;
  }
  let roster: Roster | undefined;
  if (opts.roster) {
    try {
      roster = await readRosterFile(opts.roster);
    } catch (e) {
      if (e instanceof RosterFileError) {
        err(e.zh);
        return 2;
      }
      throw e;
    }
  }

  const round = opts.round ? await roundForAggregate(opts.round, err) : undefined;
  if (typeof round === "number") return round;

  if (timings) timings.checks = performance.now() - timings["start-up"];
  const t0 = Date.now();
  let started = false;
  const run = await aggregateFiles({
    inputs: paths,
    roster,
    options: { method, ...runOptions },
    mode: mode,
    collected,
    workers,
    round,
    timings,
    createdAt: now().toISOString(),
    onProgress: progress
      ? (done, total, file) => {
          if (!started) {
            progress.start(total);
            started = true;
          }
          progress.update(done, file);
        }
      : undefined,
  });
  if (started) progress?.stop();
  if (run.missing.length) {
    err(`找不到：${run.missing.join("、")} (no such file or folder)`);
    return 2;
  }
  const { result } = run;
  if (run.files.length === 0 && result.problems.length === 0) {
    err(`没有找到 .xlsx 评分表：${paths.join("、")} (no workbook found)`);
    return 2;
  }

  // Written next to its final name, then linked (or, with --force, renamed) into place: a half-written summary never
  // replaces a good one, and of two runs to the same new name only one succeeds.
  // Fast compression, native (zlib at level 1): a summary of 1,000 workbooks writes noticeably sooner, a little larger.
  let mark = performance.now();
  const data = await writeXlsx(run.layout, { deflateRaw: nodeDeflate, crc32: nodeCrc32 });
  if (timings) timings.xlsx = performance.now() - mark;
  mark = performance.now();
  try {
    await writeOutput(output, data, {
      force: opts.force,
      inputs: [...collected.files, ...(opts.round ? [opts.round] : [])],
      protect: async (file) => protectedRefusal(output, await existingKind(file)),
    });
  } catch (e) {
    if (!(e instanceof OutputRefused)) throw e;
    err(e.text);
    return 2;
  }

  if (timings) timings.file = performance.now() - mark;
  mark = performance.now();
  if (opts.json) out(JSON.stringify(summaryJson(result), null, 2));
  else {
    const lib = library();
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    const skipped = result.problems.filter((p) => p.code === "skipped").length;
    out(
      `汇总：找到 ${run.files.length} 个 .xlsx 文件${skipped ? `（另有 ${skipped} 个文件跳过）` : ""}，计入 ${result.used.length} 份评分表，${result.applicants.length} 个申报者，用时 ${secs} 秒。`,
    );
    out("");
    for (const line of rankingText(result, lib)) out(line);
    if (result.divergences.length) {
      out(`专家分歧（需合议，见汇总表“明细”）：${result.divergences.length} 项`);
      for (const d of result.divergences.slice(0, 20))
        out(
          `  - ${d.applicant} · ${d.stage === "material" ? "材料评审" : "现场评审"} · ${d.code}：${d.values.map((v) => `${v.expert} ${v.value}`).join("，")}（极差 ${points(d.spread)} 个百分点）`,
        );
      if (result.divergences.length > 20) out(`  …… 另有 ${result.divergences.length - 20} 项`);
      out("");
    }
    if (result.problems.length) {
      out(`问题（${result.problems.length}，见汇总表“问题”）：`);
      for (const p of result.problems) out(`  - [${problemKind(p.code)}] ${p.file ? `${p.file}：` : ""}${p.reason}`);
      out("");
    } else out("未发现问题：全部文件均已计入。");
    out(
      `已写入汇总表：${output}（${mode === "custom" ? "custom 公式，需 Scorebook 加载项" : "native 公式，任何电子表格软件均可重算"}）`,
    );
  }
  if (timings) {
    timings.print = performance.now() - mark;
    const cpu = process.cpuUsage();
    timings.total = performance.now();
    timings["cpu-user"] = cpu.user / 1000;
    timings["cpu-system"] = cpu.system / 1000;
    process.stderr.write(`SCOREBOOK_TIMING ${JSON.stringify(timings)}\n`);
  }
  return result.problems.length ? 1 : 0;
}

/** --stage and --rank-by, or null (the message given) when either is not valid. */
function runOptionsOf(
  opts: AggregateCliOptions,
  err: (s: string) => void,
): Pick<AggregateOptions, "stage" | "rankBy"> | null {
  const out: Pick<AggregateOptions, "stage" | "rankBy"> = {};
  if (opts.stage !== undefined) {
    const s = opts.stage.trim().toLowerCase();
    if (s !== "final" && s !== "material") {
      err(`评审阶段“${opts.stage}”无效：应为 final（全部评审）或 material（只汇总材料评审） (--stage final|material)`);
      return null;
    }
    out.stage = s;
  }
  if (opts.rankBy !== undefined) {
    const r = opts.rankBy.trim().toLowerCase();
    if (r !== "rule-set" && r !== "rubric") {
      err(
        `排名范围“${opts.rankBy}”无效：应为 rule-set（按规则合并）或 rubric（按评分标准分别排名） (--rank-by rule-set|rubric)`,
      );
      return null;
    }
    out.rankBy = r;
  }
  return out;
}

/** A spread in percentage points: whole numbers as they are, else one decimal. */
function points(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
