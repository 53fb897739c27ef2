// `scorebook generate` (a reviewer's scoring workbook from a rubric) and `scorebook score` (read a returned
// workbook, recompute every score with the engine and report problems).
//
// Exit codes of `score`: 0 the workbook is clean and complete (every item validly scored, every veto answered, the
// declaration given without a conflict, no sign of tampering); 1 problems found (incomplete or invalid entries,
// unanswered vetoes, a declared conflict, tampering, another or an edited rubric, not a scoring workbook, not a
// readable .xlsx); 2 usage error (bad options, unknown rubric id, no such file).
import * as path from "path";
import { format2, library, msg, nameKey, outMsg, type StageId } from "../core";
import { openFile } from "../aggregate/read";
import { promises as fs } from "fs";
import { unknownRubricText } from "./rubrics";
import {
  buildLayout,
  cleanUserText,
  interpret,
  LayoutError,
  reportJson,
  scoringFileName,
  STAGE_NAME,
  type PrintStyle,
  type ScoreReport,
} from "../workbook";
import { readXlsxFile, writeXlsx, XlsxReadError } from "../xlsx";
import { existingKind, OutputRefused, writeOutput } from "./output";

export interface GenerateOptions {
  applicant?: string;
  expert?: string;
  stage?: string;
  formulas?: string;
  output?: string;
  force?: boolean;
  password?: string;
  /** full (default) or compact (评分 with item names only; the scoring points in 评分指南's appendix). */
  print?: string;
}

/** An ideographic space between fields on one line. */
const GAP = "\u3000";

const STAGES: Record<string, StageId> = {
  material: "material",
  onsite: "onsite",
  "on-site": "onsite",
  材料评审: "material",
  材料: "material",
  现场评审: "onsite",
  现场: "onsite",
};

export { MAX_FILE_NAME_BYTES } from "../core";

/** The --print option of generate and round generate. */
export const PRINT_HELP =
  "打印样式：full 完整（默认，评分表中列出各项评分要点，A4 横向）| compact 简洁（评分表只列评价项目，A4 纵向 1–2 页，评分要点附在“评分指南”之后） (print style)";

/** --print as a print style, or null (the refusal said) when it is neither full nor compact. */
export function printStyle(raw: string | undefined, err: (s: string) => void): PrintStyle | null {
  const print = (raw ?? "full").trim().toLowerCase();
  if (print === "full" || print === "compact") return print;
  err(
    `打印样式“${raw}”无效：应为 full（完整，含评分要点）或 compact（简洁，评分表只列评价项目） (--print full|compact)`,
  );
  return null;
}

/**
 * A file name from the applicant, stage and expert, by the one file-name rule (src/core/file-name.ts): no path,
 * reserved, control or format characters, no leading - = + @ or dot, at most 255 bytes (long names cut at a
 * character boundary, the longest part first). Null when a name has no visible character.
 */
export function defaultFileName(applicant: string, stage: StageId, expert: string): string | null {
  return scoringFileName(applicant, stage, expert);
}

