// Both formula modes give the engine's numbers. The workbook's formulas are calculated by a small evaluator
// (test/helpers/formula-eval.ts): native mode for every rubric (LibreOffice checks the same in libreoffice.test.ts),
// and custom mode with the real QA.* functions of src/functions, which no spreadsheet engine here can run.
import { cellString, scoreSheet, toNumber, type EntryInput } from "../../src/core";
import {
  buildLayout,
  entryValue,
  SHEET,
  type FormulaMode,
  type InitialValues,
  type WorkbookLayout,
} from "../../src/workbook";
import { excelError, loadFunctions, StubError, type Registered } from "../functions/cf-stub";
import { FormulaBook, type Custom, type Scalar } from "../helpers/formula-eval";
import { bundle, meta, randomMixed, randomValid, rng } from "../helpers/workbooks";
import { library } from "../../src/core";

let qa: Registered;
beforeAll(() => {
  qa = loadFunctions();
});

const custom: Custom = (name, args) => {
  try {
    return qa.call(name, ...args) as Scalar;
  } catch (e) {
    if (e instanceof StubError) return { error: e.code };
    throw e;
  }
};

function calculate(layout: WorkbookLayout, values: InitialValues): FormulaBook {
  const book = FormulaBook.fromLayout(layout, custom);
  const m = layout.map;
  for (const [code, e] of Object.entries(values.entries ?? {})) {
    const row = m.scoring.items.find((i) => i.code === code)!.row;
    book.set(m.scoring.sheet, `${m.scoring.columns.input}${row}`, e.value === "" ? null : e.value);
    if (m.scoring.columns.band) book.set(m.scoring.sheet, `${m.scoring.columns.band}${row}`, e.band ?? null);
  }
  for (const [id, a] of Object.entries(values.vetoes ?? {})) {
    const row = m.vetoes.rows.find((r) => r.id === id)!.row;
    book.set(m.vetoes.sheet, `${m.vetoes.columns.answer}${row}`, a.answer === "" ? null : a.answer);
  }
  return book;
}

function engine(id: string, values: InitialValues, opts: { bands?: boolean } = {}) {
  const b = bundle(id);
  const entries: Record<string, EntryInput> = {};
  for (const [code, e] of Object.entries(values.entries ?? {}))
    entries[code] = {
      value: entryValue(b.rubric.scoring === "maturity", e.value),
      band: opts.bands === false ? undefined : e.band,
    };
  return scoreSheet(b.rubric, b.scale, entries);
}

const ids = () => library().rubrics.map((r) => r.id);
const close = (a: Scalar, b: number) => typeof a === "number" && Math.abs(a - b) < 1e-9;

