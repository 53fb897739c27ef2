// The layout as data (no file): every rubric builds, the item block is contiguous and in order, Excel's limits are
// respected, cached results are the engine's, and the fingerprint identifies the rubric content.
import { createHash } from "crypto";
import { library, vetoAnswerFor, type RubricBundle } from "../../src/core";
import {
  buildLayout,
  canonicalJson,
  LayoutError,
  layoutSource,
  interpret,
  rubricFingerprint,
  sha256Hex,
  SHEET,
  type WorkbookLayout,
} from "../../src/workbook";
import { bundle, meta } from "../helpers/workbooks";

const all = () => library().rubrics.map((r) => r.id);

function cell(layout: WorkbookLayout, sheet: string, ref: string) {
  return layout.sheets.find((s) => s.name === sheet)!.cells.find((c) => c.ref === ref);
}

describe("workbook layout", () => {
  it.each(all())("%s: builds with one contiguous item block in rubric order and the summary below", (id) => {
    const b = bundle(id);
    for (const mode of ["native", "custom"] as const) {
      const layout = buildLayout(b, meta({ mode }));
      const m = layout.map.scoring;
      expect(m.items.map((i) => i.code)).toEqual(b.rubric.items.map((i) => i.code));
      expect(m.items.map((i) => i.row)).toEqual(b.rubric.items.map((_, k) => m.firstItemRow + k));
      expect(m.lastItemRow - m.firstItemRow + 1).toBe(b.rubric.items.length);
      expect(Math.min(...m.categories.map((c) => c.row))).toBeGreaterThan(m.lastItemRow);
      expect(m.totalRow).toBeGreaterThan(Math.max(...m.categories.map((c) => c.row)));
      expect(m.signatureRow).toBeGreaterThan(m.totalRow);
      const names = layout.names.map((n) => n.name);
      expect(names).toEqual([
        "Codes",
        "Points",
        b.rubric.scoring === "points" ? "Awarded" : "Maturity",
        "Scores",
        "Total",
        "Vetoes",
      ]);
      for (const n of layout.names.filter((x) => x.name !== "Total" && x.name !== "Vetoes"))
        expect(n.ref).toMatch(
          new RegExp(`^\\$[A-Z]\\$${m.firstItemRow}:\\$[A-Z]\\$${m.lastItemRow}$|^\\$[A-Z]\\$${m.firstItemRow}$`),
        );
      expect(layout.sheets.map((s) => s.key)).toEqual([
        "cover",
        "scoring",
        "vetoes",
        ...(b.rules.bonus ? ["bonus"] : []),
        "guide",
        "meta",
      ]);
      expect(layout.sheets.find((s) => s.key === "meta")!.visibility).toBe("veryHidden");
    }
  });

  it.each(all())("%s: respects Excel's limits (validation texts, list sources, header/footer, row heights)", (id) => {
    const layout = buildLayout(bundle(id), meta({ applicant: "很".repeat(300), expert: "长".repeat(100) }));
    for (const s of layout.sheets) {
      for (const v of s.validations) {
        expect(v.error.title.length).toBeLessThanOrEqual(32);
        expect(v.error.message.length).toBeLessThanOrEqual(225);
        if (v.prompt) expect([v.prompt.title.length <= 32, v.prompt.message.length <= 255]).toEqual([true, true]);
        if (v.list) expect(v.list.join(",").length).toBeLessThanOrEqual(255);
      }
      for (const r of s.rows) expect(r.height).toBeLessThanOrEqual(409);
      const p = s.print;
      if (p)
        for (const t of [p.header, p.footer]) if (t) expect(Object.values(t).join("").length).toBeLessThanOrEqual(255);
      expect(s.name.length).toBeLessThanOrEqual(31);
    }
  });

  it("cleans user names of control characters and refuses empty names, bad stages and modes", () => {
    const b = bundle("hebei-organization");
    expect(buildLayout(b, meta({ applicant: "  甲\t公司\n ", expert: "李四" })).meta.applicant).toBe("甲 公司");
    expect(() => buildLayout(b, meta({ applicant: "  " }))).toThrow(LayoutError);
    expect(() => buildLayout(b, meta({ expert: "" }))).toThrow("评审专家姓名不能为空");
    expect(() => buildLayout(b, meta({ stage: "final" as never }))).toThrow("评审阶段");
    expect(() => buildLayout(b, meta({ mode: "vba" as never }))).toThrow("公式模式");
  });

  it("a user name is a text value with the text number format, in every place it appears", () => {
    const layout = buildLayout(bundle("jiangmen-medical"), meta({ applicant: "=1+1", expert: "@x" }));
    const c = cell(layout, SHEET.cover, layout.map.cover.applicant)!;
    expect(c).toMatchObject({ value: "=1+1" });
    expect(c.formula).toBeUndefined();
    expect(layout.styles[c.style!].numFmt).toBe("@");
    const metaRows = layout.sheets.find((s) => s.key === "meta")!.cells;
    expect(
      metaRows
        .filter((x) => x.value === "=1+1" || x.value === "@x")
        .every((x) => layout.styles[x.style!].numFmt === "@"),
    ).toBe(true);
  });

  it("cached results are the engine's for the values given", () => {
    const b = bundle("hebei-organization");
    const layout = buildLayout(b, meta(), {
      entries: {
        "1.1": { value: "50%" },
        "1.2": { value: 0.45, band: 3 },
        "1.3": { value: "47%" },
        "2.1": { value: 0.5, band: 6 },
      },
    });
    const m = layout.map.scoring;
    const row = (code: string) => m.items.find((i) => i.code === code)!.row;
    expect(cell(layout, SHEET.scoring, `H${row("1.1")}`)!.result).toBe(30);
    expect(cell(layout, SHEET.scoring, `H${row("1.2")}`)!.result).toBe(9);
    expect(cell(layout, SHEET.scoring, `H${row("1.3")}`)!.result).toBe("");
    expect(cell(layout, SHEET.scoring, `M${row("1.3")}`)!.result).toBe("invalid");
    expect(cell(layout, SHEET.scoring, `I${row("2.1")}`)!.result).toBe("与所选档次不符");
    expect(cell(layout, SHEET.scoring, m.total)!.result).toBe(39);
    expect(cell(layout, SHEET.scoring, m.missing)!.result).toBe(19);
    expect(cell(layout, SHEET.scoring, m.invalid)!.result).toBe(2);
    expect(cell(layout, SHEET.scoring, `H${m.categories[0].row}`)!.result).toBe(39);
    expect(cell(layout, SHEET.cover, layout.map.cover.total)!.result).toBe(39);
  });

  it("a filled layout read back as it is gives a clean report", () => {
    for (const id of all()) {
      const b = bundle(id);
      const entries = Object.fromEntries(
        b.rubric.items.map((i) => [i.code, { value: b.rubric.scoring === "points" ? i.points / 2 : 0.5 }]),
      );
      const vetoes = Object.fromEntries(b.rules.vetoes.map((v) => [v.id, { answer: vetoAnswerFor(v, false) }]));
      const layout = buildLayout(b, meta(), { entries, vetoes, declaration: { answer: "无利害关系" } });
      const r = interpret(layoutSource(layout, `${id}.xlsx`));
      expect([id, r.problems.map((p) => p.zh)]).toEqual([id, []]);
      expect(r.ok).toBe(true);
      expect(r.total.valueOf()).toBe(b.rubric.totalPoints / 2);
    }
  });
});

describe("rubric fingerprint", () => {
  it("is SHA-256 (checked against Node's crypto) of the canonical JSON", () => {
    for (const s of ["", "abc", "评分表 ①②③", "x".repeat(1000)])
      expect(sha256Hex(s)).toBe(createHash("sha256").update(s, "utf8").digest("hex"));
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe('{"a":[1,{"d":2}],"b":1}');
  });

  it("is stable, differs between rubrics, and changes with any content change", () => {
    const b = bundle("jiangmen-manufacturing");
    const fp = rubricFingerprint(b);
    expect(fp).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rubricFingerprint(library().get("jiangmen-manufacturing")!)).toBe(fp);
    expect(new Set(all().map((id) => rubricFingerprint(bundle(id)))).size).toBe(10);
    const copy = JSON.parse(JSON.stringify(b)) as RubricBundle;
    copy.rubric.items[0].points += 1;
    expect(rubricFingerprint(copy)).not.toBe(fp);
    const text = JSON.parse(JSON.stringify(b)) as RubricBundle;
    text.scale.bands[0].process.M += "。";
    expect(rubricFingerprint(text)).not.toBe(fp);
  });
});
