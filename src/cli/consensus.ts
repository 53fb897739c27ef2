// `scorebook consensus`: the group leader's consensus workbook (合议表) for one applicant and stage, built from the
// panel's returned scoring workbooks. Every workbook must be clean and complete (what `scorebook score` exits 0 for):
// a consensus over an incomplete or tampered workbook would carry its faults into the group's score.
//
// Exit codes: 0 written; 1 a workbook has problems, or they are not one applicant, stage and rubric (nothing is
// written); 2 usage error (no file given, no such file, output exists without --force, not .xlsx).
import { existsSync, promises as fs, statSync } from "fs";
import * as path from "path";
import { formatFigure, library, nameKey, outMsg, toNumber, type ReturnedSheet, type StageId } from "../core";
import { interpretFile } from "../aggregate/read";
import {
  buildConsensusLayout,
  consensusFileName as defaultConsensusName,
  LayoutError,
  STAGE_NAME,
  toReturnedSheet,
} from "../workbook";
import { readRoundFile, RoundFileError } from "../round/files";
import { writeXlsx } from "../xlsx";
import { existingKind, OutputRefused, writeOutput } from "./output";

export interface ConsensusCliOptions {
  output?: string;
  force?: boolean;
  divergence?: string;
  password?: string;
  /** The round workbook (评审安排.xlsx): the panel's 组长 from its draw. */
  round?: string;
  /** The 组长 by name (overrides the draw). */
  leader?: string;
}

/**
 * The group leader of this applicant's panel at this stage from the round's draw (分组), or a sentence saying why
 * there is none; a number is the exit code of an unreadable round workbook.
 */
async function leaderFromRound(
  file: string,
  applicant: string,
  stage: StageId,
  err: (s: string) => void,
): Promise<string | { note: string } | number> {
  // No round workbook in the folder (a round run without the draw): the line is left to fill in.
  if (!existsSync(file)) return { note: `没有评审安排 ${file}，合议表留出组长一栏待填写` };
  let round;
  try {
    round = await readRoundFile(file);
  } catch (e) {
    if (e instanceof RoundFileError) {
      err(`${e.zh} (${e.en})`);
      return 2;
    }
    throw e;
  }
  const lead = (round.assignments ?? []).find(
    (a) => a.leader && a.stage === stage && nameKey(a.applicant) === nameKey(applicant),
  );
  if (lead) return lead.expert;
  return {
    note: round.assignments?.length
      ? `评审安排 ${file} 的“分组”中没有 ${applicant}（${STAGE_NAME[stage]}）的组长，合议表留出组长一栏待填写`
      : `评审安排 ${file} 尚未抽取专家组，合议表留出组长一栏待填写`,
  };
}

/** 申报者_现场评审_合议表.xlsx, by the one file-name rule (src/core/file-name.ts). */
export function consensusFileName(applicant: string, stage: StageId): string {
  return defaultConsensusName(applicant, stage) ?? `${STAGE_NAME[stage]}_合议表.xlsx`;
}

