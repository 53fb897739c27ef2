// The round workbook's sheets (rows of cell values, first non-blank row the header) into a RoundInput. Headers may
// be Chinese or English; every problem names the sheet and row. Names are compared by nameKey only.
import { msg } from "../messages";
import { cellString, nameKey, cleanName } from "../names";
import { parseYesNo } from "../normalize";
import type { Library } from "../rubric/registry";
import type { StageId } from "../types";
import {
  PARAM_ROWS,
  parseStage,
  parseStages,
  parseSwitch,
  parseWhole,
  ROUND_DEFAULTS,
  STAGE_ZH,
  type ParamKey,
} from "./params";
import type {
  Assignment,
  DeclaredConflict,
  PoolExpert,
  RoundApplicant,
  RoundInput,
  RoundParams,
  RoundProblem,
} from "./types";

/** The round workbook's sheet names, with the English names also accepted. */
export const ROUND_SHEET = {
  readme: "说明",
  applicants: "申报者",
  experts: "专家库",
  conflicts: "回避",
  params: "参数",
  panels: "分组",
  audit: "抽取记录",
  accepted: "受理名单",
} as const;

const SHEET_ALIASES: Record<keyof typeof ROUND_SHEET, string[]> = {
  readme: ["说明", "readme"],
  applicants: ["申报者", "申报者名单", "applicants"],
  experts: ["专家库", "专家", "experts", "expert pool"],
  conflicts: ["回避", "回避名单", "conflicts"],
  params: ["参数", "parameters", "settings"],
  panels: ["分组", "panels"],
  audit: ["抽取记录", "draw record", "audit"],
  accepted: ["受理名单", "accepted applicants"],
};

/** Each column: the header the template writes first, then the accepted aliases. */
export const COLUMNS = {
  applicants: {
    name: ["申报者", "申报单位", "申报组织", "申报个人", "名称", "applicant", "name"],
    rubric: ["评分标准", "评价标准", "rubric"],
    sector: ["行业", "所属行业", "类别", "sector", "industry"],
    place: ["所在地", "地区", "place", "location"],
    employer: ["工作单位", "上级单位", "所属单位", "employer", "parent"],
    stages: ["评审阶段", "阶段", "stages"],
  },
  experts: {
    name: ["姓名", "专家", "专家姓名", "name", "expert"],
    employer: ["工作单位", "单位", "employer"],
    place: ["所在地", "地区", "place", "location"],
    specialties: ["专业领域", "专业", "specialty", "specialties"],
    stages: ["可参加阶段", "阶段", "stages"],
  },
  conflicts: {
    expert: ["专家", "姓名", "专家姓名", "expert"],
    applicant: ["申报者", "申报单位", "applicant"],
    reason: ["原因", "回避原因", "reason"],
  },
  params: {
    key: ["参数", "项目", "名称", "setting", "parameter"],
    value: ["值", "取值", "设置", "value"],
  },
  panels: {
    roundId: ["批次编号", "批次", "round id", "round"],
    group: ["组别", "专家组", "group"],
    applicant: ["申报者", "applicant"],
    rubric: ["评分标准", "rubric"],
    stage: ["阶段", "评审阶段", "stage"],
    expert: ["专家", "姓名", "expert"],
    leader: ["组长", "leader"],
    adjustment: ["调整原因", "adjustment reason", "adjustment"],
  },
} as const;

export type Rows = readonly (readonly unknown[])[];

const cellText = (v: unknown): string => {
  if (typeof v === "object" && v !== null && "error" in v) return "";
  // A number its cell shows as a date (the reader gives a Date): the date as it is shown, never its serial number.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return cellString(v).normalize("NFKC").trim();
};
const headerKey = (v: unknown) => cellText(v).replace(/\s+/g, " ").toLowerCase();

/** Finds a sheet by its Chinese or English name. */
export function findSheet(names: readonly string[], which: keyof typeof ROUND_SHEET): string | undefined {
  const wanted = SHEET_ALIASES[which].map((s) => s.toLowerCase());
  return names.find((n) => wanted.includes(n.normalize("NFKC").trim().toLowerCase()));
}

interface Table<K extends string> {
  /** Row number in the sheet (1-based) and the cells by column key. */
  rows: { row: number; get(k: K): string; raw(k: K): unknown }[];
  missing: K[];
}

