// The draw's settings (参数 sheet) and the defaults shipped where the Hebei and Jiangmen rules are silent: the rules
// say experts are drawn from the pool per stage, groups have a leader (组长负责制) and anyone with an interest must
// withdraw (回避), but fix no group size, no load limit and no rule for same employer or same place. The template
// writes these defaults into its 参数 sheet, where the secretariat sees and changes them (README: source-silent
// defaults).
import type { StageId } from "../types";
import type { RoundParams } from "./types";

export const ROUND_DEFAULTS: Omit<RoundParams, "roundId" | "seed"> = {
  // Five per panel: a trimmed mean (the largest of the award methods' needs) still averages three.
  panelSize: { material: 5, onsite: 5 },
  // Ten workbooks per expert over the round.
  maxLoad: 10,
  // Both conflict rules on: the safe side of 回避; the secretariat turns one off where the pool cannot bear it.
  sameEmployer: true,
  samePlace: true,
  freshOnsite: true,
  groupSize: 1,
  stages: ["material", "onsite"],
};

export type ParamKey =
  | "roundId"
  | "seed"
  | "materialSize"
  | "onsiteSize"
  | "maxLoad"
  | "sameEmployer"
  | "samePlace"
  | "freshOnsite"
  | "groupSize"
  | "stages";

/** The 参数 sheet's rows: key, Chinese name (as the template writes it), English alias, explanation. */
export const PARAM_ROWS: { key: ParamKey; zh: string; en: string; note: string }[] = [
  { key: "roundId", zh: "批次编号", en: "round id", note: "写入本批次每一份评分表；留空则抽取时按日期和随机种子生成" },
  {
    key: "seed",
    zh: "随机种子",
    en: "seed",
    note: "相同的种子和相同的表格内容得到相同的抽取结果；留空则抽取时随机生成并记入“抽取记录”",
  },
  { key: "materialSize", zh: "材料评审每组人数", en: "material panel size", note: "每个材料评审专家组的专家人数" },
  { key: "onsiteSize", zh: "现场评审每组人数", en: "on-site panel size", note: "每个现场评审专家组的专家人数" },
  {
    key: "maxLoad",
    zh: "每位专家最多评审数",
    en: "max reviews per expert",
    note: "整个批次中一位专家最多评审的份数（一个申报者一个阶段为一份）；0 表示不限",
  },
  {
    key: "sameEmployer",
    zh: "同单位回避",
    en: "avoid same employer",
    note: "是：专家的工作单位与申报者或其工作单位（上级单位）相同则回避",
  },
  { key: "samePlace", zh: "同地回避", en: "avoid same place", note: "是：专家与申报者所在地相同则回避" },
  {
    key: "freshOnsite",
    zh: "现场与材料专家不同",
    en: "fresh on-site experts",
    note: "是：现场评审尽量抽取未参加该申报者材料评审的专家（专家不足时才重复，并在抽取记录中注明）",
  },
  {
    key: "groupSize",
    zh: "每组申报者数",
    en: "applicants per group",
    note: "一个专家组评审的申报者数（河北的评审专家组可评审多个申报者）；1 表示每个申报者一个专家组",
  },
  { key: "stages", zh: "抽取阶段", en: "stages", note: "材料评审、现场评审，或其中之一（其他阶段已有的分组保留不变）" },
];

export const STAGE_ZH: Record<StageId, string> = { material: "材料评审", onsite: "现场评审" };

/** 材料评审 / 材料 / material … → the stage. */
export function parseStage(raw: string): StageId | null {
  const s = raw.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  if (["材料评审", "材料", "material", "materials"].includes(s)) return "material";
  if (["现场评审", "现场", "onsite", "on-site"].includes(s)) return "onsite";
  return null;
}

/** A list of stages separated by 、 , ； or spaces; blank → null; any unknown word → "invalid". */
export function parseStages(raw: string): StageId[] | null | "invalid" {
  const parts = raw
    .normalize("NFKC")
    .split(/[、,;；/\s]+/)
    .filter(Boolean);
  if (!parts.length || parts.some((p) => ["全部", "两个阶段", "both", "all"].includes(p.toLowerCase())))
    return parts.length ? ["material", "onsite"] : null;
  const out = new Set<StageId>();
  for (const p of parts) {
    const st = parseStage(p);
    if (!st) return "invalid";
    out.add(st);
  }
  return (["material", "onsite"] as const).filter((s) => out.has(s));
}

/**
 * A whole number typed into 参数 or given on the command line, read one way everywhere: digits only (full-width
 * digits fold to ASCII first). "0x3", "1e1", "3.0", "+3", a date or a blank is not a whole number: null.
 */
export function parseWhole(raw: string): number | null {
  const s = raw.normalize("NFKC").trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
}

/**
 * A 是/否 switch of 参数: the drop-down's choices 是 and 否 (or their English names yes and no, as an English sheet
 * writes them); "Y", "1", "TRUE", "有" are not guessed.
 */
export function parseSwitch(raw: string): boolean | null {
  const s = raw.normalize("NFKC").trim().toLowerCase();
  return s === "是" || s === "yes" ? true : s === "否" || s === "no" ? false : null;
}
