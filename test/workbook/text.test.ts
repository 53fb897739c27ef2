// One list of wide (East Asian wide and full-width) characters for both width estimates: the terminal's columns
// (the ranking table `aggregate` prints) and Excel's character units (row heights of wrapped text).
import { isWide, terminalWidth, textUnits, wrappedLines } from "../../src/workbook/text";

describe("character widths", () => {
  it.each([
    ["张三", 4],
    ["abc", 3],
    ["ＡＢ", 4], // full-width Latin
    ["한국", 4], // Hangul syllables
    ["𠮷野家", 6], // a CJK Extension B ideograph (outside the Basic Multilingual Plane) is wide too
    ["ｱｲ", 2], // half-width katakana are narrow
    ["“甲”", 4], // quotation marks: one column each in a terminal
  ])("%p takes %p terminal columns", (text, columns) => {
    expect(terminalWidth(text)).toBe(columns);
  });

  it("the spreadsheet estimate counts the same characters wide, and the quotation marks a CJK font draws wide", () => {
    for (const ch of ["张", "𠮷", "Ａ", "한"]) {
      expect(isWide(ch)).toBe(true);
      expect(textUnits(ch)).toBeCloseTo(2.05);
    }
    expect(isWide("“")).toBe(false);
    expect(textUnits("“")).toBeCloseTo(2.05);
    expect(textUnits("0")).toBe(1);
    // 20 ideographs (41 units) need three lines in a column 20 digits wide (18.8 usable units a line).
    expect(wrappedLines("质".repeat(20), 20)).toBe(3);
    expect(wrappedLines("质".repeat(8), 20)).toBe(1);
  });
});
