// The one door out under hostile conditions (issue 20), data driven: every writer of the command line (a scoring
// workbook, the summary, a consensus workbook, the reports, the round's template, draw and workbooks) against every
// class of target a secretariat meets — a missing folder, a symbolic link or a hard link of an input, an input reached
// through a symlinked folder, a target that exists, a file where a folder goes, a full disk (a small tmpfs), a
// read-only disk (a read-only tmpfs), two runs into one folder at once. Cases are data (CASES × WRITERS); one runner
// checks what a user would notice: the exit code, a Chinese message naming the folder and the cause and no stack
// trace, every input byte-identical, nothing half-written and no temporary file left, and a rerun that works once
// the disk has room. Mounting needs root (CI runs as root); elsewhere those cases skip, but never under CI=true.
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { main, type Io } from "../../src/cli/main";
import { abandonOutputs, writeOutputs } from "../../src/output";
import { bundle, generate, load, save, tmpDir } from "../helpers/workbooks";
import { filled } from "../consensus/fixtures";
import { writeAwardBook } from "../../src/award/workbook";
import { cityBook } from "../award/city";

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = await main(["node", "scorebook", ...args], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

/** Every file under a folder (relative paths), symbolic links not followed. */
function listing(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => !fs.lstatSync(path.join(dir, f)).isDirectory())
    .sort();
}

const ORG = "hebei-organization";
// Two applicants whose names clean to one file name (河北甲/乙联合体 → 河北甲_乙联合体).
const APPLICANTS = ["河北甲/乙联合体", "河北甲_乙联合体"];
const EXPERTS = ["张三", "李四", "王五"];

let root: string;
let returned: string; // 回收/: the experts' filled workbooks
let onsite: string[]; // one applicant's on-site panel (for consensus)
let summary: string;
let roundFile: string;
let awardBook: string; // an award definition workbook (评价标准定义表), for award import
let canMount = false;
const mounts: string[] = [];

interface Writer {
  name: string;
  /** "file": the target is one file; "folder": the target is a folder the writer fills. */
  kind: "file" | "folder";
  args: (target: string, force: boolean) => string[];
  /** Files the writer reads (never to be written over); empty when it reads none. */
  inputs: () => string[];
  /** The target's file name, for file writers. */
  fileName: string;
  /** The writer's --force, if it has one. */
  force: boolean;
  /** Whether it reads input files (the alias cases apply). */
  reads: boolean;
  /** The exit code of a run that wrote its output (aggregate: 1, the two look-alike names are a named problem). */
  ok?: number;
  /** Cases that do not apply to this writer (by the start of their name), and why. */
  skips?: { cases: string[]; why: string };
}

