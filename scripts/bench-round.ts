// Benchmark of the review round (not a test): a round of 100 applicants × 2 stages × 5 experts drawn from a pool of
// 200 (every conflict rule on, a load limit, declared conflicts, mixed places and employers), then every workbook of
// the round generated (1,000 .xlsx files, a folder and a .zip per expert). Prints a Markdown table;
// docs/benchmarks.md records what it printed.
//
//   npx tsx scripts/bench-round.ts [--applicants 100] [--pool 200] [--size 5] [--runs 3]
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { draw, library, ROUND_DEFAULTS, type RoundInput } from "../src/core";
import { generateRound } from "../src/round/files";

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "out", "bench-round");

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function input(applicants: number, pool: number, size: number, seed: string): RoundInput {
  const places = ["石家庄", "保定", "唐山", "邯郸", "廊坊", "沧州", "邢台", "衡水", "张家口", "承德", "秦皇岛"];
  return {
    applicants: Array.from({ length: applicants }, (_, i) => ({
      name: `申报单位${String(i + 1).padStart(3, "0")}有限公司`,
      rubricId: "hebei-organization",
      place: places[i % places.length],
      employer: `集团${i % 17}`,
      at: { sheet: "申报者", row: i + 2 },
    })),
    experts: Array.from({ length: pool }, (_, i) => ({
      name: `专家${String(i + 1).padStart(3, "0")}`,
      employer: i % 9 === 0 ? `集团${i % 17}` : `大学${i % 23}`,
      place: places[(i * 7) % places.length],
      specialties: [],
      stages: [],
      at: { sheet: "专家库", row: i + 2 },
    })),
    conflicts: Array.from({ length: applicants }, (_, i) => ({
      expert: `专家${String(((i * 13) % pool) + 1).padStart(3, "0")}`,
      applicant: `申报单位${String(i + 1).padStart(3, "0")}有限公司`,
      reason: "声明",
      at: { sheet: "回避", row: i + 2 },
    })),
    params: {
      ...ROUND_DEFAULTS,
      panelSize: { material: size, onsite: size },
      maxLoad: Math.ceil((applicants * 2 * size) / pool) + 2,
      roundId: "BENCH",
      seed,
    },
  };
}

async function main() {
  const applicants = arg("applicants", 100);
  const pool = arg("pool", 200);
  const size = arg("size", 5);
  const runs = arg("runs", 3);
  const lib = library();
  const draws: number[] = [];
  let result = null as ReturnType<typeof draw> | null;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = draw(input(applicants, pool, size, String(r + 1)), lib);
    draws.push(performance.now() - t0);
    if (!result.ok) throw new Error(result.problems.map((p) => p.zh).join("\n"));
  }
  if (!result?.ok) throw new Error("no draw");
  const gens: number[] = [];
  let files = 0;
  for (let r = 0; r < (process.argv.includes("--draw-only") ? 0 : Math.min(runs, 2)); r++) {
    const dir = path.join(OUT, `run${r}`);
    fs.rmSync(dir, { recursive: true, force: true });
    const t0 = performance.now();
    const o = await generateRound(result.assignments, "BENCH", dir, { lib });
    gens.push(performance.now() - t0);
    files = o.workbooks;
  }
  if (!gens.length) {
    console.log(`draw: ${draws.map((d) => `${d.toFixed(0)} ms`).join(", ")}`);
    return;
  }
  const bytes = fs
    .readdirSync(path.join(OUT, "run0"), { recursive: true, encoding: "utf8" })
    .map((f) => fs.statSync(path.join(OUT, "run0", f)))
    .filter((s) => s.isFile())
    .reduce((n, s) => n + s.size, 0);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `Round: ${applicants} applicants × 2 stages × ${size} experts, pool ${pool}, ${result.assignments.length} workbooks`,
  );
  console.log("");
  console.log("| measure | " + draws.map((_, i) => `run ${i + 1}`).join(" | ") + " |");
  console.log("|---|" + draws.map(() => "---").join("|") + "|");
  console.log(
    `| draw (\`draw()\`, ${result.audit.length} panels) | ${draws.map((d) => `${d.toFixed(0)} ms`).join(" | ")} |`,
  );
  console.log(
    `| generate (${files} workbooks + zips, ${(bytes / 1048576).toFixed(0)} MB) | ${gens.map(s).join(" | ")}${gens.length < draws.length ? " | —".repeat(draws.length - gens.length) : ""} |`,
  );
  console.log("");
  console.log(
    `generate: ${(files / (Math.max(...gens) / 1000)).toFixed(0)}–${(files / (Math.min(...gens) / 1000)).toFixed(0)} workbooks / s; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
}

void main();
