// `scorebook award template|export|check|import`: the award definition workbook (评价标准定义表) a secretariat fills,
// checks and imports into an awards folder, where every command finds it (--awards, SCOREBOOK_AWARDS).
import { promises as fs } from "fs";
import * as path from "path";
import type { Command } from "commander";
import {
  awardMsg,
  outMsg,
  builtinLibrary,
  buildLibrary,
  library,
  RubricDataError,
  formatDataError,
  AWARD_FILES,
  RUBRIC_FILES,
} from "../core";
import { awardToBook, placeOf, problemText, parseAwardBook as checkBook, templateBook } from "../core/award/book";
import type { AwardBookResult } from "../core/award/book";
import { awardsDir, awardFiles, loadAwardsFolder, storeAward, AwardsFolderError } from "../award/folder";
import { readAwardBook, writeAwardBook } from "../award/workbook";
import { existingKind, OutputRefused, writeOutput } from "./output";
import type { Io } from "./main";

type Out = (s: string) => void;

async function write(file: string, data: Uint8Array, force: boolean | undefined, err: Out): Promise<boolean> {
  try {
    await writeOutput(file, data, {
      force,
      forceOption: true,
      // --force never replaces an expert's filled workbook or a consensus workbook given as -o by mistake.
      protect: async (target) => {
        const kind = await existingKind(target);
        if (kind === "scoring-filled") return new OutputRefused(outMsg.protectedWork(file, "filled"));
        if (kind === "consensus") return new OutputRefused(outMsg.protectedWork(file, "consensus"));
        return null;
      },
    });
    return true;
  } catch (e) {
    if (e instanceof OutputRefused) {
      err(`错误：${e.text}`);
      return false;
    }
    throw e;
  }
}

export async function templateCommand(opts: { output?: string; force?: boolean }, out: Out, err: Out): Promise<number> {
  const file = opts.output ?? "评价标准.xlsx";
  if (!(await write(file, await writeAwardBook(templateBook()), opts.force, err))) return 2;
  out(`已生成评价标准定义表：${file}`);
  out("填写后运行 scorebook award check 检查，再用 scorebook award import 导入。");
  return 0;
}

export async function exportCommand(
  id: string,
  opts: { output?: string; force?: boolean },
  out: Out,
  err: Out,
): Promise<number> {
  const lib = library();
  const key = id.normalize("NFKC").trim().toLowerCase();
  const award = lib.award(key) ?? lib.award(lib.get(key)?.rubric.award ?? "");
  if (!award) {
    err(
      `错误：未知的奖项或评分标准“${id}”。可用的奖项：${lib.awards.map((a) => a.id).join("、")} (unknown award or rubric id)`,
    );
    return 2;
  }
  const rubrics = lib.rubrics.filter((r) => r.award === award.id);
  const file = opts.output ?? `评价标准_${award.id}.xlsx`;
  if (!(await write(file, await writeAwardBook(awardToBook(award, rubrics)), opts.force, err))) return 2;
  out(`已导出奖项“${award.title.zh}”（${award.id}，${rubrics.length} 个评分标准）：${file}`);
  return 0;
}

/** Reads and checks a definition workbook; a file that cannot be read is an error message (exit 2). */
async function readChecked(file: string, reserved: boolean, err: Out): Promise<AwardBookResult | null> {
  let data: Buffer;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw Object.assign(new Error("not a file"), { code: "ENOTFILE" });
    data = await fs.readFile(file);
  } catch {
    err(`错误：找不到文件或不是普通文件：${file} (no such file)`);
    return null;
  }
  let book;
  try {
    book = await readAwardBook(data);
  } catch (e) {
    const m = e as { reason?: { zh: string; en: string }; message: string };
    err(`错误：${file}：不是可读取的 .xlsx 工作簿（${m.reason?.zh ?? m.message}） (not a readable .xlsx workbook)`);
    return null;
  }
  const lib = builtinLibrary();
  return checkBook(
    book,
    reserved
      ? { reservedAwards: lib.awards.map((a) => a.id), reservedRubrics: lib.rubrics.map((r) => r.id), file }
      : { file },
  );
}

