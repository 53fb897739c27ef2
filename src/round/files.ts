// The round on disk (Node): reading the round workbook, writing the template and the draw's sheets into it, writing
// every workbook of the round (a folder and a .zip per expert), and reading the returned files for the status.
// Nothing is overwritten without being asked; a draw or a generate that cannot be done writes nothing.
import { promises as fs } from "fs";
import * as fsSync from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  findSheet,
  library as bundledLibrary,
  nameKey,
  roundStatus,
  type Assignment,
  type Library,
  type PanelAudit,
  type ReturnedFile,
  type StatusDetail,
} from "../core";
import { collectInputs } from "../aggregate/files";
import { interpretFile, nodeInflate, shownPath } from "../aggregate/read";
import { buildLayout, cleanUserText, interpretCache, STAGE_NAME } from "../workbook";
import { addLayoutSheets, writeXlsx } from "../xlsx";
import { auditSheet, panelsSheet, templateLayout, ROUND_STYLES, type DrawRecord } from "./layout";
import { loadRound, returnedOf, roundSheetsFromBytes, type LoadedRound } from "./read";

/** The round workbook cannot be read or written (a usage error for the command line). */
export class RoundFileError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
    this.name = "RoundFileError";
  }
}

export async function readRoundFile(file: string, lib: Library = bundledLibrary()): Promise<LoadedRound> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RoundFileError(
      code === "ENOENT" ? `评审安排文件不存在：${file}` : `无法读取评审安排 ${file}（${(e as Error).message}）`,
      code === "ENOENT" ? `no such file: ${file}` : `cannot read ${file}`,
    );
  }
  try {
    return loadRound(await roundSheetsFromBytes(data, nodeInflate), lib);
  } catch (e) {
    throw new RoundFileError(
      `评审安排 ${file} 不是可读取的 .xlsx 工作簿（${(e as Error).message}）`,
      `${file} is not a readable .xlsx workbook`,
    );
  }
}

/** Writes bytes next to the target, then renames: a half-written file never replaces a good one. */
async function writeAtomic(file: string, data: Uint8Array, force: boolean): Promise<void> {
  const abs = path.resolve(file);
  if (!force && fsSync.existsSync(abs))
    throw new RoundFileError(
      `文件已存在：${file}（不会覆盖；如需覆盖请加 --force）`,
      `file exists: ${file} (use --force to overwrite)`,
    );
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, abs);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new RoundFileError(
      code === "ENOENT" ? `无法写入 ${file}：文件夹不存在` : `无法写入 ${file}：${(e as Error).message}`,
      `cannot write ${file}`,
    );
  }
}

export async function writeTemplate(file: string, force = false, now = new Date()): Promise<void> {
  await writeAtomic(file, await writeXlsx(templateLayout(bundledLibrary(), now.toISOString())), force);
}

/**
 * Writes the draw into the round workbook (a copy of `source` at `output`, which may be the same file): the other
 * sheets as they are, 分组 and 抽取记录 new. Existing 分组/抽取记录 sheets are replaced only with `replace`.
 */
export async function writeDraw(
  source: string,
  output: string,
  assignments: readonly Assignment[],
  audit: readonly PanelAudit[],
  record: DrawRecord,
  opts: { replace: boolean; force: boolean; lib?: Library },
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile(source)) as unknown as ExcelJS.Buffer);
  const names = wb.worksheets.map((w) => w.name);
  for (const which of ["panels", "audit"] as const) {
    const name = findSheet(names, which);
    if (!name) continue;
    if (!opts.replace)
      throw new RoundFileError(
        `评审安排中已有“${name}”：重新抽取会替换已有的分组，请加 --force 确认`,
        `the workbook already has "${name}"; use --force to draw again`,
      );
    wb.removeWorksheet(wb.getWorksheet(name)!.id);
  }
  await addLayoutSheets(wb, {
    properties: { title: "", subject: "", creator: "Scorebook", created: record.drawnAt, keywords: "" },
    styles: ROUND_STYLES,
    sheets: [panelsSheet(assignments, opts.lib ?? bundledLibrary()), auditSheet(record, audit)],
    names: [],
  });
  const same = path.resolve(source) === path.resolve(output);
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  await writeAtomic(output, data, same || opts.force);
}

/** A file or folder name from a person's or applicant's name: no path or reserved characters, no leading dot. */
export function safeName(s: string): string {
  return (
    cleanUserText(s)
      // eslint-disable-next-line no-control-regex
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_")
      .replace(/\s+/g, " ")
      .replace(/^[-=+@.\s]+/, (m) => "_".repeat(m.length))
      .slice(0, 60) || "_"
  );
}

export interface GeneratePlan {
  expert: string;
  folder: string;
  zip: string;
  files: { assignment: Assignment; file: string }[];
}

