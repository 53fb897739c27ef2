// A real spreadsheet engine checks the generated workbooks: LibreOffice recalculates native-mode workbooks of all
// ten rubrics, filled with random allowed values, and every item score, subtotal, total and count must equal the
// engine's (missing and invalid entries of every form: test/xlsx/agreement.test.ts). The recalculated files are
// then read back: validations, defined names, protection and print setup must survive, and `interpret` must find
// no sign of tampering in them.
import ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { cellString, library, scoreSheet, toNumber, type EntryInput } from "../../src/core";
import { entryValue, interpret, type InitialValues, type WorkbookLayout } from "../../src/workbook";
import { readXlsx } from "../../src/xlsx";
import { readXlsxFast } from "../../src/xlsx/zip-source";
import { describeWithLibreOffice, recalc } from "../helpers/libreoffice";
import { bundle, fill, generate, load, randomValid, rng, tmpDir } from "../helpers/workbooks";

interface Case {
  id: string;
  kind: "valid" | "custom";
  seed: number;
  layout: WorkbookLayout;
  values: InitialValues;
  file: string;
  out?: string;
}

const TAMPER = new Set([
  "formula-changed",
  "formula-overwritten",
  "score-mismatch",
  "name-changed",
  "points-edited",
  "row-moved",
  "row-missing",
  "rubric-changed",
]);