function printDefaults(r: AwardBookResult, out: Out): void {
  if (!r.defaults.length) return;
  out("质评办可调整的默认设置（文件未作规定，按默认值填写）：");
  for (const d of r.defaults) out(`  ${d.ruleSet}：${d.label}${d.value ? ` = ${d.value}` : ""}`);
}

function summary(r: AwardBookResult): string {
  const a = r.award!;
  const items = r.rubrics.reduce((n, x) => n + x.items.length, 0);
  return (
    `奖项“${a.title.zh}”（${a.id}${a.version ? `，版本 ${a.version}` : ""}）：${a.ruleSets.length} 个规则集，` +
    `${r.rubrics.length} 个评分标准，${items} 个评价项目，${a.scale.bands.length} 档成熟度（步长 ${a.scale.step}%）`
  );
}

function problemsJson(file: string, r: AwardBookResult) {
  return {
    file,
    ok: r.problems.length === 0,
    award: r.award ? { id: r.award.id, version: r.award.version ?? null, title: r.award.title.zh } : null,
    rubrics: r.rubrics.map((x) => x.id),
    problems: r.problems.map((p) => ({
      sheet: p.sheet,
      row: p.row ?? null,
      column: p.column ?? null,
      cell: p.row !== undefined ? placeOf(p) : null,
      code: p.message.code,
      message: problemText(p, "en"),
      zh: problemText(p, "zh"),
    })),
    defaults: r.defaults.map((d) => ({ ruleSet: d.ruleSet, setting: d.label, value: d.value })),
  };
}

export async function checkCommand(file: string, opts: { json?: boolean }, out: Out, err: Out): Promise<number> {
  const r = await readChecked(file, false, err);
  if (!r) return 2;
  if (opts.json) {
    out(JSON.stringify(problemsJson(file, r), null, 2));
    return r.problems.length ? 2 : 0;
  }
  if (r.problems.length) {
    for (const p of r.problems) out(problemText(p));
    err(`${file}：发现 ${r.problems.length} 个问题，不能使用 (${r.problems.length} problem(s); not usable)`);
    return 2;
  }
  out(`${file}：可以使用。${summary(r)}`);
  printDefaults(r, out);
  return 0;
}

export async function importCommand(
  file: string,
  opts: { dir?: string; force?: boolean; json?: boolean },
  out: Out,
  err: Out,
): Promise<number> {
  const r = await readChecked(file, true, err);
  if (!r) return 2;
  if (r.problems.length || !r.award) {
    if (opts.json) out(JSON.stringify(problemsJson(file, r), null, 2));
    else for (const p of r.problems) out(problemText(p));
    err(`${file}：发现 ${r.problems.length} 个问题，未导入 (${r.problems.length} problem(s); not imported)`);
    return 2;
  }
  const { dir } = awardsDir(opts.dir);
  // The folder's other awards and the new one must load together (no id used twice).
  try {
    const others = loadAwardsFolder(dir, false);
    const own = path.join(dir, r.award.id) + path.sep;
    const keep = (rec: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(rec).filter(([f]) => !f.startsWith(own)));
    const mine = awardFiles(r.award, r.rubrics);
    const parsed = Object.fromEntries(
      Object.entries(mine).map(([n, t]) => [path.join(own, n), JSON.parse(t) as unknown]),
    );
    const awardKey = path.join(own, "award.json");
    buildLibrary(
      { ...AWARD_FILES, ...keep(others.awards), [awardKey]: parsed[awardKey] },
      {
        ...RUBRIC_FILES,
        ...keep(others.rubrics),
        ...Object.fromEntries(Object.entries(parsed).filter(([f]) => f !== awardKey)),
      },
    );
  } catch (e) {
    if (e instanceof RubricDataError) {
      for (const x of e.errors) err(`错误：${formatDataError(x)}`);
      err(`${file}：与奖项文件夹 ${dir} 中已有的数据冲突，未导入 (conflicts with the awards folder; not imported)`);
      return 2;
    }
    if (e instanceof AwardsFolderError) {
      err(`错误：${e.zh} (${e.en})`);
      return 2;
    }
    throw e;
  }
  let result: Awaited<ReturnType<typeof storeAward>>;
  try {
    result = await storeAward(dir, r.award, r.rubrics, opts.force);
  } catch (e) {
    if (e instanceof OutputRefused) err(`错误：${e.text}`);
    else err(`错误：无法写入奖项文件夹 ${dir}：${(e as Error).message} (cannot write the awards folder)`);
    return 2;
  }
  if (result === "differs") {
    const m = awardMsg.differsStored(r.award.id, dir);
    err(`错误：${m.zh} (${m.en})`);
    return 2;
  }
  const m = result === "same" ? awardMsg.sameStored(r.award.id, dir) : awardMsg.stored(r.award.id, dir);
  if (opts.json) out(JSON.stringify({ ...problemsJson(file, r), stored: result, dir }, null, 2));
  else {
    out(m.zh);
    out(summary(r));
    out(`评分标准：${r.rubrics.map((x) => x.id).join("、")}`);
    printDefaults(r, out);
    out(`使用：各命令加 --awards "${dir}"，或设置环境变量 SCOREBOOK_AWARDS=${dir}（默认文件夹无需设置）。`);
  }
  return 0;
}

