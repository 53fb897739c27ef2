// Benchmark of the secretariat's aggregation (not a test): 1,000 filled scoring workbooks (100 applicants × 5 experts
// × 2 stages, hebei-organization, 23 items each) generated with the real layout and writer, then aggregated
//   - by Scorebook: the lean zip reader (src/aggregate, reader threads on machines with 4+ cores), the engine, the
//     summary layout;
//   - the same with one reader thread (worker_threads) beside the main thread;
//   - the naive baseline: every file fully loaded with ExcelJS (src/xlsx/read.ts), then the same interpret() and engine;
//   - the whole command line, `scorebook aggregate <dir> -o summary.xlsx`, as a user runs it (summary written): the
//     built command line (bin/scorebook.js → build/cli/; `npm run bench:aggregate` builds it first).
// Each measure runs in a fresh Node process, so that its peak memory (maxRSS, reader threads included) is its own.
// Prints a Markdown table; docs/benchmarks.md records what it printed.
//
//   npm run bench:aggregate -- [--applicants 100] [--experts 5] [--runs 3]
//
// The workbooks are written once into out/bench/ (about a minute) and reused while the spec is unchanged.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { aggregateFiles, defaultWorkers } from "../src/aggregate/run";
import { collectInputs } from "../src/aggregate/files";
import { aggregateReports } from "../src/summary";
import { library } from "../src/core";
import { interpret, interpretCache, rubricFingerprint } from "../src/workbook";
import { readXlsx } from "../src/xlsx";
import { sampleFiles, writeSample, type SampleSpec } from "./sample-workbooks";

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "out", "bench");

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function spec(applicants: number, experts: number): SampleSpec {
  const names = (prefix: string) =>
    Array.from({ length: experts }, (_, i) => `${prefix}${String(i + 1).padStart(2, "0")}`);
  return {
    createdAt: "2026-05-20T09:00:00.000Z",
    seed: 7,
    groups: [
      {
        rubric: "hebei-organization",
        experts: { material: names("材料专家"), onsite: names("现场专家") },
        applicants: Array.from({ length: applicants }, (_, i) => ({
          name: `测试申报单位${String(i + 1).padStart(3, "0")}`,
          level: 50 + ((i * 37) % 45),
        })),
      },
    ],
  };
}

