// The one catalogue of messages (src/core/messages.ts): every entry gives a code, a Chinese and an English text.
// Data-driven: the sample arguments are typed against the catalogue, so an entry without a sample does not compile,
// and the run checks the keys again.
import { awardMsg, msg, outMsg, wbMsg, writeCause, type Message } from "../../src/core";

const m = (code: string, zh: string, en: string): Message => ({ code, zh, en });
const inner = m(
  "not-on-step",
  "评分!G6（1.2）：成熟度 47% 不是 5% 的整数倍",
  "评分!G6 (1.2): maturity 47% is not a multiple of 5%",
);
const who = { expert: "张三", applicant: "甲公司", stage: "onsite" as const };
const hebei = { zh: "河北省政府质量奖组织奖评价标准（2022年版）", en: "Hebei organisation standard (2022)" };
const jiangmen = { zh: "江门市政府质量奖评分要点（医疗机构）", en: "Jiangmen scoring points — Medical institutions" };

const SAMPLES: { [K in keyof typeof msg]: Parameters<(typeof msg)[K]>[] } = {
  missing: [[]],
  notNumber: [["abc"]],
  outOfRange: [[120]],
  notOnStep: [[47, 5]],
  notInBand: [[45, 2, 10, 25]],
  unknownBand: [["9", 6]],
  pointsNotNumber: [["abc"]],
  pointsOutOfRange: [[12, 10]],
  pointsNotOnStep: [[3.3, 0.5]],
  vetoAnswerInvalid: [["Y"]],
  vetoUnanswered: [[]],
  vetoConditionAnswer: [["是", ["符合", "不符合"]]],
  vetoEventAnswer: [["符合", ["是", "否"]]],
  vetoNotApplicableRefused: [["不适用"]],
  vetoDecisionInvalid: [["同意"]],
  commentHighMaturity: [[95]],
  commentLowMaturity: [[0]],
  commentHighPoints: [[10, 10]],
  commentLowPoints: [[0, 10]],
  trimmedFallback: [[2]],
  noVote: [["江门市政府质量奖"]],
  emptyPanel: [[]],
  trimmedFewExperts: [[2]],
  zFewExperts: [[2]],
  zNoSpread: [[]],
  agreementFewExperts: [[1]],
  agreementFewItems: [[1]],
  agreementNoOrder: [[]],
  publicOutOfRange: [[25, 20]],
  tieAtLimit: [[10, 10]],
  stageExcluded: [["张三"]],
  notAdvancedOnsite: [["张三", "甲公司", "499.9999", "500"]],
  unknownRubric: [["x-rubric"]],
  mixedRubricTie: [
    [
      [
        { name: hebei, count: 1 },
        { name: jiangmen, count: 1 },
      ],
    ],
  ],
  mixedRubric: [
    [
      [
        { name: hebei, count: 2 },
        { name: { zh: "只有中文名" }, count: 1 },
      ],
      { zh: "只有中文名" },
      hebei,
    ],
  ],
  countedWithNotice: [[m("not-recalculated", "未重新计算", "not recalculated")]],
  commentTruncated: [
    ["张三", "1.1", "strengths", 40000, 32000],
    ["张三", "1.1", "opportunities", 40000, 32000],
  ],
  panelSmall: [["甲公司", "material", 2]],
  consensusRubric: [["hebei-organization", "甲公司", ""]],
  consensusNotUsed: [[{ zh: "江门市政府质量奖", en: "Jiangmen award" }, "onsite"]],
  consensusExperts: [
    [["张三"], [], "material"],
    [["张三"], ["李四"], "onsite"],
  ],
  noPublic: [["王五", 20]],
  noOnsite: [["甲公司"]],
  noMaterial: [["甲公司"]],
  noSheets: [["甲公司"]],
  consensusUnmatched: [["甲公司"]],
  consensusInvalid: [[[]], [[inner]]],
  consensusDuplicate: [["a.xlsx", "b.xlsx"]],
  similarNames: [
    ["applicant", ["甲公司", "（甲）公司"]],
    ["expert", ["张三", "张 三"]],
  ],
  notInRoster: [["甲公司", 3]],
  declaredConflict: [
    ["张三", ""],
    ["张三", "曾在该公司任职"],
  ],
  notCounted: [[[inner]]],
  incompleteSheet: [
    [who.expert, []],
    [who.expert, Array.from({ length: 9 }, () => inner)],
  ],
  duplicateUndecided: [
    [who, ["a.xlsx", "b.xlsx"], true],
    [who, ["a.xlsx", "b.xlsx"], false],
  ],
  olderCopy: [[who]],
  sameCopy: [[who, ["a.xlsx", "b.xlsx"], "a.xlsx"]],
  olderCopyUsed: [[who, "b.xlsx", "a.xlsx"]],
  supersededCopy: [[who, ["a.xlsx", "b.xlsx"], "b.xlsx"]],
  noCopyUsed: [
    [who, ["a.xlsx", "b.xlsx"], true],
    [who, ["a.xlsx", "b.xlsx"], false],
  ],
  rosterRow: [[3, m("roster-duplicate", "申报者重复", "duplicate applicant")]],
  otherRound: [["2024-1", "2025-1"]],
  applicantNotInRound: [["甲公司", "2025-1", "张三"]],
  expertNotDrawn: [["张三", "甲公司", "material"]],
  missingReturn: [["张三", "甲公司", "onsite"]],
  panelBelowSize: [["甲公司", "onsite", 5, ["张三", "李四"]]],
  roundParamDate: [["材料评审每组人数", "2026-03-05"]],
  drawNotDrawn: [["王某", "材料-01", "甲公司", "material", ["张三", "李四"]]],
  drawNoPanel: [["甲公司", "onsite", "现场-09"]],
  drawOtherGroup: [["材料-02", "材料-01"]],
  drawLeader: [["材料-01", "张三"]],
  drawRoundId: [["HB-X", "HB-C"]],
  drawRubric: [["jiangmen-medical", "hebei-organization"]],
  drawDropped: [["张三", "材料-01", "甲公司", "material"]],
  drawPanelsChanged: [["0123456789abcdef0123456789ab", "fedcba9876543210fedcba987654"]],
  drawEditHint: [[]],
  drawAccepted: [["原定专家因病替换"]],
  drawRecordEdited: [["抽取记录", "0123456789abcdef0123456789ab", "fedcba9876543210fedcba987654"]],
  drawNoRecord: [["分组", "抽取记录"]],
  reportRoundWithoutDocuments: [[]],
  reportStale: [
    ["汇总表.xlsx", [{ address: "参数!C6", input: "0.4", cached: "0.3" }]],
    [
      "汇总表.xlsx",
      Array.from({ length: 7 }, (_, i) => ({ address: `专家分!D${i + 5}`, input: "", cached: String(600 + i) })),
    ],
  ],
  reportFeedbackUnknown: [
    ["汇总表.xlsx", "反馈!A40", "河北甲装备制造公司", "河北甲装备制造有限公司"],
    ["汇总表.xlsx", "反馈!A41", "某公司", null],
  ],
  reportFeedbackRow: [["汇总表.xlsx", "反馈!C40", "编号“9.9”不是该申报者材料评审的评价项目"]],
  consensusPickNotOk: [[inner], [undefined]],
  consensusPickNone: [[]],
  consensusPickMixed: [[]],
  consensusPickTwice: [[]],
  statusNotScorebook: [[]],
  statusConsensus: [[]],
  statusOtherRound: [["2024-1", "2025-1"]],
  statusApplicantNotInRound: [["丁公司"]],
  statusExpertNotDrawn: [["赵六", "乙公司", "material"]],
  statusWrongRubric: [["hebei-individual-senior", "hebei-organization"]],
  statusProblems: [[[inner]], [[inner, inner, inner, inner]]],
  statusIncomplete: [[3]],
  statusNotCounted: [[]],
  statusSecondCopy: [
    ["a.xlsx", "b.xlsx", true],
    ["a.xlsx", "b.xlsx", false, inner],
    ["a.xlsx", "b.xlsx", false],
  ],
  unreadable: [["EIO"]],
  unreadableFolder: [["EACCES"]],
  noPermission: [[]],
  fileNotFound: [[]],
  notAFile: [[]],
  specialFile: [[]],
  danglingLink: [["/nowhere"]],
  fileTooLarge: [["21.0 MB", "20.0 MB"]],
  oleOrEncrypted: [[]],
  notXlsxContent: [[]],
  summaryAsInput: [[]],
  statusCopiesUndecided: [[["a.xlsx", "b.xlsx"]]],
  statusConsensusReturned: [
    ["甲公司", "onsite"],
    ["甲公司", "material"],
  ],
  roundAsInput: [[]],
  consensusGivenToScore: [[]],
  skipped: [["lock"], ["xls"], ["macro", ".xlsm"], ["other"], ["named"]],
  zipTooLarge: [["21 MB", "20 MB"]],
  zipBomb: [["300 MB", "200 MB"]],
  zipRatio: [["xl/worksheets/sheet1.xml", 900]],
  zipPartOverflow: [
    ["xl/styles.xml", true],
    ["xl/styles.xml", false],
  ],
  notZip: [[{ zh: "ZIP 目录已损坏", en: "the ZIP directory is damaged" }]],
  rosterUnreadable: [
    ["名单.xlsx", "EIO"],
    ["名单.xlsx", m("zip-bomb", "疑似压缩炸弹", "a suspected zip bomb")],
  ],
  rosterNotCsv: [["名单.csv", "Invalid Closing Quote"]],
  rosterWrongType: [["名单.pdf"]],
  rosterEmpty: [[]],
  rosterNoApplicantColumn: [[["申报者", "申报单位"]]],
  rosterNoName: [[]],
  rosterDuplicate: [["甲公司", 2]],
  rosterPublicNotNumber: [["高"]],
  rosterCellNotUsed: [[m("veto-decision-invalid", "否决核实结论“同意”无效", 'veto decision "同意" is not valid')]],
};