const WRITERS: Writer[] = [
  {
    name: "generate",
    reads: false,
    kind: "file",
    fileName: "评分表.xlsx",
    force: true,
    args: (t, f) => [
      "generate",
      ORG,
      "--applicant",
      "丁公司",
      "--expert",
      "赵六",
      "--stage",
      "material",
      "-o",
      t,
      ...(f ? ["--force"] : []),
    ],
    inputs: () => [],
  },
  {
    name: "aggregate",
    ok: 1,
    reads: true,
    kind: "file",
    fileName: "汇总表.xlsx",
    force: true,
    args: (t, f) => ["aggregate", returned, "-o", t, ...(f ? ["--force"] : [])],
    inputs: () => listing(returned).map((f) => path.join(returned, f)),
  },
  {
    name: "consensus",
    reads: true,
    kind: "file",
    fileName: "合议表.xlsx",
    force: true,
    args: (t, f) => ["consensus", ...onsite, "-o", t, ...(f ? ["--force"] : [])],
    inputs: () => onsite,
  },
  {
    name: "report",
    reads: true,
    kind: "folder",
    fileName: "",
    force: true,
    args: (t, f) => ["report", summary, "-o", t, ...(f ? ["--force"] : [])],
    inputs: () => [summary],
  },
  {
    name: "round template",
    reads: false,
    kind: "file",
    fileName: "评审安排.xlsx",
    force: true,
    args: (t, f) => ["round", "template", "-o", t, ...(f ? ["--force"] : [])],
    inputs: () => [],
  },
  {
    name: "round draw -o",
    // -o naming the round workbook itself (by any link) writes the draw back in place, as without -o: no alias case.
    reads: false,
    kind: "file",
    fileName: "评审安排-抽取.xlsx",
    force: true,
    args: (t, f) => ["round", "draw", roundFile, "--seed", "7", "-o", t, ...(f ? ["--force"] : [])],
    inputs: () => [roundFile],
  },
  {
    name: "award template",
    reads: false,
    kind: "file",
    fileName: "评价标准.xlsx",
    force: true,
    args: (t, f) => ["award", "template", "-o", t, ...(f ? ["--force"] : [])],
    inputs: () => [],
  },
  {
    name: "award import",
    // The awards folder (--dir) receives <award id>/award.json and a file per rubric.
    reads: true,
    kind: "folder",
    fileName: "",
    force: true,
    args: (t, f) => ["award", "import", awardBook, "--dir", t, ...(f ? ["--force"] : [])],
    inputs: () => [awardBook],
    skips: {
      cases: ["a target that exists", "two runs into one folder"],
      why: "an award already stored is compared, not refused: the same award is left alone, another needs --force (test/award/folder.test.ts); two imports of one award write the same bytes",
    },
  },
  {
    name: "round generate",
    reads: true,
    kind: "folder",
    fileName: "",
    force: false,
    args: (t) => ["round", "generate", roundFile, "-o", t],
    inputs: () => [roundFile],
  },
];

/** What a successful run into a fresh folder writes, per writer (relative paths), and its size in bytes. */
const reference = new Map<string, { files: string[]; bytes: number }>();

/** The path a writer writes to inside `dir`: the file itself, or the folder. */
const targetIn = (w: Writer, dir: string) => (w.kind === "file" ? path.join(dir, w.fileName) : path.join(dir, "out"));

function mountTmpfs(dir: string, options: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir]);
  mounts.push(dir);
}

/** A refusal as a user sees it: exit 2, Chinese, the cause, no stack trace. */
function expectRefused(r: { code: number; err: string; out: string }, ...words: string[]) {
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/\p{Script=Han}/u);
  for (const w of words) expect(r.err).toContain(w);
  expect(r.err + r.out).not.toMatch(/\n\s+at |Error:|EEXIST|ENOSPC|EROFS/);
}

interface Case {
  name: string;
  /** Only for writers that read inputs / write one file / have --force. */
  needs?: ("inputs" | "file" | "folder" | "force" | "mount")[];
  run: (w: Writer, dir: string) => Promise<void>;
}

