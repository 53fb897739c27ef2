// Reading a returned scoring workbook: every score is recomputed by the engine from the input cells (cached formula
// results are never trusted), and the file is compared with the layout it was generated from, so that a deleted or
// moved row, an edited point value or formula, a score that no longer matches its input, or a workbook built from
// another (or an edited) rubric is reported with the file and the cell.
import {
  awardMsg,
  evaluateSet,
  vetoChoices,
  library as bundledLibrary,
  toNumber,
  type CategoryScore,
  type Exact,
  type Library,
  type Message,
  type RawInput,
  type ReturnedSheet,
  type RubricBundle,
  type SetEvaluation,
  type SetInput,
  type StageId,
  type VetoAnswer,
  ZERO,
} from "../core";
import { parseCellRef } from "./a1";
import { checkIdentity, withoutInputFormulas } from "./consistency";
import { rubricFingerprint } from "./fingerprint";
import { DECLARE_CONFLICT, DECLARE_NONE, FORMAT_ID, SHEET, short, STAGE_NAME, wbMsg } from "./labels";
import { buildLayout } from "./layout";
import type { CellSource, CellValue } from "./source";
import {
  LAYOUT_VERSION,
  READABLE_LAYOUT_VERSIONS,
  type FormulaMode,
  type MetaKey,
  type WorkbookLayout,
  type WorkbookMeta,
} from "./types";

export interface ReportProblem extends Message {
  /** "评分!G7" when the problem is about one cell. */
  cell?: string;
  item?: string;
}

export interface ReportItem {
  code: string;
  name: string;
  category: string;
  points: number;
  /** Where the input is ("评分!G7"), or where the row should be when it is missing. */
  cell: string;
  /** The input cell as read (a fraction such as 0.45 for a percent-formatted cell, or text). */
  input: string | number | boolean | null;
  band: string | number | null;
  /** Percent (maturity) or points (points rubrics) when the entry is valid. */
  value: number | null;
  score: Exact | null;
  status: "ok" | "missing" | "invalid";
  /** Why not ok, naming the cell. */
  message: Message | null;
  strengths: string;
  opportunities: string;
}

/** A category subtotal, exactly as the engine computes it. */
export type ReportCategory = CategoryScore;

export interface ReportVeto {
  id: string;
  text: string;
  /** How a 是 reads: the event, or "不符合申报条件：…" for an eligibility condition. */
  label: string;
  cell: string;
  answer: string | null;
  answered: boolean;
  flagged: boolean;
  note: string;
  message: Message | null;
}

export interface ReportBonus {
  id: string;
  text: string;
  cell: string;
  confirmed: boolean;
  note: string;
}

export interface ReportMeta {
  format: string | null;
  layoutVersion: string | null;
  rubricId: string | null;
  rubricFingerprint: string | null;
  award: string | null;
  mode: string | null;
  applicant: string | null;
  expert: string | null;
  stage: string | null;
  createdAt: string | null;
  generator: string | null;
  /** The identity seal (src/workbook/consistency.ts), null in a workbook without one. */
  seal?: string | null;
  /** The review round (评审批次) the workbook was generated for, when it was. */
  roundId?: string | null;
  /** The award's version (年度/版本) the workbook was built under, when the award has one. */
  awardVersion?: string | null;
}

export interface ScoreReport {
  file: string;
  rubric: string | null;
  rubricTitle: string | null;
  scoring: "maturity" | "points" | null;
  applicant: string | null;
  expert: string | null;
  stage: StageId | null;
  mode: FormulaMode | null;
  meta: ReportMeta;
  items: ReportItem[];
  categories: ReportCategory[];
  total: Exact;
  totalPoints: number;
  scored: number;
  itemCount: number;
  /** Every item has a valid entry. */
  complete: boolean;
  vetoes: ReportVeto[];
  vetoed: boolean;
  bonus: ReportBonus[];
  declaration: { cell: string | null; answer: string | null; conflict: boolean | null; note: string };
  date: string | null;
  savedAt: string | null;
  /** Everything that makes the workbook unusable or suspect (tampering, wrong rubric, unanswered veto …). */
  problems: ReportProblem[];
  /**
   * What the expert should act on but does not stop the workbook from counting, each naming its cell: a score at the
   * top or the bottom of the scale without its comment (the pane shows the same), cached values not recalculated.
   */
  warnings: ReportProblem[];
  /** Complete and no problems: the workbook can be counted as it is. */
  ok: boolean;
  /** The engine's evaluation of the inputs read (null when the file is not a readable scoring workbook). */
  evaluation: SetEvaluation | null;
  /** The layout the file was checked against: where every cell is (null with the evaluation). */
  layout: WorkbookLayout | null;
}

