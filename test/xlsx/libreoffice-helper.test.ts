// The one LibreOffice helper every agreement test relies on (test/helpers/libreoffice.ts): it must recalculate on
// load — with the profile it keeps warm between calls too — or an agreement test would compare the engine's cached
// values with themselves and pass whatever the formulas say. One call converts a batch of files.
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { convert, conversions, describeWithLibreOffice } from "../helpers/libreoffice";
import { tmpDir } from "../helpers/workbooks";

/** A workbook whose formula's cached value is wrong: A2 = A1 + 1 stored as 99. */
async function stale(file: string, a1: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("s");
  ws.getCell("A1").value = a1;
  ws.getCell("A2").value = { formula: "A1+1", result: 99 };
  await wb.xlsx.writeFile(file);
}

describeWithLibreOffice("the LibreOffice helper", () => {
  const dir = tmpDir("scorebook-lo-helper-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("recalculates every file of a batch on load, in the first call and again with the warm profile", async () => {
    const files = [1, 2, 3].map((n) => path.join(dir, `stale${n}.xlsx`));
    for (const [i, f] of files.entries()) await stale(f, (i + 1) * 10);
    const before = conversions.calls;
    for (const round of ["first", "warm"]) {
      const { outputs } = convert(files, "csv", path.join(dir, round));
      expect(outputs.map((o) => fs.readFileSync(o, "utf8").trim().split(/\r?\n/))).toEqual([
        ["10", "11"],
        ["20", "21"],
        ["30", "31"],
      ]);
    }
    expect(conversions.calls - before).toBe(2); // one soffice call a batch
  }, 120_000);
});