describeWithLibreOffice("LibreOffice recalculation of native-mode workbooks (all ten rubrics)", () => {
  const cases: Case[] = [];
  let ms = 0;

  beforeAll(async () => {
    const dir = tmpDir();
    const ids = library().rubrics.map((r) => r.id);
    const seedBase = Number(process.env.SCOREBOOK_SEED ?? 20250601);
    for (const [k, id] of ids.entries()) {
      {
        const kind = "valid" as const;
        const seed = seedBase + k * 2;
        const r = rng(seed);
        const { layout, buffer } = await generate(id, {
          mode: "native",
          applicant: `申报单位${k}`,
          expert: "=SUM(1,2)",
        });
        const values = randomValid(bundle(id), r, { bands: true });
        const file = path.join(dir, `${id}-${kind}.xlsx`);
        fs.writeFileSync(file, await fill(buffer, layout, values));
        cases.push({ id, kind, seed, layout, values, file });
      }
    }
    // Custom-mode files too: LibreOffice cannot run QA.* (#NAME?), but what it saves must still read back clean.
    for (const id of ["hebei-organization", "jiangmen-manufacturing"]) {
      const { layout, buffer } = await generate(id, { mode: "custom", applicant: "申报单位", expert: "=SUM(1,2)" });
      const values = randomValid(bundle(id), rng(seedBase), { bands: true });
      const file = path.join(dir, `${id}-custom.xlsx`);
      fs.writeFileSync(file, await fill(buffer, layout, values));
      cases.push({ id, kind: "custom", seed: seedBase, layout, values, file });
    }
    const res = recalc(
      cases.map((c) => c.file),
      path.join(dir, "out"),
    );
    ms = res.ms;
    cases.forEach((c, i) => (c.out = res.outputs[i]));
  }, 240_000);

  it("converted all twelve files in one soffice call", () => {
    expect(cases).toHaveLength(12);
    expect(ms).toBeGreaterThan(0);
    for (const c of cases) expect(fs.existsSync(c.out!)).toBe(true);
  });

  it("every item score, state, subtotal, total and count equals the engine's", async () => {
    for (const c of cases.filter((x) => x.kind !== "custom")) {
      const b = bundle(c.id);
      const wb = await load(fs.readFileSync(c.out!));
      const m = c.layout.map.scoring;
      const ws = wb.getWorksheet(m.sheet)!;
      const cached = (ref: string) => {
        const cell = ws.getCell(ref);
        const r = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
        return r === undefined || r === null ? "" : r;
      };
      const entries: Record<string, EntryInput> = {};
      // A number in a (percent-formatted) maturity cell is a fraction; text is read as typed.
      for (const [code, e] of Object.entries(c.values.entries ?? {}))
        entries[code] = {
          value: entryValue(b.rubric.scoring === "maturity", e.value),
          band: e.band,
        };
      const sheet = scoreSheet(b.rubric, b.scale, entries);
      const where = (what: string) => `${c.id} ${c.kind} (seed ${c.seed}) ${what}`;
      for (const it of m.items) {
        const e = sheet.items.find((i) => i.code === it.code)!;
        const score = cached(`${m.columns.score}${it.row}`);
        if (e.score === null) expect([where(it.code), score]).toEqual([where(it.code), ""]);
        else {
          expect([where(it.code), typeof score]).toEqual([where(it.code), "number"]);
          expect(Math.abs((score as number) - toNumber(e.score))).toBeLessThan(1e-9);
        }
        expect([
          where(`${it.code} state (input ${JSON.stringify(entries[it.code])})`),
          cached(`${m.columns.state}${it.row}`),
        ]).toEqual([where(`${it.code} state (input ${JSON.stringify(entries[it.code])})`), e.status]);
        expect([where(`${it.code} check`), cached(`${m.columns.check}${it.row}`) === ""]).toEqual([
          where(`${it.code} check`),
          e.status === "ok",
        ]);
      }
      for (const cat of m.categories) {
        const got = cached(`${m.columns.score}${cat.row}`) as number;
        const want = toNumber(sheet.categories.find((x) => x.code === cat.code)!.score);
        expect([where(`category ${cat.code}`), Math.abs(got - want) < 1e-9]).toEqual([
          where(`category ${cat.code}`),
          true,
        ]);
        expect(cached(`${m.columns.points}${cat.row}`)).toBe(
          b.rubric.categories.find((x) => x.code === cat.code)!.points,
        );
      }
      expect(Math.abs((cached(m.total) as number) - toNumber(sheet.total))).toBeLessThan(1e-9);
      expect(cached(m.totalPoints)).toBe(b.rubric.totalPoints);
      expect([where("missing"), cached(m.missing)]).toEqual([where("missing"), sheet.missing.length]);
      expect([where("invalid"), cached(m.invalid)]).toEqual([where("invalid"), sheet.invalid.length]);
      expect(cellString(cached(m.status)).startsWith(sheet.complete ? "已完成" : "未完成")).toBe(true);
      // The veto conclusion.
      const vs = wb.getWorksheet(c.layout.map.vetoes.sheet)!;
      const flag = String(vs.getCell(c.layout.map.vetoes.flag).result);
      // Layout 2: 不符合 (a condition not met) and 是 (an event occurred) are the flags.
      const yes = Object.values(c.values.vetoes ?? {}).filter((v) => v.answer === "是" || v.answer === "不符合").length;
      const blank = b.rules.vetoes.filter((v) => !c.values.vetoes?.[v.id]?.answer).length;
      expect(flag).toBe(
        yes > 0 ? `否决标记：有 ${yes} 项（待质评办核实）` : blank > 0 ? `尚有 ${blank} 项未回答` : "未发现否决事项",
      );
      // The cover shows the total.
      const cs = wb.getWorksheet(c.layout.map.cover.sheet)!;
      expect(Math.abs((cs.getCell(c.layout.map.cover.total).result as number) - toNumber(sheet.total))).toBeLessThan(
        1e-9,
      );
    }
  });

  it("the recalculated files read back clean: no tampering found, scores as the engine's", async () => {
    for (const c of cases) {
      const report = interpret(await readXlsx(fs.readFileSync(c.out!), path.basename(c.out!)));
      const tamper = report.problems.filter((p) => TAMPER.has(p.code));
      expect([c.id, c.kind, tamper.map((p) => p.zh)]).toEqual([c.id, c.kind, []]);
      expect([c.id, report.complete, report.problems.map((p) => p.zh)]).toEqual([c.id, true, []]);
      expect([c.id, report.warnings.map((w) => w.code).filter((w) => w === "not-recalculated")]).toEqual([c.id, []]);
      expect(report.ok).toBe(true);
      expect(report.expert).toBe("=SUM(1,2)");
      // The lean zip/XML reader gives the same report.
      const fast = interpret(await readXlsxFast(fs.readFileSync(c.out!), path.basename(c.out!)));
      expect([c.id, fast.total.toString(), fast.problems.map((p) => p.code)]).toEqual([
        c.id,
        report.total.toString(),
        report.problems.map((p) => p.code),
      ]);
    }
  });

  it("defined names, data validation, protection and print setup survive a LibreOffice round trip", async () => {
    for (const c of cases.filter((x) => x.kind === "valid")) {
      const data = fs.readFileSync(c.out!);
      const wb = await load(data);
      const names = new Map(
        (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model.map((n) => [
          n.name,
          n.ranges.join(",").replace(/'/g, ""),
        ]),
      );
      for (const n of c.layout.names)
        expect([c.id, n.name, names.get(n.name)]).toEqual([c.id, n.name, `${n.sheet}!${n.ref}`]);
      const m = c.layout.map.scoring;
      const ws = wb.getWorksheet(m.sheet)!;
      const dv = ws.getCell(`${m.columns.input}${m.firstItemRow}`).dataValidation;
      if (bundle(c.id).rubric.scoring === "maturity") {
        expect(dv).toMatchObject({ type: "list", errorStyle: "stop", showErrorMessage: true });
        expect(dv.formulae[0]).toContain("0%,5%,10%");
        expect(dv.error).toContain("5% 的整数倍");
      } else {
        expect(dv).toMatchObject({ type: "decimal", showErrorMessage: true });
      }
      expect(
        wb.getWorksheet(c.layout.map.vetoes.sheet)!.getCell(`E${c.layout.map.vetoes.rows[0].row}`).dataValidation,
      ).toMatchObject({ type: "list" });
      // LibreOffice writes booleans as "true", which ExcelJS does not read: check the XML.
      const zip = await JSZip.loadAsync(data);
      const sheetXml = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
      expect(sheetXml).toMatch(/<sheetProtection[^>]*sheet="(1|true)"/);
      expect(sheetXml).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*fitToWidth="1"/);
      expect(sheetXml).toMatch(/orientation="landscape"/);
      const book = await zip.file("xl/workbook.xml")!.async("string");
      expect(book).toMatch(/_xlnm\.Print_Titles/);
      expect(book).toMatch(
        /name="元数据"[^>]*state="(hidden|veryHidden)"|state="(hidden|veryHidden)"[^>]*name="元数据"/,
      );
    }
  });
});
