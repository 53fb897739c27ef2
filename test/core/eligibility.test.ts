// The rules that decide who is nominated, read against the source documents: each case quotes the rule, builds
// the case and asserts the verdict. The quotes are checked against the seeds (whitespace aside).
import {
  aggregate,
  committeeVote,
  evaluateVetoes,
  exact,
  formatScore,
  library,
  parseRoster,
  parseVetoAnswer,
  vetoChoices,
  vetoQuestion,
  type ReturnedSheet,
  type RosterEntry,
  type RubricInfo,
} from "../../src/core";
import { describeWithSeeds, HEBEI_SEED, JIANGMEN_SEED, readSeed, squash } from "../helpers/seeds";

const info = (id: string): RubricInfo | undefined => {
  const b = library().get(id);
  return b && { rules: b.rules, scale: b.scale, scoring: b.rubric.scoring };
};
const rules = (id: string) => library().ruleSet(id)!;
const veto = (ruleSet: string, id: string) => rules(ruleSet).vetoes.find((v) => v.id === id)!;

let n = 0;
function sheet(
  rubricId: string,
  applicant: string,
  stage: "material" | "onsite",
  total: number | string,
  extra: Partial<ReturnedSheet> = {},
): ReturnedSheet {
  n += 1;
  const rubric = library().get(rubricId)!.rubric;
  return {
    file: `${applicant}-${stage}-${n}.xlsx`,
    rubricId,
    applicant,
    expert: `专家${n}`,
    stage,
    savedAt: null,
    total: exact(total),
    complete: true,
    items: rubric.items.map((i) => ({ code: i.code, points: i.points, value: 50 })),
    vetoes: [],
    conflictDeclared: false,
    bonusConfirmed: [],
    blocking: [],
    ...extra,
  };
}
const both = (rubricId: string, applicant: string, material: number | string, onsite: number | string, extra = {}) => [
  sheet(rubricId, applicant, "material", material, extra),
  sheet(rubricId, applicant, "onsite", onsite),
];

/** The quote must be the source's own words. */
function quote(seed: string, words: string): string {
  if (seedText[seed] && !squash(seedText[seed]).includes(squash(words))) throw new Error(`not in the seed: ${words}`);
  return words;
}
const seedText: Record<string, string> = {};
beforeAll(() => {
  try {
    seedText[HEBEI_SEED] = readSeed(HEBEI_SEED);
    seedText[JIANGMEN_SEED] = readSeed(JIANGMEN_SEED);
  } catch {
    // without the seeds the quotes are not checked (describeWithSeeds below fails in CI)
  }
});

describeWithSeeds("the quotes are the seeds' words", () => {
  it("every quote below appears in its seed", () => {
    expect(seedText[HEBEI_SEED]).toBeDefined();
    expect(() => quote(HEBEI_SEED, "1.拥护党的路线、方针、政策；")).not.toThrow();
    expect(() => quote(HEBEI_SEED, "不存在于原文的一句话")).toThrow();
  });
});