const CASES: Case[] = [
  {
    name: "a missing output folder is created, and the output is complete",
    run: async (w, dir) => {
      const r = await cli(w.args(targetIn(w, path.join(dir, "新建", "子文件夹")), false));
      expect(r.code).toBe(w.ok ?? 0);
      const out = path.join(dir, "新建", "子文件夹");
      const ref = reference.get(w.name)!;
      expect(listing(w.kind === "file" ? out : path.join(out, "out"))).toEqual(ref.files);
    },
  },
  {
    name: "a symbolic link to an input as the target is refused, even with --force; the input is unchanged",
    needs: ["inputs", "file"],
    run: async (w, dir) => {
      const input = w.inputs()[0];
      const before = sha(input);
      const target = path.join(dir, w.fileName);
      fs.symlinkSync(input, target);
      expectRefused(await cli(w.args(target, w.force)), "就是输入文件");
      expect(sha(input)).toBe(before);
      expect(listing(dir)).toEqual([w.fileName]);
    },
  },
  {
    name: "an input reached through a symlinked folder is refused, even with --force",
    needs: ["inputs", "file"],
    run: async (w, dir) => {
      const input = w.inputs()[0];
      const before = sha(input);
      const alias = path.join(dir, "别名");
      fs.symlinkSync(path.dirname(input), alias);
      expectRefused(await cli(w.args(path.join(alias, path.basename(input)), w.force)), "就是输入文件");
      expect(sha(input)).toBe(before);
    },
  },
  {
    name: "a hard link of an input is refused, even with --force",
    needs: ["inputs", "file"],
    run: async (w, dir) => {
      const input = w.inputs()[0];
      const before = sha(input);
      const target = path.join(dir, w.fileName);
      fs.linkSync(input, target);
      expectRefused(await cli(w.args(target, w.force)), "就是输入文件");
      expect(sha(input)).toBe(before);
    },
  },
  {
    name: "a target that exists is refused before the first byte: nothing else is written",
    run: async (w, dir) => {
      const target = targetIn(w, dir);
      const ref = reference.get(w.name)!;
      // The last file the writer would write: a writer that checked as it went would have written the others.
      const taken = w.kind === "file" ? target : path.join(target, ref.files[ref.files.length - 1]);
      fs.mkdirSync(path.dirname(taken), { recursive: true });
      fs.writeFileSync(taken, "已有的文件");
      expectRefused(await cli(w.args(target, false)), "已存在", "未写入任何文件");
      expect(fs.readFileSync(taken, "utf8")).toBe("已有的文件");
      expect(listing(dir)).toEqual([path.relative(dir, taken)]);
    },
  },
  {
    name: "a file where an output folder goes is refused, naming the folder; nothing is written",
    needs: ["folder"],
    run: async (w, dir) => {
      const target = targetIn(w, dir);
      const ref = reference.get(w.name)!;
      const nested = ref.files.find((f) => f.includes(path.sep));
      // Without subfolders of its own, the output folder itself is taken by a file.
      const blocker = nested ? path.join(target, nested.split(path.sep)[0]) : target;
      fs.mkdirSync(path.dirname(blocker), { recursive: true });
      fs.writeFileSync(blocker, "专家的文件");
      const r = await cli(w.args(target, false));
      expectRefused(r, "不是文件夹");
      expect(r.err).toContain(nested ? path.join(target, nested.split(path.sep)[0]) : target);
      expect(listing(dir)).toEqual([path.relative(dir, blocker)]);
    },
  },
  {
    name: "a full disk: refused with the folder and the cause, nothing left behind, and a rerun works once there is room",
    needs: ["mount"],
    run: async (w, dir) => {
      const ref = reference.get(w.name)!;
      const disk = path.join(dir, "disk");
      // Room for about half of the output: the disk fills while the writer is writing. A small output (a few pages)
      // gets a disk filled by a file of ours first, leaving one page.
      const size = Math.max(8192, Math.floor(ref.bytes / 2 / 4096) * 4096);
      const small = ref.files.length > 1 && ref.bytes / 2 < 8192;
      mountTmpfs(disk, `size=${small ? 65536 : size}`);
      const filler = path.join(disk, "已占用");
      if (small) fs.writeFileSync(filler, Buffer.alloc(65536 - 4096));
      const target = targetIn(w, disk);
      const r = await cli(w.args(target, false));
      expectRefused(r, "磁盘空间不足", w.kind === "file" ? disk : target);
      fs.rmSync(filler, { force: true });
      expect(listing(disk)).toEqual([]);
      execFileSync("mount", ["-o", "remount,size=64m", disk]);
      expect((await cli(w.args(target, false))).code).toBe(w.ok ?? 0);
      expect(listing(w.kind === "file" ? disk : target)).toEqual(ref.files);
    },
  },
  {
    name: "a read-only disk: refused with the folder and the cause before anything is written",
    needs: ["mount"],
    run: async (w, dir) => {
      const disk = path.join(dir, "ro");
      mountTmpfs(disk, "ro,size=1m");
      const r = await cli(w.args(targetIn(w, disk), false));
      expectRefused(r, "只读");
      expect(listing(disk)).toEqual([]);
    },
  },
  {
    name: "two runs into one folder at once: exactly one writes, the other is refused, no mixture and no temporary file",
    run: async (w, dir) => {
      const target = targetIn(w, dir);
      const [a, b] = await Promise.all([cli(w.args(target, false)), cli(w.args(target, false))]);
      expect([a.code, b.code].sort()).toEqual([w.ok ?? 0, 2]);
      expectRefused(a.code === 2 ? a : b, "已存在");
      const ref = reference.get(w.name)!;
      expect(listing(w.kind === "file" ? dir : target)).toEqual(ref.files);
    },
  },
];

