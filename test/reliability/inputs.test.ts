// The secretariat's inputs under hostile and messy conditions (issue #9), one block per class. Every returned workbook
// is built the way it reaches a secretariat: generated, filled by a reviewer, then opened and saved by a real
// spreadsheet (LibreOffice, recalculating on load), and then renamed, copied twice or edited by hand. Each case asserts
// the exit code, the named problem, and that every source file is byte-identical afterwards.
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { main, type Io } from "../../src/cli/main";
import { cellString, library, vetoAnswerFor, type StageId } from "../../src/core";
import { SHEET, type InitialValues } from "../../src/workbook";
import { convert } from "../helpers/libreoffice";
import { describeWithLibreOffice } from "../helpers/libreoffice";
import { fill, generate, load, save, tmpDir } from "../helpers/workbooks";

const ORG = "hebei-organization";

async function cli(args: string[], cwd?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const prev = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(["node", "scorebook", ...args], io);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    if (cwd) process.chdir(prev);
  }
}

/** sha256 of every file under the folders (links followed as the reader would not: by their own bytes). */
function snapshot(...dirs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[p] = createHash("sha256").update(fs.readFileSync(p)).digest("hex");
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

interface Spec {
  name: string;
  rubric?: string;
  applicant: string;
  expert: string;
  stage: StageId;
  level: number;
  missing?: string[];
  veto?: { id: string; note: string };
  strengths?: string;
  /** Edits with ExcelJS before LibreOffice saves the file (what a reviewer types, formulas included). */
  edit?: (wb: ExcelJS.Workbook) => void;
}

function values(s: Spec): InitialValues {
  const b = library().get(s.rubric ?? ORG)!;
  const entries: NonNullable<InitialValues["entries"]> = {};
  for (const i of b.rubric.items)
    entries[i.code] = {
      value: s.missing?.includes(i.code) ? null : s.level,
      strengths: i.code === b.rubric.items[0].code ? (s.strengths ?? "领导重视质量") : undefined,
    };
  const vetoes: NonNullable<InitialValues["vetoes"]> = {};
  for (const v of b.rules.vetoes)
    vetoes[v.id] = {
      answer: vetoAnswerFor(v, s.veto?.id === v.id),
      note: s.veto?.id === v.id ? s.veto.note : "已核查",
    };
  return { entries, vetoes, declaration: { answer: "无利害关系" } };
}

const SPECS: Spec[] = [
  { name: "甲_材料_张三", applicant: "甲公司", expert: "张三", stage: "material", level: 0.7 },
  { name: "甲_材料_李四", applicant: "甲 公司", expert: "李四", stage: "material", level: 0.6 },
  { name: "甲_现场_王五", applicant: "甲公司\u200b", expert: "王\u3000五", stage: "onsite", level: 0.6 },
  { name: "甲_现场_赵六", applicant: "甲公司 ", expert: "赵六", stage: "onsite", level: 0.7 },
  { name: "括号_材料_张三", applicant: "（甲）公司", expert: "张 三", stage: "material", level: 0.5 },
  // The same expert's later copy of 甲_材料_李四, left incomplete.
  { name: "甲_材料_李四_修改", applicant: "甲公司", expert: "李四", stage: "material", level: 0.9, missing: ["1.1"] },
  // Two different copies by one expert (for equal save times).
  { name: "乙_材料_钱七_一", applicant: "乙公司", expert: "钱七", stage: "material", level: 0.6 },
  { name: "乙_材料_钱七_二", applicant: "乙公司", expert: "钱七", stage: "material", level: 0.8 },
  // Mixed rubrics for one applicant and stage.
  {
    name: "丙_材料_孙八_制造",
    rubric: "jiangmen-manufacturing",
    applicant: "丙公司",
    expert: "孙八",
    stage: "material",
    level: 0.6,
  },
  {
    name: "丙_材料_周九_服务",
    rubric: "jiangmen-service",
    applicant: "丙公司",
    expert: "周九",
    stage: "material",
    level: 0.9,
  },
  // A comment over Excel's 32,000-character limit of the summary, and a veto note with terminal escapes.
  {
    name: "丁_材料_吴十",
    applicant: "丁公司",
    expert: "吴十",
    stage: "material",
    level: 0.7,
    strengths: "优".repeat(32_500),
  },
  {
    name: "戊_材料_郑一",
    applicant: "戊公司",
    expert: "郑一",
    stage: "material",
    level: 0.7,
    veto: { id: "false-material", note: "伪造\u001b[2J\u001b[31m材料\r已核实" },
  },
  // Inputs given as formulas: a veto answer that changes with the date, a maturity computed.
  {
    name: "己_材料_冯二",
    applicant: "己公司",
    expert: "冯二",
    stage: "material",
    level: 0.7,
    edit: (wb) => {
      wb.getWorksheet(SHEET.vetoes)!.getCell("E5").value = {
        formula: 'IF(TODAY()>DATE(2000,1,1),"否","是")',
      };
      wb.getWorksheet(SHEET.scoring)!.getCell("G6").value = { formula: "0.5+0.1" };
    },
  },
];

describeWithLibreOffice("the secretariat's inputs, saved by LibreOffice, under hostile and messy conditions", () => {
  const root = tmpDir("scorebook-reliability-");
  const saved = path.join(root, "saved");
  const lo: Record<string, string> = {};

  /** A fresh folder with copies of the named LibreOffice-saved workbooks (optionally under other names). */
  const folder = (name: string, files: (string | [string, string])[]) => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of files) {
      const [src, as] = typeof f === "string" ? [f, f] : f;
      fs.copyFileSync(lo[src], path.join(dir, `${as}.xlsx`));
    }
    return dir;
  };

  /** Sets the time a workbook says it was saved (docProps/core.xml), as saving it at another time would. */
  const savedAt = async (file: string, iso: string) => {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const core = (await zip.file("docProps/core.xml")!.async("string")).replace(
      /(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/,
      `$1${iso}$2`,
    );
    zip.file("docProps/core.xml", core);
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  };

  beforeAll(async () => {
    const raw = path.join(root, "raw");
    fs.mkdirSync(raw, { recursive: true });
    for (const s of SPECS) {
      const { layout, buffer } = await generate(s.rubric ?? ORG, {
        applicant: s.applicant,
        expert: s.expert,
        stage: s.stage,
        createdAt: "2026-06-01T08:00:00.000Z",
      });
      let filled = await fill(buffer, layout, values(s));
      if (s.edit) {
        const wb = await load(filled);
        s.edit(wb);
        filled = await save(wb);
      }
      fs.writeFileSync(path.join(raw, `${s.name}.xlsx`), filled);
    }
    const res = convert(
      SPECS.map((s) => path.join(raw, `${s.name}.xlsx`)),
      "xlsx",
      saved,
    );
    res.outputs.forEach((o, i) => (lo[SPECS[i].name] = o));
  }, 300_000);

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  describe("the output is never an input", () => {
    it("an expert's workbook as -o, with --force, directly or through a symlinked alias: exit 2, nothing written", async () => {
      const dir = folder("out-input", ["甲_材料_张三", "甲_材料_李四", "甲_现场_王五", "甲_现场_赵六"]);
      const alias = path.join(root, "alias");
      fs.symlinkSync(dir, alias);
      const before = snapshot(dir);
      const target = path.join(dir, "甲_材料_张三.xlsx");
      const direct = await cli(["aggregate", dir, "-o", target, "--force"]);
      expect(direct.code).toBe(2);
      expect(direct.err).toContain("就是输入文件");
      const viaAlias = await cli(["aggregate", alias, "-o", path.join(dir, "甲_现场_王五.xlsx"), "--force"]);
      expect(viaAlias.code).toBe(2);
      expect(viaAlias.err).toContain("就是输入文件");
      // A hard link of an input elsewhere is the same file too.
      const hard = path.join(root, "hard.xlsx");
      fs.linkSync(path.join(dir, "甲_现场_赵六.xlsx"), hard);
      const viaLink = await cli(["aggregate", dir, "-o", hard, "--force"]);
      expect(viaLink.code).toBe(2);
      expect(snapshot(dir)).toEqual(before);
    });

    it("an existing scoring workbook that is not an input is not replaced either, even with --force", async () => {
      const dir = folder("out-other", ["甲_材料_张三", "甲_现场_王五"]);
      const other = folder("out-other-target", ["乙_材料_钱七_一"]);
      const before = snapshot(dir, other);
      const r = await cli(["aggregate", dir, "-o", path.join(other, "乙_材料_钱七_一.xlsx"), "--force"]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("是一份 Scorebook 专家评分表");
      expect(snapshot(dir, other)).toEqual(before);
      // generate --force never replaces a filled scoring workbook.
      const g = await cli([
        "generate",
        ORG,
        "--applicant",
        "乙公司",
        "--expert",
        "钱七",
        "--stage",
        "material",
        "-o",
        path.join(other, "乙_材料_钱七_一.xlsx"),
        "--force",
      ]);
      expect(g.code).toBe(2);
      expect(g.err).toContain("已填写的评分表");
      expect(snapshot(dir, other)).toEqual(before);
    });

    it("two runs to one new file: exactly one writes it, the other exits 2 (the check is the write)", async () => {
      const dir = folder("two-runs", ["甲_材料_张三", "甲_材料_李四", "甲_现场_王五", "甲_现场_赵六"]);
      const before = snapshot(dir);
      const out = path.join(root, "two-runs-summary.xlsx");
      const [a, b] = await Promise.all([cli(["aggregate", dir, "-o", out]), cli(["aggregate", dir, "-o", out])]);
      expect([a.code, b.code].sort()).toEqual([0, 2]);
      expect([a.err, b.err].join("")).toContain("文件已存在");
      expect(fs.readdirSync(root).filter((f) => f.includes("two-runs-summary"))).toEqual(["two-runs-summary.xlsx"]);
      expect(snapshot(dir)).toEqual(before);
    });
  });

  it("names: one applicant and one expert whatever the spacing or zero-width characters; near-duplicates and names missing from the roster are named", async () => {
    const dir = folder("names", ["甲_材料_张三", "甲_材料_李四", "甲_现场_王五", "甲_现场_赵六", "括号_材料_张三"]);
    const roster = path.join(root, "names-roster.csv");
    fs.writeFileSync(roster, "申报者,加分\n甲公司\u3000,luban\n");
    const before = snapshot(dir);
    const r = await cli(["aggregate", dir, "--roster", roster, "-o", path.join(root, "names.xlsx"), "--json"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    const jia = json.applicants.filter((a: { applicant: string }) => a.applicant.replace(/\s/g, "") === "甲公司");
    expect(jia).toHaveLength(1);
    expect(jia[0].material.experts).toHaveLength(2);
    expect(jia[0].onsite.experts).toHaveLength(2);
    const codes = json.problems.map((p: { code: string }) => p.code);
    expect(codes).toContain("similar-applicants");
    const near = json.problems.find((p: { code: string }) => p.code === "similar-applicants");
    expect(near.reason).toContain("（甲）公司");
    expect(json.problems).toContainEqual(expect.objectContaining({ code: "not-in-roster", applicant: "（甲）公司" }));
    // 张三 and 张 三 are one expert (for different applicants here): not near-duplicates but one key.
    expect(codes).not.toContain("similar-experts");
    expect(snapshot(dir)).toEqual(before);
  });

  it("the stage or applicant edited in the metadata or on the cover: not counted, the disagreement named", async () => {
    const dir = folder("identity", ["甲_材料_张三", "甲_材料_李四", "甲_现场_王五"]);
    const edit = async (file: string, f: (wb: ExcelJS.Workbook) => void) => {
      const wb = await load(fs.readFileSync(file));
      f(wb);
      fs.writeFileSync(file, await save(wb));
    };
    // The metadata's stage changed: a material workbook would count as on-site.
    await edit(path.join(dir, "甲_材料_张三.xlsx"), (wb) => {
      const meta = wb.getWorksheet(SHEET.meta)!;
      meta.eachRow((row) => {
        if (row.getCell(1).value === "stage") row.getCell(2).value = "onsite";
      });
    });
    // The cover's stage changed only.
    await edit(path.join(dir, "甲_材料_李四.xlsx"), (wb) => {
      wb.getWorksheet(SHEET.cover)!.getCell("C8").value = "现场评审";
    });
    const before = snapshot(dir);
    const r = await cli(["aggregate", dir, "-o", path.join(root, "identity.xlsx"), "--json"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    const of = (f: string) => json.problems.filter((p: { file: string }) => p.file.endsWith(f));
    expect(of("甲_材料_张三.xlsx").map((p: { code: string }) => p.code)).toEqual(["identity-mismatch"]);
    expect(of("甲_材料_张三.xlsx")[0].reason).toContain("评审阶段");
    expect(of("甲_材料_李四.xlsx")[0].reason).toContain("封面!C8");
    const jia = json.applicants.find((a: { applicant: string }) => a.applicant === "甲公司");
    expect(jia.onsite.experts).toEqual(["王　五"]);
    expect(jia.material.experts).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
    // score names it too, exit 1.
    const s = await cli(["score", path.join(dir, "甲_材料_张三.xlsx"), "--json"]);
    expect(s.code).toBe(1);
    expect(JSON.parse(s.out).problems.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining(["identity-mismatch", "seal-broken"]),
    );
  });

  it("file order never changes the result: mixed rubrics are named and counted by a rule, every count shown is what was used", async () => {
    const dir = folder("order", ["丙_材料_孙八_制造", "丙_材料_周九_服务", "甲_材料_张三", "甲_现场_王五"]);
    const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
    const before = snapshot(dir);
    const a = await cli(["aggregate", ...files, "-o", path.join(root, "order-a.xlsx"), "--json"]);
    const b = await cli(["aggregate", ...[...files].reverse(), "-o", path.join(root, "order-b.xlsx"), "--json"]);
    expect(a.code).toBe(1);
    const ja = JSON.parse(a.out);
    const jb = JSON.parse(b.out);
    expect(ja.applicants).toEqual(jb.applicants);
    const sorted = (j: { problems: { file: string; code: string }[] }) =>
      j.problems.map((p) => `${p.code} ${p.file}`).sort();
    expect(sorted(ja)).toEqual(sorted(jb));
    // One workbook each: a tie, so neither rubric is used, and both files are named.
    expect(ja.problems.filter((p: { code: string }) => p.code === "mixed-rubric")).toHaveLength(2);
    const bing = ja.applicants.find((x: { applicant: string }) => x.applicant === "丙公司");
    expect(bing.material.experts).toEqual([]);
    // The text report's count is the number of workbooks in the panels.
    const t = await cli(["aggregate", ...files, "-o", path.join(root, "order-c.xlsx")]);
    const counted = Number(/计入 (\d+) 份评分表/.exec(t.out)?.[1]);
    const inPanels = ja.applicants.reduce(
      (n: number, x: { material: { experts: string[] }; onsite: { experts: string[] } }) =>
        n + x.material.experts.length + x.onsite.experts.length,
      0,
    );
    expect(counted).toBe(inPanels);
    expect(counted).toBe(2);
    // And so does the summary workbook's header.
    const summary = await load(fs.readFileSync(path.join(root, "order-c.xlsx")));
    expect(cellString(summary.getWorksheet("汇总")!.getCell("A2").value)).toContain("计入 2 份评分表");
    expect(snapshot(dir)).toEqual(before);
  });

  describe("copies of one expert's workbook", () => {
    it("an invalid newer copy: the older copy is used and the row says so", async () => {
      const dir = folder("newer-invalid", ["甲_材料_李四", "甲_材料_李四_修改"]);
      await savedAt(path.join(dir, "甲_材料_李四.xlsx"), "2026-06-02T09:00:00Z");
      await savedAt(path.join(dir, "甲_材料_李四_修改.xlsx"), "2026-06-03T09:00:00Z");
      const before = snapshot(dir);
      const r = await cli(["aggregate", dir, "-o", path.join(root, "newer.xlsx"), "--json"]);
      expect(r.code).toBe(1);
      const json = JSON.parse(r.out);
      const used = json.problems.find((p: { code: string }) => p.code === "older-copy-used");
      expect(used.file).toMatch(/甲_材料_李四\.xlsx$/);
      expect(used.reason).toContain("已改用较早的");
      expect(json.problems.find((p: { code: string }) => p.code === "incomplete").file).toMatch(/修改\.xlsx$/);
      expect(json.applicants[0].material.experts).toEqual(["李四"]);
      expect(json.applicants[0].material.score).toBe(600);
      expect(snapshot(dir)).toEqual(before);
    });

    it("equal save times are not newer: differing copies count none, identical copies (copied twice) count once", async () => {
      const dir = folder("equal-times", [
        "乙_材料_钱七_一",
        "乙_材料_钱七_二",
        ["甲_材料_张三", "张三"],
        ["甲_材料_张三", "张三 - 副本"],
      ]);
      await savedAt(path.join(dir, "乙_材料_钱七_一.xlsx"), "2026-06-02T09:00:00Z");
      await savedAt(path.join(dir, "乙_材料_钱七_二.xlsx"), "2026-06-02T09:00:00Z");
      // The same file time too (a later file time would decide: src/core/copies.ts).
      const t = new Date("2026-06-02T10:00:00Z");
      for (const f of ["乙_材料_钱七_一.xlsx", "乙_材料_钱七_二.xlsx", "张三.xlsx", "张三 - 副本.xlsx"])
        fs.utimesSync(path.join(dir, f), t, t);
      const before = snapshot(dir);
      const r = await cli(["aggregate", dir, "-o", path.join(root, "equal.xlsx"), "--json"]);
      expect(r.code).toBe(1);
      const json = JSON.parse(r.out);
      const undecided = json.problems.filter((p: { code: string }) => p.code === "duplicate-undecided");
      expect(undecided).toHaveLength(2);
      expect(undecided[0].reason).toContain("保存时间相同");
      const yi = json.applicants.find((a: { applicant: string }) => a.applicant === "乙公司");
      expect(yi.material.experts).toEqual([]);
      const jia = json.applicants.find((a: { applicant: string }) => a.applicant === "甲公司");
      expect(jia.material.experts).toEqual(["张三"]);
      expect(json.problems.filter((p: { code: string }) => p.code === "duplicate-copy")).toHaveLength(1);
      expect(snapshot(dir)).toEqual(before);
    });
  });

  it("nothing skipped silently: a dangling link, a FIFO named .xlsx, an unknown roster bonus id, public satisfaction for an organisation, a comment cut at 32,000 characters", async () => {
    const dir = folder("skips", ["甲_材料_张三", "甲_现场_王五", "丁_材料_吴十"]);
    fs.symlinkSync(path.join(root, "gone.xlsx"), path.join(dir, "链接.xlsx"));
    execFileSync("mkfifo", [path.join(dir, "管道.xlsx")]);
    const roster = path.join(root, "skips-roster.csv");
    fs.writeFileSync(roster, "申报者,加分,公众满意度\n甲公司,lubna,18\n丁公司,否,\n");
    const before = snapshot(dir);
    const r = await cli(["aggregate", dir, "--roster", roster, "-o", path.join(root, "skips.xlsx"), "--json"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    const by = (code: string) => json.problems.filter((p: { code: string }) => p.code === code);
    expect(by("dangling-link").map((p: { file: string }) => path.basename(p.file))).toEqual(["链接.xlsx"]);
    expect(by("not-a-file").map((p: { file: string }) => path.basename(p.file))).toEqual(["管道.xlsx"]);
    expect(by("roster-bonus-unknown")[0].reason).toContain("lubna");
    expect(by("public-not-applicable")[0].applicant).toBe("甲公司");
    expect(by("comment-truncated")[0].reason).toContain("32500");
    // Given by name, a FIFO is refused unopened too (opening it would block).
    const fifo = await cli(["score", path.join(dir, "管道.xlsx")]);
    expect(fifo.code).toBe(1);
    expect(fifo.err).toContain("不是普通文件");
    expect(snapshot(dir)).toEqual(before);
  });

  it("untrusted text never reaches the terminal raw: ESC and CR from a workbook are shown escaped", async () => {
    const dir = folder("escape", ["戊_材料_郑一"]);
    // LibreOffice drops ESC from what it saves: the hostile copy is edited by hand afterwards, with the escapes Excel
    // itself writes for control characters (_x001B_, _x000D_).
    const file = path.join(dir, "戊_材料_郑一.xlsx");
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(strings).toContain("伪造");
    zip.file("xl/sharedStrings.xml", strings.replace("伪造", "伪造_x001B_").replace("材料", "材料_x000D_"));
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const before = snapshot(dir);
    const r = await cli(["aggregate", dir, "-o", path.join(root, "escape.xlsx")]);
    const s = await cli(["score", path.join(dir, "戊_材料_郑一.xlsx")]);
    const j = await cli(["score", path.join(dir, "戊_材料_郑一.xlsx"), "--json"]);
    for (const text of [r.out, r.err, s.out, s.err, j.out]) {
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u001b\r]/);
    }
    expect(s.out).toContain("伪造\\u001b[2J");
    expect(JSON.parse(j.out).vetoes.find((v: { flagged: boolean }) => v.flagged).note).toContain("\u001b[2J");
    expect(snapshot(dir)).toEqual(before);
  });

  it("formulas in input cells are a named problem, not their cached values", async () => {
    const dir = folder("formulas", ["己_材料_冯二"]);
    const file = path.join(dir, "己_材料_冯二.xlsx");
    const before = snapshot(dir);
    const s = await cli(["score", file, "--json"]);
    expect(s.code).toBe(1);
    const json = JSON.parse(s.out);
    const f = json.problems.filter((p: { code: string }) => p.code === "input-formula");
    expect(f.map((p: { cell: string }) => p.cell).sort()).toEqual(["否决!E5", "评分!G6"]);
    expect(json.items.find((i: { cell: string }) => i.cell === "评分!G6").status).toBe("missing");
    const a = await cli(["aggregate", dir, "-o", path.join(root, "formulas.xlsx"), "--json"]);
    expect(a.code).toBe(1);
    expect(JSON.parse(a.out).problems[0].code).toBe("input-formula");
    expect(snapshot(dir)).toEqual(before);
  });
});