describe("eligibility asked the way it reads", () => {
  it("a condition is answered 符合 / 不符合: 不符合 flags it, 符合 does not", () => {
    // 三、申报条件（一）"申报省政府质量奖的组织……应当具备以下条件：1.拥护党的路线、方针、政策"
    quote(HEBEI_SEED, "应当具备以下条件：1.拥护党的路线、方针、政策");
    const v = veto("hebei-organization", "party-line");
    expect(vetoChoices(v)).toEqual(["符合", "不符合"]);
    expect(vetoQuestion(v).zh).toBe("是否符合该条件？");
    expect(parseVetoAnswer(v, "符合")).toEqual({ kind: "ok", answer: "met", flagged: false });
    expect(parseVetoAnswer(v, "不符合")).toEqual({ kind: "ok", answer: "unmet", flagged: true });
  });

  it("是 / 否 on a condition is ambiguous in a new workbook and named; an old (layout 1) workbook's 是 meant 不符合", () => {
    // Layout 1 asked "是否不符合该条件？": there a 是 on "拥护党的路线、方针、政策" meant the condition is not met.
    const v = veto("hebei-organization", "party-line");
    const r = parseVetoAnswer(v, "是");
    expect(r.kind).toBe("invalid");
    expect(r.kind === "invalid" && r.message.zh).toContain("应选“符合”或“不符合”");
    expect(parseVetoAnswer(v, "是", { legacyYesNo: true })).toEqual({ kind: "ok", answer: "unmet", flagged: true });
    expect(parseVetoAnswer(v, "否", { legacyYesNo: true })).toEqual({ kind: "ok", answer: "met", flagged: false });
  });

  it("an event is answered 是 / 否 (存在 / 不存在): 是 flags it", () => {
    // 七、监督管理（一）"申报组织和个人隐瞒有关情况或提供虚假材料进行申报的，5年内不再受理其申报。"
    quote(HEBEI_SEED, "申报组织和个人隐瞒有关情况或提供虚假材料进行申报的，5年内不再受理其申报。");
    const v = veto("hebei-organization", "false-material");
    expect(vetoChoices(v)).toEqual(["是", "否"]);
    expect(vetoQuestion(v).zh).toBe("是否存在该情形？");
    expect(parseVetoAnswer(v, "是")).toMatchObject({ flagged: true });
    expect(parseVetoAnswer(v, "存在")).toMatchObject({ flagged: true });
    expect(parseVetoAnswer(v, "否")).toMatchObject({ flagged: false });
    expect(parseVetoAnswer(v, "不存在")).toMatchObject({ flagged: false });
    expect(parseVetoAnswer(v, "符合").kind).toBe("invalid");
  });

  it("江门's 否决事项 are all events: “申报材料弄虚作假” answered 否 is no flag", () => {
    quote(JIANGMEN_SEED, "三、否决事项");
    quote(JIANGMEN_SEED, "（三）申报材料弄虚作假。");
    const all = rules("jiangmen-organization").vetoes;
    expect(all.every((v) => v.ask === "occurred")).toBe(true);
    const s = evaluateVetoes(all, {
      "major-incident": { answer: "否" },
      "employee-rights": { answer: "否" },
      "false-material": { answer: "否" },
    });
    expect(s.vetoed).toBe(false);
    expect(s.unanswered).toEqual([]);
  });
});

describe("conditional items: appliesTo and 不适用", () => {
  it("Hebei individual condition 5 applies only “申报个人为所属组织高层领导者的”: 不适用 is an answer there", () => {
    quote(HEBEI_SEED, "5.申报个人为所属组织高层领导者的，所属组织近 5年无重");
    const v = veto("hebei-individual", "organization-record");
    expect(v.appliesTo).toBe("申报个人为所属组织高层领导者的");
    expect(vetoChoices(v)).toEqual(["符合", "不符合", "不适用"]);
    expect(vetoQuestion(v).zh).toContain("仅适用于：申报个人为所属组织高层领导者的");
    expect(parseVetoAnswer(v, "不适用")).toEqual({ kind: "ok", answer: "not-applicable", flagged: false });
  });

  it("an item that applies to everybody cannot be answered 不适用", () => {
    const v = veto("hebei-individual", "party-line");
    expect(vetoChoices(v)).not.toContain("不适用");
    const r = parseVetoAnswer(v, "不适用");
    expect(r.kind === "invalid" && r.message.zh).toContain("不能选“不适用”");
  });
});