export interface InterpretOptions {
  /** The rubric the caller expects (a workbook for another rubric is a problem). */
  expectedRubric?: string;
  library?: Library;
  /**
   * Reuse of work that is the same for every workbook of a rubric (fingerprint, reference layout, normalised
   * formulas), for reading many files in a row (aggregation). The report is the same with or without it.
   */
  cache?: InterpretCache;
}

/** What interpret() may reuse between workbooks: see interpretCache(). */
export interface InterpretCache {
  fingerprint(bundle: RubricBundle): string;
  /** The reference layout of a rubric, stage and mode (formulas, cell positions and names do not depend on names). */
  layout(bundle: RubricBundle, meta: WorkbookMeta): WorkbookLayout;
  normalize: (formula: string) => string;
}

/**
 * A cache for interpret(): keyed by the rubric object itself (a library's rubrics are fixed once loaded), so that a
 * rubric edited in memory or from another library is never mistaken for a cached one.
 */
export function interpretCache(): InterpretCache {
  const fingerprints = new Map<object, { scale: object; rules: object; value: string }>();
  const layouts = new Map<string, { rubric: object; scale: object; rules: object; layout: WorkbookLayout }>();
  const formulas = new Map<string, string>();
  return {
    fingerprint(bundle) {
      const hit = fingerprints.get(bundle.rubric);
      if (hit && hit.scale === bundle.scale && hit.rules === bundle.rules) return hit.value;
      const value = rubricFingerprint(bundle);
      fingerprints.set(bundle.rubric, { scale: bundle.scale, rules: bundle.rules, value });
      return value;
    },
    layout(bundle, meta) {
      const key = `${bundle.rubric.id}\u0000${meta.stage}\u0000${meta.mode}\u0000${meta.layoutVersion ?? ""}`;
      const hit = layouts.get(key);
      if (hit && hit.rubric === bundle.rubric && hit.scale === bundle.scale && hit.rules === bundle.rules)
        return hit.layout;
      const layout = buildLayout(bundle, meta);
      layouts.set(key, { rubric: bundle.rubric, scale: bundle.scale, rules: bundle.rules, layout });
      return layout;
    },
    normalize(formula) {
      let n = formulas.get(formula);
      if (n === undefined) {
        n = normalizeFormula(formula);
        if (formulas.size < 100_000) formulas.set(formula, n);
      }
      return n;
    },
  };
}

const FIND_ROWS_BELOW = 80;
/** Formula problems listed one by one before the rest are summed up. */
const MAX_FORMULA_PROBLEMS = 5;

/** Normalises a formula for comparison: case, "$", spaces and sheet quotes outside strings, Excel's prefixes. */
export function normalizeFormula(formula: string): string {
  let out = "";
  let inString = false;
  const f = formula.trim().replace(/^=/, "");
  for (let i = 0; i < f.length; i++) {
    const ch = f[i];
    if (ch === '"') {
      inString = !inString;
      out += ch;
      continue;
    }
    if (inString) {
      out += ch;
      continue;
    }
    if (ch === "$" || ch === "'" || /\s/.test(ch)) continue;
    out += ch.toUpperCase();
  }
  // LibreOffice writes FALSE() and TRUE() for the constants; Excel may prefix newer or add-in functions.
  return out
    .replace(/_XLFN\.|_XLWS\./g, "")
    .replace(/_XLDUDF_QA_/g, "QA.")
    .replace(/\b(TRUE|FALSE)\(\)/g, "$1");
}

function asText(v: CellValue): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") return v.error;
  return String(v);
}

function asRaw(v: CellValue): RawInput {
  if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return asText(v); // a date or an error value is not a valid entry: parsed as text, it is reported as invalid
}

function shown(v: CellValue): string {
  if (typeof v === "number") return String(Math.round(v * 1e6) / 1e6);
  const t = asText(v);
  return t === "" ? "（空）" : t;
}

const at = (sheet: string, ref: string) => `${sheet}!${ref}`;

function emptyReport(file: string, problems: ReportProblem[], meta: Partial<ReportMeta> = {}): ScoreReport {
  return {
    file,
    rubric: meta.rubricId ?? null,
    rubricTitle: null,
    scoring: null,
    applicant: meta.applicant ?? null,
    expert: meta.expert ?? null,
    stage: meta.stage === "material" || meta.stage === "onsite" ? meta.stage : null,
    mode: meta.mode === "custom" || meta.mode === "native" ? meta.mode : null,
    meta: {
      format: null,
      layoutVersion: null,
      rubricId: null,
      rubricFingerprint: null,
      award: null,
      mode: null,
      applicant: null,
      expert: null,
      stage: null,
      createdAt: null,
      generator: null,
      ...meta,
    },
    items: [],
    categories: [],
    total: ZERO,
    totalPoints: 0,
    scored: 0,
    itemCount: 0,
    complete: false,
    vetoes: [],
    vetoed: false,
    bonus: [],
    declaration: { cell: null, answer: null, conflict: null, note: "" },
    date: null,
    savedAt: null,
    problems,
    warnings: [],
    ok: false,
    evaluation: null,
    layout: null,
  };
}

