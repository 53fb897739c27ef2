// Types of the rubric and award data files (rubrics/*.json, rubrics/awards/*.json; schemas in rubrics/schema/).

export interface LocalText {
  zh: string;
  en?: string;
}

export type ItemKind = "process" | "results";
export type ScoringMode = "maturity" | "points";
export type StageId = "material" | "onsite";
export type PanelMethod = "mean" | "trimmed" | "median";

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
  /** occurred: 是 = the bad event happened; unmet: 是 = the eligibility condition is not met. 是 disqualifies either way. */
  ask: "occurred" | "unmet";
  appliesTo?: string;
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
  advance: { stage: "material"; min: number; note?: string } | null;
  finalThreshold: number | null;
  topN: number | null;
  bonus: BonusRule | null;
  publicSatisfaction: { max: number; text: string } | null;
  vetoes: Veto[];
  vote: { quorum: FractionSpec; approval: FractionSpec; text: string } | null;
  secretariatDefaults: string[];
  notes?: string[];
}

export interface Award {
  id: string;
  title: LocalText;
  source: string;
  scale: Scale;
  ruleSets: RuleSet[];
  /** The scale and rule set the QA.* functions use when a formula names none (one award at most carries it). */
  functionDefaults?: { ruleSet: string; note: string };
  notes?: string[];
}
