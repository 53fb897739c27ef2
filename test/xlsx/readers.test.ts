// The secretariat reads returned workbooks with the lean zip reader (src/xlsx/zip-cells.ts, through
// src/aggregate/read.ts), `scorebook score` with ExcelJS (src/xlsx/read.ts). Both feed the same interpret(): this
// proves they give the same report on the same files — clean, incomplete, invalid, tampered, a declared conflict,
// shared formulas as Excel saves them — with and without the interpret cache, and that the zip reader refuses what
// it must (a part that inflates past its stated size).
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { isDeepStrictEqual } from "util";
import { interpretBytes, nodeInflate } from "../../src/aggregate/read";
import {
  interpret,
  interpretCache,
  SHEET,
  type InitialValues,
  type ScoreReport,
  type WorkbookLayout,
} from "../../src/workbook";
import { readXlsx } from "../../src/xlsx";
import { readZipWorkbook, slideFormula, XlsxReadError } from "../../src/xlsx/zip-cells";
import { readXlsxFast } from "../../src/xlsx/zip-source";
import { bundle, fill, generate, load, randomMixed, randomValid, rng, save } from "../helpers/workbooks";

interface Sample {
  name: string;
  data: Buffer;
  layout: WorkbookLayout;
}

async function sample(
  name: string,
  id: string,
  mode: "native" | "custom",
  values: InitialValues,
  edit?: (wb: ExcelJS.Workbook, layout: WorkbookLayout) => void,
): Promise<Sample> {
  const { layout, buffer } = await generate(id, { mode, applicant: `申报单位 ${name}`, expert: "李四" });
  let data = await fill(buffer, layout, values);
  if (edit) {
    const wb = await load(data);
    edit(wb, layout);
    data = await save(wb);
  }
  return { name, data, layout };
}

/** Rewrites every column of filled-down formulas of the scoring sheet as one shared formula, as Excel saves them. */
function shareFormulas(wb: ExcelJS.Workbook, layout: WorkbookLayout): number {
  const m = layout.map.scoring;
  const ws = wb.getWorksheet(m.sheet)!;
  const sheet = layout.sheets.find((s) => s.name === m.sheet)!;
  let shared = 0;
  for (const col of Object.values(m.columns)) {
    if (!col) continue;
    const first = `${col}${m.firstItemRow}`;
    const master = sheet.cells.find((c) => c.ref === first)?.formula;
    if (!master) continue;
    const rows = m.items.map((i) => i.row);
    const same = rows.every(
      (r) => sheet.cells.find((c) => c.ref === `${col}${r}`)?.formula === slideFormula(master, first, `${col}${r}`),
    );
    if (!same) continue;
    const last = `${col}${rows[rows.length - 1]}`;
    for (const r of rows) {
      const cell = ws.getCell(`${col}${r}`);
      const result = cell.result;
      if (r === m.firstItemRow)
        cell.value = { formula: master, result, shareType: "shared", ref: `${first}:${last}` } as ExcelJS.CellValue;
      else cell.value = { sharedFormula: first, result };
    }
    shared++;
  }
  return shared;
}

const viaExcelJs = async (s: Sample) => interpret(await readXlsx(s.data, s.name));
const viaZip = async (s: Sample, cache = interpretCache()) => {
  const r = await interpretBytes(s.data, s.name, cache);
  if (!r.ok) throw new Error(r.problem.reason);
  return r.report;
};