/**
 * Where every workbook of the round goes: <dir>/<expert>/<applicant>_<stage>_<expert>.xlsx, and <dir>/<expert>.zip.
 * Two names that clean to the same file name (张/三 and 张_三) get " (2)", so that no file is written twice.
 */
export function generatePlan(assignments: readonly Assignment[], dir: string): GeneratePlan[] {
  const byExpert = new Map<string, GeneratePlan>();
  const folders = new Set<string>();
  const unique = (taken: Set<string>, base: string, ext = "") => {
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase() + ext); n++) name = `${base} (${n})`;
    taken.add(name.toLowerCase() + ext);
    return name + ext;
  };
  const files = new Map<GeneratePlan, Set<string>>();
  for (const a of assignments) {
    const k = nameKey(a.expert);
    let plan = byExpert.get(k);
    if (!plan) {
      const folderName = unique(folders, safeName(a.expert));
      plan = {
        expert: a.expert,
        folder: path.join(dir, folderName),
        zip: path.join(dir, `${folderName}.zip`),
        files: [],
      };
      byExpert.set(k, plan);
      files.set(plan, new Set());
    }
    const name = unique(
      files.get(plan)!,
      `${safeName(a.applicant)}_${STAGE_NAME[a.stage]}_${safeName(a.expert)}`,
      ".xlsx",
    );
    plan.files.push({ assignment: a, file: path.join(plan.folder, name) });
  }
  return [...byExpert.values()];
}

export interface GenerateOutcome {
  experts: number;
  workbooks: number;
  zips: string[];
}

/** Writes every workbook of the round; refuses (writing nothing) when any target exists already. */
export async function generateRound(
  assignments: readonly Assignment[],
  roundId: string,
  dir: string,
  opts: { mode?: "native" | "custom"; now?: Date; lib?: Library; onFile?: (done: number, total: number) => void } = {},
): Promise<GenerateOutcome> {
  const lib = opts.lib ?? bundledLibrary();
  const plans = generatePlan(assignments, dir);
  const taken = plans.flatMap((p) => [...p.files.map((f) => f.file), p.zip]).filter((f) => fsSync.existsSync(f));
  if (taken.length)
    throw new RoundFileError(
      `以下文件已存在，未生成任何评分表（不会覆盖）：\n  ${taken.slice(0, 10).join("\n  ")}${taken.length > 10 ? `\n  …… 共 ${taken.length} 个` : ""}`,
      `${taken.length} target file(s) exist; nothing was written`,
    );
  const createdAt = (opts.now ?? new Date()).toISOString();
  const total = assignments.length;
  let done = 0;
  for (const plan of plans) {
    await fs.mkdir(plan.folder, { recursive: true });
    const zip = new JSZip();
    for (const { assignment: a, file } of plan.files) {
      const bundle = lib.get(a.rubricId);
      if (!bundle) throw new RoundFileError(`未知的评分标准 ${a.rubricId}`, `unknown rubric ${a.rubricId}`);
      const layout = buildLayout(bundle, {
        applicant: a.applicant,
        expert: a.expert,
        stage: a.stage,
        mode: opts.mode ?? "native",
        createdAt,
        roundId,
      });
      // Fast compression: 1,000 workbooks write about 40 % sooner, each a little larger (docs/benchmarks.md).
      const data = await writeXlsx(layout, { compressionLevel: 1 });
      await fs.writeFile(file, data, { flag: "wx" });
      zip.file(path.basename(file), data);
      opts.onFile?.(++done, total);
    }
    // Already-compressed .xlsx files: stored, not deflated again.
    await fs.writeFile(plan.zip, await zip.generateAsync({ type: "nodebuffer", compression: "STORE" }), { flag: "wx" });
  }
  return { experts: plans.length, workbooks: total, zips: plans.map((p) => p.zip) };
}

/** Reads the returned files and folders (read only) and compares them with the draw. */
export async function statusOfFiles(
  round: LoadedRound,
  paths: readonly string[],
  opts: { exclude?: string[] } = {},
): Promise<{ status: StatusDetail; missingPaths: string[]; files: number }> {
  const inputs = await collectInputs(paths, opts.exclude);
  const cache = interpretCache();
  const returned: ReturnedFile[] = inputs.skipped.map((s) => ({
    file: shownPath(s.file),
    problem: { code: s.code, zh: s.reason, en: s.en },
  }));
  for (const f of inputs.files) {
    const shown = shownPath(f);
    const r = await interpretFile(shown, cache);
    returned.push(
      r.ok
        ? returnedOf(r.report)
        : { file: shown, problem: { code: r.problem.code, zh: r.problem.reason, en: r.problem.en } },
    );
  }
  const status = roundStatus(
    round.assignments ?? [],
    returned,
    round.roundId,
    round.parsed.input.applicants.map((a) => a.name),
  );
  return { status, missingPaths: inputs.missing, files: inputs.files.length };
}
