// Reading a returned consensus workbook (合议表): the agreed entries are re-scored by the engine (cached results are
// never trusted), and the file is compared with the layout it was generated from (rows, points, formulas, names).
import {
  exact,
  library as bundledLibrary,
  scoreSheet,
  type ConsensusSheet,
  type EntryInput,
  type Library,
  type Message,
  type RawInput,
  type ReturnedSheet,
  type StageId,
} from "../core";
import { CONSENSUS_FORMAT, CONSENSUS_LAYOUT_VERSION, CONSENSUS_SHEET, buildConsensusLayout } from "./consensus";
import { rubricFingerprint } from "./fingerprint";
import { normalizeFormula, type ReportProblem } from "./interpret";
import { entryValue } from "./layout";
import type { CellSource, CellValue } from "./source";

export interface ConsensusReport extends ConsensusSheet {
  rubricTitle: string | null;
  problems: ReportProblem[];
  /** Complete and without problems: the consensus can be used as it is. */
  ok: boolean;
}

const asText = (v: CellValue): string =>
  v === null || v === undefined
    ? ""
    : typeof v === "object" && !(v instanceof Date)
      ? v.error
      : v instanceof Date
        ? v.toISOString()
        : String(v);

/** The metadata of a consensus workbook, or null when the file is not one. */
export function readConsensusMeta(source: CellSource): Record<string, string> | null {
  if (!source.sheetNames().includes(CONSENSUS_SHEET.meta)) return null;
  const found: Record<string, string> = {};
  for (let row = 1; row <= 40; row++) {
    const key = asText(source.value(CONSENSUS_SHEET.meta, `A${row}`)).trim();
    if (key) found[key] = asText(source.value(CONSENSUS_SHEET.meta, `B${row}`)).trim();
  }
  return found.format === CONSENSUS_FORMAT ? found : null;
}

export function isConsensusSource(source: CellSource): boolean {
  return readConsensusMeta(source) !== null;
}

const m = (code: string, zh: string, en: string, cell?: string): ReportProblem => ({ code, zh, en, cell });

