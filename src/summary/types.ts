// The secretariat's summary workbook (汇总表) as data: the same renderer-neutral layout types as the scoring
// workbook (src/workbook/types.ts, read its conventions), so that src/xlsx/write.ts writes it to a file and the task
// pane writes it into the open workbook. The map tells where everything is, for tests and for the task pane.
import type { FormulaMode, RenderableLayout } from "../workbook/types";

export const SUMMARY_FORMAT = "scorebook.summary-workbook";

/** The summary's sheet names. */
export const SUMMARY_SHEET = {
  ranking: "汇总",
  problems: "问题",
  parameters: "参数",
  panels: "专家分",
  details: "明细",
  feedback: "反馈",
} as const;

/** 汇总: one block of rows per rule set (organisations and individuals are ranked separately). */
export interface RankingMap {
  sheet: string;
  columns: {
    applicant: string;
    rubric: string;
    materialExperts: string;
    material: string;
    onsiteExperts: string;
    onsite: string;
    /** Inputs (what-if): bonus, public satisfaction, the veto decision (确认否决 / 不予否决 / blank). */
    bonus: string;
    public: string;
    final: string;
    veto: string;
    rank: string;
    status: string;
    /** Says when a rank is the one a vetoed applicant would have had. */
    rankNote: string;
    /** Who flagged what and why (the engine's text). */
    vetoReason: string;
    notes: string;
    /** Hidden helpers: the status before the top-N limit, and TRUE when the row is left out of the ranking. */
    preStatus: string;
    excluded: string;
    /** Hidden: TRUE when an expert flagged a veto item (the input `veto` holds the secretariat's decision). */
    flagged: string;
    /**
     * What is printed for material, onsite and final: the numbers above (hidden columns, which every formula reads)
     * as text under the one display rule, following the live value (src/summary/formulas.ts shownFormula).
     */
    materialShown: string;
    onsiteShown: string;
    finalShown: string;
  };
  groups: {
    ruleSet: string;
    /** The ranking (src/core rankingGroup): the rule set id, or rule set and rubric ids. */
    group: string;
    titleRow: number;
    headerRow: number;
    firstRow: number;
    lastRow: number;
    rows: { applicant: string; row: number }[];
  }[];
}

/** 参数: one column per rule set, one row per parameter. */
export interface ParametersMap {
  sheet: string;
  /** Rule set id → column letter. */
  columns: Record<string, string>;
  rows: {
    ruleSet: number;
    materialWeight: number;
    onsiteWeight: number;
    method: number;
    advance: number;
    final: number;
    topN: number;
    divergence: number;
    /** The committee pack's printed titles: award name, year, batch (text inputs). */
    awardName: number;
    year: number;
    batch: number;
  };
}

/** 专家分: one row per applicant and stage, the experts' totals side by side. */
export interface PanelsMap {
  sheet: string;
  columns: {
    applicant: string;
    ruleSet: string;
    stage: string;
    count: string;
    /** The panel's score as the display rule prints it (text; for a stage scored by consensus, the agreed total). */
    shown: string;
    /** The panel's score as a number (hidden): what every formula reads. */
    score: string;
    totals: string[];
    experts: string[];
  };
  rows: { applicant: string; stage: "material" | "onsite"; row: number }[];
}

/** 明细: one block per applicant and stage, an item per row, the experts' inputs side by side. */
export interface DetailsMap {
  sheet: string;
  blocks: {
    applicant: string;
    stage: "material" | "onsite";
    titleRow: number;
    headerRow: number;
    firstRow: number;
    lastRow: number;
    items: { code: string; row: number }[];
    columns: {
      code: string;
      inputs: string[];
      mean: string;
      min: string;
      max: string;
      spread: string;
      bands: string;
      divergent: string;
    };
  }[];
}

export interface SummaryMap {
  /** The committee pack (src/summary/committee.ts). */
  committee: CommitteeMap;
  ranking: RankingMap;
  parameters: ParametersMap;
  panels: PanelsMap;
  details: DetailsMap;
  problems: { sheet: string; headerRow: number; firstRow: number; lastRow: number };
  feedback: FeedbackMap;
}

export interface SummaryLayout extends RenderableLayout {
  format: typeof SUMMARY_FORMAT;
  mode: FormulaMode;
  map: SummaryMap;
}

/** 反馈: one row per applicant, stage and item; the report takes the edited columns. */
export interface FeedbackMap {
  sheet: string;
  headerRow: number;
  columns: {
    applicant: string;
    stage: string;
    code: string;
    name: string;
    strengthsRaw: string;
    opportunitiesRaw: string;
    strengths: string;
    opportunities: string;
  };
  rows: { applicant: string; stage: "material" | "onsite"; code: string; row: number }[];
  /** First row of each applicant (kept for the pane and older callers). */
  applicants: { applicant: string; titleRow: number }[];
}

// The committee pack (src/summary/committee.ts, one sheet per file in src/summary/sheets).
export const COMMITTEE_SHEET = {
  chart: "得分图",
  consensusList: "合议清单",
  advanceList: "公示名单（现场评审）",
  candidateList: "授奖候选名单",
  awardList: "授奖建议名单",
  vote: "表决记录表",
  expertReview: "评审专家评价表",
  reportData: "报告数据",
} as const;

/** Where the chart's data is: one series block per rule set (A1 ranges on the 得分图 sheet). */
export interface ChartMap {
  sheet: string;
  series: { ruleSet: string; title: string; names: string; finals: string; line: string; count: number }[];
}

export interface VoteMap {
  sheet: string;
  blocks: {
    ruleSet: string;
    members: string;
    present: string;
    quorum: string;
    rows: { applicant: string; row: number }[];
    columns: { yes: string; no: string; abstain: string; result: string };
  }[];
}

export interface ReportDataMap {
  sheet: string;
}

export interface CommitteeMap {
  chart: ChartMap;
  vote: VoteMap;
  reportData: ReportDataMap;
  consensusList: { sheet: string; rows: number };
  advanceList: { sheet: string; rows: number };
  candidateList: { sheet: string; rows: number };
  /** 授奖建议名单: per rule set with a vote, the rows that list the passed candidates (live from 表决记录表). */
  awardList: {
    sheet: string;
    blocks: { ruleSet: string; rows: number[]; columns: { applicant: string; score: string } }[];
  };
  expertReview: { sheet: string; rows: { expert: string; row: number }[] };
}