export function registerAward(program: Command, io: Io, setCode: (c: number) => void): void {
  const award = program
    .command("award")
    .description("奖项评价标准定义表：生成空白表、导出、检查、导入 (the award definition workbook)");
  award
    .command("template")
    .description("生成空白的评价标准定义表 (a blank award definition workbook)")
    .option("-o, --output <file>", "输出文件，默认“评价标准.xlsx” (output file)")
    .option("--force", "覆盖已存在的文件 (overwrite an existing file)")
    .action(async (opts: { output?: string; force?: boolean }) => setCode(await templateCommand(opts, io.out, io.err)));
  award
    .command("export")
    .description("把一个奖项导出为评价标准定义表 (write an award as a definition workbook)")
    .argument("<id>", "奖项或评分标准编号，如 hebei-2022 或 jiangmen-service (award or rubric id)")
    .option("-o, --output <file>", "输出文件，默认“评价标准_<奖项编号>.xlsx” (output file)")
    .option("--force", "覆盖已存在的文件 (overwrite an existing file)")
    .action(async (id: string, opts: { output?: string; force?: boolean }) =>
      setCode(await exportCommand(id, opts, io.out, io.err)),
    );
  award
    .command("check")
    .description("检查评价标准定义表，逐项指出问题所在的工作表、行和列 (check a definition workbook)")
    .argument("<file>", "评价标准定义表 .xlsx (the workbook)")
    .option("--json", "以 JSON 输出（问题为英文，zh 为中文） (print JSON)")
    .addHelpText(
      "after",
      "\n退出码 (exit codes)：0 可以使用 (usable)；2 有问题或无法读取 (problems found, or unreadable).",
    )
    .action(async (file: string, opts: { json?: boolean }) => setCode(await checkCommand(file, opts, io.out, io.err)));
  award
    .command("import")
    .description("检查并导入评价标准定义表到奖项文件夹 (check a definition workbook and store it)")
    .argument("<file>", "评价标准定义表 .xlsx (the workbook)")
    .option("--dir <folder>", "奖项文件夹，默认 --awards、SCOREBOOK_AWARDS 或本用户的数据文件夹 (awards folder)")
    .option("--force", "替换文件夹中内容不同的同编号奖项 (replace a different award of the same id)")
    .option("--json", "以 JSON 输出 (print JSON)")
    .addHelpText(
      "after",
      "\n导入后，各命令（rubrics、generate、score、aggregate、consensus、report、round）加 --awards <文件夹> 即可使用。" +
        "\n退出码 (exit codes)：0 已导入或已是最新 (imported)；2 有问题、编号冲突或无法写入 (refused).",
    )
    .action(async (file: string, opts: { dir?: string; force?: boolean; json?: boolean }) => {
      const dir = opts.dir ?? program.opts<{ awards?: string }>().awards;
      setCode(await importCommand(file, { ...opts, dir }, io.out, io.err));
    });
}