describe("a flagged veto is a finding to confirm", () => {
  // 四（三）资格审查 is the secretariat's: "省质评办汇总资格审查和征求意见情况，形成受理名单".
  const flag = { id: "false-material", text: "提供虚假材料", flagged: true, note: "营业执照与申报不符" };
  const sheets = () => [
    ...both("hebei-organization", "甲公司", 700, 700),
    sheet("hebei-organization", "乙公司", "material", 650, { vetoes: [flag], expert: "王专家" }),
    sheet("hebei-organization", "乙公司", "onsite", 800),
  ];

  it("one expert's flag: 否决待核实, out of the candidates, with who flagged what and why", () => {
    quote(HEBEI_SEED, "省质评办汇总资格审查和征求意见情况");
    const r = aggregate(sheets(), info);
    const b = r.applicants.find((a) => a.applicant === "乙公司")!;
    expect(b.veto).toBe("flagged");
    expect(b.vetoed).toBe(true);
    expect(b.status).toBe("veto-flagged");
    expect(b.rank).toBeNull();
    expect(b.wouldBeRank).toBe(1);
    expect(b.vetoFlags).toEqual([expect.objectContaining({ expert: "王专家", note: "营业执照与申报不符" })]);
  });

  it("the secretariat's 确认否决 makes it a veto; 不予否决 puts the applicant back in the ranking", () => {
    const confirmed = aggregate(sheets(), info, [{ applicant: "乙公司", veto: "confirmed" }]);
    const c = confirmed.applicants.find((a) => a.applicant === "乙公司")!;
    expect([c.veto, c.vetoed, c.status]).toEqual(["confirmed", true, "vetoed"]);
    const cleared = aggregate(sheets(), info, [{ applicant: "乙公司", veto: "cleared" }]);
    const d = cleared.applicants.find((a) => a.applicant === "乙公司")!;
    expect([d.veto, d.vetoed, d.status, d.rank]).toEqual(["cleared", false, "candidate", 1]);
    expect(cleared.applicants.find((a) => a.applicant === "甲公司")!.rank).toBe(2);
  });

  it("the roster carries the decision in a 否决核实 column (确认否决 / 不予否决); anything else is named", () => {
    const { entries, problems } = parseRoster(
      [
        ["申报单位", "否决核实"],
        ["乙公司", "确认否决"],
        ["丙公司", "不予否决"],
        ["丁公司", "再议"],
      ],
      "名单.csv",
    );
    expect(entries.map((e: RosterEntry) => e.veto)).toEqual(["confirmed", "cleared", undefined]);
    expect(problems).toEqual([expect.objectContaining({ row: 4, reason: expect.stringContaining("“再议”无效") })]);
  });
});

describe("missing inputs the rules need", () => {
  it("an individual on-site without public satisfaction is a named problem, not 未达提名线", () => {
    // 四（六）2 "申报个人最终得分包括：材料评审得分（占 30%）、现场评审得分（占 70%）、公众满意度测评得分（满分 20 分）和加分。"
    quote(
      HEBEI_SEED,
      "申报个人最终得分包括：材料评审得分（占 30%）、现场评审得分（占 70%）、公众满意度测评得分（满分 20 分）和加分。",
    );
    const r = aggregate(both("hebei-individual-frontline", "张三", 72, 70), info);
    const a = r.applicants[0];
    expect(a.status).toBe("no-public");
    expect(a.final).toBeNull();
    expect(r.problems).toEqual([
      expect.objectContaining({ code: "no-public", applicant: "张三", reason: expect.stringContaining("公众满意度") }),
    ]);
    const given = aggregate(both("hebei-individual-frontline", "张三", 72, 70), info, [
      { applicant: "张三", public: exact(16) },
    ]);
    expect(given.applicants[0].final!.equals(exact("70.6").add(16))).toBe(true);
    expect(given.problems).toEqual([]);
  });

  it("public satisfaction given for an organisation is a named problem and not added", () => {
    // 四（六）1 "申报组织最终得分包括：材料评审得分（占 30%）、现场评审得分（占 70%）和加分。"
    quote(HEBEI_SEED, "申报组织最终得分包括：材料评审得分（占 30%）、现场评审得分（占 70%）和加分。");
    const r = aggregate(both("hebei-organization", "甲公司", 600, 600), info, [
      { applicant: "甲公司", public: exact(18) },
    ]);
    expect(r.applicants[0].final!.equals(600)).toBe(true);
    expect(r.problems).toEqual([expect.objectContaining({ code: "public-not-applicable", applicant: "甲公司" })]);
  });
});

