// Return tracking rules: every expected workbook is missing, returned or counted; every file is counted, unexpected
// or invalid with the reason; nobody counted twice; the result does not depend on the order of the files.
import { roundStatus, statusJson, type Assignment, type ReturnedFile } from "../../src/core";

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
  F("b.xlsx", "甲", "material", "李四", { usable: false, reason: "未填写完整（3 项未评分或输入无效）" }),
  F("c.xlsx", "乙", "material", "赵六"),
  F("d.xlsx", "丙", "material", "张三"),
  F("e.xlsx", "乙", "material", "张三", { roundId: "R0" }),
  F("f.xlsx", "乙", "onsite", "王五", { rubricId: "hebei-individual-senior" }),
  { file: "g.docx", problem: "不是 .xlsx 文件，已跳过" },
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
