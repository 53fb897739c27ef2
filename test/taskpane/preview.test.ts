// The preview grid's helpers: the conditional-format evaluator (every rule the layout writes must be understood)
// and how values are shown and edited.
import { library } from "../../src/core";
import { MemoryWorkbook } from "../../src/host/memory";
import { ruleHolds, understood } from "../../src/taskpane/preview/cf";
import { display, editText } from "../../src/taskpane/preview/format";
import { buildLayout, SHEET } from "../../src/workbook";

const lib = library();

describe("conditional formats in the preview", () => {
  const cells: Record<string, string | number | null> = {
    M5: "invalid",
    M6: "missing",
    H30: 2,
    C12: "否决：有 1 项",
    C16: "",
    E5: "是",
    E6: "否",
  };
  const lookup = (ref: string) => cells[ref] ?? null;

  it("evaluates relative and fixed references, comparisons, LEN, LEFT, COUNTIF, AND/OR and arithmetic", () => {
    expect(ruleHolds('$M5="invalid"', lookup, 0, 0)).toBe(true);
    expect(ruleHolds('$M5="invalid"', lookup, 1, 3)).toBe(false); // M6 for the next row, whatever the column
    expect(ruleHolds('$M5="missing"', lookup, 1, 0)).toBe(true);
    expect(ruleHolds("$H$30>0", lookup, 5, 5)).toBe(true);
    expect(ruleHolds('LEFT($C$12,2)="否决"', lookup, 0, 0)).toBe(true);
    expect(ruleHolds("LEN($C$16)=0", lookup, 0, 0)).toBe(true);
    expect(ruleHolds('COUNTIF($E$5:$E$6,"是")>0', lookup, 0, 0)).toBe(true);
    expect(ruleHolds('COUNTIF($E$5:$E$6,"是")+COUNTIF($E$5:$E$6,"否")>1', lookup, 0, 0)).toBe(true);
    expect(ruleHolds("AND(1>0,OR(0,2*3=6))", lookup, 0, 0)).toBe(true);
    expect(ruleHolds("UNKNOWNFN(1)", lookup, 0, 0)).toBe(false);
    expect(understood("UNKNOWNFN(1)")).toBe(false);
    expect(ruleHolds("1+", lookup, 0, 0)).toBe(false);
  });

  it("understands every conditional format of every rubric's layout", () => {
    for (const r of lib.rubrics) {
      const layout = buildLayout(lib.get(r.id)!, {
        applicant: "甲",
        expert: "乙",
        stage: "material",
        mode: "native",
        createdAt: "",
      });
      for (const s of layout.sheets)
        for (const cf of s.conditionalFormats)
          expect([r.id, s.name, cf.formula, understood(cf.formula)]).toEqual([r.id, s.name, cf.formula, true]);
    }
  });

  it("colours the preview's input cells: missing first, invalid after a bad entry", async () => {
    const wb = new MemoryWorkbook({ library: lib });
    const layout = buildLayout(lib.get("hebei-organization")!, {
      applicant: "甲",
      expert: "乙",
      stage: "material",
      mode: "native",
      createdAt: "",
    });
    await wb.writeLayout(layout);
    const sheet = wb.sheets.get(SHEET.scoring)!;
    const lookup = (ref: string) => sheet.cells.get(ref)?.value ?? null;
    const [invalid, missing] = sheet.conditionalFormats;
    expect(ruleHolds(missing.formula, lookup, 1, 0)).toBe(true);
    wb.enter(SHEET.scoring, "G6", "47%");
    expect(ruleHolds(invalid.formula, lookup, 1, 0)).toBe(true);
    expect(ruleHolds(missing.formula, lookup, 1, 0)).toBe(false);
  });
});

describe("values in the preview grid", () => {
  it("shows numbers under their formats and edits them as typed", () => {
    expect(display(0.45, "0%")).toBe("45%");
    expect(display(27, "0.00")).toBe("27.00");
    expect(display(12.5, "0.0")).toBe("12.5");
    expect(display(45838, "yyyy-mm-dd")).toBe("2025-06-30");
    expect(display(0.1 + 0.2, undefined)).toBe("0.3");
    expect(display({ error: "#N/A" }, undefined)).toBe("#N/A");
    expect(display(true, undefined)).toBe("TRUE");
    expect(display(null, "0%")).toBe("");
    expect(editText(0.45, "0%")).toBe("45%");
    expect(editText(45838, "yyyy-mm-dd")).toBe("2025-06-30");
    expect(editText("是", "@")).toBe("是");
  });
});