export async function consensusCommand(
  files: string[],
  opts: ConsensusCliOptions,
  out: (s: string) => void,
  err: (s: string) => void,
  now: () => Date = () => new Date(),
): Promise<number> {
  if (files.length === 0) {
    err("请给出同一申报者同一阶段的专家评分表 (give the panel's workbooks)");
    return 2;
  }
  let divergence: number | undefined;
  if (opts.divergence !== undefined) {
    divergence = Number(opts.divergence);
    if (!Number.isFinite(divergence) || divergence < 0 || divergence > 100) {
      err("--divergence 应为 0 至 100 的百分点数 (percentage points)");
      return 2;
    }
  }
  for (const f of files)
    if (!(await fs.stat(f).catch(() => null))) {
      err(`找不到：${f} (no such file)`);
      return 2;
    }
  const lib = library();
  const sheets: ReturnedSheet[] = [];
  let bad = 0;
  for (const f of files) {
    const r = await interpretFile(f);
    if (!r.ok) {
      err(`${f}：${r.problem.reason}`);
      bad++;
      continue;
    }
    if (!r.report.ok) {
      err(`${f}：评分表有问题，不能用于合议 (the workbook has problems)：`);
      for (const p of r.report.problems.slice(0, 10)) err(`  - ${p.zh}`);
      if (!r.report.complete) err(`  - 尚有 ${r.report.itemCount - r.report.scored} 项未评分或输入无效`);
      bad++;
      continue;
    }
    sheets.push(toReturnedSheet(r.report));
  }
  if (bad) return 1;
  const keys = new Set(sheets.map((s) => `${nameKey(s.applicant)}\u0000${s.stage}\u0000${s.rubricId}`));
  if (keys.size > 1) {
    err(
      `这些评分表不属于同一申报者、同一阶段和同一评分标准：${sheets.map((s) => `${s.file}（${s.applicant}，${STAGE_NAME[s.stage]}，${s.rubricId}）`).join("；")}`,
    );
    return 1;
  }
  const seen = new Map<string, string>();
  for (const s of sheets) {
    const k = nameKey(s.expert);
    if (seen.has(k)) {
      err(`专家 ${s.expert} 有两份评分表：${seen.get(k)}、${s.file}（只保留一份后再合议）`);
      return 1;
    }
    seen.set(k, s.file);
  }
  const bundle = lib.get(sheets[0].rubricId)!;
  // The 组长: named with --leader, or the one the draw chose for this panel (--round).
  let leader = opts.leader?.trim() || undefined;
  if (!leader && opts.round) {
    const l = await leaderFromRound(opts.round, sheets[0].applicant, sheets[0].stage, err);
    if (typeof l === "number") return l;
    if (typeof l === "string") leader = l;
    else out(l.note);
  }
  if (leader && !sheets.some((s) => nameKey(s.expert) === nameKey(leader)))
    out(`注意：组长 ${leader} 不在这些评分表的专家中（专家组：${sheets.map((s) => s.expert).join("、")}）`);
  let layout;
  try {
    layout = buildConsensusLayout(bundle, sheets, {
      createdAt: now().toISOString(),
      divergence,
      password: opts.password,
      leader,
    });
  } catch (e) {
    if (e instanceof LayoutError) {
      err(e.zh);
      return 1;
    }
    throw e;
  }
  // -o names the file, or a folder (ending in / or existing) to put the default name in (the workbench: 合议/).
  const name = consensusFileName(layout.applicant, layout.stage);
  const toDir =
    opts.output !== undefined &&
    (/[\\/]$/.test(opts.output) || (existsSync(opts.output) && statSync(opts.output).isDirectory()));
  const output = toDir ? path.join(opts.output!, name) : (opts.output ?? path.join(path.dirname(files[0]), name));
  if (path.extname(output).toLowerCase() !== ".xlsx") {
    err(`输出文件“${output}”应以 .xlsx 结尾`);
    return 2;
  }
  // The one door out: never one of the panel's workbooks (by file identity, so a link of one is caught), never a
  // scoring workbook even with --force, a missing folder (the guide's 合议/) created, nothing half-written.
  try {
    await writeOutput(output, await writeXlsx(layout), {
      force: opts.force,
      inputs: [...files, ...(opts.round ? [opts.round] : [])],
      protect: async (file) => {
        const kind = await existingKind(file);
        return kind === "scoring-blank" || kind === "scoring-filled"
          ? new OutputRefused(outMsg.protectedWork(output, kind === "scoring-filled" ? "filled" : "scoring"))
          : null;
      },
    });
  } catch (e) {
    if (!(e instanceof OutputRefused)) throw e;
    err(e.text);
    return 2;
  }
  const divergent = layout.sheets[0].cells.filter(
    (c) => c.ref.startsWith(layout.map.columns.divergent) && c.result === "分歧",
  ).length;
  const mean = sheets.reduce((a, s) => a + toNumber(s.total), 0) / Math.max(1, sheets.length);
  out(
    `已生成合议表：${output}\n申报者：${layout.applicant}；${STAGE_NAME[layout.stage]}；专家组：${layout.experts.join("、")}；${leader ? `组长：${leader}；` : ""}` +
      `专家总分平均 ${formatFigure(mean)}；分歧项目 ${divergent} 项。组长填写“合议成熟度”和“合议理由”后交回质评办，与评分表一起汇总。`,
  );
  return 0;
}