function table<K extends string>(rows: Rows, cols: Record<K, readonly string[]>, required: NoInfer<K>[]): Table<K> {
  let start = 0;
  while (start < rows.length && rows[start].every((c) => cellText(c) === "")) start++;
  const header = (rows[start] ?? []).map(headerKey);
  const index = {} as Record<K, number>;
  for (const k of Object.keys(cols) as K[])
    index[k] = header.findIndex((h) => cols[k].some((a) => a.toLowerCase() === h));
  const out: Table<K>["rows"] = [];
  for (let i = start + 1; i < rows.length; i++) {
    const r = rows[i];
    if (!r || r.every((c) => cellText(c) === "")) continue;
    out.push({
      row: i + 1,
      get: (k) => (index[k] >= 0 ? cellText(r[index[k]]) : ""),
      raw: (k) => (index[k] >= 0 ? r[index[k]] : undefined),
    });
  }
  return { rows: out, missing: required.filter((k) => index[k] < 0) };
}

function missingColumns(sheet: string, cols: Record<string, readonly string[]>, keys: string[]): RoundProblem {
  const names = keys.map((k) => `“${cols[k][0]}”`).join("、");
  return {
    code: "round-column",
    sheet,
    row: 1,
    zh: `工作表“${sheet}”缺少 ${names} 列`,
    en: `sheet "${sheet}" lacks the column(s) ${keys.map((k) => cols[k][cols[k].length - 1]).join(", ")}`,
  };
}

/** A rubric given as its id or its Chinese title → the id. */
export function resolveRubric(lib: Library, text: string): string | undefined {
  const k = nameKey(text);
  return lib.rubrics.find((r) => nameKey(r.id) === k || nameKey(r.title.zh) === k)?.id;
}

export interface ParsedRound {
  input: RoundInput;
  problems: RoundProblem[];
  /** Whether 参数 gave a seed / a round id (otherwise the caller picks one and records it). */
  given: { seed: boolean; roundId: boolean };
}