/** Reads the metadata sheet (keys in column A, values in column B). */
export function readMeta(source: CellSource): ReportMeta | null {
  if (!source.sheetNames().includes(SHEET.meta)) return null;
  const found = new Map<string, string>();
  for (let row = 1; row <= 60; row++) {
    const key = asText(source.value(SHEET.meta, `A${row}`)).trim();
    if (key) found.set(key, asText(source.value(SHEET.meta, `B${row}`)).trim());
  }
  const get = (k: MetaKey) => found.get(k) || null;
  return {
    format: get("format"),
    layoutVersion: get("layoutVersion"),
    rubricId: get("rubricId"),
    rubricFingerprint: get("rubricFingerprint"),
    award: get("award"),
    mode: get("mode"),
    applicant: get("applicant"),
    expert: get("expert"),
    stage: get("stage"),
    createdAt: get("createdAt"),
    generator: get("generator"),
    seal: get("seal"),
    roundId: get("roundId"),
    awardVersion: get("awardVersion"),
  };
}

/** Interprets a returned workbook. Never throws for bad content: everything wrong ends up in `problems`. */
export function interpret(given: CellSource, options: InterpretOptions = {}): ScoreReport {
  let source = given;
  const file = source.name;
  const lib = options.library ?? bundledLibrary();
  const meta = readMeta(source);
  if (!meta || meta.format !== FORMAT_ID) return emptyReport(file, [wbMsg.notScorebook(file)], meta ?? {});
  if (!READABLE_LAYOUT_VERSIONS.includes(meta.layoutVersion ?? ""))
    return emptyReport(
      file,
      [wbMsg.layoutVersion(file, meta.layoutVersion ?? "?", READABLE_LAYOUT_VERSIONS.join("、"))],
      meta,
    );
  if (!meta.rubricId) return emptyReport(file, [wbMsg.metaField(file, "rubricId")], meta);
  const bundle = lib.get(meta.rubricId);
  if (!bundle) return emptyReport(file, [wbMsg.unknownRubric(file, meta.rubricId)], meta);

  const problems: ReportProblem[] = [];
  if (options.expectedRubric && options.expectedRubric !== meta.rubricId)
    problems.push(wbMsg.wrongRubric(file, meta.rubricId, options.expectedRubric));
  const cache = options.cache;
  // Built under another version of the award: refused by name (the content then differs too, but the version says why).
  const version = bundle.award.version ?? null;
  if ((meta.awardVersion ?? null) !== version)
    problems.push(awardMsg.versionChanged(file, bundle.award.id, meta.awardVersion ?? "?", version ?? "?"));
  else if (meta.rubricFingerprint !== (cache ? cache.fingerprint(bundle) : rubricFingerprint(bundle)))
    problems.push(wbMsg.fingerprint(file, meta.rubricId));
  const stage: StageId | null = meta.stage === "material" || meta.stage === "onsite" ? meta.stage : null;
  if (!stage) problems.push(wbMsg.badMeta(file, "stage", meta.stage ?? ""));
  const mode: FormulaMode | null = meta.mode === "custom" || meta.mode === "native" ? meta.mode : null;
  if (!mode) problems.push(wbMsg.badMeta(file, "mode", meta.mode ?? ""));
  if (!meta.applicant) problems.push(wbMsg.metaField(file, "applicant"));
  if (!meta.expert) problems.push(wbMsg.metaField(file, "expert"));

  // The layout the file was generated with: where every cell is and what every formula must be.
  // Built without the names (formulas, cell positions and defined names do not depend on them), so that the layout
  // a report returns is the same with or without the cache.
  const layoutMeta: WorkbookMeta = {
    applicant: "?",
    expert: "?",
    stage: stage ?? "material",
    mode: mode ?? "native",
    createdAt: meta.createdAt ?? "",
    layoutVersion: meta.layoutVersion ?? LAYOUT_VERSION,
  };
  const layout = cache ? cache.layout(bundle, layoutMeta) : buildLayout(bundle, layoutMeta);
  const sheets = new Set(source.sheetNames());
  for (const s of layout.sheets) if (!sheets.has(s.name)) problems.push(wbMsg.sheetMissing(file, s.name));
  // Identity (cover, header, metadata, seal) and input cells holding formulas: src/workbook/consistency.ts.
  problems.push(...checkIdentity(source, layout, { ...meta, rubricId: meta.rubricId }, STAGE_NAME[layoutMeta.stage]));
  const inputs = withoutInputFormulas(source, layout);
  source = inputs.source;
  problems.push(...inputs.problems);

  const scoring = readScoring(source, bundle, layout, problems);
  const vetoRead = readVetoes(source, bundle, layout, problems);
  const bonusRead = readBonus(source, bundle, layout);
  // One evaluation of everything read: the report shows it, and it is what the formulas must agree with.
  // Layout 1 asked every item 是 / 否 ("是否不符合该条件？"): there 是 on a condition means it is not met.
  const sheet = evaluateSet(bundle, {
    entries: scoring.entries,
    vetoes: vetoRead.answers,
    bonus: bonusRead.answers,
    legacyYesNo: layout.layoutVersion === "1",
  });
  const items = reportItems(sheet, scoring, layout);
  const vetoes = reportVetoes(sheet, vetoRead, problems, layout, bundle.rules.vetoes);
  const bonus = reportBonus(sheet, bonusRead, problems);
  const cover = readCover(source, layout, meta, problems);
  const warnings: ReportProblem[] = commentWarnings(sheet, scoring, layout);
  if (!scoring.shifted) checkFormulas(source, layout, sheet, problems, cache?.normalize ?? normalizeFormula, warnings);
  checkNames(source, layout, problems);

  return {
    file,
    rubric: bundle.rubric.id,
    rubricTitle: bundle.rubric.title.zh,
    scoring: bundle.rubric.scoring,
    applicant: meta.applicant,
    expert: meta.expert,
    stage,
    mode,
    meta,
    items,
    categories: sheet.categories.map((c) => ({
      code: c.code,
      name: c.name,
      points: c.points,
      score: c.score,
      scored: c.scored,
      items: c.items,
    })),
    total: sheet.total,
    totalPoints: bundle.rubric.totalPoints,
    scored: sheet.scored,
    itemCount: sheet.itemCount,
    complete: sheet.complete,
    vetoes: vetoes.items,
    vetoed: vetoes.vetoed,
    bonus,
    declaration: cover.declaration,
    date: cover.date,
    savedAt: source.savedAt?.() ?? null,
    problems,
    warnings,
    ok: sheet.complete && problems.length === 0,
    evaluation: sheet,
    layout,
  };
}