/** The returned workbook's messages (the same catalogue file): samples as above. */
const WB_SAMPLES: { [K in keyof typeof wbMsg]: Parameters<(typeof wbMsg)[K]>[] } = {
  notScorebook: [["a.xlsx"]],
  metaField: [["a.xlsx", "seal"]],
  unknownRubric: [["a.xlsx", "beijing-2030"]],
  wrongRubric: [["a.xlsx", "hebei-organization", "jiangmen-service"]],
  fingerprint: [["a.xlsx", "hebei-organization"]],
  layoutVersion: [["a.xlsx", "9", "2"]],
  badMeta: [["a.xlsx", "stage", "决赛"]],
  sheetMissing: [["a.xlsx", "评分"]],
  rowMissing: [["评分!A9", "2.2"]],
  rowMoved: [["2.2", "评分!A9", "评分!A10"]],
  extraRow: [["评分!A30", "9.9"]],
  duplicateRow: [["评分!A10", "2.2"]],
  itemChanged: [["评分!C9", "2.2", "战略", "战略部署"]],
  pointsEdited: [["评分!D9", "2.2", "80", 50]],
  formulaChanged: [["评分!H9", "得分"]],
  formulaOverwritten: [["评分!H9", "得分", "50"]],
  notRecalculated: [["a.xlsx", 3, "评分!H9", "得分", "0.00", "25.00"]],
  nameChanged: [["Total"]],
  vetoUnanswered: [
    ["否决!E5", "拥护党的路线、方针、政策", ["符合", "不符合"]],
    ["否决!E10", "提供虚假材料"],
  ],
  vetoInvalid: [
    ["否决!E5", "Y"],
    ["否决!E5", "Y", { zh: "回答“Y”无效", en: 'the answer "Y" is not valid' }],
  ],
  bonusInvalid: [["加分!E5", "有"]],
  declarationMissing: [["封面!C16"]],
  declarationInvalid: [["封面!C16", "没有"]],
  conflict: [["封面!C16", "张三"]],
  coverChanged: [["封面!C5", "申报单位", "乙公司", "甲公司"]],
  itemEntry: [["评分!G6", "1.2", inner]],
};

