// The one file-name rule (src/core/file-name.ts), case by case as data: what a name typed into a round workbook or a
// form becomes as a file name, on every writer.
import { distinctFileNames, fileNameOf, fileNamePart, MAX_FILE_NAME_BYTES, utf8Bytes } from "../../src/core";
import { scoringFileName } from "../../src/workbook";
import { workbookFileName } from "../../src/taskpane/flows";
import { generatePlan } from "../../src/round/files";
import { buildLayout } from "../../src/workbook";
import { bundle } from "../helpers/workbooks";

const PARTS: [string, string, string][] = [
  ["path separators", "河北甲/乙联合体", "河北甲_乙联合体"],
  ["a backslash and Windows' reserved characters", 'a\\b:c*d?e"f<g>h|i', "a_b_c_d_e_f_g_h_i"],
  ["a tab and a line break typed into a name", "张\t三\n", "张 三"],
  ["zero-width and bidi overrides dropped", "甲\u202e公司\u200b", "甲公司"],
  ["full-width letters and digits folded", "ＡＢＣ１２３公司", "ABC123公司"],
  ["a leading dot or formula sign", ".hidden", "_hidden"],
  ["a leading = (a formula in a spreadsheet)", "=cmd", "_cmd"],
  ["trailing dots and spaces (Windows drops them)", "甲公司. . ", "甲公司"],
  ["runs of white space as one", "甲\u3000\u3000公司", "甲 公司"],
  ["nothing visible", "\u200b\u200d\u202e", ""],
];

describe("fileNamePart", () => {
  it.each(PARTS)("%s", (_what, input, expected) => {
    expect(fileNamePart(input)).toBe(expected);
  });

  it("cuts at a byte cap on a character boundary: never half a character, a flag or an emoji with its modifier", () => {
    const cases: [string, number][] = [
      ["𠀀".repeat(100), 255],
      ["👍🏽".repeat(40), 30],
      ["🇨🇳🇭🇰".repeat(20), 30],
      ["é".normalize("NFD").repeat(50), 31],
    ];
    for (const [s, cap] of cases) {
      const out = fileNamePart(s, cap);
      expect(utf8Bytes(out)).toBeLessThanOrEqual(cap);
      expect(out).not.toContain("\ufffd");
      expect(s.normalize("NFKC").startsWith(out)).toBe(true);
    }
    // A flag is two regional indicators: never one alone at the end.
    const flags = fileNamePart("🇨🇳".repeat(10), 10); // 8 bytes a flag: one flag fits, not a half
    expect(Array.from(flags)).toHaveLength(2);
    // Skin-tone modifiers stay with their emoji (each 👍🏽 is 8 bytes).
    expect(fileNamePart("👍🏽👍🏽", 12)).toBe("👍🏽");
  });
});

describe("fileNameOf", () => {
  it("joins the parts and keeps the whole name within 255 bytes, cutting the longest part first", () => {
    const name = fileNameOf(["江门市".repeat(67), "材料评审", "欧阳"], ".xlsx")!;
    expect(utf8Bytes(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(name.endsWith("_材料评审_欧阳.xlsx")).toBe(true);
  });

  it.each(["CON", "con", "NUL", "com1", "LPT9", "aux"])("a Windows device name (%s) gets a leading _", (dev) => {
    expect(fileNameOf([dev], ".xlsx")).toBe(`_${dev}.xlsx`);
    expect(fileNameOf([dev], "")).toBe(`_${dev}`);
  });

  it("refuses a part with nothing visible", () => {
    expect(fileNameOf(["\u200b", "材料评审"], ".xlsx")).toBeNull();
  });
});

describe("distinctFileNames", () => {
  it("suffixes the second of two names that would be one file (case ignored), in order", () => {
    expect(distinctFileNames(["甲_材料评审报告.docx", "甲_材料评审报告.docx", "A.docx", "a.docx", "乙.docx"])).toEqual([
      "甲_材料评审报告.docx",
      "甲_材料评审报告 (2).docx",
      "A.docx",
      "a (2).docx",
      "乙.docx",
    ]);
  });

  it("keeps a suffixed name within the byte cap", () => {
    const long = `${"甲".repeat(83)}.docx`; // 249 + 5 bytes
    const [, second] = distinctFileNames([long, long]);
    expect(utf8Bytes(second)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(second.endsWith(" (2).docx")).toBe(true);
  });
});

describe("one workbook, one name on every surface", () => {
  const applicant = "河北甲/乙联合体\u200b";
  const expert = "张\t三";
  it("scorebook generate, the task pane and round generate name a workbook alike", () => {
    const cli = scoringFileName(applicant, "onsite", expert);
    expect(cli).toBe("河北甲_乙联合体_现场评审_张 三.xlsx");
    const layout = buildLayout(bundle("hebei-organization"), {
      applicant,
      expert,
      stage: "onsite",
      mode: "native",
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    expect(workbookFileName(layout)).toBe(cli);
    const [plan] = generatePlan(
      [{ applicant, expert, stage: "onsite", rubricId: "hebei-organization", group: "现场-01" } as never],
      "/out",
    );
    expect(plan.files[0].file).toBe(`/out/张 三/${cli}`);
  });
});
