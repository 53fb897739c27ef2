// `npm run demo`: the secretariat's main job on a bundled sample of fictional applicants and experts
// (samples/demo.json). Generates every expert's scoring workbook with deterministic sample scores (one veto, one
// divergent item, one incomplete workbook among them) into out/demo/, aggregates them with the roster
// samples/demo-roster.csv exactly as `scorebook aggregate` does, prints the ranking and writes out/summary.xlsx.
//
//   npm run demo                      # = tsx scripts/demo.ts
//   npx tsx scripts/demo.ts --custom  # the summary with the add-in's QA.* functions instead of plain formulas
import * as fs from "fs";
import * as path from "path";
import { main } from "../src/cli/main";
import { library } from "../src/core";
import { sampleFiles, writeSample, type SampleSpec } from "./sample-workbooks";

const ROOT = path.join(__dirname, "..");

async function demo(): Promise<number> {
  const spec = JSON.parse(fs.readFileSync(path.join(ROOT, "samples", "demo.json"), "utf8")) as SampleSpec & {
    roster: string;
    about: string;
  };
  const outDir = path.join(ROOT, "out");
  const workbooks = path.join(outDir, "demo");
  fs.rmSync(workbooks, { recursive: true, force: true });
  const files = sampleFiles(spec);
  console.log(`示例：${spec.about}`);
  console.log(`生成 ${files.length} 份已填写的评分表 → ${path.relative(process.cwd(), workbooks)}/`);
  const t0 = Date.now();
  for (const f of files) await writeSample(spec, f, workbooks);
  console.log(`（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
  const ev = spec.events ?? {};
  if (ev.veto)
    console.log(
      `  · 否决标记：${ev.veto.expert} 在 ${ev.veto.applicant} 的现场评审中标记“${
        library()
          .awards.flatMap((a) => a.ruleSets.flatMap((r) => r.vetoes))
          .find((v) => v.id === ev.veto!.id)
          ?.text.slice(0, 20) ?? ev.veto.id
      }…”（待质评办核实）`,
    );
  if (ev.divergent)
    console.log(
      `  · 分歧：${ev.divergent.expert} 给 ${ev.divergent.applicant} 的 ${ev.divergent.item} 打了 ${ev.divergent.value}%`,
    );
  if (ev.incomplete)
    console.log(
      `  · 未完成：${ev.incomplete.expert} 对 ${ev.incomplete.applicant} 的评分表有 ${ev.incomplete.items.length} 项未评分`,
    );
  console.log("");
  const summary = path.join(outDir, "summary.xlsx");
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const args = [
    "aggregate",
    rel(workbooks),
    "--roster",
    rel(path.join(ROOT, "samples", spec.roster)),
    "-o",
    rel(summary),
    "--force",
  ];
  if (process.argv.includes("--custom")) args.push("--formulas", "custom");
  console.log(`$ scorebook ${args.join(" ")}`);
  const code = await main(["node", "scorebook", ...args]);
  console.log("");
  if (code === 1) console.log("（退出码 1：示例中特意包含一份未完成的评分表，汇总表已照常生成并列出问题。）");
  return code === 2 ? 2 : 0;
}

demo().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(70);
  },
);
