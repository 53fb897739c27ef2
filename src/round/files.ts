// The round on disk (Node): reading the round workbook, writing the template and the draw's sheets into it, writing
// every workbook of the round (a folder and a .zip per expert), and reading the returned files for the status.
// Nothing is overwritten without being asked; a draw or a generate that cannot be done writes nothing.
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  distinctFileNames,
  fileNameOf,
  findSheet,
  library as bundledLibrary,
  nameKey,
  roundStatus,
  type AcceptedList,
  type Assignment,
  type Library,
  type PanelAudit,
  type ReturnedFile,
  type StatusDetail,
} from "../core";
import { collectInputs } from "../aggregate/files";
import { nodeInflate, openBytes, openFile, shownPath } from "../aggregate/read";
import { buildLayout, interpretCache, scoringFileName, STAGE_NAME, type PrintStyle } from "../workbook";
import { inputAt, writeOutput, writeOutputs } from "../output";
import { addLayoutSheets, writeXlsx } from "../xlsx";
import { auditSheet, panelsSheet, templateLayout, ROUND_STYLES, type DrawRecord } from "./layout";
import { acceptedListSheet } from "./accepted-list";
import { loadRound, returnedOfOpened, roundSheetsFromBytes, roundSheetsOf, type LoadedRound } from "./read";

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
    if ((await fs.stat(file)).isDirectory())
      throw new RoundFileError(
        `${file} 是文件夹，不是评审安排工作簿：第一个参数应为评审安排（如 评审安排.xlsx），交回的评分表文件夹放在它后面`,
        `${file} is a folder, not the round workbook: give the round workbook first, then the returned folders`,
      );
    data = await fs.readFile(file);
  } catch (e) {
    if (e instanceof RoundFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new RoundFileError(
      code === "ENOENT" ? `评审安排文件不存在：${file}` : `无法读取评审安排 ${file}（错误代码 ${code ?? "未知"}）`,
      code === "ENOENT" ? `no such file: ${file}` : `cannot read ${file} (${(e as Error).message})`,
    );
  }
  // Another kind of workbook where the round workbook belongs (arguments swapped, a returned workbook): named.
  const opened = await openBytes(data, file);
  if (opened.kind === "scoring" && opened.report.rubric)
    throw new RoundFileError(
      `${file} 是专家评分表，不是评审安排工作簿：第一个参数应为评审安排（如 评审安排.xlsx）`,
      `${file} is a scoring workbook, not the round workbook`,
    );
  if (opened.kind === "consensus" || opened.kind === "summary")
    throw new RoundFileError(
      `${file} 是${opened.kind === "consensus" ? "合议表" : "汇总表"}，不是评审安排工作簿：第一个参数应为评审安排（如 评审安排.xlsx）`,
      `${file} is a ${opened.kind === "consensus" ? "consensus workbook" : "summary"}, not the round workbook`,
    );
  if (opened.kind === "round") return loadRound(roundSheetsOf(opened.workbook), lib);
  try {
    return loadRound(await roundSheetsFromBytes(data, nodeInflate), lib);
  } catch (e) {
    throw new RoundFileError(
      `评审安排 ${file} 不是可读取的 .xlsx 工作簿`,
      `${file} is not a readable .xlsx workbook (${(e as Error).message})`,
    );
  }
}

/** One file through the one door out (src/output): temp + rename, never over an input, OutputRefused on failure. */
async function writeOne(file: string, data: Uint8Array, force: boolean, inputs: readonly string[] = []): Promise<void> {
  await writeOutput(file, data, { force, inputs });
}

export async function writeTemplate(file: string, force = false, now = new Date()): Promise<void> {
  await writeOne(file, await writeXlsx(templateLayout(bundledLibrary(), now.toISOString())), force);
}

/**
 * Writes the draw into the round workbook (a copy of `source` at `output`, which may be the same file): the other
 * sheets as they are, 分组 and 抽取记录 new, and the 受理名单 when an award of the round names it (`accepted`).
 * Existing 分组/抽取记录 sheets are replaced only with `replace`; a 受理名单 always follows 申报者.
 */
export async function writeDraw(
  source: string,
  output: string,
  assignments: readonly Assignment[],
  audit: readonly PanelAudit[],
  record: DrawRecord,
  opts: { replace: boolean; force: boolean; lib?: Library; accepted?: readonly AcceptedList[] },
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile(source)) as unknown as ExcelJS.Buffer);
  const names = wb.worksheets.map((w) => w.name);
  const acceptedName = findSheet(names, "accepted");
  if (acceptedName) wb.removeWorksheet(wb.getWorksheet(acceptedName)!.id);
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
    sheets: [
      panelsSheet(assignments, opts.lib ?? bundledLibrary()),
      auditSheet(record, audit, assignments),
      ...(opts.accepted?.length ? [acceptedListSheet(opts.accepted)] : []),
    ],
    names: [],
  });
  // Written back in place (the same file, however it is reached) or to another file that is never the source.
  const same = (await inputAt(output, [source])) !== null;
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  // In place is the source's own path: a link to it updates the round workbook, not the link.
  await writeOne(same ? source : output, data, same || opts.force, same ? [] : [source]);
}

export interface GeneratePlan {
  expert: string;
  folder: string;
  zip: string;
  files: { assignment: Assignment; file: string }[];
}

