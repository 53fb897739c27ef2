// Types of the rubric and award data files (rubrics/*.json, rubrics/awards/*.json; schemas in rubrics/schema/).

export interface LocalText {
  zh: string;
  en?: string;
}

export type ItemKind = "process" | "results";
export type ScoringMode = "maturity" | "points";
export type StageId = "material" | "onsite";
export type PanelMethod = "mean" | "trimmed" | "median";
export type RankBy = "rule-set" | "rubric";

export interface Category {
  code: string;
  name: string;
  nameEn?: string;
  points: number;
  intro?: string;
}

export interface SubItem {
  code: string;
  name: string;
  guidance: string[];
}

export interface Item {
  code: string;
  name: string;
  nameEn?: string;
  points: number;
  category: string;
  kind: ItemKind;
  guidance: string[];
  subitems?: SubItem[];
}

export interface Fix {
  where: string;
  original: string;
  corrected: string;
  reason: string;
}

export interface Rubric {
  id: string;
  award: string;
  ruleSet: string;
  title: LocalText;
  source: string;
  scoring: ScoringMode;
  pointsStep?: number;
  totalPoints: number;
  categories: Category[];
  items: Item[];
  fixes?: Fix[];
  notes?: string[];
}

export interface Dimension {
  code: string;
  name: LocalText;
}

export interface Band {
  band: number;
  min: number;
  max: number;
  process: Record<string, string>;
  results: Record<string, string>;
}

export interface Scale {
  id: string;
  name: LocalText;
  step: number;
  dimensions: { process: Dimension[]; results: Dimension[] };
  bands: Band[];
}

export interface FractionSpec {
  numerator: number;
  denominator: number;
}

export interface Stage {
  id: StageId;
  name: LocalText;
  weight: FractionSpec;
}

export interface Veto {
  id: string;
  text: string;
  /** occurred: answered 是 / 否, 是 = the bad event happened; unmet: answered 符合 / 不符合 (src/core/veto.ts). */
  ask: "occurred" | "unmet";
  /** The applicants the item applies to (the seed's words); the others answer 不适用. */
  appliesTo?: string;
  /**
   * Rubrics whose applicants always fall under appliesTo (河北 三（二）5 "申报个人为所属组织高层领导者的" for the senior
   * leaders' rubric): their workbooks ask the item without 不适用.
   */
  requiredFor?: string[];
  source: string;
}

export interface BonusRule {
  points: number;
  cumulative: boolean;
  text: string;
  conditions: { id: string; text: string }[];
}

export interface RuleSet {
  id: string;
  name: LocalText;
  applicant: "organization" | "individual";
  stages: Stage[];
  panelMethod: PanelMethod;
  /** One ranking for the rule set, or one per rubric (sector); absent = rule-set. */
  rankBy?: RankBy;
  advance: { stage: "material"; min: number; note?: string } | null;
  finalThreshold: number | null;
  topN: number | null;
  bonus: BonusRule | null;
  publicSatisfaction: { max: number; text: string } | null;
  vetoes: Veto[];
  vote: { quorum: FractionSpec; approval: FractionSpec; text: string } | null;
  /**
   * Per stage: "consensus" — a returned consensus workbook (合议表) gives the stage's panel score; "panel" — the panel
   * method over the experts' totals. Absent: consensus (src/core/consensus.ts).
   */
  stageScoring?: Partial<Record<StageId, "consensus" | "panel">>;
  /**
   * The review documents the award's procedure names (河北 四（五）3, 四（六）3), produced by `scorebook report
   * --documents`; absent: none is named, none is produced (no borrowed wording).
   */
  documents?: ReviewDocumentId[];
  /** What the rules ask of the 现场评审意见, in their words (the section's instruction in the on-site report). */
  onsiteOpinion?: string;
  secretariatDefaults: string[];
  notes?: string[];
}

/**
 * 受理名单 (after 资格审查, in the round workbook written by `round draw`), 评审记录表, 评审得分排序表 (per on-site
 * group), 现场评审意见 (in the on-site report), 综合评审工作报告.
 */
export type ReviewDocumentId = "accepted-list" | "review-record" | "ranking-sheet" | "onsite-opinion" | "work-report";

/** The documents' Chinese names (the award definition workbook and the printed pages use them). */
export const REVIEW_DOCUMENT_NAME: Record<ReviewDocumentId, string> = {
  "accepted-list": "受理名单",
  "review-record": "评审记录表",
  "ranking-sheet": "评审得分排序表",
  "onsite-opinion": "现场评审意见",
  "work-report": "综合评审工作报告",
};

export interface Award {
  id: string;
  title: LocalText;
  /** The edition of the criteria (年度/版本); a workbook built under another version is refused by name. */
  version?: string;
  source: string;
  scale: Scale;
  ruleSets: RuleSet[];
  /** The scale and rule set the QA.* functions use when a formula names none (one award at most carries it). */
  functionDefaults?: { ruleSet: string; note: string };
  notes?: string[];
}