/** The round workbook's sheets (by name) into the draw's input; problems name sheet and row. */
export function parseRound(sheets: Record<string, Rows>, lib: Library): ParsedRound {
  const problems: RoundProblem[] = [];
  const names = Object.keys(sheets);
  const need = (which: "applicants" | "experts") => {
    const s = findSheet(names, which);
    if (!s)
      problems.push({
        code: "round-sheet",
        zh: `评审安排中没有“${ROUND_SHEET[which]}”工作表`,
        en: `the round workbook has no "${ROUND_SHEET[which]}" sheet`,
      });
    return s;
  };
  const bad = (sheet: string, row: number, zh: string, en: string, code = "round-row") =>
    problems.push({ code, sheet, row, zh: `${sheet}!第 ${row} 行：${zh}`, en: `${sheet} row ${row}: ${en}` });

  // 申报者
  const applicants: RoundApplicant[] = [];
  const aSheet = need("applicants");
  if (aSheet) {
    const t = table(sheets[aSheet], COLUMNS.applicants, ["name", "rubric"]);
    if (t.missing.length) problems.push(missingColumns(aSheet, COLUMNS.applicants, t.missing));
    else {
      const seen = new Map<string, number>();
      for (const r of t.rows) {
        const name = cleanName(r.get("name"));
        if (!name) {
          bad(aSheet, r.row, "申报者名称为空", "the applicant's name is blank");
          continue;
        }
        const k = nameKey(name);
        if (seen.has(k)) {
          bad(aSheet, r.row, `申报者“${name}”重复（第 ${seen.get(k)} 行）`, `"${name}" appears twice`);
          continue;
        }
        seen.set(k, r.row);
        const rubricText = r.get("rubric");
        const rubricId = resolveRubric(lib, rubricText);
        if (!rubricId) {
          bad(
            aSheet,
            r.row,
            `评分标准“${rubricText}”不是已知的评分标准编号或名称（如 hebei-organization）`,
            `unknown rubric "${rubricText}"`,
          );
          continue;
        }
        const st = parseStages(r.get("stages"));
        if (st === "invalid") {
          bad(aSheet, r.row, `评审阶段“${r.get("stages")}”无效（材料评审、现场评审）`, `bad stages`);
          continue;
        }
        applicants.push({
          name,
          rubricId,
          sector: r.get("sector") || undefined,
          place: r.get("place") || undefined,
          employer: r.get("employer") || undefined,
          stages: st ?? undefined,
          at: { sheet: aSheet, row: r.row },
        });
      }
    }
  }

  // 专家库
  const experts: PoolExpert[] = [];
  const eSheet = need("experts");
  if (eSheet) {
    const t = table(sheets[eSheet], COLUMNS.experts, ["name"]);
    if (t.missing.length) problems.push(missingColumns(eSheet, COLUMNS.experts, t.missing));
    else {
      const seen = new Map<string, number>();
      for (const r of t.rows) {
        const name = cleanName(r.get("name"));
        if (!name) {
          bad(eSheet, r.row, "专家姓名为空", "the expert's name is blank");
          continue;
        }
        const k = nameKey(name);
        if (seen.has(k)) {
          // Two experts of one name cannot be told apart in a returned workbook: the secretariat must tell them apart.
          bad(
            eSheet,
            r.row,
            `专家“${name}”重复（第 ${seen.get(k)} 行）；同名专家请加以区分（如“${name}（单位）”）`,
            `"${name}" appears twice`,
          );
          continue;
        }
        seen.set(k, r.row);
        const st = parseStages(r.get("stages"));
        if (st === "invalid") {
          bad(eSheet, r.row, `可参加阶段“${r.get("stages")}”无效（材料评审、现场评审）`, `bad stages`);
          continue;
        }
        experts.push({
          name,
          employer: r.get("employer") || undefined,
          place: r.get("place") || undefined,
          specialties: r
            .get("specialties")
            .split(/[、,，;；/]+/)
            .map((s) => s.trim())
            .filter(Boolean),
          stages: st ?? [],
          at: { sheet: eSheet, row: r.row },
        });
      }
    }
  }

  // 回避 (optional sheet): every row must name a known expert and applicant, or the conflict would silently not apply.
  const conflicts: DeclaredConflict[] = [];
  const cSheet = findSheet(names, "conflicts");
  if (cSheet) {
    const t = table(sheets[cSheet], COLUMNS.conflicts, ["expert", "applicant"]);
    if (t.missing.length) problems.push(missingColumns(cSheet, COLUMNS.conflicts, t.missing));
    else
      for (const r of t.rows) {
        const expert = cleanName(r.get("expert"));
        const applicant = cleanName(r.get("applicant"));
        if (!experts.some((e) => nameKey(e.name) === nameKey(expert)))
          bad(cSheet, r.row, `专家“${expert}”不在专家库中`, `expert "${expert}" is not in the pool`);
        else if (!applicants.some((a) => nameKey(a.name) === nameKey(applicant)))
          bad(cSheet, r.row, `申报者“${applicant}”不在申报者名单中`, `applicant "${applicant}" is not in the round`);
        else conflicts.push({ expert, applicant, reason: r.get("reason"), at: { sheet: cSheet, row: r.row } });
      }
  }

  // 参数 (optional sheet; every setting has a default)
  const params: RoundParams = { ...ROUND_DEFAULTS, panelSize: { ...ROUND_DEFAULTS.panelSize }, roundId: "", seed: "" };
  const pSheet = findSheet(names, "params");
  const given = { seed: false, roundId: false };
  if (pSheet) {
    const t = table(sheets[pSheet], COLUMNS.params, ["key", "value"]);
    if (t.missing.length) problems.push(missingColumns(pSheet, COLUMNS.params, t.missing));
    else {
      const seen = new Map<ParamKey, number>();
      for (const r of t.rows) {
        const label = headerKey(r.get("key"));
        const def = PARAM_ROWS.find((p) => headerKey(p.zh) === label || p.en === label);
        const raw = r.get("value");
        if (!def) {
          bad(pSheet, r.row, `未知的参数“${r.get("key")}”`, `unknown setting "${r.get("key")}"`);
          continue;
        }
        // A setting given twice is refused, never "the last one wins".
        const first = seen.get(def.key);
        if (first !== undefined) {
          bad(
            pSheet,
            r.row,
            `参数“${def.zh}”重复（第 ${first} 行已给出），请只保留一行`,
            `setting "${def.en}" given twice (first at row ${first})`,
          );
          continue;
        }
        seen.set(def.key, r.row);
        // A value its cell shows as a date (a count typed "3-5", a seed typed as a date) is refused by name: its
        // serial number is not what the clerk sees.
        if (r.raw("value") instanceof Date) {
          const m = msg.roundParamDate(def.zh, raw);
          bad(pSheet, r.row, m.zh, m.en, m.code);
          continue;
        }
        const problem = setParam(params, def.key, raw, given);
        if (problem) bad(pSheet, r.row, `${def.zh}“${raw}”无效：${problem.zh}`, `${def.en} "${raw}": ${problem.en}`);
      }
    }
  }
  if (aSheet && !applicants.length && !problems.length)
    problems.push({ code: "round-empty", sheet: aSheet, zh: `“${aSheet}”中没有申报者`, en: "no applicants" });
  if (eSheet && !experts.length && !problems.length)
    problems.push({ code: "round-empty", sheet: eSheet, zh: `“${eSheet}”中没有专家`, en: "no experts in the pool" });
  return { input: { applicants, experts, conflicts, params }, problems, given };
}