describe.each(["native", "custom"] as FormulaMode[])("%s formulas calculate the engine's numbers", (mode) => {
  it.each(ids())("%s, allowed values (ten random fills)", (id) => {
    // One layout per rubric and mode (it does not depend on the values), filled ten ways.
    const layout = buildLayout(bundle(id), meta({ mode }));
    for (let seed = 1; seed <= 10; seed++) {
      const values = randomValid(bundle(id), rng(seed * 7919), { bands: true });
      const book = calculate(layout, values);
      const sheet = engine(id, values);
      const m = layout.map.scoring;
      for (const it of m.items) {
        const e = sheet.items.find((i) => i.code === it.code)!;
        expect([
          id,
          seed,
          it.code,
          close(book.get(SHEET.scoring, `${m.columns.score}${it.row}`), toNumber(e.score!)),
        ]).toEqual([id, seed, it.code, true]);
        expect(book.get(SHEET.scoring, `${m.columns.check}${it.row}`)).toBe("");
      }
      for (const c of m.categories)
        expect([
          id,
          c.code,
          close(
            book.get(SHEET.scoring, `${m.columns.score}${c.row}`),
            toNumber(sheet.categories.find((x) => x.code === c.code)!.score),
          ),
        ]).toEqual([id, c.code, true]);
      expect(close(book.get(SHEET.scoring, m.total), toNumber(sheet.total))).toBe(true);
      expect(book.get(SHEET.scoring, m.missing)).toBe(0);
      expect(close(book.get(SHEET.cover, layout.map.cover.total), toNumber(sheet.total))).toBe(true);
    }
  });

  it.each(ids())("%s, missing and invalid entries of every kind (ten random fills)", (id) => {
    const b = bundle(id);
    const layout = buildLayout(b, meta({ mode }));
    for (let seed = 1; seed <= 10; seed++) {
      const values = randomMixed(b, rng(seed * 104729));
      const book = calculate(layout, values);
      const sheet = engine(id, values);
      const m = layout.map.scoring;
      for (const it of m.items) {
        const e = sheet.items.find((i) => i.code === it.code)!;
        const where = [id, seed, it.code, JSON.stringify(values.entries![it.code])];
        const score = book.get(SHEET.scoring, `${m.columns.score}${it.row}`);
        expect([...where, e.score === null ? score === "" : close(score, toNumber(e.score))]).toEqual([...where, true]);
        expect([...where, book.get(SHEET.scoring, `${m.columns.state}${it.row}`)]).toEqual([...where, e.status]);
        const check = book.get(SHEET.scoring, `${m.columns.check}${it.row}`);
        expect([...where, check === ""]).toEqual([...where, e.status === "ok"]);
        // In custom mode the check column shows the engine's own message.
        if (mode === "custom" && b.rubric.scoring === "maturity" && e.status === "invalid")
          expect([...where, check]).toEqual([...where, e.message!.zh]);
      }
      // QA.SUBTOTAL takes no band: it scores an entry whose chosen band does not match, and refuses (#VALUE!, naming
      // the row) a category holding an otherwise invalid entry. Native formulas count every invalid entry 0.
      const noBand = engine(id, values, { bands: false });
      for (const c of m.categories) {
        const got = book.get(SHEET.scoring, `${m.columns.score}${c.row}`);
        const where = [id, seed, c.code];
        if (mode === "custom" && b.rubric.scoring === "maturity") {
          const invalidHere = noBand.items.some((i) => i.category === c.code && i.status === "invalid");
          if (invalidHere) expect([...where, got]).toEqual([...where, { error: "#VALUE!" }]);
          else
            expect([...where, close(got, toNumber(noBand.categories.find((x) => x.code === c.code)!.score))]).toEqual([
              ...where,
              true,
            ]);
        } else
          expect([...where, close(got, toNumber(sheet.categories.find((x) => x.code === c.code)!.score))]).toEqual([
            ...where,
            true,
          ]);
      }
      expect(book.get(SHEET.scoring, m.missing)).toBe(sheet.missing.length);
      expect(book.get(SHEET.scoring, m.invalid)).toBe(sheet.invalid.length);
      const yes = Object.values(values.vetoes ?? {}).filter((v) => v.answer === "是").length;
      expect(
        cellString(book.get(SHEET.vetoes, layout.map.vetoes.flag)).startsWith(yes > 0 ? "否决" : "尚有") || yes === 0,
      ).toBe(true);
    }
  });
});

it("the evaluator itself agrees with QA functions called directly", () => {
  expect(qa.call("ITEMSCORE", 60, 0.45, "hebei-2022")).toBe(27);
  expect(excelError(() => qa.call("ITEMSCORE", 60, 0.47, "hebei-2022")).code).toBe("#VALUE!");
  const book = new FormulaBook(custom);
  expect(book.evaluate('QA.CHECK(0.47,"hebei-2022")', SHEET.scoring)).toMatch(/47%/);
  expect(book.evaluate('IF(AND(1>0,MOD(35,5)=0),"ok","x")&"!"', "s")).toBe("ok!");
  expect(book.evaluate("MATCH(47,{0,10,30,50,70,90},1)", "s")).toBe(3);
  expect(book.evaluate('VALUE(SUBSTITUTE(" 45 % "," ",""))', "s")).toBe(0.45);
});