interface ScoringRead {
  /** The input cells as read, per item code (a row that was not found is absent: unscored). */
  entries: NonNullable<SetInput["entries"]>;
  rowOf: Map<string, number>;
  missingRow: Set<string>;
  extra: Map<string, { input: CellValue; band: CellValue }>;
  shifted: boolean;
}

function readScoring(
  source: CellSource,
  bundle: RubricBundle,
  layout: WorkbookLayout,
  problems: ReportProblem[],
): ScoringRead {
  const map = layout.map.scoring;
  const sheet = map.sheet;
  const cols = map.columns;
  const rubric = bundle.rubric;
  const present = source.sheetNames().includes(sheet);
  // Locate the item rows by the code column.
  const rowOf = new Map<string, number>();
  const known = new Set(rubric.items.map((i) => i.code));
  if (present) {
    for (let row = 1; row <= map.lastItemRow + FIND_ROWS_BELOW; row++) {
      const code = asText(source.value(sheet, `${cols.code}${row}`))
        .normalize("NFKC")
        .trim();
      if (!/^\d+(\.\d+)+$/.test(code)) continue;
      const ref = at(sheet, `${cols.code}${row}`);
      if (!known.has(code)) problems.push({ ...wbMsg.extraRow(ref, code), cell: ref });
      else if (rowOf.has(code)) problems.push({ ...wbMsg.duplicateRow(ref, code), cell: ref, item: code });
      else rowOf.set(code, row);
    }
  }
  const moved: { code: string; expected: number; found: number }[] = [];
  const entries: ScoringRead["entries"] = {};
  const missingRow = new Set<string>();
  const extra: ScoringRead["extra"] = new Map();
  for (const item of map.items) {
    const row = rowOf.get(item.code);
    const def = rubric.items.find((i) => i.code === item.code)!;
    if (row === undefined) {
      missingRow.add(item.code);
      if (present) {
        const ref = at(sheet, `${cols.code}${item.row}`);
        problems.push({ ...wbMsg.rowMissing(ref, item.code), cell: ref, item: item.code });
      }
      continue;
    }
    if (row !== item.row) moved.push({ code: item.code, expected: item.row, found: row });
    const pointsCell = `${cols.points}${row}`;
    const pts = source.value(sheet, pointsCell);
    if (typeof pts !== "number" || Math.abs(pts - def.points) > 1e-9)
      problems.push({
        ...wbMsg.pointsEdited(at(sheet, pointsCell), item.code, shown(pts), def.points),
        cell: at(sheet, pointsCell),
        item: item.code,
      });
    const nameCell = `${cols.name}${row}`;
    const name = asText(source.value(sheet, nameCell)).trim();
    if (name !== def.name)
      problems.push({
        ...wbMsg.itemChanged(at(sheet, nameCell), item.code, name, def.name),
        cell: at(sheet, nameCell),
        item: item.code,
      });
    const input = source.value(sheet, `${cols.input}${row}`);
    const band = cols.band ? source.value(sheet, `${cols.band}${row}`) : null;
    entries[item.code] = {
      value: asRaw(input),
      band: asRaw(band),
      strengths: asText(source.value(sheet, `${cols.strengths}${row}`)).trim(),
      opportunities: asText(source.value(sheet, `${cols.opportunities}${row}`)).trim(),
    };
    extra.set(item.code, { input, band });
  }
  if (moved.length) {
    const m = moved[0];
    const p = wbMsg.rowMoved(m.code, at(sheet, `${cols.code}${m.expected}`), at(sheet, `${cols.code}${m.found}`));
    problems.push({
      ...p,
      zh: moved.length > 1 ? `${p.zh}（共 ${moved.length} 项的位置改变）` : p.zh,
      en: moved.length > 1 ? `${p.en} (${moved.length} items moved)` : p.en,
      cell: at(sheet, `${cols.code}${m.found}`),
      item: m.code,
    });
  }
  return { entries, rowOf, missingRow, extra, shifted: moved.length > 0 || missingRow.size > 0 };
}