function setParam(
  p: RoundParams,
  key: ParamKey,
  raw: string,
  given: { seed: boolean; roundId: boolean },
): { zh: string; en: string } | null {
  if (raw === "") return null;
  // Read one way, as the command line reads a number: digits only ("0x3", "1e1", a date are refused, not guessed).
  const count = (min: number) => {
    const n = parseWhole(raw);
    return n !== null && n >= min ? n : null;
  };
  const yes = () => parseSwitch(raw);
  const notCount = (min: number) => ({
    zh: `应为不小于 ${min} 的整数（只写数字）`,
    en: `must be a whole number ≥ ${min} (digits only)`,
  });
  const notYes = {
    zh: "应为“是”或“否”（不按“Y”“1”等猜测）",
    en: "must be 是 or 否 (Y, 1 and the like are not guessed)",
  };
  switch (key) {
    case "roundId":
      p.roundId = raw;
      given.roundId = true;
      return null;
    case "seed":
      p.seed = raw;
      given.seed = true;
      return null;
    case "materialSize":
    case "onsiteSize": {
      const n = count(1);
      if (n === null) return notCount(1);
      p.panelSize[key === "materialSize" ? "material" : "onsite"] = n;
      return null;
    }
    case "maxLoad":
    case "groupSize": {
      const n = count(key === "maxLoad" ? 0 : 1);
      if (n === null) return notCount(key === "maxLoad" ? 0 : 1);
      p[key] = n;
      return null;
    }
    case "sameEmployer":
    case "samePlace":
    case "freshOnsite": {
      const v = yes();
      if (v === null) return notYes;
      p[key] = v;
      return null;
    }
    case "stages": {
      const st = parseStages(raw);
      if (st === "invalid" || st === null)
        return { zh: "应为 材料评审、现场评审 或两者", en: "material, onsite or both" };
      p.stages = st;
      return null;
    }
  }
}

/** The 分组 sheet back into assignments (for generate, status and aggregate --round). */
export function parsePanels(
  rows: Rows,
  sheet: string,
  lib: Library,
): { assignments: Assignment[]; problems: RoundProblem[]; rows: PanelRow[] } {
  const problems: RoundProblem[] = [];
  const t = table(rows, COLUMNS.panels, ["applicant", "stage", "expert", "rubric"]);
  if (t.missing.length)
    return { assignments: [], problems: [missingColumns(sheet, COLUMNS.panels, t.missing)], rows: [] };
  const assignments: Assignment[] = [];
  const at: PanelRow[] = [];
  const seen = new Set<string>();
  for (const r of t.rows) {
    const fail = (zh: string, en: string) =>
      problems.push({ code: "round-panel", sheet, row: r.row, zh: `${sheet}!第 ${r.row} 行：${zh}`, en });
    const stage = parseStage(r.get("stage"));
    const rubricId = resolveRubric(lib, r.get("rubric"));
    const applicant = cleanName(r.get("applicant"));
    const expert = cleanName(r.get("expert"));
    if (!applicant || !expert) {
      fail("申报者或专家为空", "applicant or expert blank");
      continue;
    }
    if (!stage) {
      fail(`阶段“${r.get("stage")}”无效（材料评审、现场评审）`, "bad stage");
      continue;
    }
    if (!rubricId) {
      fail(`评分标准“${r.get("rubric")}”未知`, "unknown rubric");
      continue;
    }
    const k = assignmentKey(applicant, stage, expert);
    if (seen.has(k)) {
      fail(`专家 ${expert} 在 ${applicant} 的${STAGE_ZH[stage]}专家组中重复`, "duplicate assignment");
      continue;
    }
    seen.add(k);
    const leader = parseYesNo(r.get("leader"));
    assignments.push({
      roundId: r.get("roundId"),
      group: r.get("group"),
      applicant,
      rubricId,
      stage,
      expert,
      leader: leader.kind === "ok" && leader.value,
    });
    at.push({ row: r.row, adjustment: r.get("adjustment") });
  }
  return { assignments, problems, rows: at };
}

/** Where an assignment stands in 分组 (row number) and the reason given for a hand adjustment (调整原因), if any. */
export interface PanelRow {
  row: number;
  adjustment: string;
}

/** The key of one expected workbook. */
export function assignmentKey(applicant: string, stage: StageId, expert: string): string {
  return [nameKey(applicant), stage, nameKey(expert)].join("\u0000");
}