export async function generateCommand(
  rubricId: string,
  opts: GenerateOptions,
  out: (s: string) => void,
  err: (s: string) => void,
  now: () => Date = () => new Date(),
): Promise<number> {
  const lib = library();
  const bundle = lib.get(rubricId);
  if (!bundle) {
    err(
      unknownRubricText(
        rubricId,
        lib.rubrics.map((r) => r.id),
      ),
    );
    return 2;
  }
  const missing = [
    ["--applicant", "申报者名称 (applicant)", opts.applicant],
    ["--expert", "评审专家姓名 (expert)", opts.expert],
    ["--stage", "评审阶段 material 或 onsite (stage)", opts.stage],
  ].filter(([, , v]) => v === undefined || cleanUserText(String(v)) === "");
  if (missing.length) {
    err(`缺少参数：${missing.map(([o, what]) => `${o} <${what}>`).join("，")}`);
    return 2;
  }
  const invisible = [
    ["--applicant", opts.applicant],
    ["--expert", opts.expert],
  ].filter(([, v]) => !nameKey(String(v)));
  if (invisible.length) {
    err(
      `${invisible.map(([o]) => o).join("、")} 没有可见的字符（只有空格、零宽或方向控制字符） (the name has no visible character)`,
    );
    return 2;
  }
  const stage = STAGES[String(opts.stage).trim().toLowerCase()];
  if (!stage) {
    err(
      `评审阶段“${opts.stage}”无效：应为 material（材料评审）或 onsite（现场评审） (stage must be material or onsite)`,
    );
    return 2;
  }
  const mode = (opts.formulas ?? "native").trim().toLowerCase();
  if (mode !== "native" && mode !== "custom") {
    err(
      `公式模式“${opts.formulas}”无效：应为 native（普通 Excel 公式）或 custom（加载项的 QA. 函数） (--formulas native|custom)`,
    );
    return 2;
  }
  const print = printStyle(opts.print, err);
  if (print === null) return 2;
  let layout;
  try {
    layout = buildLayout(
      bundle,
      {
        applicant: opts.applicant!,
        expert: opts.expert!,
        stage,
        mode: mode,
        createdAt: now().toISOString(),
      },
      {},
      { password: opts.password || undefined, print },
    );
  } catch (e) {
    if (e instanceof LayoutError) {
      err(`${e.zh} (${e.en})`);
      return 2;
    }
    throw e;
  }
  const file = opts.output ?? defaultFileName(layout.meta.applicant, stage, layout.meta.expert);
  if (file === null) {
    err("申报者或专家姓名没有可见的字符，无法生成默认文件名；请用 -o 指定 (no visible name for the default file name)");
    return 2;
  }
  if (path.extname(file).toLowerCase() !== ".xlsx") {
    err(`输出文件“${file}”应以 .xlsx 结尾 (the output must be an .xlsx file)`);
    return 2;
  }
  const data = await writeXlsx(layout);
  try {
    // A filled scoring workbook (an expert's work) is never replaced, --force or not; a blank one may be.
    await writeOutput(file, data, {
      force: opts.force,
      protect: async (target) => {
        const kind = await existingKind(target);
        if (kind === "scoring-filled") return new OutputRefused(outMsg.protectedWork(file, "filled"));
        if (kind === "consensus") return new OutputRefused(outMsg.protectedWork(file, "consensus"));
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof OutputRefused)) throw e;
    err(e.text);
    return 2;
  }
  const r = bundle.rubric;
  out(`已生成评分表：${file}`);
  out(`  评分标准：${r.title.zh}（${r.id}，${r.items.length} 项，${r.totalPoints} 分）`);
  out(`  申报者：${layout.meta.applicant}${GAP}评审专家：${layout.meta.expert}${GAP}评审阶段：${STAGE_NAME[stage]}`);
  out(
    `  公式：${mode === "native" ? "native（普通 Excel 公式，无需加载项）" : "custom（使用 Scorebook 加载项的 QA. 函数）"}`,
  );
  out(
    `  工作表：${layout.sheets
      .filter((s) => s.visibility === "visible")
      .map((s) => s.name)
      .join("、")}（另有隐藏的元数据）`,
  );
  return 0;
}

function showInput(report: ScoreReport, input: ScoreReport["items"][number]["input"]): string {
  if (input === null || input === "") return "—";
  if (typeof input === "number")
    return report.scoring === "maturity" ? `${Number((input * 100).toFixed(4))}%` : String(input);
  return `“${String(input)}”`;
}

const STATUS_ZH = { ok: "有效", missing: "未评分", invalid: "无效" } as const;

function printReport(report: ScoreReport, out: (s: string) => void): void {
  out(`评分表：${report.file}`);
  if (!report.rubric) {
    for (const p of report.problems) out(`问题：${p.zh}`);
    return;
  }
  out(`评分标准：${report.rubricTitle}（${report.rubric}）`);
  out(
    `申报者：${report.applicant ?? "?"}${GAP}评审专家：${report.expert ?? "?"}${GAP}评审阶段：${report.stage ? STAGE_NAME[report.stage] : "?"}${GAP}公式：${report.mode ?? "?"}`,
  );
  out("");
  out("编号    分值   输入        得分     状态");
  for (const i of report.items) {
    const line = `${i.code.padEnd(7)} ${String(i.points).padStart(4)}   ${showInput(report, i.input).padEnd(10)} ${(i.score ? format2(i.score) : "—").padStart(7)}   ${STATUS_ZH[i.status]}`;
    out(i.message ? `${line}${GAP}${i.message.zh}` : line);
  }
  out("");
  for (const c of report.categories)
    out(`  ${c.code} ${c.name}：${format2(c.score)} / ${c.points}（已评 ${c.scored} / ${c.items} 项）`);
  out(
    `总分：${format2(report.total)} / ${report.totalPoints}（已评 ${report.scored} / ${report.itemCount} 项，${report.complete ? "已完成" : "未完成"}）`,
  );
  // A veto flag is the expert's mark for the secretariat to confirm, not a verdict: said so, with the item as it
  // reads (its text, not its id).
  const flagged = report.vetoes.filter((v) => v.flagged);
  out(
    flagged.length
      ? `否决标记（待质评办核实）：${flagged.map((v) => `${v.label}${v.note ? `——${v.note}` : ""}`).join("；")}`
      : `否决标记：无${report.vetoes.some((v) => !v.answered) ? "（有未回答的事项）" : ""}`,
  );
  const bonusText = (id: string) =>
    library()
      .get(report.rubric ?? "")
      ?.rules.bonus?.conditions.find((c) => c.id === id)?.text ?? id;
  const bonus = report.bonus.filter((b) => b.confirmed);
  if (report.bonus.length) out(`加分条件：${bonus.length ? bonus.map((b) => bonusText(b.id)).join("、") : "无"}`);
  out(`回避声明：${report.declaration.answer ?? "未填写"}`);
  if (report.problems.length) {
    out(`问题（${report.problems.length}）：`);
    for (const p of report.problems) out(`  - ${p.zh}`);
  }
  if (report.warnings.length) {
    // The pane's warnings, in its words, each with the cell it selects.
    out(`提醒（${report.warnings.length}）：`);
    for (const w of report.warnings) out(`  - ${w.cell && w.code.startsWith("comment-") ? `${w.cell}：` : ""}${w.zh}`);
  }
  out(report.ok ? "结论：评分表完整、无异常，可以计入。" : "结论：评分表有问题，暂不能计入（见上）。");
}

export async function scoreCommand(
  file: string,
  opts: { json?: boolean; rubric?: string },
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (opts.rubric && !library().get(opts.rubric)) {
    err(
      unknownRubricText(
        opts.rubric,
        library().rubrics.map((r) => r.id),
      ),
    );
    return 2;
  }
  // The one door in first: a round workbook, a summary or a consensus workbook is named as what it is, with the
  // command that reads it, rather than "not a Scorebook workbook".
  if ((await fs.stat(file).catch(() => null))?.isFile()) {
    const opened = await openFile(file);
    const wrong =
      opened.kind === "round" || opened.kind === "summary"
        ? opened.problem
        : opened.kind === "consensus"
          ? { reason: msg.consensusGivenToScore().zh, en: msg.consensusGivenToScore().en }
          : null;
    if (wrong) {
      err(`${file}：${wrong.reason.replace(/，未计入/, "")} (${wrong.en})`);
      return 2;
    }
  }
  let report: ScoreReport;
  try {
    report = interpret(await readXlsxFile(file), { expectedRubric: opts.rubric });
  } catch (e) {
    if (!(e instanceof XlsxReadError)) throw e;
    if (e.code === "not-found" || e.code === "unreadable") {
      err(`${e.zh} (${e.en})`);
      return 2;
    }
    if (opts.json)
      out(
        JSON.stringify(
          { file, ok: false, problems: [{ code: e.code, message: e.zh, en: e.en, cell: null, item: null }] },
          null,
          2,
        ),
      );
    else err(`${e.zh} (${e.en})`);
    return 1;
  }
  if (opts.json) out(JSON.stringify(reportJson(report), null, 2));
  else printReport(report, out);
  return report.ok ? 0 : 1;
}