/** Where an item's input is: the row found, or where it should be (the code cell when the row is missing). */
function itemCell(code: string, read: ScoringRead, layout: WorkbookLayout, col?: string): string {
  const map = layout.map.scoring;
  const row = read.rowOf.get(code) ?? map.items.find((i) => i.code === code)!.row;
  return at(map.sheet, `${col ?? (read.missingRow.has(code) ? map.columns.code : map.columns.input)}${row}`);
}

function reportItems(evaluation: SetEvaluation, read: ScoringRead, layout: WorkbookLayout): ReportItem[] {
  return evaluation.items.map((r) => {
    const cell = itemCell(r.code, read, layout);
    const x = read.extra.get(r.code);
    const message: Message | null = read.missingRow.has(r.code)
      ? wbMsg.rowMissing(cell, r.code)
      : r.message && r.status !== "ok"
        ? wbMsg.itemEntry(cell, r.code, r.message)
        : null;
    const raw = x?.input ?? null;
    const bandRaw = x?.band ?? null;
    return {
      code: r.code,
      name: r.name,
      category: r.category,
      points: r.points,
      cell,
      input: raw instanceof Date || (raw !== null && typeof raw === "object") ? asText(raw) : raw,
      band: bandRaw === null ? null : typeof bandRaw === "number" ? bandRaw : asText(bandRaw),
      value: r.status === "ok" ? r.value : null,
      score: r.score,
      status: r.status,
      message,
      strengths: r.strengths,
      opportunities: r.opportunities,
    };
  });
}

/** The engine's review warnings (the comment rule), each at the comment cell it asks for. */
function commentWarnings(evaluation: SetEvaluation, read: ScoringRead, layout: WorkbookLayout): ReportProblem[] {
  const cols = layout.map.scoring.columns;
  return evaluation.warnings.map((w) => ({
    ...w.message,
    cell: itemCell(w.item, read, layout, w.need === "strengths" ? cols.strengths : cols.opportunities),
    item: w.item,
  }));
}

function columnWhat(layout: WorkbookLayout, sheet: string, ref: string): string {
  const s = layout.map.scoring;
  if (sheet !== s.sheet)
    return sheet === layout.map.vetoes.sheet ? "否决结论" : sheet === layout.map.cover.sheet ? "封面汇总" : "汇总";
  const { col, row } = parseCellRef(ref);
  if (row >= s.firstItemRow && row <= s.lastItemRow) {
    if (col === s.columns.score) return "得分";
    if (col === s.columns.check) return "检查";
    return "辅助列";
  }
  if (ref === s.total) return "总分";
  if (col === s.columns.score && s.categories.some((c) => c.row === row)) return "小计";
  return "汇总";
}

/**
 * Every formula of the layout must still be there (a changed or replaced formula is tampering). Score, subtotal and
 * total cells whose formula is intact but whose cached value is not the engine's were not recalculated (Excel in
 * manual calculation, a file written by a tool): a warning, since every figure is recomputed from the inputs.
 */
