// `scorebook round …`: the review round (评审批次) — the round workbook's template, the draw of the panels with 回避,
// every workbook of the round at once, and the return status. And `aggregate --round`, which checks the panels
// against the draw. The rules are in src/core/round, the files in src/round; this file only talks.
//
// Exit codes: 0 done (status: every expected workbook is back and counted); 1 problems in the round workbook, no
// valid draw, or (status) workbooks still missing or not counted; 2 usage error (bad option, no such file, a file that
// would be overwritten).
import { randomInt } from "crypto";
import * as path from "path";
import type { Command } from "commander";
import {
  draw,
  inputFingerprint,
  acceptedLists,
  library,
  statusJson,
  STAGE_ZH,
  type Assignment,
  type RoundProblem,
  type RoundStatus,
} from "../core";
import { generateRound, readRoundFile, RoundFileError, statusOfFiles, writeDraw, writeTemplate } from "../round/files";
import { needPanels, type LoadedRound } from "../round/read";
import { roundCheck } from "../round/aggregate";
import type { RoundCheck } from "../aggregate/run";
import type { Io } from "./main";
import { progressOf } from "./progress";
import { OutputRefused } from "./output";
import { PRINT_HELP, printStyle } from "./workbook";

export const DEFAULT_ROUND_FILE = "评审安排.xlsx";

function problemsOut(problems: readonly RoundProblem[], err: (s: string) => void): void {
  for (const p of problems) err(`  - ${p.zh}`);
}

/**
 * Hand edits of 分组 accepted with a reason: always listed (the audit), never silent; and what could not be checked
 * (a 分组 without a draw record).
 */
function adjustmentsOut(r: LoadedRound, out: (s: string) => void): void {
  problemsOut(r.notes, out);
  if (!r.adjustments.length) return;
  out(`“分组”中经说明原因接受的人工调整（${r.adjustments.length}）：`);
  problemsOut(r.adjustments, out);
}

async function load(file: string, err: (s: string) => void): Promise<LoadedRound | number> {
  try {
    return await readRoundFile(file);
  } catch (e) {
    if (e instanceof RoundFileError) {
      err(`${e.zh} (${e.en})`);
      return 2;
    }
    throw e;
  }
}

