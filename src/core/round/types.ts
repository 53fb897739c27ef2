// The review round (评审批次) as data: who applies, the expert pool, the declared conflicts, the draw's settings, and
// what the draw produced. Read from the round workbook (评审安排) by an adapter (src/round); no file access here.
import type { Message } from "../messages";
import type { StageId } from "../types";

/** Where a value came from in the round workbook, for messages that name the cell. */
export interface SourceRef {
  sheet: string;
  row: number;
}

export interface RoundApplicant {
  name: string;
  rubricId: string;
  /** 行业 (sector), matched against an expert's 专业领域. */
  sector?: string;
  /** 所在地. */
  place?: string;
  /** 工作单位 / parent body (上级单位). */
  employer?: string;
  /** Stages this applicant is drawn for (default: every stage of the round). */
  stages?: StageId[];
  at: SourceRef;
}

export interface PoolExpert {
  name: string;
  employer?: string;
  place?: string;
  /** 专业领域: sectors, rubric ids or rubric titles; empty = any. */
  specialties: string[];
  /** 可参加阶段; empty = both. */
  stages: StageId[];
  at: SourceRef;
}

export interface DeclaredConflict {
  expert: string;
  applicant: string;
  reason: string;
  at: SourceRef;
}

export interface RoundParams {
  /** 批次编号: written into every workbook of the round. */
  roundId: string;
  /** 随机种子 (empty: the command line picks one and records it). */
  seed: string;
  /** Experts per panel, by stage. */
  panelSize: Record<StageId, number>;
  /** 每位专家最多评审数: workbooks per expert over the round (0 = no limit). */
  maxLoad: number;
  /** 同单位回避. */
  sameEmployer: boolean;
  /** 同地回避. */
  samePlace: boolean;
  /** 现场评审专家与材料评审专家不同 (where the pool allows). */
  freshOnsite: boolean;
  /** 每组申报者数: applicants reviewed by one expert group (专家组); 1 = a panel per applicant. */
  groupSize: number;
  /** 抽取阶段: the stages this draw fills (rows of other stages in 分组 are kept). */
  stages: StageId[];
}

export interface RoundInput {
  applicants: RoundApplicant[];
  experts: PoolExpert[];
  conflicts: DeclaredConflict[];
  params: RoundParams;
  /** Assignments of stages not being drawn now, kept as they are (e.g. material panels when drawing on-site). */
  kept?: Assignment[];
}

/** One expert on one applicant's panel for one stage: one workbook to generate and to get back. */
export interface Assignment {
  roundId: string;
  /** 组别: the expert group (专家组), e.g. "材料-01". */
  group: string;
  applicant: string;
  rubricId: string;
  stage: StageId;
  expert: string;
  /** 组长. */
  leader: boolean;
}

export type ExclusionCode =
  "declared" | "same-employer" | "same-place" | "specialty" | "stage" | "load" | "material-panel";

export interface Exclusion {
  expert: string;
  code: ExclusionCode;
  reason: string;
}

/** The audit of one panel's draw (抽取记录). */
export interface PanelAudit {
  group: string;
  stage: StageId;
  applicants: string[];
  size: number;
  /** Eligible by the fixed rules (conflicts, specialty, stage) before load and freshness. */
  eligible: string[];
  excluded: Exclusion[];
  drawn: string[];
  leader: string;
  /** Drawn on-site although on the material panel (the pool did not allow otherwise). */
  repeated: string[];
}

export interface RoundProblem extends Message {
  sheet?: string;
  row?: number;
  /** The panel concerned (a failed draw). */
  group?: string;
  applicant?: string;
  stage?: StageId;
}

export type DrawResult =
  { ok: true; assignments: Assignment[]; audit: PanelAudit[] } | { ok: false; problems: RoundProblem[] };
