// Benchmark of one keystroke in the in-memory workbook (the preview's and the tests' Excel): the time from typing a
// maturity to every formula result of the set shown again, per rubric; and, for comparison, what building the set's
// layout twice per keystroke (as the preview did before figures.ts) costs. Prints a Markdown table; docs/benchmarks.md
// records what it printed.
//
//   npx tsx scripts/bench-keystroke.ts [keystrokes per rubric, default 200]
import { library } from "../src/core";
import { readInitial } from "../src/host/initial";
import { MemoryWorkbook } from "../src/host/memory";
import { buildLayout, SHEET, type WorkbookMeta } from "../src/workbook";

const N = Number(process.argv[2] ?? 200);
const lib = library();
const meta: WorkbookMeta = {
  applicant: "甲公司",
  expert: "李四",
  stage: "material",
  mode: "native",
  createdAt: "2025-06-01T08:00:00.000Z",
};
const percents = ["45%", "50%", "55%", "60%", "abc", ""];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  console.log(`| rubric | items | keystroke (median ms) | two layout builds (median ms) |`);
  console.log(`| --- | ---: | ---: | ---: |`);
  for (const id of ["hebei-organization", "jiangmen-medical", "hebei-individual-senior"]) {
    const bundle = lib.get(id)!;
    const wb = new MemoryWorkbook({ library: lib });
    const layout = buildLayout(bundle, meta);
    await wb.writeLayout(layout);
    const sc = layout.map.scoring;
    const times: number[] = [];
    for (let k = 0; k < N; k++) {
      const { row } = sc.items[k % sc.items.length];
      const t0 = performance.now();
      wb.enter(SHEET.scoring, `${sc.columns.input}${row}`, percents[k % percents.length]);
      times.push(performance.now() - t0);
    }
    const initial = readInitial(await wb.read(layout.sheets.map((s) => s.name)), layout);
    const builds: number[] = [];
    for (let k = 0; k < Math.min(N, 50); k++) {
      const t0 = performance.now();
      buildLayout(bundle, meta);
      buildLayout(bundle, meta, initial);
      builds.push(performance.now() - t0);
    }
    console.log(`| ${id} | ${sc.items.length} | ${median(times).toFixed(2)} | ${median(builds).toFixed(2)} |`);
  }
}

void main();