export function registerRound(program: Command, io: Io, setCode: (c: number) => void): void {
  const round = program
    .command("round")
    .description("评审批次：专家库、抽取专家组（含回避）、批量生成评分表、回收情况 (the review round)");

  round
    .command("template")
    .description("生成空白的评审安排工作簿 (write an empty round workbook)")
    .option("-o, --output <file>", `输出文件，默认 ${DEFAULT_ROUND_FILE} (output file)`)
    .option("--force", "覆盖已存在的文件 (overwrite)")
    .action(async (opts: { output?: string; force?: boolean }) => {
      const file = opts.output ?? DEFAULT_ROUND_FILE;
      if (path.extname(file).toLowerCase() !== ".xlsx") {
        io.err(`输出文件“${file}”应以 .xlsx 结尾 (the output must be an .xlsx file)`);
        return setCode(2);
      }
      try {
        await writeTemplate(file, !!opts.force);
      } catch (e) {
        if (!(e instanceof RoundFileError) && !(e instanceof OutputRefused)) throw e;
        io.err(`${e.zh} (${e.en})`);
        return setCode(2);
      }
      io.out(`已生成评审安排：${file}（填写“申报者”“专家库”“回避”“参数”后运行 scorebook round draw ${file}）`);
      setCode(0);
    });

  round
    .command("draw")
    .description("抽取各阶段的专家组并写入“分组”和“抽取记录” (draw the panels)")
    .argument("<round.xlsx>", "评审安排工作簿 (the round workbook)")
    .option("--seed <seed>", "随机种子，优先于“参数”中的随机种子 (seed; overrides the 参数 sheet)")
    .option("-o, --output <file>", "写入另一个文件，默认写回评审安排本身 (write to another file)")
    .option("--force", "替换已有的分组（重新抽取），或覆盖 -o 指定的已存在文件 (draw again / overwrite)")
    .option("--json", "以 JSON 输出分组 (print JSON)")
    .addHelpText(
      "after",
      "\n相同的种子和相同的表格内容得到相同的分组，与行的顺序无关。无法满足全部条件时不写入任何内容，并说明是哪个专家组、为什么。\n" +
        "退出码 (exit codes)：0 已抽取；1 评审安排有错误或无法抽取 (problems / no valid draw)；2 参数错误或文件问题 (usage).",
    )
    .action(async (file: string, opts: { seed?: string; output?: string; force?: boolean; json?: boolean }) => {
      const r = await load(file, io.err);
      if (typeof r === "number") return setCode(r);
      const input = r.parsed.input;
      const params = input.params;
      // A hand edit of 分组 in a stage drawn now, or of the old draw record, is what a new draw replaces: no obstacle.
      const blocking = r.problems.filter(
        (p) => !(p.stage && params.stages.includes(p.stage)) && p.code !== "round-record-edited",
      );
      if (blocking.length) {
        io.err(
          `评审安排 ${file} 有 ${blocking.length} 个问题，未抽取 (problems in the round workbook; nothing drawn)：`,
        );
        problemsOut(blocking, io.err);
        return setCode(1);
      }
      const seed = opts.seed?.trim() || params.seed || String(randomInt(1, 1_000_000_000));
      const now = new Date();
      const kept = (r.assignments ?? []).filter((a) => !params.stages.includes(a.stage));
      // A round keeps its id once drawn: a later draw of one stage (its workbooks may be out already), a re-check.
      const roundId =
        params.roundId ||
        r.assignments?.find((a) => a.roundId)?.roundId ||
        `${now.toISOString().slice(0, 10).replace(/-/g, "")}-${seed}`;
      const redraw = (r.assignments ?? []).some((a) => params.stages.includes(a.stage));
      // In place, a new draw replaces the old one only when asked; into another file (a re-check) it may always run.
      if (redraw && !opts.force && !opts.output) {
        io.err(
          `评审安排中已有${params.stages.map((s) => STAGE_ZH[s]).join("、")}的分组：重新抽取会替换它们，请加 --force 确认 (already drawn; use --force)`,
        );
        return setCode(2);
      }
      const drawInput = { ...input, params: { ...params, seed, roundId }, kept: kept.map((a) => ({ ...a, roundId })) };
      const fingerprint = inputFingerprint(drawInput);
      const result = draw(drawInput, library());
      if (!result.ok) {
        io.err(`无法抽取，未写入任何内容 (no valid draw; nothing written)：`);
        problemsOut(result.problems, io.err);
        if (opts.json) io.out(JSON.stringify({ ok: false, problems: result.problems }, null, 2));
        return setCode(1);
      }
      const output = opts.output ?? file;
      // 受理名单: the awards of the round that name it (award data), as 申报者 lists the applicants.
      const accepted = acceptedLists(input.applicants, library());
      try {
        await writeDraw(
          file,
          output,
          result.assignments,
          result.audit,
          {
            roundId,
            seed,
            drawnAt: now.toISOString(),
            params: { ...params, seed, roundId },
            experts: input.experts.length,
            applicants: input.applicants.length,
            fingerprint,
          },
          { replace: true, force: !!opts.force, accepted },
        );
      } catch (e) {
        if (!(e instanceof RoundFileError) && !(e instanceof OutputRefused)) throw e;
        io.err(`${e.zh} (${e.en})`);
        return setCode(2);
      }
      if (opts.json)
        io.out(
          JSON.stringify(
            {
              ok: true,
              roundId,
              seed,
              panels: result.audit.map((a) => ({
                group: a.group,
                stage: a.stage,
                applicants: a.applicants,
                experts: a.drawn,
                leader: a.leader,
                eligible: a.eligible.length,
                excluded: a.excluded.map((x) => ({ expert: x.expert, code: x.code, reason: x.reason })),
              })),
            },
            null,
            2,
          ),
        );
      else {
        io.out(
          `批次 ${roundId}，随机种子 ${seed}，输入指纹 ${fingerprint}：抽取 ${result.audit.length} 个专家组，${result.assignments.length} 份评分表。`,
        );
        for (const a of result.audit)
          io.out(
            `  ${a.group} ${STAGE_ZH[a.stage]} ${a.applicants.join("、")}：${a.drawn.map((e) => (e === a.leader ? `${e}（组长）` : e)).join("、")}`,
          );
        io.out(`已写入${accepted.length ? "“分组”“抽取记录”和“受理名单”" : "“分组”和“抽取记录”"}：${output}`);
      }
      setCode(0);
    });

  round
    .command("generate")
    .description("按“分组”生成本批次的全部评分表：每位专家一个文件夹和一个 .zip (write every workbook of the round)")
    .argument("<round.xlsx>", "评审安排工作簿 (the round workbook)")
    .requiredOption("-o, --output <dir>", "输出文件夹 (output folder)")
    .option("--formulas <mode>", "公式：native（默认）| custom (formula mode)", "native")
    .option("--print <style>", PRINT_HELP, "full")
    .action(async (file: string, opts: { output: string; formulas?: string; print?: string }) => {
      const mode = (opts.formulas ?? "native").trim().toLowerCase();
      if (mode !== "native" && mode !== "custom") {
        io.err(`公式模式“${opts.formulas}”无效：应为 native 或 custom (--formulas native|custom)`);
        return setCode(2);
      }
      const print = printStyle(opts.print, io.err);
      if (print === null) return setCode(2);
      const r = await load(file, io.err);
      if (typeof r === "number") return setCode(r);
      const none = needPanels(r);
      const problems = none ? [none, ...r.panelProblems] : r.panelProblems;
      if (problems.length) {
        io.err(`评审安排 ${file} 有问题，未生成 (problems; nothing written)：`);
        problemsOut(problems, io.err);
        return setCode(1);
      }
      adjustmentsOut(r, io.err);
      try {
        const o = await generateRound(r.assignments!, r.roundId, opts.output, {
          mode,
          print,
          inputs: [file],
          onFile: progressOf(io.progress?.("生成评分表") ?? null),
        });
        io.out(
          `批次 ${r.roundId}：已为 ${o.experts} 位专家生成 ${o.workbooks} 份评分表，写入 ${opts.output}（每位专家一个文件夹和一个 .zip）。`,
        );
      } catch (e) {
        if (!(e instanceof RoundFileError) && !(e instanceof OutputRefused)) throw e;
        io.err(`${e.zh} (${e.en})`);
        return setCode(2);
      }
      setCode(0);
    });

  round
    .command("status")
    .description("回收情况：应交、已交、已计入；未交清单（按专家）、不在专家组中的和有问题的评分表 (return status)")
    .argument("<round.xlsx>", "评审安排工作簿 (the round workbook)")
    .argument("<paths...>", "交回的评分表文件或文件夹 (returned workbooks or folders)")
    .option("--json", "以 JSON 输出 (print JSON)")
    .addHelpText(
      "after",
      "\n退出码 (exit codes)：0 应交的评分表全部交回并计入 (all back and counted)；1 仍有未交、未计入的评分表或评审安排有错误；2 参数错误或路径不存在 (usage).",
    )
    .action(async (file: string, paths: string[], opts: { json?: boolean }) => {
      const r = await load(file, io.err);
      if (typeof r === "number") return setCode(r);
      const none = needPanels(r);
      if (none) {
        io.err(none.zh);
        return setCode(1);
      }
      const { status, missingPaths } = await statusOfFiles(r, paths, {
        exclude: [file],
        onFile: progressOf(io.progress?.("读取交回的评分表") ?? null),
      });
      if (missingPaths.length) {
        io.err(`找不到：${missingPaths.join("、")} (no such file or folder)`);
        return setCode(2);
      }
      if (opts.json) io.out(JSON.stringify(statusJson(status), null, 2));
      else printStatus(status, r.roundId, io.out);
      adjustmentsOut(r, io.err);
      if (r.panelProblems.length) {
        io.err(`评审安排“分组”有问题 (problems in 分组)：`);
        problemsOut(r.panelProblems, io.err);
      }
      setCode(status.counted === status.expected && r.panelProblems.length === 0 ? 0 : 1);
    });
}