async function generate(s: SampleSpec, dir: string): Promise<number> {
  const stamp = path.join(dir, "spec.json");
  const files = sampleFiles(s);
  // The rubrics' fingerprints too: workbooks generated before a rubric or its rules changed are not counted any more
  // ("rubric-changed"), and would measure the reading of 1,000 refused files.
  const fingerprints = s.groups.map((g) => rubricFingerprint(library().get(g.rubric)!));
  const want = JSON.stringify({ spec: s, fingerprints });
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === want) return files.length;
  fs.rmSync(dir, { recursive: true, force: true });
  const t0 = Date.now();
  let n = 0;
  for (const f of files) {
    await writeSample(s, f, path.join(dir, "workbooks"));
    if (++n % 100 === 0) process.stderr.write(`  generated ${n}/${files.length}\n`);
  }
  fs.writeFileSync(stamp, want);
  process.stderr.write(`  generated ${files.length} workbooks in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return files.length;
}

interface Measure {
  ms: number;
  maxRssMb: number;
  used: number;
  problems: number;
}

/** One measure, in this (fresh) process: prints a JSON line. */
async function measure(kind: string, dir: string): Promise<void> {
  const t0 = performance.now();
  let used = 0;
  let problems = 0;
  if (kind === "scorebook" || kind === "one-thread") {
    const r = await aggregateFiles({ inputs: [dir], workers: kind === "one-thread" ? 1 : undefined });
    used = r.result.used.length;
    problems = r.result.problems.length;
  } else if (kind === "exceljs" || kind === "exceljs-cached") {
    // The naive way: what `scorebook score` does for one file, done for each (ExcelJS loads the whole workbook).
    const { files } = await collectInputs([dir]);
    const cache = kind === "exceljs-cached" ? interpretCache() : undefined;
    const reports = [];
    for (const f of files) reports.push(interpret(await readXlsx(fs.readFileSync(f), f), { cache }));
    const result = aggregateReports({ reports });
    used = result.used.length;
    problems = result.problems.length;
  }
  const ms = performance.now() - t0;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, maxRssMb, used, problems } satisfies Measure) + "\n");
}

function child(args: string[]): { ms: number; maxRssMb: number; used: number; problems: number; wallMs: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Date.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop() ?? "{}";
  try {
    return { ...(JSON.parse(line) as Measure), wallMs };
  } catch {
    return { ms: wallMs, maxRssMb: NaN, used: NaN, problems: NaN, wallMs };
  }
}

/**
 * The command line as a user runs it: wall time of the whole process (start-up, reading, summary written), and its
 * peak memory when GNU time is there to tell.
 */
function cli(
  dir: string,
  out: string,
): { wallMs: number; code: number | null; maxRssMb: number; timings: Record<string, number> | null } {
  const args = [path.join(ROOT, "bin", "scorebook.js"), "aggregate", dir, "-o", out, "--force", "--json"];
  const time = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
  // SCOREBOOK_TIMING=1: the command prints where its time went (src/cli/aggregate.ts).
  const env = { ...process.env, SCOREBOOK_TIMING: "1" };
  const t0 = Date.now();
  const r = time
    ? spawnSync(time, ["-f", "maxrss=%M", process.execPath, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env,
        maxBuffer: 64 * 1024 * 1024,
      })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  const kb = Number(/maxrss=(\d+)/.exec(r.stderr ?? "")?.[1] ?? NaN);
  const line = /SCOREBOOK_TIMING (\{.*\})/.exec(r.stderr ?? "")?.[1];
  return {
    wallMs: Date.now() - t0,
    code: r.status,
    maxRssMb: kb / 1024,
    timings: line ? (JSON.parse(line) as Record<string, number>) : null,
  };
}

/** The command line's own account of one run: each step's wall time, and the CPU time of the whole process. */
function breakdown(t: Record<string, number> | null): string {
  if (!t) return "—";
  const s = (k: string) => `${((t[k] ?? 0) / 1000).toFixed(2)}`;
  return (
    `start-up ${s("start-up")}, checks ${s("checks")}, read ${s("read")}, aggregate ${s("aggregate")}, ` +
    `layout ${s("layout")}, xlsx ${s("xlsx")}, file ${s("file")}, print ${s("print")} s; ` +
    `CPU ${s("cpu-user")} user + ${s("cpu-system")} system s`
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const i = process.argv.indexOf("--measure");
  if (i >= 0) return measure(process.argv[i + 1], process.argv[i + 2]);
  const applicants = arg("applicants", 100);
  const experts = arg("experts", 5);
  const runs = arg("runs", 3);
  const s = spec(applicants, experts);
  const dir = path.join(OUT, `${applicants}x${experts}`);
  const n = await generate(s, dir);
  const workbooks = path.join(dir, "workbooks");
  const self = path.relative(ROOT, __filename);
  // Rounds, each measuring every kind once (the baseline and the whole command line included), so that a change in
  // the machine's load (shared with other jobs) affects all of them alike; medians over the rounds.
  const kinds = ["scorebook", "one-thread", "exceljs", "exceljs-cached"];
  const rows = kinds.map((name) => ({ name, ms: [] as number[], rss: [] as number[], used: 0 }));
  const cliRuns: (ReturnType<typeof cli> & { load: string })[] = [];
  for (let k = 0; k < runs; k++) {
    for (const row of rows) {
      if (row.name === "exceljs-cached" && k > 0) continue; // for reference only: once
      const m = child([self, "--measure", row.name, workbooks]);
      row.ms.push(m.ms);
      row.rss.push(m.maxRssMb);
      row.used = m.used;
      process.stderr.write(`  ${row.name}: ${(m.ms / 1000).toFixed(2)} s, ${m.maxRssMb.toFixed(0)} MB\n`);
    }
    const load = os.loadavg()[0].toFixed(1);
    const c = { ...cli(workbooks, path.join(dir, "summary.xlsx")), load };
    cliRuns.push(c);
    const baseline = rows.find((r) => r.name === "exceljs")!.ms[k];
    process.stderr.write(
      `  cli: ${(c.wallMs / 1000).toFixed(2)} s (exit ${c.code}), ${(baseline / c.wallMs).toFixed(1)} × this round's baseline; ${breakdown(c.timings)}\n`,
    );
  }
  const base = median(rows.find((r) => r.name === "exceljs")!.ms);
  const threads = defaultWorkers();
  const label: Record<string, string> = {
    scorebook: `Scorebook: lean zip reader, interpret cache, engine, summary layout (default: ${threads ? `main thread + ${threads} reader threads` : "main thread only on this machine"})`,
    "one-thread": "Scorebook with one reader thread beside the main thread (--workers 1)",
    exceljs:
      "naive baseline: each file fully loaded with ExcelJS and interpreted as `scorebook score` does, then the engine",
    "exceljs-cached": "for reference: ExcelJS loading, with Scorebook's interpret cache",
  };
  const lines = [
    `${n} workbooks (${applicants} applicants × ${experts} experts × 2 stages, hebei-organization), ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}`,
    "",
    "| measure | time (median) | files / s | peak memory (maxRSS) | vs. baseline |",
    "|---|---|---|---|---|",
    ...rows.map((r) => {
      const t = median(r.ms);
      return `| ${label[r.name]} | ${(t / 1000).toFixed(2)} s (${r.ms.map((x) => (x / 1000).toFixed(2)).join(" / ")}) | ${Math.round((n / t) * 1000)} | ${Math.round(median(r.rss))} MB | ${(base / t).toFixed(1)} × |`;
    }),
    `| \`scorebook aggregate <dir> -o summary.xlsx --json\`, whole process (start-up, reading, summary written) | ${(median(cliRuns.map((c) => c.wallMs)) / 1000).toFixed(2)} s (${cliRuns
      .map((c) => (c.wallMs / 1000).toFixed(2))
      .join(" / ")}) | ${Math.round((n / median(cliRuns.map((c) => c.wallMs))) * 1000)} | ${
      Number.isFinite(median(cliRuns.map((c) => c.maxRssMb)))
        ? `${Math.round(median(cliRuns.map((c) => c.maxRssMb)))} MB`
        : "—"
    } | ${(base / median(cliRuns.map((c) => c.wallMs))).toFixed(1)} × |`,
    "",
    `Every run counted ${rows.map((r) => r.used).join(" / ")} of the ${n} workbooks into the panels (the on-site workbooks of applicants below the material line are named, not counted)${rows.some((r) => r.used < 0.9 * n) ? ` — FAR FEWER than ${n}: the workbooks may be stale, the figures do not measure the aggregation` : ""}.`,
    "",
    "The whole process, run by run (the ratio is to the baseline of the same round; the load average when it ran):",
    "",
    "| run | whole process | × baseline | where the time went (wall) and CPU |",
    "|---|---|---|---|",
    ...cliRuns.map((c, k) => {
      const baseline = rows.find((r) => r.name === "exceljs")!.ms[k];
      return `| ${k + 1} (load ${c.load}) | ${(c.wallMs / 1000).toFixed(2)} s | ${(baseline / c.wallMs).toFixed(1)} × | ${breakdown(c.timings)} |`;
    }),
  ];
  console.log(lines.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