/** Fills the round template as a secretariat would: two applicants, a pool of seven, material panels of three. */
async function fillRound(file: string) {
  const wb = await load(fs.readFileSync(file));
  const a = wb.getWorksheet("申报者")!;
  ["甲有限公司", "乙有限公司"].forEach((name, i) => {
    a.getCell(`A${i + 2}`).value = name;
    a.getCell(`B${i + 2}`).value = ORG;
    a.getCell(`D${i + 2}`).value = ["石家庄", "保定"][i];
  });
  const e = wb.getWorksheet("专家库")!;
  for (let i = 0; i < 7; i++) {
    e.getCell(`A${i + 2}`).value = `专家${"一二三四五六七"[i]}`;
    e.getCell(`B${i + 2}`).value = `大学${i}`;
    e.getCell(`C${i + 2}`).value = ["邯郸", "廊坊"][i % 2];
  }
  const set: [string, string | number][] = [
    ["抽取阶段", "材料评审"],
    ["材料评审每组人数", 3],
    ["每位专家最多评审数", 4],
    ["批次编号", "HB-W"],
  ];
  wb.getWorksheet("参数")!.eachRow((row) => {
    const hit = set.find(([k]) => k === row.getCell(1).value);
    if (hit) row.getCell(2).value = hit[1];
  });
  fs.writeFileSync(file, await save(wb));
}

beforeAll(async () => {
  root = tmpDir("scorebook-writers-");
  returned = path.join(root, "回收");
  fs.mkdirSync(returned);
  const b = bundle(ORG);
  onsite = [];
  let n = 0;
  for (const applicant of APPLICANTS)
    for (const stage of ["material", "onsite"] as const)
      for (const expert of EXPERTS) {
        const { buffer } = await generate(ORG, { applicant, expert, stage }, filled(b, 0.6, expert));
        const file = path.join(returned, `${++n}_${stage}_${expert}.xlsx`);
        fs.writeFileSync(file, buffer);
        if (applicant === APPLICANTS[0] && stage === "onsite") onsite.push(file);
      }
  summary = path.join(root, "汇总表.xlsx");
  expect((await cli(["aggregate", returned, "-o", summary])).code).toBe(1);
  roundFile = path.join(root, "评审安排.xlsx");
  expect((await cli(["round", "template", "-o", roundFile])).code).toBe(0);
  await fillRound(roundFile);
  expect((await cli(["round", "draw", roundFile, "--seed", "3"])).code).toBe(0);
  awardBook = path.join(root, "梅江评价标准.xlsx");
  fs.writeFileSync(awardBook, await writeAwardBook(cityBook()));
  for (const w of WRITERS) {
    const dir = fs.mkdtempSync(path.join(root, "ref-"));
    const r = await cli(w.args(targetIn(w, dir), false));
    expect(r).toMatchObject({ code: w.ok ?? 0 });
    const base = w.kind === "file" ? dir : path.join(dir, "out");
    const files = listing(base);
    reference.set(w.name, { files, bytes: files.reduce((s, f) => s + fs.statSync(path.join(base, f)).size, 0) });
  }
  if (process.getuid?.() === 0) {
    const probe = path.join(root, "probe");
    try {
      mountTmpfs(probe, "size=64k");
      canMount = true;
    } catch {
      canMount = false;
    }
  }
  if (!canMount && process.env.CI === "true") throw new Error("CI runs as root and must be able to mount a tmpfs");
}, 180_000);