function printStatus(s: RoundStatus, roundId: string, out: (s: string) => void): void {
  out(`批次 ${roundId}：应交 ${s.expected} 份，已交 ${s.returned} 份，已计入 ${s.counted} 份。`);
  if (s.missing.length) {
    out(`未交（催收清单，${s.missing.length} 份）：`);
    const byExpert = new Map<string, typeof s.missing>();
    for (const m of s.missing) byExpert.set(m.expert, [...(byExpert.get(m.expert) ?? []), m]);
    for (const [expert, ms] of byExpert)
      out(`  ${expert}（${ms.length} 份）：${ms.map((m) => `${m.applicant}·${STAGE_ZH[m.stage]}`).join("、")}`);
  }
  if (s.unexpected.length) {
    out(`不在本批次专家组中的评分表（${s.unexpected.length}，不计入）：`);
    for (const u of s.unexpected) out(`  - ${u.file}：${u.reason}`);
  }
  if (s.invalid.length) {
    out(`有问题的评分表（${s.invalid.length}，未计入）：`);
    for (const i of s.invalid) out(`  - ${i.file}：${i.reason}`);
  }
  if (s.consensus.length) {
    out(`交回的合议表（${s.consensus.length}，不计入回收份数，汇总时一并交给 aggregate）：`);
    for (const c of s.consensus) out(`  - ${c.file}：${c.applicant}·${STAGE_ZH[c.stage]}`);
  }
  if (s.counted === s.expected) out("应交的评分表已全部交回并计入。");
}

/** The round check for `aggregate --round`; a number (the exit code) when the round workbook cannot be used. */
export async function roundForAggregate(file: string, err: (s: string) => void): Promise<RoundCheck | number> {
  const r = await load(file, err);
  if (typeof r === "number") return r;
  const none = needPanels(r);
  if (none) {
    err(`${none.zh} (${none.en})`);
    return 2;
  }
  // 分组 edited by hand against 回避 or a rule: the panels cannot be checked against it (nothing written).
  if (r.panelProblems.length) {
    err(`评审安排 ${file} 的“分组”有问题，未汇总 (problems in 分组; nothing written)：`);
    problemsOut(r.panelProblems, err);
    return 2;
  }
  adjustmentsOut(r, err);
  return roundCheck(r.assignments as Assignment[], r.roundId, r.adjustments);
}