/** The one door out's messages (src/output): samples as above, and every write cause. */
const OUT_SAMPLES: { [K in keyof typeof outMsg]: Parameters<(typeof outMsg)[K]>[] } = {
  failed: [
    ["评审报告", writeCause("ENOSPC"), 3],
    ["评分表/张三", writeCause("EROFS"), 0],
    ["合议", writeCause("EIO", "i/o error"), 1],
  ],
  isInput: [["合议/合议表.xlsx", "回收/甲_现场评审_张三.xlsx"]],
  exist: [
    [["a.xlsx"], true],
    [["评分表/张三.zip", "评分表/李四.zip"], false],
    [Array.from({ length: 12 }, (_, i) => `${i}.docx`), true],
  ],
  notAFile: [["汇总表.xlsx"]],
  protectedWork: [
    ["a.xlsx", "scoring"],
    ["a.xlsx", "filled"],
    ["a.xlsx", "consensus"],
  ],
  sameTarget: [["评审报告/甲_材料评审报告.docx"]],
};

const AWARD_SAMPLES: { [K in keyof typeof awardMsg]: Parameters<(typeof awardMsg)[K]>[] } = {
  notAwardBook: [[["奖项", "评审规则"]]],
  required: [["编号"]],
  notNumber: [["十"]],
  notPositive: [["-5"]],
  notInteger: [["2.5"]],
  unknownChoice: [["过程类", ["过程", "结果"]]],
  badId: [["深圳奖"]],
  badItemId: [["否决1"]],
  builtinId: [["hebei-2022"]],
  missingColumn: [["评分要点（每行一条）"]],
  unknownSetting: [["奖项类别"]],
  bandsSyntax: [["低,中,高"]],
  bandFirst: [[5]],
  bandLast: [[95]],
  bandReversed: [[2, 30, 15]],
  bandOverlap: [[3, "15%–30%", "30%–50%"]],
  bandGap: [[3, 35, 35]],
  stepNotDivide: [[10, "第 2 档的上下限 15%–30%"]],
  duplicate: [["评价项目编号", "1.1", "G3"]],
  categorySum: [["1", "100", "90"]],
  totalSum: [["city-org", "1000", "990"]],
  noGuidance: [["1.2"]],
  noCategory: [["1.1"]],
  codeMismatch: [["2.1", "1"]],
  badCode: [["一", "1.1"]],
  subWithoutItem: [["1.1.1"]],
  emptyCategory: [["3"]],
  noItems: [["city-org"]],
  noRubric: [[]],
  noRuleSet: [[]],
  unknownRef: [
    ["规则集", "city-x", ["city-org"]],
    ["规则集", "city-x", []],
  ],
  pointsStep: [["7.3", "0.5"]],
  weightCount: [[2, 3]],
  weightSum: [["90%"]],
  badFraction: [["三分之二"]],
  fractionAboveOne: [["120%"]],
  lineAboveMax: [["提名分数线", "1100", "1010"]],
  missingDescriptor: [[3, "方法"]],
  extraBand: [[6]],
  noDimensions: [["过程"], ["结果"]],
  bonusMixed: [["city-org"]],
  unsupported: [["奖项等级", "award tiers"]],
  stored: [["city-2024", "/data/awards"]],
  sameStored: [["city-2024", "/data/awards"]],
  differsStored: [["city-2024", "/data/awards"]],
  folderInvalid: [["/data/awards", "award.json: id"]],
  folderMissing: [["/data/awards"]],
  versionChanged: [["张三.xlsx", "city-2024", "2024", "2024-2"]],
};

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{2,}/;