/** Reads a consensus workbook; every problem names the file and, where there is one, the cell. */
export function interpretConsensus(source: CellSource, options: { library?: Library } = {}): ConsensusReport {
  const lib = options.library ?? bundledLibrary();
  const file = source.name;
  const meta = readConsensusMeta(source) ?? {};
  const problems: ReportProblem[] = [];
  let experts: string[] = [];
  try {
    const parsed: unknown = JSON.parse(meta.experts ?? "[]");
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === "string")) experts = parsed;
    else throw new Error("not a list");
  } catch {
    problems.push(
      m("meta-invalid", `${file}：合议表元数据中的专家名单无效`, `${file}: the consensus's expert list is invalid`),
    );
  }
  const stage: StageId | null = meta.stage === "material" || meta.stage === "onsite" ? meta.stage : null;
  const empty = (): ConsensusReport => ({
    file,
    rubricId: meta.rubricId ?? "",
    rubricTitle: null,
    applicant: meta.applicant ?? "",
    stage: stage ?? "onsite",
    experts,
    savedAt: source.savedAt?.() ?? null,
    total: exact(0),
    complete: false,
    items: [],
    categories: [],
    blocking: problems,
    problems,
    ok: false,
  });
  if (meta.format !== CONSENSUS_FORMAT) {
    problems.push(m("not-consensus", `${file}：不是 Scorebook 合议表`, `${file}: not a Scorebook consensus workbook`));
    return empty();
  }
  if (meta.layoutVersion !== CONSENSUS_LAYOUT_VERSION) {
    problems.push(
      m(
        "layout-version",
        `${file}：合议表版式版本为 ${meta.layoutVersion ?? "?"}，本程序只能读取版本 ${CONSENSUS_LAYOUT_VERSION}`,
        `${file}: consensus layout version ${meta.layoutVersion ?? "?"}`,
      ),
    );
    return empty();
  }
  const bundle = meta.rubricId ? lib.get(meta.rubricId) : undefined;
  if (!bundle) {
    problems.push(
      m("unknown-rubric", `${file}：合议表的评分标准“${meta.rubricId ?? ""}”未知`, `${file}: unknown rubric`),
    );
    return empty();
  }
  if (meta.rubricFingerprint !== rubricFingerprint(bundle))
    problems.push(
      m(
        "rubric-changed",
        `${file}：评分标准“${bundle.rubric.id}”的内容指纹与本版本不一致`,
        `${file}: the rubric fingerprint differs from this version`,
      ),
    );
  if (!stage || !meta.applicant || experts.length === 0) {
    problems.push(m("meta-missing", `${file}：合议表元数据缺少申报者、阶段或专家`, `${file}: metadata incomplete`));
    return { ...empty(), rubricTitle: bundle.rubric.title.zh };
  }
  const panel: ReturnedSheet[] = experts.map((expert) => ({
    file: "",
    rubricId: bundle.rubric.id,
    applicant: meta.applicant,
    expert,
    stage,
    savedAt: null,
    total: exact(0),
    complete: true,
    items: [],
    vetoes: [],
    conflictDeclared: false,
    bonusConfirmed: [],
    blocking: [],
  }));
  const ref = buildConsensusLayout(bundle, panel, { createdAt: meta.createdAt ?? "" });
  const map = ref.map;
  const sheet = map.sheet;
  if (!source.sheetNames().includes(sheet)) {
    problems.push(m("sheet-missing", `${file}：缺少工作表“${sheet}”`, `${file}: the sheet "${sheet}" is missing`));
    return { ...empty(), rubricTitle: bundle.rubric.title.zh };
  }
  const maturity = bundle.rubric.scoring === "maturity";
  const entries: Record<string, EntryInput> = {};
  const texts = new Map<string, { reason: string; strengths: string; opportunities: string }>();
  const cols = map.columns;
  for (const { code, row } of map.items) {
    const item = bundle.rubric.items.find((i) => i.code === code)!;
    const at = (col: string) => `${col}${row}`;
    const foundCode = asText(source.value(sheet, at(cols.code))).trim();
    if (foundCode !== code) {
      problems.push(
        m(
          "row-moved",
          `${sheet}!${at(cols.code)}：应为评价项目 ${code}，现为“${foundCode}”（行被删除、插入或移动过）`,
          `${sheet}!${at(cols.code)}: expected item ${code}, found "${foundCode}"`,
          `${sheet}!${at(cols.code)}`,
        ),
      );
      continue;
    }
    const pts = source.value(sheet, at(cols.points));
    if (pts !== item.points)
      problems.push(
        m(
          "points-edited",
          `${sheet}!${at(cols.points)}：评价项目 ${code} 的分值被改为 ${asText(pts)}，应为 ${item.points}`,
          `${sheet}!${at(cols.points)}: points of ${code} changed`,
          `${sheet}!${at(cols.points)}`,
        ),
      );
    const raw = source.value(sheet, at(cols.input));
    const input: RawInput = raw instanceof Date || (raw !== null && typeof raw === "object") ? asText(raw) : raw;
    entries[code] = { value: entryValue(maturity, input) };
    texts.set(code, {
      reason: asText(source.value(sheet, at(cols.reason))).trim(),
      strengths: asText(source.value(sheet, at(cols.strengths))).trim(),
      opportunities: asText(source.value(sheet, at(cols.opportunities))).trim(),
    });
  }
  const scored = scoreSheet(bundle.rubric, bundle.scale, entries);
  for (const it of scored.items) {
    const row = map.items.find((x) => x.code === it.code)!.row;
    const cell = `${sheet}!${cols.input}${row}`;
    if (it.status === "missing")
      problems.push(
        m("missing", `${cell}（${it.code}）：未填写合议结果`, `${cell} (${it.code}): no agreed value`, cell),
      );
    else if (it.status === "invalid" && it.message)
      problems.push(
        m(it.message.code, `${cell}（${it.code}）：${it.message.zh}`, `${cell} (${it.code}): ${it.message.en}`, cell),
      );
  }
  // Formulas: every formula cell of the reference layout must still hold its formula.
  const changed: string[] = [];
  for (const c of ref.sheets[0].cells) {
    if (c.formula === undefined) continue;
    const actual = source.formula(sheet, c.ref);
    if (actual === "") continue;
    if (actual === null || normalizeFormula(actual) !== normalizeFormula(c.formula)) changed.push(`${sheet}!${c.ref}`);
  }
  if (changed.length)
    problems.push(
      m(
        "formula-changed",
        `${file}：${changed.length} 个单元格的公式被改动或替换（${changed.slice(0, 5).join("、")}${changed.length > 5 ? " 等" : ""}）`,
        `${file}: ${changed.length} formula cells changed`,
        changed[0],
      ),
    );
  const names = source.definedNames();
  for (const n of ref.names) {
    const actual = names[n.name];
    const norm = (x: string) => x.replace(/[$'\s]/g, "").toUpperCase();
    if (!actual || norm(actual) !== norm(`${n.sheet}!${n.ref}`))
      problems.push(
        m("name-changed", `定义名称 ${n.name} 缺失或指向了别处`, `the defined name ${n.name} is missing or moved`),
      );
  }
  const items = scored.items.map((it) => ({
    code: it.code,
    points: it.points,
    value: it.status === "ok" ? (it.value ?? null) : null,
    reason: texts.get(it.code)?.reason ?? "",
    strengths: texts.get(it.code)?.strengths ?? "",
    opportunities: texts.get(it.code)?.opportunities ?? "",
  }));
  const blocking: Message[] = problems;
  return {
    file,
    rubricId: bundle.rubric.id,
    rubricTitle: bundle.rubric.title.zh,
    applicant: meta.applicant,
    stage,
    experts,
    savedAt: source.savedAt?.() ?? null,
    total: scored.total,
    complete: scored.complete,
    items,
    categories: scored.categories.map((c) => ({ code: c.code, score: c.score })),
    blocking,
    problems,
    ok: scored.complete && problems.length === 0,
  };
}

/** The consensus as the aggregation needs it. */
export function toConsensusSheet(r: ConsensusReport): ConsensusSheet {
  const { rubricTitle: _t, problems: _p, ok: _o, ...rest } = r;
  return rest;
}
