// What a reviewer signs and a committee reads carries names, not codes: no rubric, rule set, veto, bonus or method
// id, no formula-mode word, no UTC timestamp, no command on any printed page (the print areas of every generated
// sheet and of the summary); the ids live in the very hidden 元数据 sheet, in hidden columns and in JSON.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { aggregate, exact, library, vetoAnswerFor } from "../../src/core";
import { buildSummaryLayout, rubricInfo } from "../../src/summary";
import { buildLayout, type InitialValues, type SheetLayout } from "../../src/workbook";
import type { RenderableLayout } from "../../src/workbook/types";
import { colIndex, parseCellRef } from "../../src/workbook/a1";
import { writeXlsx } from "../../src/xlsx";
import { convert, describeWithLibreOffice } from "../helpers/libreoffice";
import { meta, tmpDir } from "../helpers/workbooks";
import { fixtureResult, fixtureSheets, ROSTER, sheet } from "../summary/fixtures";

const lib = library();
/** Every id a machine reads: rubrics, awards, rule sets, veto items, bonus conditions, methods, formula modes. */
const IDS = new Set<string>([
  ...lib.rubrics.map((r) => r.id),
  ...lib.awards.flatMap((a) => [a.id, a.scale.id, ...a.ruleSets.map((r) => r.id)]),
  ...lib.awards.flatMap((a) =>
    a.ruleSets.flatMap((r) => [...r.vetoes.map((v) => v.id), ...(r.bonus?.conditions.map((c) => c.id) ?? [])]),
  ),
  "mean",
  "trimmed",
  "median",
  "native",
  "custom",
]);

/** The ids and machine words found in a printed text. */
function idsIn(text: string): string[] {
  const words = text.match(/[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*/g) ?? [];
  const found = words.filter((w) => IDS.has(w.toLowerCase()));
  if (/\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text)) found.push("UTC timestamp");
  if (/scorebook score|sha256/i.test(text)) found.push("command or fingerprint");
  return found;
}

/** The texts a printed page shows: cells inside the print area and not in a hidden column, header and footer. */
function printedTexts(s: SheetLayout): string[] {
  if (!s.print || s.visibility === "veryHidden" || s.visibility === "hidden") return [];
  const [from, to] = s.print.area.split(":").map(parseCellRef);
  const hidden = new Set(s.columns.filter((c) => c.hidden).map((c) => c.col));
  const inside = (ref: string) => {
    const { col, row } = parseCellRef(ref);
    const n = colIndex(col);
    return row >= from.row && row <= to.row && n >= colIndex(from.col) && n <= colIndex(to.col) && !hidden.has(col);
  };
  const texts = s.cells
    .filter((c) => inside(c.ref))
    .flatMap((c) => [c.value, c.result].filter((x): x is string => typeof x === "string"));
  for (const hf of [s.print.header, s.print.footer]) if (hf) texts.push(hf.left ?? "", hf.center ?? "", hf.right ?? "");
  return texts;
}

function offences(layout: RenderableLayout): string[] {
  return layout.sheets.flatMap((s) =>
    printedTexts(s).flatMap((t) => idsIn(t).map((id) => `${s.name}: ${id} in “${t}”`)),
  );
}

function filled(id: string): InitialValues {
  const b = lib.get(id)!;
  return {
    entries: Object.fromEntries(
      b.rubric.items.map((i) => [i.code, { value: b.rubric.scoring === "points" ? i.points / 2 : 0.5 }]),
    ),
    vetoes: Object.fromEntries(b.rules.vetoes.map((v, k) => [v.id, { answer: vetoAnswerFor(v, k === 0) }])),
    bonus: Object.fromEntries((b.rules.bonus?.conditions ?? []).map((c) => [c.id, { answer: "是" }])),
    declaration: { answer: "无利害关系" },
  };
}

/** The summaries a committee reads: the fixture (both modes), 江门 sectors, a material-stage run. */
function summaries() {
  const jiangmen = aggregate(
    [
      sheet("jiangmen-manufacturing", "江门甲", "甲专家", "material", 700),
      sheet("jiangmen-manufacturing", "江门甲", "乙专家", "onsite", 700),
      sheet("jiangmen-medical", "江门医院科室", "丙专家", "material", 650),
      sheet("jiangmen-medical", "江门医院科室", "丁专家", "onsite", 650),
    ],
    rubricInfo(),
  );
  const material = aggregate(fixtureSheets(), rubricInfo(), ROSTER, { stage: "material", method: "trimmed" });
  return [
    buildSummaryLayout(fixtureResult(), { mode: "native", createdAt: "2026-06-10T08:00:00.000Z" }),
    buildSummaryLayout(fixtureResult({ method: "median", materialWeight: exact(0.4) }), {
      mode: "custom",
      aggregate: { method: "median" },
    }),
    buildSummaryLayout(jiangmen, { mode: "native" }),
    buildSummaryLayout(material, { mode: "custom", aggregate: { stage: "material", method: "trimmed" } }),
  ];
}

describe("no ascii id on a printed page", () => {
  it("the check finds an id, a method word and a UTC time when they are there", () => {
    expect(idsIn("评分标准 hebei-individual-senior，方法 mean，2026-06-01T08:00:00Z")).toEqual([
      "hebei-individual-senior",
      "mean",
      "UTC timestamp",
    ]);
    expect(idsIn("江门市政府质量奖 · 制造业，2026年6月1日 16:00")).toEqual([]);
  });

  it.each(lib.rubrics.map((r) => r.id))("every printed sheet of a %s scoring workbook (both modes)", (id) => {
    for (const mode of ["native", "custom"] as const) {
      const layout = buildLayout(lib.get(id)!, meta({ mode, stage: "onsite" }), filled(id));
      expect(offences(layout)).toEqual([]);
    }
  });

  it("every printed sheet of the summary (both modes, 江门 by sector, a material-stage run)", () => {
    for (const layout of summaries()) expect(offences(layout)).toEqual([]);
  });
});

describeWithLibreOffice("the printed pages as LibreOffice prints them (PDF)", () => {
  it("the PDF of a scoring workbook and of the summary shows no id", async () => {
    const dir = tmpDir("scorebook-print-");
    const files: string[] = [];
    for (const id of ["hebei-individual-senior", "jiangmen-medical", "hebei-organization"]) {
      const layout = buildLayout(lib.get(id)!, meta({ mode: "custom" }), filled(id));
      const f = path.join(dir, `${id}.xlsx`);
      fs.writeFileSync(f, await writeXlsx(layout));
      files.push(f);
    }
    for (const [i, layout] of summaries().entries()) {
      const f = path.join(dir, `summary-${i}.xlsx`);
      fs.writeFileSync(f, await writeXlsx(layout));
      files.push(f);
    }
    const { outputs } = convert(files, "pdf", path.join(dir, "pdf"));
    for (const pdf of outputs) {
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
      expect(text).toMatch(/[\u4e00-\u9fff]/); // the page was printed
      expect([path.basename(pdf), idsIn(text)]).toEqual([path.basename(pdf), []]);
    }
  }, 180_000);
});
