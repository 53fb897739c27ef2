// `scorebook aggregate` end to end, over real generated and filled workbooks in a temporary folder: every problem
// kind of the issue is reported with its file name (unreadable, foreign, another or a changed rubric, incomplete,
// tampered, a duplicate expert, a declared conflict, no on-site panel, a panel too small for the method, too large,
// a zip bomb, a non-.xlsx file, lock files), one bad file never stops the rest, source files are never modified,
// the JSON has the documented shape, the exit codes are the documented ones, and reader threads give the same result.
import { createHash } from "crypto";
import ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { collectInputs } from "../../src/aggregate/files";
import { decodeText, readRosterFile } from "../../src/aggregate/roster";
import { readAll } from "../../src/aggregate/run";
import { main, type Io } from "../../src/cli/main";
import type { Progress } from "../../src/cli/aggregate";
import { library, vetoAnswerFor, type RubricBundle, type StageId } from "../../src/core";
import { aggregateRead, summaryJson } from "../../src/summary";
import { SHEET, type InitialValues } from "../../src/workbook";
import { generate, load, save, tmpDir } from "../helpers/workbooks";

const ORG = "hebei-organization";
const IND = "hebei-individual-senior";

function values(
  b: RubricBundle,
  level: number,
  over: { missing?: string[]; veto?: { id: string; note: string }; conflict?: boolean } = {},
): InitialValues {
  const entries: NonNullable<InitialValues["entries"]> = {};
  for (const i of b.rubric.items)
    entries[i.code] = {
      value: over.missing?.includes(i.code)
        ? null
        : b.rubric.scoring === "points"
          ? Math.round(i.points * level * 2) / 2
          : level,
      strengths: i.code === b.rubric.items[0].code ? "领导重视质量" : undefined,
    };
  const vetoes: NonNullable<InitialValues["vetoes"]> = {};
  for (const v of b.rules.vetoes)
    vetoes[v.id] = {
      answer: vetoAnswerFor(v, over.veto?.id === v.id),
      note: over.veto?.id === v.id ? over.veto.note : "已核查",
    };
  return {
    entries,
    vetoes,
    declaration: over.conflict ? { answer: "存在利害关系，申请回避", note: "曾任顾问" } : { answer: "无利害关系" },
  };
}

async function workbook(
  dir: string,
  id: string,
  applicant: string,
  expert: string,
  stage: StageId,
  level: number,
  over: Parameters<typeof values>[2] & { createdAt?: string; name?: string } = {},
) {
  const b = library().get(id)!;
  const { buffer } = await generate(
    id,
    { applicant, expert, stage, createdAt: over.createdAt ?? "2026-06-01T08:00:00.000Z" },
    values(b, level, over),
  );
  const file = path.join(dir, over.name ?? `${applicant}_${stage}_${expert}.xlsx`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, buffer);
  return file;
}

async function edit(file: string, f: (wb: ExcelJS.Workbook) => void) {
  const wb = await load(fs.readFileSync(file));
  f(wb);
  fs.writeFileSync(file, await save(wb));
}

