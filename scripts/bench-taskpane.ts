// Benchmark of the task pane's start-up code (run `npm run build` first; `npm run bench:taskpane` does both): every
// script dist/taskpane.html loads when it opens (office.js from Microsoft's CDN aside: Office loads it for every
// add-in), with its size and gzip size, against the budget of 350 KB gzip; then the chunks loaded only on demand.
// Prints a Markdown table; docs/benchmarks.md records what it printed.
import { existsSync, readdirSync, readFileSync } from "fs";
import path from "path";
import { constants, gzipSync } from "zlib";

export const BUDGET = 350 * 1024;
const DIST = path.join(__dirname, "..", "dist");

export interface ScriptSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface TaskpaneSizes {
  initial: ScriptSize[];
  external: string[];
  lazy: ScriptSize[];
  total: { bytes: number; gzip: number };
}

function size(dist: string, file: string): ScriptSize {
  const data = readFileSync(path.join(dist, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length };
}

/** The scripts of taskpane.html (in order) and the other .js files of the build (lazy chunks, other pages). */
export function measure(dist = DIST, page = "taskpane.html"): TaskpaneSizes {
  const html = readFileSync(path.join(dist, page), "utf8");
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
  const external = srcs.filter((s) => /^https?:\/\//.test(s));
  const initial = srcs.filter((s) => !/^https?:\/\//.test(s)).map((s) => size(dist, s));
  const names = new Set(initial.map((s) => s.file));
  // Other pages' entry scripts (preview) are not chunks the task pane loads.
  const otherEntries = new Set<string>();
  for (const f of readdirSync(dist).filter((x) => x.endsWith(".html") && x !== page))
    for (const m of readFileSync(path.join(dist, f), "utf8").matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g))
      if (!names.has(m[1])) otherEntries.add(m[1]);
  const lazy = readdirSync(dist)
    .filter((f) => f.endsWith(".js") && !names.has(f) && !otherEntries.has(f))
    .map((f) => size(dist, f));
  return {
    initial,
    external,
    lazy,
    total: { bytes: initial.reduce((a, s) => a + s.bytes, 0), gzip: initial.reduce((a, s) => a + s.gzip, 0) },
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function main(): number {
  if (!existsSync(path.join(DIST, "taskpane.html"))) {
    console.error("dist/taskpane.html is missing: run `npm run build` first");
    return 1;
  }
  const m = measure();
  console.log("| script loaded by taskpane.html at start-up | minified | gzip -9 |");
  console.log("|---|---|---|");
  for (const s of m.initial) console.log(`| \`${s.file}\` | ${kb(s.bytes)} | ${kb(s.gzip)} |`);
  console.log(`| **total** | **${kb(m.total.bytes)}** | **${kb(m.total.gzip)}** — budget ${kb(BUDGET)} |`);
  for (const e of m.external) console.log(`| ${e} (Office's own, not counted) | | |`);
  console.log("");
  console.log("| loaded only on demand | minified | gzip -9 |");
  console.log("|---|---|---|");
  for (const s of m.lazy) console.log(`| \`${s.file}\` | ${kb(s.bytes)} | ${kb(s.gzip)} |`);
  if (m.total.gzip > BUDGET) {
    console.error(`over budget: ${kb(m.total.gzip)} > ${kb(BUDGET)}`);
    return 1;
  }
  return 0;
}

if (require.main === module) process.exit(main());