/**
 * Where every workbook of the round goes: <dir>/<expert>/<applicant>_<stage>_<expert>.xlsx (the name `scorebook
 * generate` and the task pane give it, by the one file-name rule), and <dir>/<expert>.zip. Names that clean alike
 * (张/三 and 张_三) get " (2)", so that no file is written twice.
 */
export function generatePlan(assignments: readonly Assignment[], dir: string): GeneratePlan[] {
  const byExpert = new Map<string, GeneratePlan>();
  const folders: string[] = [];
  const files = new Map<GeneratePlan, string[]>();
  for (const a of assignments) {
    const k = nameKey(a.expert);
    let plan = byExpert.get(k);
    if (!plan) {
      // A folder and its .zip share the name: distinct as folder names, so the .zip names are distinct too.
      const [folderName] = distinctFileNames([fileNameOf([a.expert], "") ?? "_"], folders);
      folders.push(folderName);
      plan = {
        expert: a.expert,
        folder: path.join(dir, folderName),
        zip: path.join(dir, `${folderName}.zip`),
        files: [],
      };
      byExpert.set(k, plan);
      files.set(plan, []);
    }
    const taken = files.get(plan)!;
    const [name] = distinctFileNames(
      [scoringFileName(a.applicant, a.stage, a.expert) ?? `${STAGE_NAME[a.stage]}.xlsx`],
      taken,
    );
    taken.push(name);
    plan.files.push({ assignment: a, file: path.join(plan.folder, name) });
  }
  return [...byExpert.values()];
}

export interface GenerateOutcome {
  experts: number;
  workbooks: number;
  zips: string[];
}

/**
 * Writes every workbook of the round through the one door out, all or nothing: every target is checked before the
 * first byte (one that exists refuses the whole run), and on any failure (a full disk, a name taken by another run,
 * a read-only folder) everything written is removed; OutputRefused names the folder and the cause.
 */
export async function generateRound(
  assignments: readonly Assignment[],
  roundId: string,
  dir: string,
  opts: {
    mode?: "native" | "custom";
    /** How 评分 prints (generate --print): full (default) or compact. */
    print?: PrintStyle;
    now?: Date;
    lib?: Library;
    onFile?: (done: number, total: number, file: string) => void;
    /** Never written over (the round workbook). */
    inputs?: readonly string[];
  } = {},
): Promise<GenerateOutcome> {
  const lib = opts.lib ?? bundledLibrary();
  const plans = generatePlan(assignments, dir);
  for (const a of assignments)
    if (!lib.get(a.rubricId)) throw new RoundFileError(`未知的评分标准 ${a.rubricId}`, `unknown rubric ${a.rubricId}`);
  const createdAt = (opts.now ?? new Date()).toISOString();
  // Each expert's workbooks, then the expert's .zip of them.
  const jobs: (
    { kind: "workbook"; plan: GeneratePlan; a: Assignment; file: string } | { kind: "zip"; plan: GeneratePlan }
  )[] = plans.flatMap((plan) => [
    ...plan.files.map((f) => ({ kind: "workbook" as const, plan, a: f.assignment, file: f.file })),
    { kind: "zip" as const, plan },
  ]);
  const zips = new Map<GeneratePlan, JSZip>();
  await writeOutputs(
    jobs.map((j) => (j.kind === "zip" ? j.plan.zip : j.file)),
    async (i) => {
      const j = jobs[i];
      let zip = zips.get(j.plan);
      if (!zip) zips.set(j.plan, (zip = new JSZip()));
      if (j.kind === "zip") {
        zips.delete(j.plan);
        // Already-compressed .xlsx files: stored, not deflated again.
        return zip.generateAsync({ type: "uint8array", compression: "STORE" });
      }
      const layout = buildLayout(
        lib.get(j.a.rubricId)!,
        {
          applicant: j.a.applicant,
          expert: j.a.expert,
          stage: j.a.stage,
          mode: opts.mode ?? "native",
          createdAt,
          roundId,
        },
        {},
        { print: opts.print ?? "full" },
      );
      // Fast compression: 1,000 workbooks write about 40 % sooner, each a little larger (docs/benchmarks.md).
      const data = await writeXlsx(layout, { compressionLevel: 1 });
      zip.file(path.basename(j.file), data);
      return data;
    },
    { inputs: opts.inputs, forceOption: false, onFile: opts.onFile },
  );
  return { experts: plans.length, workbooks: assignments.length, zips: plans.map((p) => p.zip) };
}

/** Reads the returned files and folders (read only) and compares them with the draw. */
export async function statusOfFiles(
  round: LoadedRound,
  paths: readonly string[],
  opts: { exclude?: string[]; onFile?: (done: number, total: number, file: string) => void } = {},
): Promise<{ status: StatusDetail; missingPaths: string[]; files: number }> {
  const inputs = await collectInputs(paths, opts.exclude);
  const cache = interpretCache();
  const returned: ReturnedFile[] = inputs.skipped.map((s) => ({
    file: shownPath(s.file),
    problem: { code: s.code, zh: s.reason, en: s.en },
  }));
  for (const f of inputs.files) {
    const shown = shownPath(f);
    // The one door in: a consensus workbook is recognised as one, a round workbook or a summary named.
    returned.push(returnedOfOpened(await openFile(shown, cache)));
    opts.onFile?.(returned.length - inputs.skipped.length, inputs.files.length, shown);
  }
  const status = roundStatus(
    round.assignments ?? [],
    returned,
    round.roundId,
    round.parsed.input.applicants.map((a) => a.name),
  );
  return { status, missingPaths: inputs.missing, files: inputs.files.length };
}