describe("display never contradicts the verdict", () => {
  it("549.995 is below “550 分及以上” and shows as 549.995, never 550.00; 550 exactly shows 550.00", () => {
    quote(HEBEI_SEED, "提出授奖候选名单的原则为：申报组织最终得分在 550 分及");
    // material 549.995 and on-site 549.995 → final 549.995
    const r = aggregate(both("hebei-organization", "甲公司", "549.995", "549.995"), info);
    expect(r.applicants[0].status).toBe("below-threshold");
    expect(formatScore(r.applicants[0].final!, [500, 550])).toBe("549.995");
    expect(formatScore(exact(550), [550])).toBe("550.00");
    expect(formatScore(exact("612.345"), [550])).toBe("612.35");
    // Even nine decimals would round 549.9999999999 up to 550: the digits are cut instead.
    expect(formatScore(exact("549.9999999999"), [550])).toBe("549.999999999");
  });
});

describe("江门's five sectors", () => {
  it("by default each sector (rubric) is ranked on its own, a documented source-silent default", () => {
    // 一、指标设置 "评审领域具体设置为制造业、服务业、工程建设业、医疗机构……、教育机构……等 5大类组织"
    quote(JIANGMEN_SEED, "江门市政府质量奖的评审领域具体设置为制造业、服务业、");
    const jm = rules("jiangmen-organization");
    expect(jm.rankBy).toBe("rubric");
    expect(jm.secretariatDefaults).toContain("rankBy");
    const sheets = [
      ...both("jiangmen-manufacturing", "甲制造", 800, 800),
      ...both("jiangmen-manufacturing", "乙制造", 700, 700),
      ...both("jiangmen-medical", "丙医院科室", 750, 750),
    ];
    const r = aggregate(sheets, info);
    const rank = (x: string) => r.applicants.find((a) => a.applicant === x)!.rank;
    expect([rank("甲制造"), rank("乙制造"), rank("丙医院科室")]).toEqual([1, 2, 1]);
    const together = aggregate(sheets, info, [], { rankBy: "rule-set" });
    const rank2 = (x: string) => together.applicants.find((a) => a.applicant === x)!.rank;
    expect([rank2("甲制造"), rank2("乙制造"), rank2("丙医院科室")]).toEqual([1, 3, 2]);
  });

  it("Hebei ranks its individuals together: “依次选定不超过 10家组织、10 名个人”", () => {
    quote(HEBEI_SEED, "依次选定不超过 10家组织、10 名个人列入授奖候选名单");
    expect(rules("hebei-individual").rankBy).toBe("rule-set");
  });

  it("the vote rule only where the award defines one: none for 江门", () => {
    quote(HEBEI_SEED, "出席会议委员三分之二及以上赞成票");
    expect(committeeVote(rules("hebei-organization"), 10, 14, 21)?.passes).toBe(true);
    expect(committeeVote(rules("jiangmen-organization"), 10, 14, 21)).toBeNull();
  });
});

describe("a material-stage-only run: the advance list", () => {
  it("“材料评审得分达到500分及以上的申报组织……可进入现场评审阶段”: 进入现场评审 in order, no 缺少现场评审得分", () => {
    quote(HEBEI_SEED, "3.材料评审得分达到500分及以上的申报组织和得分达到70");
    const sheets = [
      sheet("hebei-organization", "甲", "material", 520),
      sheet("hebei-organization", "乙", "material", 500),
      sheet("hebei-organization", "丙", "material", "499.995"),
      sheet("hebei-organization", "丁", "material", 610),
      sheet("hebei-organization", "丁", "onsite", 610),
    ];
    const r = aggregate(sheets, info, [], { stage: "material" });
    expect(r.stage).toBe("material");
    expect(r.applicants.map((a) => [a.applicant, a.status, a.rank])).toEqual([
      ["丁", "advances", 1],
      ["甲", "advances", 2],
      ["乙", "advances", 3],
      ["丙", "not-advanced", 4],
    ]);
    expect(r.problems.map((p) => p.code)).toEqual(["stage-excluded"]);
    expect(formatScore(r.applicants[3].material.score!, [500])).toBe("499.995");
  });

  it("individuals advance at 70 “（不含公众满意度测评得分）”: no public satisfaction needed yet", () => {
    quote(HEBEI_SEED, "分及以上（不含公众满意度测评得分）的申报个人可进入现场评");
    const r = aggregate([sheet("hebei-individual-senior", "李四", "material", 70)], info, [], { stage: "material" });
    expect(r.applicants[0].status).toBe("advances");
    expect(r.problems).toEqual([]);
  });
});