function checkFormulas(
  source: CellSource,
  layout: WorkbookLayout,
  result: SetEvaluation,
  problems: ReportProblem[],
  normalize: (formula: string) => string = normalizeFormula,
  warnings: ReportProblem[] = problems,
): void {
  const map = layout.map.scoring;
  const present = new Set(source.sheetNames());
  const expectedNumber = new Map<string, Exact | null>();
  for (const it of map.items)
    expectedNumber.set(`${map.columns.score}${it.row}`, result.items.find((i) => i.code === it.code)!.score);
  for (const c of map.categories)
    expectedNumber.set(`${map.columns.score}${c.row}`, result.categories.find((x) => x.code === c.code)!.score);
  expectedNumber.set(map.total, result.total);
  const found: ReportProblem[] = [];
  const stale: { cell: string; what: string; shown: string; expected: string }[] = [];
  for (const s of layout.sheets) {
    if (!present.has(s.name)) continue;
    for (const c of s.cells) {
      if (c.formula === undefined) continue;
      const cell = at(s.name, c.ref);
      const what = columnWhat(layout, s.name, c.ref);
      const actual = source.formula(s.name, c.ref);
      if (actual === null) {
        found.push({ ...wbMsg.formulaOverwritten(cell, what, shown(source.value(s.name, c.ref))), cell });
        continue;
      }
      // "" is a formula whose text the reader could not give (a shared formula it does not expand): not compared.
      if (actual !== "" && actual !== c.formula && normalize(actual) !== normalize(c.formula)) {
        found.push({ ...wbMsg.formulaChanged(cell, what), cell });
        continue;
      }
      if (s.name !== map.sheet || !expectedNumber.has(c.ref)) continue;
      // The cached result is what the reviewer saw and signed: it must agree with the engine.
      const cached = source.value(s.name, c.ref);
      const expected = expectedNumber.get(c.ref)!;
      const want = expected === null ? "（空）" : String(toNumber(expected));
      if (typeof cached === "number") {
        if (expected === null || Math.abs(cached - toNumber(expected)) > 1e-6)
          stale.push({ cell, what, shown: shown(cached), expected: want });
      } else if (typeof cached === "string" && cached.trim() !== "" && expected !== null) {
        stale.push({ cell, what, shown: shown(cached), expected: want });
      }
    }
  }
  if (stale.length) {
    const f = stale[0];
    warnings.push({
      ...wbMsg.notRecalculated(source.name, stale.length, f.cell, f.what, f.shown, f.expected),
      cell: f.cell,
    });
  }
  // Many changed cells (a re-typed sheet, a file from another version) are summed up after the first few.
  const first = found.slice(0, MAX_FORMULA_PROBLEMS);
  const rest = found.length - first.length;
  problems.push(...first);
  if (rest > 0)
    problems.push({
      code: "formula-changed",
      zh: `${source.name}：另有 ${rest} 个单元格的公式被改动或替换（共 ${found.length} 处）`,
      en: `${source.name}: ${rest} more cells have a changed or replaced formula (${found.length} in all)`,
    });
}

