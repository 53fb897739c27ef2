// Renders generated scoring workbooks the way they print: LibreOffice → PDF → PNG (pdftoppm), to check legibility
// by eye. Writes sample workbooks (partly filled: one item missing, one invalid) and one PNG per printed page.
//
//   npx tsx scripts/workbook-screenshot.ts [outDir] [rubricId …]
//
// Default: hebei-organization and jiangmen-manufacturing into build/screenshots/ (for looking at a layout change;
// the pictures in the README and the guide come from scripts/guide-screenshots.ts).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { library, type RubricBundle } from "../src/core";
import { buildLayout, type InitialValues, type WorkbookLayout } from "../src/workbook";
import { writeXlsx } from "../src/xlsx";
import { convert } from "../test/helpers/libreoffice";

const STRENGTHS = [
  "建立了覆盖主要业务的质量管理制度，关键过程有文件化的方法并定期评审。",
  "领导层定期听取质量工作汇报，质量目标分解到部门。",
  "",
];
const OFIS = [
  "部分方法仅在生产部门实施，未在服务和采购过程系统展开；缺少对方法有效性的评价数据。",
  "未见与同行标杆的对比分析，改进多为被动响应。",
  "",
];

export function sample(b: RubricBundle): InitialValues {
  const pct = [0.45, 0.6, 0.35, 0.7, 0.55, 0.5, 0.65, 0.4];
  const entries: NonNullable<InitialValues["entries"]> = {};
  b.rubric.items.forEach((item, k) => {
    const value = b.rubric.scoring === "points" ? Math.max(0, item.points - 2.5 * (k + 1)) : pct[k % pct.length];
    entries[item.code] = { value, strengths: STRENGTHS[k % 3], opportunities: OFIS[k % 3] };
  });
  const items = b.rubric.items;
  if (items.length > 3) {
    entries[items[1].code] = { value: b.rubric.scoring === "points" ? 12.3 : 0.47, strengths: "", opportunities: "" };
    delete entries[items[items.length - 1].code];
  }
  return {
    entries,
    vetoes: Object.fromEntries(
      b.rules.vetoes.map((v) => [v.id, { answer: "否", note: "查阅申报材料及信用中国，未发现" }]),
    ),
    declaration: { answer: "无利害关系" },
  };
}

/** The same workbook with only one sheet visible, so that the PDF holds just that sheet. */
export function onlySheet(layout: WorkbookLayout, key: string): WorkbookLayout {
  return {
    ...layout,
    sheets: layout.sheets.map((s) =>
      s.key === key ? s : { ...s, visibility: s.visibility === "veryHidden" ? s.visibility : "hidden" },
    ),
  };
}

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? "build/screenshots");
  const ids = process.argv.slice(3).length ? process.argv.slice(3) : ["hebei-organization", "jiangmen-manufacturing"];
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const id of ids) {
    const b = library().get(id);
    if (!b) throw new Error(`unknown rubric ${id}`);
    const meta = {
      applicant: "江门市某某精密制造有限公司",
      expert: "张三",
      stage: "material" as const,
      mode: "native" as const,
      createdAt: new Date().toISOString(),
    };
    const layout = buildLayout(b, meta, sample(b));
    const full = path.join(outDir, `${id}.xlsx`);
    fs.writeFileSync(full, await writeXlsx(layout));
    for (const key of ["scoring", "cover", "vetoes", "guide"]) {
      const f = path.join(outDir, `${id}-${key}.xlsx`);
      fs.writeFileSync(f, await writeXlsx(onlySheet(layout, key)));
      files.push(f);
    }
  }
  const { outputs, ms } = convert(files, "pdf", outDir);
  for (const pdf of outputs) {
    const r = spawnSync("pdftoppm", ["-r", "110", "-png", pdf, pdf.replace(/\.pdf$/, "")], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  }
  process.stdout.write(`${outputs.length} PDFs in ${ms} ms; PNGs in ${outDir}\n`);
}

if (require.main === module)
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
