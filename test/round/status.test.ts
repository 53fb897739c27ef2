// Return tracking rules: every expected workbook is missing, returned or counted; every file is counted, unexpected
// or invalid with the reason; nobody counted twice; the result does not depend on the order of the files.
import { msg, roundStatus, statusJson, vetoAnswerFor, type Assignment, type ReturnedFile } from "../../src/core";
import { returnedOf } from "../../src/round/read";
import { buildLayout, interpret } from "../../src/workbook";
import { readXlsx, writeXlsx } from "../../src/xlsx";
import { bundle, randomValid, rng } from "../helpers/workbooks";

const A = (applicant: string, stage: "material" | "onsite", expert: string): Assignment => ({
  roundId: "R1",
  group: "g",
  applicant,
  rubricId: "hebei-organization",
  stage,
  expert,
  leader: false,
});
const draw = [
  A("甲", "material", "张三"),
  A("甲", "material", "李四"),
  A("乙", "material", "张三"),
  A("乙", "onsite", "王五"),
];
const F = (
  file: string,
  applicant: string,
  stage: "material" | "onsite",
  expert: string,
  over: Partial<ReturnedFile> = {},
): ReturnedFile => ({
  file,
  applicant,
  stage,
  expert,
  rubricId: "hebei-organization",
  roundId: "R1",
  usable: true,
  savedAt: "2026-01-01T00:00:00Z",
  ...over,
});

const files: ReturnedFile[] = [
  F("a.xlsx", "甲", "material", "张三"),
  F("a-副本.xlsx", "甲", "material", "张 三", { savedAt: "2026-01-02T00:00:00Z" }),
  F("b.xlsx", "甲", "material", "李四", { usable: false, reason: msg.statusIncomplete(3) }),
  F("c.xlsx", "乙", "material", "赵六"),
  F("d.xlsx", "丙", "material", "张三"),
  F("e.xlsx", "乙", "material", "张三", { roundId: "R0" }),
  F("f.xlsx", "乙", "onsite", "王五", { rubricId: "hebei-individual-senior" }),
  { file: "g.docx", problem: msg.skipped("other") },
];

describe("roundStatus", () => {
  const s = roundStatus(draw, files, "R1", ["甲", "乙"]);

  it("counts each expected workbook once, however many copies came back", () => {
    expect(s).toMatchObject({ expected: 4, returned: 3, counted: 1 });
    expect(s.countedFiles.get([..."甲"].join("") + "\u0000material\u0000张三")).toBe("a-副本.xlsx");
    expect(s.invalid.find((i) => i.file === "a.xlsx")?.reason).toContain("交回了两次");
  });

  it("lists as missing only what did not come back, and a returned but unusable workbook as invalid", () => {
    expect(s.missing).toEqual([{ applicant: "乙", expert: "张三", stage: "material" }]);
    expect(s.invalid.find((i) => i.file === "b.xlsx")?.reason).toContain("未填写完整");
  });

  it("names unexpected workbooks: an expert not on the panel, an applicant not in the round, another round", () => {
    const why = (f: string) => s.unexpected.find((u) => u.file === f)?.reason;
    expect(why("c.xlsx")).toContain("赵六 不在 乙 的材料评审专家组中");
    expect(why("d.xlsx")).toContain("不在本批次中");
    expect(why("e.xlsx")).toContain("另一评审批次（R0）");
    expect(s.invalid.find((i) => i.file === "f.xlsx")?.reason).toContain("应使用 hebei-organization");
    expect(s.invalid.find((i) => i.file === "g.docx")?.reason).toContain("不是 .xlsx");
  });

  it("does not depend on the order of the files", () => {
    const json = JSON.stringify(statusJson(s));
    for (let k = 0; k < 8; k++) {
      const shuffled = [...files].sort(
        (a, b) => Math.sin(a.file.length * 7 + k) - Math.sin(b.file.length * 7 + k) || (k % 2 ? 1 : -1),
      );
      expect(JSON.stringify(statusJson(roundStatus(draw, shuffled.reverse(), "R1", ["甲", "乙"])))).toBe(json);
    }
  });
});

describe("each reason in Chinese and English, with a stable code", () => {
  const s = roundStatus(draw, files, "R1", ["甲", "乙"]);
  const unexpected = (f: string) => s.unexpected.find((u) => u.file === f);
  const invalid = (f: string) => s.invalid.find((i) => i.file === f);

  it("names an expert not on the panel in both languages", () => {
    expect(unexpected("c.xlsx")).toEqual({
      file: "c.xlsx",
      applicant: "乙",
      expert: "赵六",
      stage: "material",
      reason: "专家 赵六 不在 乙 的材料评审专家组中（未经抽取），不计入",
      en: "expert 赵六 is not on 乙's material review panel (not drawn): not counted",
      code: "unassigned",
    });
    expect(unexpected("d.xlsx")).toMatchObject({ code: "unassigned", en: 'applicant "丙" is not in this round' });
    expect(unexpected("e.xlsx")).toMatchObject({ code: "other-round", en: expect.stringContaining("round (R0)") });
  });

  it("says in English why a returned workbook is not counted", () => {
    expect(invalid("b.xlsx")).toEqual({
      file: "b.xlsx",
      reason: "未填写完整（3 项未评分或输入无效）",
      en: "not complete (3 item(s) not scored or invalid)",
      code: "incomplete",
    });
    expect(invalid("a.xlsx")).toMatchObject({
      code: "duplicate",
      en: "the same workbook came back twice (a.xlsx, a-副本.xlsx): a-副本.xlsx counts",
    });
    expect(invalid("f.xlsx")).toMatchObject({
      code: "wrong-rubric",
      en: expect.stringContaining("hebei-individual-senior; in this round the applicant's is hebei-organization"),
    });
    expect(invalid("g.docx")).toMatchObject({ code: "skipped", en: "not an .xlsx file: skipped" });
  });

  it("gives each entry exactly file (applicant, expert, stage), reason, en and code", () => {
    const json = statusJson(s);
    for (const u of json.unexpected)
      expect(Object.keys(u)).toEqual(["file", "applicant", "expert", "stage", "reason", "en", "code"]);
    for (const i of json.invalid) expect(Object.keys(i)).toEqual(["file", "reason", "en", "code"]);
  });

  it("reads an incomplete returned workbook as invalid, with the count of open items in both languages", async () => {
    const b = bundle("hebei-organization");
    const v = randomValid(b, rng(5));
    for (const vt of b.rules.vetoes) v.vetoes![vt.id] = { answer: vetoAnswerFor(vt, false) };
    delete v.entries!["1.2"];
    delete v.entries!["1.3"];
    const layout = buildLayout(
      b,
      { applicant: "甲", expert: "李四", stage: "material", mode: "native", createdAt: "x", roundId: "R1" },
      v,
    );
    const report = interpret(await readXlsx(await writeXlsx(layout), "甲_材料评审_李四.xlsx"));
    const st = roundStatus(draw, [returnedOf(report)], "R1", ["甲", "乙"]);
    expect(st.invalid).toEqual([
      {
        file: "甲_材料评审_李四.xlsx",
        reason: "未填写完整（2 项未评分或输入无效）",
        en: "not complete (2 item(s) not scored or invalid)",
        code: "incomplete",
      },
    ]);
    expect(st.missing).not.toContainEqual({ applicant: "甲", expert: "李四", stage: "material" });
  });
});