afterAll(() => {
  for (const m of mounts.reverse()) {
    try {
      execFileSync("umount", [m]);
    } catch {
      // already unmounted
    }
  }
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("the one door out: every writer × every hostile target", () => {
  const matrix = WRITERS.flatMap((w) =>
    CASES.filter(
      (c) =>
        !(c.needs ?? []).some(
          (n) =>
            (n === "inputs" && !w.reads) ||
            (n === "file" && w.kind !== "file") ||
            (n === "folder" && w.kind !== "folder") ||
            (n === "force" && !w.force),
        ),
    )
      .filter((c) => !w.skips?.cases.some((k) => c.name.startsWith(k)))
      .map((c) => [w.name, c.name, w, c] as const),
  );
  it.each(matrix)(
    "%s: %s",
    async (_w, _c, w, c) => {
      if ((c.needs ?? []).includes("mount") && !canMount) return;
      const dir = fs.mkdtempSync(path.join(root, "case-"));
      await c.run(w, dir);
      // No writer leaves a temporary file anywhere it wrote.
      expect(listing(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    },
    300_000, // a safety net: the report cases render charts, slow when a second test run shares the machine
  );
});

describe("outputs that would share a name", () => {
  it("two applicants whose names clean alike get two reports each, and the listing says which is which", async () => {
    const dir = path.join(root, "同名报告");
    const r = await cli(["report", summary, "-o", dir]);
    expect(r.code).toBe(0);
    const files = listing(dir);
    expect(files).toHaveLength(4);
    expect(r.out).toContain("已生成 4 份评审报告");
    expect(files).toEqual(
      expect.arrayContaining([
        "河北甲_乙联合体_材料评审报告.docx",
        "河北甲_乙联合体_材料评审报告 (2).docx",
        "河北甲_乙联合体_现场评审报告.docx",
        "河北甲_乙联合体_现场评审报告 (2).docx",
      ]),
    );
    expect(r.out).toMatch(/材料评审报告 \(2\)\.docx（河北甲.乙联合体·材料评审报告/);
  }, 300_000);
});

describe("report refuses what it cannot report from, writing nothing", () => {
  it("a summary holding an error value (#NAME?) is refused, naming the sheet and cell", async () => {
    const wb = await load(fs.readFileSync(summary));
    wb.getWorksheet("报告数据")!.getCell("F2").value = { error: "#NAME?" };
    const broken = path.join(root, "错误值汇总表.xlsx");
    fs.writeFileSync(broken, await save(wb));
    const dir = path.join(root, "错误值报告");
    const r = await cli(["report", broken, "-o", dir]);
    expectRefused(r, "报告数据!F2（#NAME?）", "重新计算");
    expect(fs.existsSync(dir)).toBe(false);
  }, 300_000);

  it("a round workbook given to report is named as what it is", async () => {
    const dir = path.join(root, "安排报告");
    const r = await cli(["report", roundFile, "-o", dir]);
    expectRefused(r, "这是评审安排");
    expect(fs.existsSync(dir)).toBe(false);
  }, 300_000);
});

describe("an interrupt while writing (Ctrl+C)", () => {
  it("takes back everything written so far: temporary files and created folders (abandonOutputs, run on SIGINT)", async () => {
    const dir = path.join(root, "中断", "子文件夹");
    const targets = [1, 2, 3].map((i) => path.join(dir, `${i}.docx`));
    const listeners = process.listenerCount("SIGINT");
    let seen: string[] | null = null;
    let hooked = 0;
    await expect(
      writeOutputs(targets, (i) => {
        if (i === 2) {
          hooked = process.listenerCount("SIGINT") - listeners;
          abandonOutputs();
          seen = listing(path.join(root, "中断"));
          seen.push(...(fs.existsSync(path.join(root, "中断")) ? ["中断/"] : []));
        }
        return new Uint8Array(1000);
      }),
    ).rejects.toThrow();
    expect(hooked).toBe(1);
    expect(seen).toEqual([]);
    expect(process.listenerCount("SIGINT")).toBe(listeners);
    expect(fs.existsSync(path.join(root, "中断"))).toBe(false);
  });
});