describe("the zip reader and the ExcelJS reader give the same report", () => {
  const samples: Sample[] = [];
  beforeAll(async () => {
    const org = bundle("hebei-organization");
    const ind = bundle("hebei-individual-senior");
    const jm = bundle("jiangmen-manufacturing");
    samples.push(
      await sample("clean-native", "hebei-organization", "native", randomValid(org, rng(1), { bands: true })),
    );
    samples.push(await sample("clean-custom", "hebei-organization", "custom", randomValid(org, rng(2))));
    samples.push(await sample("points", "hebei-individual-senior", "native", randomValid(ind, rng(3))));
    samples.push(await sample("jiangmen", "jiangmen-manufacturing", "native", randomValid(jm, rng(4))));
    samples.push(await sample("mixed", "hebei-organization", "native", randomMixed(org, rng(5))));
    samples.push(await sample("mixed-points", "hebei-individual-senior", "native", randomMixed(ind, rng(6))));
    samples.push(
      await sample("conflict", "hebei-organization", "native", {
        ...randomValid(org, rng(7)),
        declaration: { answer: "存在利害关系，申请回避", note: "曾任顾问" },
      }),
    );
    samples.push(
      await sample("tampered", "hebei-organization", "native", randomValid(org, rng(8)), (wb, layout) => {
        const m = layout.map.scoring;
        const ws = wb.getWorksheet(m.sheet)!;
        ws.getCell(`${m.columns.score}${m.firstItemRow}`).value = 60; // a score typed over its formula
        ws.getCell(`${m.columns.points}${m.firstItemRow + 1}`).value = 99; // edited points
        ws.getCell(m.total).value = { formula: "SUM(1,2)", result: 3 }; // a changed formula
      }),
    );
    samples.push(
      await sample("rows-moved", "hebei-organization", "native", randomValid(org, rng(9)), (wb, layout) => {
        wb.getWorksheet(layout.map.scoring.sheet)!.spliceRows(layout.map.scoring.firstItemRow + 2, 1);
      }),
    );
    samples.push(
      await sample("meta-edited", "hebei-organization", "native", randomValid(org, rng(10)), (wb) => {
        const meta = wb.getWorksheet(SHEET.meta)!;
        meta.eachRow((row) => {
          if (row.getCell(1).value === "rubricFingerprint") row.getCell(2).value = "sha256:0000";
        });
      }),
    );
    samples.push(
      await sample(
        "shared",
        "hebei-organization",
        "native",
        randomValid(org, rng(11)),
        (wb, layout) => void shareFormulas(wb, layout),
      ),
    );
    samples.push(
      await sample(
        "shared-custom",
        "jiangmen-manufacturing",
        "custom",
        randomValid(jm, rng(12)),
        (wb, layout) => void shareFormulas(wb, layout),
      ),
    );
  });

  it("on every sample, with and without the interpret cache (one cache across all files)", async () => {
    const cache = interpretCache();
    for (const s of samples) {
      const a = await viaExcelJs(s);
      const b = await viaZip(s, cache);
      const c = interpret(await readXlsxFast(s.data, s.name)); // the platform's inflater, no cache
      expect({ name: s.name, same: isDeepStrictEqual(a, b) }).toEqual({ name: s.name, same: true });
      expect({ name: s.name, same: isDeepStrictEqual(a, c) }).toEqual({ name: s.name, same: true });
    }
  });

  it("the samples cover what they claim", async () => {
    const by = async (name: string): Promise<ScoreReport> => viaZip(samples.find((s) => s.name === name)!);
    expect((await by("clean-native")).ok).toBe(true);
    expect((await by("clean-custom")).ok).toBe(true);
    expect((await by("mixed")).complete).toBe(false);
    expect((await by("conflict")).declaration.conflict).toBe(true);
    expect((await by("tampered")).problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(["formula-overwritten", "points-edited", "formula-changed"]),
    );
    expect((await by("rows-moved")).problems.map((p) => p.code)).toContain("row-missing");
    expect((await by("meta-edited")).problems.map((p) => p.code)).toContain("rubric-changed");
  });

  it("shared formulas are expanded like ExcelJS expands them: the workbook reads clean", async () => {
    const s = samples.find((x) => x.name === "shared")!;
    const zip = await JSZip.loadAsync(s.data);
    const xml = Object.keys(zip.files).filter((f) => f.startsWith("xl/worksheets/sheet"));
    const texts = await Promise.all(xml.map((f) => zip.file(f)!.async("string")));
    expect(texts.some((t) => /<f t="shared" si="\d+"\s*\/>/.test(t))).toBe(true);
    const report = await viaZip(s);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect((await viaZip(samples.find((x) => x.name === "shared-custom")!)).ok).toBe(true);
  });
});

describe("slideFormula (a shared formula in another cell)", () => {
  it("moves relative references, keeps $ parts, strings, sheet names, functions and numbers", () => {
    expect(slideFormula('IF(M5="ok",D5*L5,"")', "H5", "H9")).toBe('IF(M9="ok",D9*L9,"")');
    expect(slideFormula("SUM($D$5:D5)+'评分 表'!A1+评分!B2", "E5", "F7")).toBe("SUM($D$5:E7)+'评分 表'!B3+评分!C4");
    expect(slideFormula('IF(A1="A1",LOG10(A1)+1E5+_xlfn.RANK.EQ(B1,B$1:B$9),"")', "C1", "C3")).toBe(
      'IF(A3="A1",LOG10(A3)+1E5+_xlfn.RANK.EQ(B3,B$1:B$9),"")',
    );
    expect(slideFormula("QA.PANEL(F5:H5,参数!$B$7)", "E5", "E6")).toBe("QA.PANEL(F6:H6,参数!$B$7)");
  });
});

describe("zip reader limits", () => {
  it("refuses a part that inflates past the size its directory entry states (a disguised zip bomb)", async () => {
    const z = new JSZip();
    z.file("xl/workbook.xml", '<workbook><sheets><sheet name="评分" sheetId="1" r:id="rId1"/></sheets></workbook>');
    z.file(
      "xl/_rels/workbook.xml.rels",
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    );
    z.file("xl/worksheets/sheet1.xml", new Uint8Array(8 * 1024 * 1024));
    const data = await z.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    // Lie in the central directory and the local header: 8 MB of zeros claims to be 100 bytes.
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    for (let p = 0; p < data.length - 4; p++) {
      const sig = view.getUint32(p, true);
      const off = sig === 0x02014b50 ? 46 : sig === 0x04034b50 ? 30 : -1;
      if (off < 0) continue;
      const nameLen = view.getUint16(p + (sig === 0x02014b50 ? 28 : 26), true);
      if (nameLen !== name.length || !name.every((b, i) => data[p + off + i] === b)) continue;
      view.setUint32(p + (sig === 0x02014b50 ? 24 : 22), 100, true);
    }
    for (const inflateRaw of [nodeInflate, undefined]) {
      const err = await readZipWorkbook(data, { inflateRaw }).catch((e) => e);
      expect(err).toBeInstanceOf(XlsxReadError);
      expect(err.code).toBe("zip-bomb");
    }
  });

  it("names the reason for a file that is not a workbook", async () => {
    const csv = await interpretBytes(new TextEncoder().encode("编号,成熟度\n1.1,45%\n"), "x.xlsx");
    expect(csv).toEqual({
      ok: false,
      problem: {
        file: "x.xlsx",
        code: "not-xlsx",
        reason: expect.stringContaining("不是 .xlsx"),
        en: expect.stringContaining("not an .xlsx workbook"),
      },
    });
    const ole = await interpretBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "old.xls");
    expect(ole).toMatchObject({ ok: false, problem: { code: "encrypted-or-ole" } });
    const cut = await interpretBytes((await generate("hebei-organization")).buffer.subarray(0, 5000), "cut.xlsx");
    expect(cut).toMatchObject({
      ok: false,
      problem: { code: "not-xlsx", reason: expect.stringContaining("不是有效的 .xlsx") },
    });
  });
});
