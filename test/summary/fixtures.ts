// Hand-made returned sheets for the summary tests: every status of the rules, the boundaries (material exactly 500,
// final exactly 550), a veto, a tie, a divergent item, three rule sets (Hebei organisations with thresholds, Hebei
// individuals with public satisfaction, Jiangmen without thresholds), and sheets left out (incomplete, conflict,
// duplicate).
import {
  aggregate,
  exact,
  library,
  type AggregateOptions,
  type AggregateResult,
  type ReturnedSheet,
  type RosterEntry,
} from "../../src/core";
import { rubricInfo } from "../../src/summary";

const items = (
  rubricId: string,
  value: (code: string) => number = () => 50,
  text: (code: string) => { strengths?: string; opportunities?: string } = () => ({}),
) =>
  library()
    .get(rubricId)!
    .rubric.items.map((i) => ({ code: i.code, points: i.points, value: value(i.code), ...text(i.code) }));

let n = 0;
export function sheet(
  rubricId: string,
  applicant: string,
  expert: string,
  stage: "material" | "onsite",
  total: number,
  extra: Partial<ReturnedSheet> = {},
): ReturnedSheet {
  n += 1;
  return {
    file: `returns/${applicant}_${stage}_${expert}.xlsx`,
    rubricId,
    applicant,
    expert,
    stage,
    savedAt: `2026-06-0${(n % 9) + 1}T10:00:00.000Z`,
    total: exact(total),
    complete: true,
    items: items(rubricId),
    vetoes: [],
    conflictDeclared: false,
    bonusConfirmed: [],
    blocking: [],
    ...extra,
  };
}

const ORG = "hebei-organization";
const IND = "hebei-individual-senior";
const JM = "jiangmen-manufacturing";

const panel = (
  rubricId: string,
  applicant: string,
  stage: "material" | "onsite",
  totals: number[],
  prefix = stage === "material" ? "材" : "现",
) => totals.map((t, i) => sheet(rubricId, applicant, `${prefix}专家${i + 1}`, stage, t));

export const VETO = {
  id: "false-material",
  text: "申报组织和个人隐瞒有关情况或提供虚假材料进行申报的",
  flagged: true,
  note: "营业执照与申报材料不符",
};

export function fixtureSheets(): ReturnedSheet[] {
  return [
    // 甲: material exactly 500 advances, final exactly 550 is a candidate.
    ...panel(ORG, "甲公司", "material", [490, 500, 510]),
    ...panel(ORG, "甲公司", "onsite", [571.4, 571.5, 571.4, 571.5, 571.4, 571.4, 571.4]),
    // 乙: the best scores, vetoed by one on-site expert: keeps the rank it would have had.
    ...panel(ORG, "乙公司", "material", [700, 700]),
    sheet(ORG, "乙公司", "现专家1", "onsite", 800, { vetoes: [VETO] }),
    sheet(ORG, "乙公司", "现专家2", "onsite", 800),
    // 丙: below 500, does not advance.
    ...panel(ORG, "丙公司", "material", [480, 499.5]),
    // 丁: advanced, no on-site panel.
    ...panel(ORG, "丁公司", "material", [600, 620]),
    // 戊, 己, 辛, 庚: candidates (己 and 辛 tie), one below the nomination threshold.
    ...panel(ORG, "戊公司", "material", [600, 600]),
    ...panel(ORG, "戊公司", "onsite", [540, 540]),
    ...panel(ORG, "己公司", "material", [650, 650]),
    sheet(ORG, "己公司", "现专家1", "onsite", 600, {
      items: items(
        ORG,
        (c) => (c === "2.1" ? 45 : 50),
        (c) =>
          c === "1.1" ? { strengths: "高层领导定期听取质量工作汇报", opportunities: "质量目标未分解到班组" } : {},
      ),
    }),
    sheet(ORG, "己公司", "现专家2", "onsite", 600, {
      items: items(
        ORG,
        (c) => (c === "2.1" ? 70 : 50),
        (c) => (c === "1.1" ? { strengths: "高层领导定期听取质量工作汇报" } : {}),
      ),
    }),
    ...panel(ORG, "辛公司", "material", [650, 650]),
    ...panel(ORG, "辛公司", "onsite", [600, 600]),
    ...panel(ORG, "庚公司", "material", [600, 600]),
    ...panel(ORG, "庚公司", "onsite", [500, 500]),
    // Left out: incomplete, a declared conflict, the older of a duplicate.
    sheet(ORG, "戊公司", "现专家3", "onsite", 100, {
      complete: false,
      items: items(ORG, (c) => (c === "3.1" ? (null as unknown as number) : 50)),
    }),
    sheet(ORG, "戊公司", "现专家4", "onsite", 900, { conflictDeclared: true, conflictNote: "曾任该公司顾问" }),
    sheet(ORG, "庚公司", "现专家1", "onsite", 100, {
      savedAt: "2026-05-01T00:00:00.000Z",
      file: "returns/庚公司_onsite_现专家1_旧.xlsx",
    }),
    // Individuals: public satisfaction and bonus from the roster.
    sheet(IND, "张三", "个人专家1", "material", 75),
    sheet(IND, "张三", "个人专家1", "onsite", 80),
    ...panel(IND, "李四", "material", [72, 74], "个人"),
    ...panel(IND, "李四", "onsite", [70, 71], "个人现"),
    // Jiangmen: no thresholds, no limit.
    sheet(JM, "江门甲", "江专家1", "material", 600),
    sheet(JM, "江门甲", "江专家1", "onsite", 700),
    sheet(JM, "江门乙", "江专家1", "material", 300),
  ];
}

export const ROSTER: RosterEntry[] = [
  { applicant: "张三", bonus: ["provincial-honour"], public: exact(4.5) },
  { applicant: "李四", bonus: false, public: exact(10) },
  { applicant: "庚公司", bonus: ["luban"] },
];

export function fixtureResult(
  options: AggregateOptions = {},
  sheets: ReturnedSheet[] = fixtureSheets(),
): AggregateResult {
  return aggregate(sheets, rubricInfo(), ROSTER, options);
}
