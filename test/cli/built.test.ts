// The command line as installed: built to JavaScript (scripts/build-cli.cjs → build/cli/), run by bin/scorebook.js
// in a separate process from another folder, without tsx. Its output is the sources' output; its reader threads
// start from any folder; commander's own messages are Chinese with English; the validators compiled at build time
// report the same errors as ajv at run time.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { checkRubric } from "../../src/core/rubric/check";
import { sampleFiles, writeSample, type SampleSpec } from "../../scripts/sample-workbooks";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "scorebook.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildCli = require("../../scripts/build-cli.cjs") as {
  buildCli: () => Promise<string>;
  options: () => Record<string, unknown>;
};

/** Runs the installed command in `cwd` with no tsx reachable: NODE_PATH cleared, a plain node. */
function scorebook(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "", NODE_PATH: "" },
    maxBuffer: 32 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function inProcess(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "scorebook", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

let elsewhere: string;

beforeAll(async () => {
  await buildCli.buildCli();
  elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "scorebook-elsewhere-"));
}, 60000);

describe("the built command line", () => {
  it("runs from another folder and prints what the sources print", async () => {
    const built = scorebook(elsewhere, "rubrics", "--json");
    expect(built.code).toBe(0);
    const src = await inProcess("rubrics", "--json");
    expect(JSON.parse(built.out)).toEqual(JSON.parse(src.out));
    const rubric = scorebook(elsewhere, "rubric", "hebei-individual-senior", "--json");
    expect(JSON.parse(rubric.out)).toEqual(
      JSON.parse((await inProcess("rubric", "hebei-individual-senior", "--json")).out),
    );
  });

  it("loads no TypeScript: the bundle requires neither tsx nor a .ts file", () => {
    for (const f of ["main.js", "worker-main.js"]) {
      const js = fs.readFileSync(path.join(ROOT, "build", "cli", f), "utf8");
      expect(js).not.toMatch(/require\("tsx/);
      expect(js).not.toMatch(/require\([^)]*\.ts"\)/);
    }
  });

  it("aggregates with reader threads (--workers 2) when run from another folder", async () => {
    const spec: SampleSpec = {
      createdAt: "2026-05-20T09:00:00.000Z",
      seed: 3,
      groups: [
        {
          rubric: "hebei-organization",
          experts: { material: ["材料甲", "材料乙", "材料丙"], onsite: ["现场甲", "现场乙", "现场丙"] },
          applicants: [
            { name: "甲公司", level: 70 },
            { name: "乙公司", level: 55 },
          ],
        },
      ],
    };
    const dir = path.join(elsewhere, "returned");
    for (const f of sampleFiles(spec)) await writeSample(spec, f, dir);
    const threads = scorebook(elsewhere, "aggregate", "returned", "--workers", "2", "--json", "-o", "a.xlsx");
    expect(threads.err).not.toMatch(/Cannot find module/);
    expect(threads.code).toBe(0);
    const main = scorebook(elsewhere, "aggregate", "returned", "--workers", "0", "--json", "-o", "b.xlsx");
    expect(main.code).toBe(0);
    const a = JSON.parse(threads.out) as { applicants: { applicant: string; final: number; rank: number }[] };
    expect(a.applicants.map((x) => x.applicant).sort()).toEqual(["乙公司", "甲公司"]);
    expect(a).toEqual(JSON.parse(main.out));
    expect(fs.existsSync(path.join(elsewhere, "a.xlsx"))).toBe(true);
  }, 120000);

  it("gives commander's own errors and help in Chinese with English, exit code 2", () => {
    const missing = scorebook(elsewhere, "rubric");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("错误：缺少必需的参数 id");
    expect(missing.err).toContain("missing required argument 'id'");
    const unknown = scorebook(elsewhere, "rubrc");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("不认识的命令 rubrc，是否要用 rubric？");
    const option = scorebook(elsewhere, "rubrics", "--jsn");
    expect(option.err).toContain("不认识的选项 --jsn");
    expect(option.err).toContain("unknown option '--jsn'");
    const help = scorebook(elsewhere, "--help");
    expect(help.code).toBe(0);
    for (const s of ["用法 (Usage):", "选项 (Options):", "命令 (Commands):", "显示帮助 (display help)"])
      expect(help.out).toContain(s);
    expect(scorebook(elsewhere, "help", "score").out).toContain("参数 (Arguments):");
  });

  it("checks rubric data with validators compiled at build time that report what ajv reports", async () => {
    const esbuild = await import("esbuild");
    const outfile = path.join(ROOT, "build", "test", "check.js"); // inside the checkout: node_modules resolve
    const o = buildCli.options();
    await esbuild.build({
      ...o,
      entryPoints: [path.join(ROOT, "src", "core", "rubric", "check.ts")],
      outdir: undefined,
      outfile,
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(outfile) as { checkRubric: typeof checkRubric };
    const good = JSON.parse(fs.readFileSync(path.join(ROOT, "rubrics", "hebei-individual-senior.json"), "utf8"));
    expect(built.checkRubric(good, "a.json")).toEqual([]);
    const bad = {
      ...good,
      totalPoints: "80",
      extra: 1,
      items: [{ ...good.items[0], kind: "other" }, ...good.items.slice(1)],
    };
    delete (bad as { categories?: unknown }).categories;
    const errors = built.checkRubric(bad, "bad.json");
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual(checkRubric(bad, "bad.json"));
    expect(fs.readFileSync(outfile, "utf8")).not.toMatch(/require\("ajv"\)/);
  });
  it("prints a --json larger than a pipe holds in full, as a script or jq reading it needs", async () => {
    // A folder as a secretariat's often is: one scoring workbook among many other files, each a named problem.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorebook-pipe-"));
    const gen = await inProcess(
      "generate",
      "hebei-organization",
      "--applicant",
      "甲公司",
      "--expert",
      "张三",
      "--stage",
      "material",
      "-o",
      path.join(dir, "甲公司_材料评审_张三.xlsx"),
    );
    expect(gen.code).toBe(0);
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(dir, `附件-申报材料说明-第${i}份.txt`), "x");
    // The reader is slow to start (as jq or a script often is), so the pipe fills up while scorebook is writing.
    const out = path.join(elsewhere, "pipe-summary.xlsx");
    const r = spawnSync(
      "sh",
      [
        "-c",
        `"${process.execPath}" "${BIN}" aggregate "${dir}" -o "${out}" --json | (sleep 1; cat); exit "\${PIPESTATUS:-0}"`,
      ],
      {
        cwd: elsewhere,
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "", NODE_PATH: "" },
        maxBuffer: 32 << 20,
      },
    );
    expect(r.stdout.length).toBeGreaterThan(64 * 1024); // more than a pipe's buffer
    const json = JSON.parse(r.stdout) as { problems: { code: string }[] };
    expect(json.problems.filter((p) => p.code === "skipped")).toHaveLength(400);
  });
});