async function run(args: string[], progress?: () => Progress | null) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), progress };
  const code = await main(["node", "scorebook", "aggregate", ...args], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p] = `${createHash("sha256").update(fs.readFileSync(p)).digest("hex")} ${fs.statSync(p).mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

describe("scorebook aggregate over a folder of returned workbooks", () => {
  const root = tmpDir("scorebook-aggregate-");
  const returns = path.join(root, "returns");
  const clean = path.join(root, "clean");
  const roster = path.join(root, "名单.csv");
  const stray = path.join(root, "说明.txt");
  let before: Record<string, string>;

  beforeAll(async () => {
    // 甲: a full panel in both stages, one on-site expert flags a veto.
    for (const e of ["王一", "王二", "王三"]) await workbook(returns, ORG, "甲公司", e, "material", 0.7);
    await workbook(returns, ORG, "甲公司", "李一", "onsite", 0.75, {
      veto: { id: "false-material", note: "营业执照与申报不符" },
    });
    for (const e of ["李二", "李三"]) await workbook(returns, ORG, "甲公司", e, "onsite", 0.75);
    // 乙: one incomplete and one conflict workbook, an expert twice (the newer counts), a tampered one.
    for (const e of ["王一", "王二"]) await workbook(returns, ORG, "乙公司", e, "material", 0.65);
    await workbook(returns, ORG, "乙公司", "王三", "material", 0.5, {
      createdAt: "2026-06-01T08:00:00.000Z",
      name: "乙公司_material_王三_初稿.xlsx",
    });
    await workbook(returns, ORG, "乙公司", "王三", "material", 0.6, { createdAt: "2026-06-03T08:00:00.000Z" });
    for (const e of ["李一", "李二"]) await workbook(returns, ORG, "乙公司", e, "onsite", 0.7);
    await workbook(returns, ORG, "乙公司", "李三", "onsite", 0.7, { missing: ["3.1", "7.2"] });
    await workbook(returns, ORG, "乙公司", "李四", "onsite", 0.9, { conflict: true });
    const tampered = await workbook(returns, ORG, "乙公司", "李五", "onsite", 0.7);
    const layout = (await generate(ORG)).layout;
    await edit(
      tampered,
      (wb) => (wb.getWorksheet(layout.map.scoring.sheet)!.getCell(layout.map.scoring.total).value = 999),
    );
    const edited = await workbook(returns, ORG, "乙公司", "李六", "onsite", 0.7);
    await edit(edited, (wb) =>
      wb.getWorksheet(SHEET.meta)!.eachRow((row) => {
        if (row.getCell(1).value === "rubricFingerprint") row.getCell(2).value = "sha256:0000";
      }),
    );
    // 丙: advanced (600), no on-site panel; two experts only.
    for (const e of ["王一", "王二"]) await workbook(path.join(returns, "丙"), ORG, "丙公司", e, "material", 0.6);
    // An individual, with the roster's public satisfaction and bonus.
    await workbook(returns, IND, "张三", "赵一", "material", 0.9);
    await workbook(returns, IND, "张三", "赵一", "onsite", 0.9);
    // Files that are not usable workbooks.
    fs.writeFileSync(path.join(returns, "笔记.txt"), "会议记录");
    fs.writeFileSync(path.join(returns, "~$甲公司_material_王一.xlsx"), "lock");
    fs.writeFileSync(
      path.join(returns, "旧表.xls"),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    );
    fs.writeFileSync(
      path.join(returns, "损坏.xlsx"),
      fs.readFileSync(path.join(returns, "甲公司_material_王一.xlsx")).subarray(0, 4000),
    );
    fs.writeFileSync(path.join(returns, "伪装.xlsx"), "申报单位,总分\n甲公司,700\n");
    const bomb = new JSZip();
    bomb.file("xl/workbook.xml", "<workbook/>");
    bomb.file("xl/worksheets/sheet1.xml", new Uint8Array(64 * 1024 * 1024));
    fs.writeFileSync(
      path.join(returns, "炸弹.xlsx"),
      await bomb.generateAsync({ type: "uint8array", compression: "DEFLATE" }),
    );
    const big = path.join(returns, "超大.xlsx");
    fs.writeFileSync(big, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    fs.truncateSync(big, 21 * 1024 * 1024);
    // The roster, in GB18030 as Chinese Excel saves CSV: 申报者,公众满意度,加分 / 张三,15,provincial-honour.
    fs.writeFileSync(
      roster,
      Buffer.from(
        "c9eab1a8d5df2cb9abd6dac2fad2e2b6c82cbcd3b7d60ad5c5c8fd2c31352c70726f76696e6369616c2d686f6e6f75720a",
        "hex",
      ),
    );
    fs.writeFileSync(stray, "not a workbook");
    // A clean folder: every file usable.
    for (const e of ["王一", "王二", "王三"]) await workbook(clean, ORG, "丁公司", e, "material", 0.7);
    for (const e of ["李一", "李二", "李三"]) await workbook(clean, ORG, "丁公司", e, "onsite", 0.7);
    before = snapshot(root);
  }, 120_000);

  let json: ReturnType<typeof summaryJson>;
  let first: Awaited<ReturnType<typeof run>>;
  const summary = () => path.join(root, "out", "summary.xlsx");

  it("reports every problem with its file and still writes the summary (exit 1)", async () => {
    fs.mkdirSync(path.join(root, "out"), { recursive: true });
    first = await run([returns, stray, "--roster", roster, "-o", summary(), "--json"]);
    expect(first.err).toBe("");
    expect(first.code).toBe(1);
    json = JSON.parse(first.out);
    const by = (code: string) => json.problems.filter((p) => p.code === code);
    const base = (f: string) => path.basename(f);
    expect(
      by("skipped")
        .map((p) => base(p.file))
        .sort(),
    ).toEqual(["~$甲公司_material_王一.xlsx", "旧表.xls", "笔记.txt", "说明.txt"].sort());
    expect(by("skipped").find((p) => p.file.endsWith("旧表.xls"))!.reason).toContain(".xls");
    expect(json.problems.find((p) => p.file === stray)?.reason).toBe("不是 .xlsx 文件，未读取");
    expect(by("skipped").find((p) => p.file.endsWith("笔记.txt"))!.reason).toBe("不是 .xlsx 文件，已跳过");
    expect(
      by("not-xlsx")
        .map((p) => base(p.file))
        .sort(),
    ).toEqual(["伪装.xlsx", "损坏.xlsx"].sort());
    expect(by("zip-bomb").map((p) => base(p.file))).toEqual(["炸弹.xlsx"]);
    expect(by("too-large").map((p) => base(p.file))).toEqual(["超大.xlsx"]);
    expect(by("incomplete")).toEqual([
      expect.objectContaining({
        applicant: "乙公司",
        reason: expect.stringContaining("评分!G10（3.1）：未评分；评分!G23（7.2）：未评分"),
      }),
    ]);
    expect(base(by("incomplete")[0].file)).toBe("乙公司_onsite_李三.xlsx");
    expect(by("conflict")).toEqual([
      expect.objectContaining({ applicant: "乙公司", reason: expect.stringContaining("李四") }),
    ]);
    const dup = by("duplicate")[0];
    expect(base(dup.file)).toBe("乙公司_material_王三_初稿.xlsx");
    expect(dup.reason).toContain("乙公司_material_王三_初稿.xlsx");
    expect(dup.reason).toContain("乙公司_material_王三.xlsx");
    expect(json.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(["formula-overwritten", "rubric-changed", "no-onsite"]),
    );
    expect(json.problems.find((p) => p.code === "formula-overwritten")!.file).toContain("李五");
    expect(json.problems.find((p) => p.code === "rubric-changed")!.file).toContain("李六");
    expect(json.problems.find((p) => p.code === "no-onsite")!.applicant).toBe("丙公司");
  });

  it("aggregates the rest: vetoed with who, what and why; the roster's public satisfaction and bonus", () => {
    const a = (name: string) => json.applicants.find((x) => x.applicant === name)!;
    // One expert's flag: 否决待核实 (excluded, would-be rank kept) until the secretariat decides.
    expect(a("甲公司")).toMatchObject({
      rubric: ORG,
      vetoed: true,
      veto: "flagged",
      status: "veto-flagged",
      statusText: "否决待核实",
      rank: null,
      wouldBeRank: 1,
    });
    expect(a("甲公司").vetoes).toEqual([
      expect.objectContaining({ expert: "李一", stage: "onsite", id: "false-material", note: "营业执照与申报不符" }),
    ]);
    expect(a("甲公司").material.score).toBe(700);
    expect([...a("甲公司").material.experts].sort()).toEqual(["王一", "王二", "王三"].sort());
    expect(a("乙公司").material.score).toBeCloseTo((650 + 650 + 600) / 3, 6);
    expect([...a("乙公司").material.experts].sort()).toEqual(["王一", "王二", "王三"].sort());
    expect([...a("乙公司").onsite.experts].sort()).toEqual(["李一", "李二"].sort());
    expect(a("乙公司")).toMatchObject({ status: "candidate", rank: 1, vetoed: false });
    expect(a("丙公司")).toMatchObject({ status: "no-onsite", final: null, rank: null });
    expect(a("张三")).toMatchObject({ rubric: IND, public: 15, bonus: 2, status: "candidate" });
  });

  it("prints the documented JSON shape", () => {
    for (const x of json.applicants) {
      for (const k of [
        "applicant",
        "rubric",
        "material",
        "onsite",
        "bonus",
        "public",
        "final",
        "vetoed",
        "status",
        "rank",
      ])
        expect(x).toHaveProperty(k);
      expect(Object.keys(x.material).sort()).toEqual(["diagnostics", "experts", "method", "score"]);
      expect(Object.keys(x.material.diagnostics).sort()).toEqual(
        ["items", "mean", "median", "notes", "trimmed", "w", "z"].sort(),
      );
      expect(x.material.diagnostics.z).toHaveLength(x.material.experts.length);
    }
    for (const p of json.problems) expect(typeof p.file === "string" && typeof p.reason === "string").toBe(true);
  });

  it("never modifies a source file", () => {
    const now = snapshot(root);
    expect(Object.keys(before).length).toBeGreaterThan(25);
    for (const [f, sig] of Object.entries(before)) expect({ f, sig: now[f] }).toEqual({ f, sig });
  });

  it("writes the summary workbook: ranking, problems one per row, every sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "汇总",
      "得分图",
      "合议清单",
      "公示名单（现场评审）",
      "授奖候选名单",
      "表决记录表",
      "授奖建议名单",
      "评审专家评价表",
      "问题",
      "参数",
      "专家分",
      "明细",
      "反馈",
      "报告数据",
    ]);
    const problems = wb.getWorksheet("问题")!;
    let rows = 0;
    problems.eachRow((row, n) => {
      if (n >= 4 && row.getCell(1).value !== null) rows++;
    });
    expect(rows).toBe(json.problems.length);
  });

  it("a summary given back as input is recognised, not mistaken for a scoring workbook", async () => {
    const copy = path.join(root, "again");
    fs.mkdirSync(copy, { recursive: true });
    fs.copyFileSync(summary(), path.join(copy, "上次汇总.xlsx"));
    for (const f of fs.readdirSync(clean)) fs.copyFileSync(path.join(clean, f), path.join(copy, f));
    const r = await run([copy, "-o", path.join(root, "out", "again.xlsx"), "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).problems).toEqual([
      expect.objectContaining({ code: "summary-workbook", file: path.join(copy, "上次汇总.xlsx") }),
    ]);
  });

  it("prints the ranking and the problems on a terminal, with a progress bar", async () => {
    const calls: string[] = [];
    const progress = (): Progress => ({
      start: (t) => calls.push(`start ${t}`),
      update: (d) => calls.push(`update ${d}`),
      stop: () => calls.push("stop"),
    });
    const r = await run([clean, "-o", path.join(root, "out", "clean.xlsx")], progress);
    expect(r.code).toBe(0);
    expect(r.out).toContain("河北省政府质量奖组织奖\n");
    expect(r.out).not.toContain("hebei-organization");
    expect(r.out).toMatch(/1\s+丁公司\s+700\.00\s+700\.00/);
    expect(r.out).toContain("未发现问题");
    expect(r.out).toContain("已写入汇总表");
    expect(calls[0]).toBe("start 6");
    expect(calls).toContain("update 6");
    expect(calls[calls.length - 1]).toBe("stop");
  });

  it("a panel smaller than the method needs is a problem (--method trimmed)", async () => {
    const r = await run([returns, "--method", "trimmed", "-o", path.join(root, "out", "trimmed.xlsx"), "--json"]);
    const small = JSON.parse(r.out).problems.filter((p: { code: string }) => p.code === "panel-small");
    expect(small.map((p: { applicant: string }) => p.applicant).sort()).toEqual(
      ["丙公司", "乙公司", "张三", "张三"].sort(),
    );
  });

  it("--stage material gives the advance list: 进入现场评审 in order, on-site workbooks listed as not in this run", async () => {
    // 河北 四（四）3 "材料评审得分达到500分及以上的申报组织……可进入现场评审阶段".
    const r = await run([returns, "--stage", "material", "-o", path.join(root, "out", "material.xlsx"), "--json"]);
    const j = JSON.parse(r.out);
    expect(j.stage).toBe("material");
    const orgs = j.applicants.filter((a: { rubric: string }) => a.rubric === ORG);
    expect(orgs.every((a: { status: string }) => ["advances", "not-advanced", "veto-flagged"].includes(a.status))).toBe(
      true,
    );
    const scores = orgs.map((a: { material: { score: number } }) => a.material.score);
    expect(scores).toEqual([...scores].sort((x: number, y: number) => y - x));
    expect(j.problems.some((p: { code: string }) => p.code === "no-onsite")).toBe(false);
    expect(j.problems.some((p: { code: string }) => p.code === "stage-excluded")).toBe(true);
    const text = await run([returns, "--stage", "material", "-o", path.join(root, "out", "material2.xlsx")]);
    expect(text.out).toContain("进入现场评审");
    expect(text.out).not.toContain("缺少现场评审得分");
  });

  it.each<[string, string[], string]>([
    ["an unknown stage", ["--stage", "onsite"], "评审阶段"],
    ["an unknown ranking scope", ["--rank-by", "sector"], "排名范围"],
    ["a path that does not exist", ["nowhere"], "找不到"],
    ["an unknown method", ["--method", "average"], "合成方法"],
    ["an unknown formula mode", ["--formulas", "excel"], "公式模式"],
    ["an output that is not .xlsx", ["-o", "summary.csv"], ".xlsx"],
    ["a roster that does not exist", ["--roster", "nope.csv"], "名单文件不存在"],
    ["a roster of another format", ["--roster", "名单.docx"], "名单文件应为"],
  ])("exit 2 for %s", async (_what, extra, message) => {
    const args =
      extra[0] === "nowhere"
        ? [path.join(root, "nowhere"), "-o", path.join(root, "out", "x.xlsx")]
        : [clean, "-o", path.join(root, "out", "x2.xlsx"), ...extra];
    if (extra[0] === "--roster" && extra[1] === "名单.docx") fs.writeFileSync(path.join(root, "名单.docx"), "x");
    const r = await run(args.map((a) => (a === "名单.docx" ? path.join(root, "名单.docx") : a)));
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("exit 2: an existing summary without --force, the summary over an input, a folder without workbooks", async () => {
    const existing = await run([clean, "-o", summary()]);
    expect(existing.code).toBe(2);
    expect(existing.err).toContain("文件已存在");
    const input = path.join(clean, fs.readdirSync(clean)[0]);
    const over = await run([input, "-o", input, "--force"]);
    expect(over.code).toBe(2);
    expect(over.err).toContain("源文件从不被修改");
    const empty = path.join(root, "empty");
    fs.mkdirSync(empty, { recursive: true });
    const none = await run([empty, "-o", path.join(root, "out", "none.xlsx")]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("没有找到 .xlsx 评分表");
    // and --force overwrites
    expect((await run([clean, "-o", summary(), "--force"])).code).toBe(0);
  });

  it("reader threads give the same result as the main thread", async () => {
    const { files } = await collectInputs([returns]);
    const one = aggregateRead({ read: await readAll(files, { workers: 0 }) });
    const two = aggregateRead({ read: await readAll(files, { workers: 2 }) });
    expect(summaryJson(two)).toEqual(summaryJson(one));
    expect(two.used.map((s) => s.file)).toEqual(one.used.map((s) => s.file));
  });

  it("reads a roster in UTF-8 (with BOM), GB18030 or .xlsx, Chinese or English headers", async () => {
    const gbk = await readRosterFile(roster);
    expect(gbk.entries).toEqual([{ applicant: "张三", bonus: ["provincial-honour"], public: expect.anything() }]);
    const utf8 = path.join(root, "roster-utf8.csv");
    fs.writeFileSync(utf8, "\ufeffApplicant,Public satisfaction,Bonus\n张三,15,provincial-honour\n");
    expect((await readRosterFile(utf8)).entries).toEqual(gbk.entries);
    const xlsx = path.join(root, "roster.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名单");
    ws.addRow(["申报者", "公众满意度", "加分"]);
    ws.addRow(["张三", 15, "provincial-honour"]);
    await wb.xlsx.writeFile(xlsx);
    expect((await readRosterFile(xlsx)).entries).toEqual(gbk.entries);
    expect(decodeText(new TextEncoder().encode("申报者"))).toBe("申报者");
  });
});
