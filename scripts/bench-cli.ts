// Benchmark of the command line's start-up (not a test): `scorebook rubrics` (the built command line,
// bin/scorebook.js → build/cli/main.js) against a bare `node -e 0`, each in a fresh process, alternating, so that
// both see the same machine load. Prints a Markdown table; docs/benchmarks.md records what it printed.
//
//   npm run bench:cli        # = node scripts/build-cli.cjs && tsx scripts/bench-cli.ts [--runs 21]
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 21;

function time(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare: number[] = [];
const rubrics: number[] = [];
const help: number[] = [];
const bin = path.join(ROOT, "bin", "scorebook.js");
for (let i = 0; i < runs; i++) {
  bare.push(time(["-e", "0"]));
  rubrics.push(time([bin, "rubrics"]));
  help.push(time([bin, "--help"]));
}
const b = median(bare);
const row = (name: string, xs: number[]) =>
  `| ${name} | ${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}) | ${(median(xs) / b).toFixed(1)} × |`;
console.log(
  [
    `${runs} runs each, alternating, Node ${process.version}`,
    "",
    "| command | wall time, median (min–max) | vs. `node -e 0` |",
    "|---|---|---|",
    row("`node -e 0`", bare),
    row("`scorebook rubrics`", rubrics),
    row("`scorebook --help`", help),
  ].join("\n"),
);
