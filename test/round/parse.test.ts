// Reading the round workbook's rows: Chinese or English headers, every problem naming sheet and row, defaults for
// what 参数 leaves out, and the 分组 sheet read back.
import { library, parsePanels, parseRound, ROUND_DEFAULTS } from "../../src/core";

const lib = library();

describe("parseRound", () => {
  it("accepts English sheet names and headers", () => {
    const r = parseRound(
      {
        applicants: [
          ["Applicant", "Rubric", "Sector", "Place", "Employer", "Stages"],
          ["Acme Ltd", "hebei-organization", "manufacturing", "Baoding", "Acme Group", "material"],
        ],
        experts: [
          ["Name", "Employer", "Place", "Specialties", "Stages"],
          ["Wang", "Univ", "Shijiazhuang", "manufacturing、hebei-organization", ""],
        ],
        conflicts: [
          ["Expert", "Applicant", "Reason"],
          ["wang", "ACME LTD", "consultant"],
        ],
        parameters: [
          ["Setting", "Value"],
          ["material panel size", 3],
          ["avoid same place", "no"],
        ],
      },
      lib,
    );
    expect(r.problems).toEqual([]);
    expect(r.input.applicants[0]).toMatchObject({ name: "Acme Ltd", sector: "manufacturing", stages: ["material"] });
    expect(r.input.experts[0].specialties).toEqual(["manufacturing", "hebei-organization"]);
    expect(r.input.conflicts).toHaveLength(1);
    expect(r.input.params.panelSize).toEqual({ material: 3, onsite: ROUND_DEFAULTS.panelSize.onsite });
    expect(r.input.params.samePlace).toBe(false);
    expect(r.input.params.sameEmployer).toBe(ROUND_DEFAULTS.sameEmployer);
  });

  it("names the sheet and row of every bad entry, and never guesses a rubric", () => {
    const r = parseRound(
      {
        申报者: [
          [],
          ["申报者", "评分标准"],
          ["甲公司", "hebei-organization"],
          ["甲 公司", "hebei-organization"],
          ["乙公司", "某某标准"],
        ],
        专家库: [
          ["姓名", "可参加阶段"],
          ["张三", "复审"],
          ["李四", ""],
          ["李四", ""],
        ],
        参数: [
          ["参数", "值"],
          ["每位专家最多评审数", "-1"],
          ["未知参数", "1"],
        ],
      },
      lib,
    );
    expect(r.problems.map((p) => p.zh)).toEqual([
      "申报者!第 4 行：申报者“甲 公司”重复（第 3 行）",
      "申报者!第 5 行：评分标准“某某标准”不是已知的评分标准编号或名称（如 hebei-organization）",
      "专家库!第 2 行：可参加阶段“复审”无效（材料评审、现场评审）",
      "专家库!第 4 行：专家“李四”重复（第 3 行）；同名专家请加以区分（如“李四（单位）”）",
      "参数!第 2 行：每位专家最多评审数“-1”无效：应为不小于 0 的整数（只写数字）",
      "参数!第 3 行：未知的参数“未知参数”",
    ]);
  });

  it("says which sheet or column is missing", () => {
    const r = parseRound({ 申报者: [["名字"]] }, lib);
    expect(r.problems.map((p) => p.zh)).toEqual([
      "工作表“申报者”缺少 “申报者”、“评分标准” 列",
      "评审安排中没有“专家库”工作表",
    ]);
  });
});

describe("parsePanels", () => {
  it("reads 分组 back, rubric titles and stage names included, and flags duplicates", () => {
    const r = parsePanels(
      [
        ["批次编号", "组别", "申报者", "评分标准", "阶段", "专家", "组长"],
        ["R1", "材料-01", "甲公司", "河北省政府质量奖组织奖评价标准（2022年版）", "材料评审", "张三", "是"],
        ["R1", "材料-01", "甲公司", "hebei-organization", "材料", "张 三", ""],
        ["R1", "现场-01", "甲公司", "hebei-organization", "现场评审", "李四", ""],
      ],
      "分组",
      lib,
    );
    expect(r.assignments).toEqual([
      expect.objectContaining({
        applicant: "甲公司",
        stage: "material",
        expert: "张三",
        leader: true,
        rubricId: "hebei-organization",
      }),
      expect.objectContaining({ stage: "onsite", expert: "李四", leader: false }),
    ]);
    expect(r.problems.map((p) => p.zh)).toEqual(["分组!第 3 行：专家 张 三 在 甲公司 的材料评审专家组中重复"]);
  });
});
