// Round trip of the award definition workbook (评价标准定义表): each built-in award exported to a workbook and read
// back gives rubric and rule data equal to the shipped files (all ten rubrics, both awards and their rule sets) —
// written by ExcelJS, and once more after LibreOffice has opened and saved the file.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AWARD_FILES, RUBRIC_FILES, builtinLibrary, type Award, type Rubric } from "../../src/core";
import { awardToBook, parseAwardBook } from "../../src/core/award/book";
import { readAwardBook, writeAwardBook } from "../../src/award/workbook";
import { convert, describeWithLibreOffice } from "../helpers/libreoffice";

/** The shipped file's data, without the editor's "$schema" pointer (not data). */
function shipped<T>(data: unknown): T {
  const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  delete copy.$schema;
  return copy as T;
}

const lib = builtinLibrary();
const awards = Object.values(AWARD_FILES).map((a) => shipped<Award>(a));
const rubricsOf = (id: string) =>
  Object.values(RUBRIC_FILES)
    .map((r) => shipped<Rubric>(r))
    .filter((r) => r.award === id);

let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "award-rt-"));
  for (const a of awards) {
    const file = path.join(dir, `${a.id}.xlsx`);
    fs.writeFileSync(
      file,
      await writeAwardBook(
        awardToBook(
          lib.award(a.id)!,
          lib.rubrics.filter((r) => r.award === a.id),
        ),
      ),
    );
    files[a.id] = file;
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function expectRoundTrip(file: string, award: Award): Promise<void> {
  const r = parseAwardBook(await readAwardBook(fs.readFileSync(file)));
  expect(r.problems).toEqual([]);
  expect(r.award).toEqual(award);
  const expected = rubricsOf(award.id);
  expect(r.rubrics.map((x) => x.id).sort()).toEqual(expected.map((x) => x.id).sort());
  for (const rubric of expected) expect(r.rubrics.find((x) => x.id === rubric.id)).toEqual(rubric);
}

describe("export then read back a built-in award", () => {
  it("covers all ten shipped rubrics and both awards", () => {
    expect(awards.map((a) => a.id).sort()).toEqual(["hebei-2022", "jiangmen-2022"]);
    expect(awards.flatMap((a) => rubricsOf(a.id))).toHaveLength(10);
  });

  it.each(awards.map((a) => [a.id, a] as const))(
    "%s: the rubric and rule data equal the shipped files",
    async (_id, award) => {
      await expectRoundTrip(files[award.id], award);
    },
  );

  it("notices a changed value (the comparison is not vacuous)", async () => {
    const a = lib.award("hebei-2022")!;
    const edited = { ...a, ruleSets: a.ruleSets.map((r, i) => (i === 0 ? { ...r, finalThreshold: 560 } : r)) };
    const file = path.join(dir, "edited.xlsx");
    fs.writeFileSync(
      file,
      await writeAwardBook(
        awardToBook(
          edited,
          lib.rubrics.filter((r) => r.award === a.id),
        ),
      ),
    );
    await expect(
      expectRoundTrip(file, shipped<Award>(AWARD_FILES["rubrics/awards/hebei-2022.json"])),
    ).rejects.toThrow();
  });
});

describeWithLibreOffice("a definition workbook saved by LibreOffice", () => {
  it("reads back to the same data for both built-in awards", async () => {
    const out = path.join(dir, "lo");
    convert(Object.values(files), "xlsx", out);
    for (const a of awards) await expectRoundTrip(path.join(out, `${a.id}.xlsx`), a);
  }, 180_000);
});
