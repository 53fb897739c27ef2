// Benchmark of the built custom functions (run `npm run build` first; `npm run bench:functions` does both):
//  - the gzip size of dist/functions.js, the one file the functions load (budget 60 KB);
//  - the time of 10,000 QA.RANK calls over 1,000 scores (a column of finals ranked row by row), through the built
//    bundle, with the CustomFunctions global stubbed as in the tests.
// Prints a Markdown table; docs/benchmarks.md records what it printed.
import { existsSync, readFileSync } from "fs";
import os from "os";
import path from "path";
import { runInThisContext } from "vm";
import { constants, gzipSync } from "zlib";
import { exact } from "../src/core/exact";
import { rankAmong } from "../src/core/rules";

const DIST = path.join(__dirname, "..", "dist");
const FILE = path.join(DIST, "functions.js");
const BUDGET = 60 * 1024;

type Fn = (...args: unknown[]) => unknown;

function loadBundle(code: string): Map<string, Fn> {
  const registered = new Map<string, Fn>();
  class CFError extends Error {
    constructor(
      public readonly code: string,
      message?: string,
    ) {
      super(message);
    }
  }
  const CustomFunctions = {
    associate: (id: string, fn: Fn) => registered.set(id, fn),
    Error: CFError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  };
  // The bundle runs in this realm, as in Excel where the ranges it gets are arrays of its own page (a separate vm
  // context would make every cross-realm array access far slower than in Excel).
  (globalThis as Record<string, unknown>).CustomFunctions = CustomFunctions;
  runInThisContext(code, { filename: FILE });
  return registered;
}

/** Deterministic scores with two decimals (like panel means), some ties, 10 % excluded. */
function field(n: number) {
  let s = 12345;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const scores = Array.from({ length: n }, () => [
    Math.round((400 + next() * 500) * 4) / 4 + (next() < 0.2 ? 0.1 + 0.2 : 0),
  ]);
  const excluded = scores.map(() => [next() < 0.1]);
  return { scores, excluded };
}

function time(calls: number, f: (i: number) => unknown): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) f(i);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function main(): number {
  if (!existsSync(FILE)) {
    console.error("dist/functions.js is missing: run `npm run build` first");
    return 1;
  }
  const code = readFileSync(FILE, "utf8");
  const raw = Buffer.byteLength(code);
  const gz = gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length;
  const gzDefault = gzipSync(code).length;

  const fns = loadBundle(code);
  const rank = fns.get("RANK");
  if (!rank) throw new Error("QA.RANK is not registered by dist/functions.js");
  const { scores, excluded } = field(1000);
  const CALLS = 10_000;
  time(2000, (i) => rank(scores[i % 1000][0], scores, excluded)); // warm-up
  const withFlags = time(CALLS, (i) => rank(scores[i % 1000][0], scores, excluded));
  const withoutFlags = time(CALLS, (i) => rank(scores[i % 1000][0], scores, null));
  // Reference: the same rule with a fraction built for every score (what QA.RANK avoids with scaledKey).
  const REF = 300;
  const flat = scores.map((r) => r[0]);
  const reference = time(REF, (i) =>
    rankAmong(
      exact(flat[i % 1000]),
      flat.map((x) => exact(x)),
    ),
  );

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `# Custom functions benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"})`,
  );
  console.log("");
  console.log("| measure | value |");
  console.log("|---|---|");
  console.log(`| dist/functions.js (minified) | ${kb(raw)} |`);
  console.log(`| gzip -9 | ${kb(gz)} (budget ${kb(BUDGET)}: ${gz <= BUDGET ? "ok" : "OVER"}) |`);
  console.log(`| gzip -6 (default) | ${kb(gzDefault)} |`);
  // A bundle that loads chunks carries webpack's chunk-loading runtime (the "webpackChunk…" global).
  console.log(
    `| other chunks loaded by the functions | ${code.includes("webpackChunk") ? "some (chunk loading present)" : "none (self-contained)"} |`,
  );
  console.log(
    `| ${CALLS.toLocaleString("en")} × QA.RANK over 1,000 scores, with an excluded range | ${withFlags.toFixed(0)} ms (${((withFlags * 1000) / CALLS).toFixed(1)} µs a call) |`,
  );
  console.log(
    `| ${CALLS.toLocaleString("en")} × QA.RANK over 1,000 scores, no excluded range | ${withoutFlags.toFixed(0)} ms (${((withoutFlags * 1000) / CALLS).toFixed(1)} µs a call) |`,
  );
  console.log(
    `| reference: the same ranking with exact fractions for every score (${REF} calls) | ${((reference * 1000) / REF).toFixed(0)} µs a call |`,
  );
  return gz <= BUDGET ? 0 : 1;
}

process.exitCode = main();