function normalizeRef(ref: string): string {
  return ref.replace(/[$'\s]/g, "").toUpperCase();
}

function checkNames(source: CellSource, layout: WorkbookLayout, problems: ReportProblem[]): void {
  const names = source.definedNames();
  const lower = new Map(Object.entries(names).map(([k, v]) => [k.toLowerCase(), v]));
  for (const n of layout.names) {
    const actual = names[n.name] ?? lower.get(n.name.toLowerCase());
    if (!actual || normalizeRef(actual) !== normalizeRef(`${n.sheet}!${n.ref}`))
      problems.push(wbMsg.nameChanged(n.name));
  }
}

function findRows(source: CellSource, sheet: string, col: string, ids: string[], maxRow: number): Map<string, number> {
  const rows = new Map<string, number>();
  const want = new Set(ids);
  for (let row = 1; row <= maxRow; row++) {
    const id = asText(source.value(sheet, `${col}${row}`)).trim();
    if (want.has(id) && !rows.has(id)) rows.set(id, row);
  }
  return rows;
}

interface AnswersRead {
  answers: Record<string, VetoAnswer>;
  /** The answer cell of each id (where it was found, or where it should be). */
  cells: Map<string, string>;
  /** Ids whose row was found. */
  found: Set<string>;
}

function readVetoes(
  source: CellSource,
  bundle: RubricBundle,
  layout: WorkbookLayout,
  problems: ReportProblem[],
): AnswersRead {
  const map = layout.map.vetoes;
  const vetoes = bundle.rules.vetoes;
  const present = source.sheetNames().includes(map.sheet);
  const rows = present
    ? findRows(
        source,
        map.sheet,
        map.columns.id,
        vetoes.map((v) => v.id),
        Math.max(...map.rows.map((r) => r.row)) + FIND_ROWS_BELOW,
      )
    : new Map<string, number>();
  const answers: Record<string, VetoAnswer> = {};
  const cells = new Map<string, string>();
  for (const v of vetoes) {
    const expected = map.rows.find((r) => r.id === v.id)!.row;
    const row = rows.get(v.id);
    cells.set(v.id, at(map.sheet, `${map.columns.answer}${row ?? expected}`));
    if (row === undefined) {
      if (present) {
        const ref = at(map.sheet, `${map.columns.id}${expected}`);
        problems.push({
          code: "row-missing",
          zh: `${ref}：找不到否决事项“${short(v.text)}”的行（行被删除或编号被改动）`,
          en: `${ref}: no row for veto item "${v.id}"`,
          cell: ref,
        });
      }
      continue;
    }
    answers[v.id] = {
      answer: asRaw(source.value(map.sheet, `${map.columns.answer}${row}`)),
      note: asText(source.value(map.sheet, `${map.columns.note}${row}`)),
    };
  }
  return { answers, cells, found: new Set(rows.keys()) };
}

function reportVetoes(
  evaluation: SetEvaluation,
  read: AnswersRead,
  problems: ReportProblem[],
  layout: WorkbookLayout,
  vetoes: RubricBundle["rules"]["vetoes"],
) {
  const items: ReportVeto[] = evaluation.vetoes.items.map((r) => {
    const cell = read.cells.get(r.id)!;
    const raw = read.answers[r.id]?.answer;
    let message: Message | null = null;
    if (read.found.has(r.id) && !r.answered) {
      message =
        r.message?.code === "veto-answer-invalid"
          ? wbMsg.vetoInvalid(cell, String(raw), r.message)
          : wbMsg.vetoUnanswered(
              cell,
              r.text,
              layout.layoutVersion === "1" ? undefined : vetoChoices(vetoes.find((v) => v.id === r.id)!),
            );
      problems.push({ ...message, cell });
    }
    return {
      id: r.id,
      text: r.text,
      label: r.label,
      cell,
      answer: raw === null || raw === undefined || raw === "" ? null : String(raw),
      answered: r.answered,
      flagged: r.flagged,
      note: r.note,
      message,
    };
  });
  return { items, vetoed: evaluation.vetoes.vetoed };
}

function readBonus(source: CellSource, bundle: RubricBundle, layout: WorkbookLayout): AnswersRead {
  const map = layout.map.bonus;
  const bonus = bundle.rules.bonus;
  const none: AnswersRead = { answers: {}, cells: new Map(), found: new Set() };
  if (!map || !bonus || !source.sheetNames().includes(map.sheet)) return none;
  const rows = findRows(
    source,
    map.sheet,
    map.columns.id,
    bonus.conditions.map((c) => c.id),
    Math.max(...map.rows.map((r) => r.row)) + FIND_ROWS_BELOW,
  );
  for (const c of bonus.conditions) {
    const row = rows.get(c.id) ?? map.rows.find((r) => r.id === c.id)!.row;
    none.cells.set(c.id, at(map.sheet, `${map.columns.answer}${row}`));
    if (!rows.has(c.id)) continue;
    none.answers[c.id] = {
      answer: asRaw(source.value(map.sheet, `${map.columns.answer}${row}`)),
      note: asText(source.value(map.sheet, `${map.columns.note}${row}`)).trim(),
    };
  }
  return { ...none, found: new Set(rows.keys()) };
}

function reportBonus(evaluation: SetEvaluation, read: AnswersRead, problems: ReportProblem[]): ReportBonus[] {
  if (!evaluation.bonus || read.cells.size === 0) return [];
  return evaluation.bonus.conditions.map((c) => {
    const cell = read.cells.get(c.id)!;
    if (!read.found.has(c.id)) return { id: c.id, text: c.text, cell, confirmed: false, note: "" };
    if (c.invalid) problems.push({ ...wbMsg.bonusInvalid(cell, String(read.answers[c.id]?.answer ?? "")), cell });
    return { id: c.id, text: c.text, cell, confirmed: c.confirmed, note: c.note };
  });
}

function excelDate(v: CellValue): string | null {
  if (v === null || v === "") return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number")
    return new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86400000).toISOString().slice(0, 10);
  return asText(v).trim() || null;
}

function readCover(source: CellSource, layout: WorkbookLayout, meta: ReportMeta, problems: ReportProblem[]) {
  const map = layout.map.cover;
  if (!source.sheetNames().includes(map.sheet))
    return { declaration: { cell: null, answer: null, conflict: null, note: "" }, date: null } as Pick<
      ScoreReport,
      "declaration" | "date"
    >;
  const cell = at(map.sheet, map.declaration);
  const raw = asText(source.value(map.sheet, map.declaration)).normalize("NFKC").trim();
  const note = asText(source.value(map.sheet, map.declarationNote)).trim();
  let conflict: boolean | null = null;
  const none = DECLARE_NONE.normalize("NFKC");
  const conflictText = DECLARE_CONFLICT.normalize("NFKC");
  if (raw === "") problems.push({ ...wbMsg.declarationMissing(cell), cell });
  else if (raw === none) conflict = false;
  else if (raw === conflictText) {
    conflict = true;
    problems.push({ ...wbMsg.conflict(cell, meta.expert ?? ""), cell });
  } else problems.push({ ...wbMsg.declarationInvalid(cell, raw), cell });
  for (const [ref, what, expected] of [
    [map.applicant, "申报者", meta.applicant],
    [map.expert, "评审专家", meta.expert],
  ] as const) {
    const found = asText(source.value(map.sheet, ref)).trim();
    if (expected && found !== expected)
      problems.push({ ...wbMsg.coverChanged(at(map.sheet, ref), what, found, expected), cell: at(map.sheet, ref) });
  }
  return {
    declaration: { cell, answer: raw || null, conflict, note },
    date: excelDate(source.value(map.sheet, map.date)),
  };
}

/** The report as the aggregation core takes it (src/core/aggregate.ts). */
export function toReturnedSheet(report: ScoreReport): ReturnedSheet {
  return {
    file: report.file,
    rubricId: report.rubric ?? "",
    applicant: report.applicant ?? "",
    expert: report.expert ?? "",
    stage: report.stage ?? "material",
    savedAt: report.savedAt,
    total: report.total,
    complete: report.complete,
    items: report.items.map((i) => ({
      code: i.code,
      points: i.points,
      value: i.value,
      strengths: i.strengths,
      opportunities: i.opportunities,
      ...(i.message ? { problem: { code: i.message.code, zh: i.message.zh, en: i.message.en } } : {}),
    })),
    vetoes: report.vetoes.map((v) => ({ id: v.id, text: v.label, flagged: v.flagged, note: v.note })),
    conflictDeclared: report.declaration.conflict === true,
    conflictNote: report.declaration.note || undefined,
    bonusConfirmed: report.bonus.filter((b) => b.confirmed).map((b) => b.id),
    // A declared conflict is handled by the aggregation itself (the sheet is left out with its own reason).
    blocking: report.problems.filter((p) => p.code !== "conflict").map(({ code, zh, en }) => ({ code, zh, en })),
    roundId: report.meta.roundId ?? null,
    notices: report.warnings.filter((w) => w.code === "not-recalculated").map(({ code, zh, en }) => ({ code, zh, en })),
  };
}

const n2 = (e: Exact) => Math.round(toNumber(e) * 1e6) / 1e6;

/** The documented JSON of `scorebook score --json`. */
export function reportJson(report: ScoreReport) {
  return {
    file: report.file,
    rubric: report.rubric,
    applicant: report.applicant,
    expert: report.expert,
    stage: report.stage,
    mode: report.mode,
    items: report.items.map((i) => ({
      code: i.code,
      points: i.points,
      input: i.input,
      value: i.value,
      score: i.score === null ? null : n2(i.score),
      status: i.status,
      message: i.message?.zh ?? null,
      en: i.message?.en ?? null,
      cell: i.cell,
    })),
    categories: report.categories.map((c) => ({ code: c.code, name: c.name, points: c.points, score: n2(c.score) })),
    total: n2(report.total),
    totalPoints: report.totalPoints,
    scored: report.scored,
    itemCount: report.itemCount,
    complete: report.complete,
    vetoes: report.vetoes.map((v) => ({ id: v.id, flagged: v.flagged, answer: v.answer, note: v.note, cell: v.cell })),
    vetoed: report.vetoed,
    bonus: report.bonus.map((b) => ({ id: b.id, confirmed: b.confirmed, note: b.note })),
    declaration: report.declaration,
    date: report.date,
    meta: report.meta,
    problems: report.problems.map((p) => ({
      code: p.code,
      message: p.zh,
      en: p.en,
      cell: p.cell ?? null,
      item: p.item ?? null,
    })),
    warnings: report.warnings.map((p) => ({
      code: p.code,
      message: p.zh,
      en: p.en,
      cell: p.cell ?? null,
      item: p.item ?? null,
    })),
    ok: report.ok,
  };
}
