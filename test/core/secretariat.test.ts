// The 质评办 settings: one list per rule set (src/core/secretariat.ts) gives both the table the command line prints
// (设置 = 值) and the rule line under each ranking of the summary. Both name the same settings, in the same order.
import { library, secretariatSettingList, secretariatSettings, secretariatSettingsText } from "../../src/core";

const lib = library();
const rules = (id: string) => lib.ruleSet(id)!;

describe("the secretariat's settings", () => {
  it("河北: the rule line names the same two settings as the table (the material stage's 合议 source too)", () => {
    const hebei = rules("hebei-organization");
    expect(secretariatSettings(hebei)).toEqual([
      { ruleSet: "hebei-organization", label: "专家组合成方法", value: "平均分" },
      { ruleSet: "hebei-organization", label: "材料评审得分来源", value: "合议表总分" },
    ]);
    expect(secretariatSettingsText(hebei)).toBe(
      "质评办设定（评审规则未作规定，可在“参数”中修改）：专家组得分取平均分；材料评审得分取合议表总分（未交回合议表时按专家组合成方法）。",
    );
  });

  it("江门: every open setting, as the table and as the line", () => {
    const jm = rules("jiangmen-organization");
    expect(secretariatSettings(jm).map((s) => `${s.label} = ${s.value}`)).toEqual([
      "阶段权重 = 材料评审 30%、现场评审 70%",
      "专家组合成方法 = 平均分",
      "排名方式 = 按评分标准分别排名",
      "进入现场评审分数线 = 无",
      "提名分数线 = 无",
      "候选名额 = 不限",
      "阶段得分来源 = 材料评审 合议表总分、现场评审 合议表总分",
    ]);
    expect(secretariatSettingsText(jm)).toBe(
      "质评办设定（评审规则未作规定，可在“参数”中修改）：材料评审 30%、现场评审 70%；专家组得分取平均分；按评分标准分别排名；" +
        "不设进入现场评审分数线；不设提名分数线（不作“候选”结论）；不限名额；" +
        "材料评审得分取合议表总分、现场评审得分取合议表总分（未交回合议表时按专家组合成方法）。",
    );
  });

  it("a set value reads as a line and a figure; a rule set without open settings has no line", () => {
    const set = { ...rules("jiangmen-organization"), advance: { stage: "material" as const, min: 600 }, topN: 10 };
    const list = secretariatSettingList(set);
    expect(list.find((s) => s.key === "advance")).toMatchObject({ value: "600", phrase: "进入现场评审分数线 600 分" });
    expect(list.find((s) => s.key === "topN")).toMatchObject({ value: "10", phrase: "候选名额 10 名" });
    expect(secretariatSettingsText({ ...set, secretariatDefaults: [] })).toBeNull();
  });
});