describe("the catalogue of messages", () => {
  it("has a sample for every entry", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(msg).sort());
  });

  it("has a sample for every returned-workbook entry", () => {
    expect(Object.keys(WB_SAMPLES).sort()).toEqual(Object.keys(wbMsg).sort());
  });

  it("has a sample for every award-workbook entry", () => {
    expect(Object.keys(AWARD_SAMPLES).sort()).toEqual(Object.keys(awardMsg).sort());
  });

  const entries = (catalogue: object, samples: object, prefix: string) =>
    Object.entries(samples).flatMap(([key, calls]) =>
      (calls as unknown[][]).map(
        (args, i) =>
          [
            `${prefix}${key} #${i + 1}`,
            (catalogue as Record<string, (...a: unknown[]) => Message>)[key],
            args,
          ] as const,
      ),
    );
  it("has a sample for every output entry", () => {
    expect(Object.keys(OUT_SAMPLES).sort()).toEqual(Object.keys(outMsg).sort());
  });

  const cases = [
    ...entries(msg, SAMPLES, ""),
    ...entries(wbMsg, WB_SAMPLES, "wbMsg."),
    ...entries(awardMsg, AWARD_SAMPLES, "awardMsg."),
    ...entries(outMsg, OUT_SAMPLES, "outMsg."),
  ];
  it.each(cases)("%s gives a code, a Chinese and an English text", (_name, make, args) => {
    const out = make(...args);
    expect(out.code).toMatch(/^[a-z][a-z-]*$/);
    expect(out.zh.trim()).not.toBe("");
    expect(out.en.trim()).not.toBe("");
    // Chinese reads as Chinese; English reads as English (the award's own words, such as 不适用, may appear in it).
    expect(out.zh).toMatch(HAN);
    expect(out.en).toMatch(LATIN_WORD);
    expect(out.en).not.toBe(out.zh);
    expect(`${out.zh} ${out.en}`).not.toMatch(/undefined|\[object Object\]|NaN/);
  });
});
