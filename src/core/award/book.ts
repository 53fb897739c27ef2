// Award data ⇄ the award definition workbook's cells. awardToBook writes an award and its rubrics as the sheets of
// src/core/award/sheets.ts; readAwardBook reads them back and checks everything a secretariat can get wrong, each
// problem placed at its sheet, row and column. The shipped awards survive the round trip unchanged
// (test/award/roundtrip.test.ts), so everything they need is data the workbook can carry.
import { columnLetter } from "../columns";
import { exact, sum, type Exact } from "../exact";
import { awardMsg, type Message } from "../messages";
import { checkAward, checkRubric } from "../rubric/check";
import { fractionText, secretariatSettings, type DefaultSetting } from "../secretariat";
import { REVIEW_DOCUMENT_NAME } from "../types";
import type {
  Award,
  Band,
  BonusRule,
  Category,
  Dimension,
  FractionSpec,
  Item,
  PanelMethod,
  RankBy,
  ReviewDocumentId,
  Rubric,
  RuleSet,
  Stage,
  StageId,
  SubItem,
  Veto,
} from "../types";
import {
  APPLICANT,
  ASK,
  AWARD_SETTINGS,
  BOOK,
  COLUMNS,
  DEFAULT_LABELS,
  GUIDE_FIXED,
  KIND,
  NONE,
  PANEL,
  RANK,
  README_LINES,
  REQUIRED_SHEETS,
  RULE_SETTINGS,
  SCORING,
  STAGE_SCORE,
  STAGES,
  UNLIMITED,
  type AwardBook,
  type BookCell,
  type BookRows,
  type Setting,
} from "./sheets";

export interface BookProblem {
  sheet: string;
  /** 1-based row, absent for a problem of the whole sheet or file. */
  row?: number;
  /** Column letter. */
  column?: string;
  message: Message;
}

/** A setting the award data fills by default (the rules are silent): printed for the secretariat. */
export type { DefaultSetting };
export { secretariatSettings };

export interface AwardBookResult {
  award: Award | null;
  rubrics: Rubric[];
  problems: BookProblem[];
  defaults: DefaultSetting[];
}

/** 0 → "A": the column letter of a 0-based column index. */
export function colLetter(index: number): string {
  return columnLetter(index + 1);
}

/** "奖项!B3" (or the sheet alone). */
export function placeOf(p: { sheet: string; row?: number; column?: string }): string {
  if (p.row === undefined) return p.sheet;
  // A whole row in Excel's own notation (评价项目!1:1) when no column is named.
  return p.column ? `${p.sheet}!${p.column}${p.row}` : `${p.sheet}!${p.row}:${p.row}`;
}

export function problemText(p: BookProblem, lang: "zh" | "en" = "zh"): string {
  return `${placeOf(p)}${lang === "zh" ? "：" : ": "}${lang === "zh" ? p.message.zh : p.message.en}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

const lines = (xs: readonly string[] | undefined): string => (xs ?? []).join("\n");
const noneOr = (v: number | null | undefined, none = NONE): BookCell => (v === null || v === undefined ? none : v);

function awardValue(key: string, a: Award): BookCell {
  switch (key) {
    case "id":
      return a.id;
    case "title":
      return a.title.zh;
    case "titleEn":
      return a.title.en ?? null;
    case "version":
      return a.version ?? null;
    case "source":
      return a.source;
    case "scaleId":
      return a.scale.id;
    case "scaleName":
      return a.scale.name.zh;
    case "scaleNameEn":
      return a.scale.name.en ?? null;
    case "bands":
      return a.scale.bands.map((b) => `${b.min}-${b.max}`).join(",");
    case "step":
      return a.scale.step;
    case "functionRuleSet":
      return a.functionDefaults?.ruleSet ?? null;
    case "functionNote":
      return a.functionDefaults?.note ?? null;
    case "notes":
      return lines(a.notes) || null;
    default:
      return null;
  }
}

function ruleValue(key: string, r: RuleSet): BookCell {
  switch (key) {
    case "id":
      return r.id;
    case "name":
      return r.name.zh;
    case "nameEn":
      return r.name.en ?? null;
    case "applicant":
      return APPLICANT[r.applicant];
    case "stages":
      return r.stages.map((s) => s.name.zh).join("、");
    case "weights":
      return r.stages.map((s) => fractionText(s.weight)).join("、");
    case "panelMethod":
      return PANEL[r.panelMethod];
    case "stageScoring.material":
    case "stageScoring.onsite": {
      const v = r.stageScoring?.[key.slice("stageScoring.".length) as StageId];
      return v ? STAGE_SCORE[v] : null;
    }
    case "rankBy":
      return r.rankBy ? RANK[r.rankBy] : null;
    case "advance":
      return noneOr(r.advance?.min);
    case "advanceNote":
      return r.advance?.note ?? null;
    case "finalThreshold":
      return noneOr(r.finalThreshold);
    case "topN":
      return noneOr(r.topN, UNLIMITED);
    case "bonusText":
      return r.bonus?.text ?? null;
    case "publicMax":
      return noneOr(r.publicSatisfaction?.max);
    case "publicText":
      return r.publicSatisfaction?.text ?? null;
    case "quorum":
      return r.vote ? fractionText(r.vote.quorum) : NONE;
    case "approval":
      return r.vote ? fractionText(r.vote.approval) : NONE;
    case "voteText":
      return r.vote?.text ?? null;
    case "documents":
      return (r.documents ?? []).map((d) => REVIEW_DOCUMENT_NAME[d]).join("、") || null;
    case "onsiteOpinion":
      return r.onsiteOpinion ?? null;
    case "secretariatDefaults":
      return r.secretariatDefaults.map((k) => DEFAULT_LABELS[k] ?? k).join("、") || null;
    case "notes":
      return lines(r.notes) || null;
    default:
      return null;
  }
}

const header = (sheet: string): BookCell[] => COLUMNS[sheet].map((c) => c.header);

function guideHeader(bands: readonly { min: number; max: number }[] | number): BookCell[] {
  const list = typeof bands === "number" ? Array.from({ length: bands }, () => null) : bands;
  return [
    ...GUIDE_FIXED.map((c) => c.header),
    ...list.map((b, i) => (b ? `第${i + 1}档（${b.min}%–${b.max}%）` : `第${i + 1}档`)),
  ];
}

/** An award and its rubrics as the definition workbook's sheets. */
export function awardToBook(award: Award, rubrics: readonly Rubric[]): AwardBook {
  const book: AwardBook = {};
  book[BOOK.readme] = README_LINES.map((l) => [l]);
  book[BOOK.award] = [
    ["设置", "值", "说明"],
    ...AWARD_SETTINGS.map((s) => [s.label, awardValue(s.key, award), s.note]),
  ];
  book[BOOK.rules] = [
    ["设置", "说明", ...award.ruleSets.map((_, i) => `规则集${i + 1}`)],
    ...RULE_SETTINGS.map((s) => [s.label, s.note, ...award.ruleSets.map((r) => ruleValue(s.key, r))]),
  ];
  book[BOOK.rubrics] = [
    header(BOOK.rubrics),
    ...rubrics.map((r) => [
      r.id,
      r.title.zh,
      r.title.en ?? null,
      r.ruleSet,
      SCORING[r.scoring],
      r.pointsStep ?? null,
      r.totalPoints,
      r.source,
      lines(r.notes) || null,
    ]),
  ];
  const items: BookRows = [header(BOOK.items)];
  for (const r of rubrics) {
    for (const c of r.categories) {
      const its = r.items.filter((i) => i.category === c.code);
      const cat: BookCell[] = [r.id, c.code, c.name, c.nameEn ?? null, c.points, c.intro ?? null];
      if (its.length === 0) items.push([...cat, ...Array<BookCell>(8).fill(null)]);
      its.forEach((it, k) => {
        items.push([
          ...(k === 0 ? cat : [r.id, null, null, null, null, null]),
          it.code,
          it.name,
          it.nameEn ?? null,
          it.points,
          KIND[it.kind],
          null,
          lines(it.guidance) || null,
          null,
        ]);
        for (const s of it.subitems ?? [])
          items.push([
            r.id,
            null,
            null,
            null,
            null,
            null,
            s.code,
            null,
            null,
            null,
            null,
            s.name,
            lines(s.guidance) || null,
            null,
          ]);
      });
    }
  }
  book[BOOK.items] = items;
  const { scale } = award;
  const guide: BookRows = [guideHeader(scale.bands)];
  for (const kind of ["process", "results"] as const)
    for (const d of scale.dimensions[kind])
      guide.push([
        KIND[kind],
        d.code,
        d.name.zh,
        d.name.en ?? null,
        ...scale.bands.map((b) => b[kind][d.code] ?? null),
      ]);
  book[BOOK.guide] = guide;
  book[BOOK.vetoes] = [
    header(BOOK.vetoes),
    ...award.ruleSets.flatMap((r) =>
      r.vetoes.map((v) => [
        r.id,
        v.id,
        v.text,
        ASK[v.ask],
        v.source,
        v.appliesTo ?? null,
        v.requiredFor?.length ? v.requiredFor.join("、") : null,
      ]),
    ),
  ];
  book[BOOK.bonus] = [
    header(BOOK.bonus),
    ...award.ruleSets.flatMap((r) =>
      (r.bonus?.conditions ?? []).map((c) => [r.id, c.id, c.text, r.bonus!.points, r.bonus!.cumulative ? "是" : "否"]),
    ),
  ];
  book[BOOK.fixes] = [
    header(BOOK.fixes),
    ...rubrics.flatMap((r) => (r.fixes ?? []).map((f) => [r.id, f.where, f.original, f.corrected, f.reason])),
  ];
  return book;
}

/** The blank workbook: every sheet with its headers, settings and one rule set column, six band columns. */
export function templateBook(): AwardBook {
  const book: AwardBook = {};
  book[BOOK.readme] = README_LINES.map((l) => [l]);
  book[BOOK.award] = [["设置", "值", "说明"], ...AWARD_SETTINGS.map((s) => [s.label, null, s.note])];
  book[BOOK.rules] = [["设置", "说明", "规则集1"], ...RULE_SETTINGS.map((s) => [s.label, s.note, null])];
  for (const s of [BOOK.rubrics, BOOK.items, BOOK.vetoes, BOOK.bonus, BOOK.fixes]) book[s] = [header(s)];
  book[BOOK.guide] = [guideHeader(6)];
  return book;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const folded = (s: string) => s.normalize("NFKC").trim();

/** A cell as text: trimmed, line breaks as \n (numbers as they print). */
function cellText(v: BookCell | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "是" : "否";
  return v.replace(/\r\n?/g, "\n").trim();
}

const splitLines = (s: string): string[] =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

const splitList = (s: string): string[] =>
  folded(s)
    .split(/[,;、\s]+/)
    .map((x) => x.trim())
    .filter((x) => x !== "");

const AWARD_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;
const PART_ID = /^[a-z0-9-]+$/;

/** A header as compared: folded, without a bracketed hint such as （每行一条）. */
const headerKey = (v: BookCell | undefined) => folded(cellText(v)).replace(/[(（].*$/, "");

class Reader {
  readonly problems: BookProblem[] = [];
  readonly defaults: DefaultSetting[] = [];
  /** Per table sheet: the column each expected column was found in (a column inserted or moved by hand). */
  private readonly columnAt = new Map<string, number[]>();
  private readonly tables = new Map<string, BookRows>();
  constructor(readonly book: AwardBook) {}

  add(sheet: string, row: number | undefined, col: number | undefined, message: Message): void {
    const actual = col === undefined ? undefined : (this.columnAt.get(sheet)?.[col] ?? col);
    this.problems.push({ sheet, row, column: actual === undefined ? undefined : colLetter(actual), message });
  }

  /**
   * A sheet's rows; a table sheet's columns in the expected order, found by their headers, so that a column a
   * person inserted or moved is still read as what its header says (a missing header is named at row 1).
   */
  rows(sheet: string): BookRows {
    const raw = this.book[sheet] ?? [];
    const columns = COLUMNS[sheet];
    if (!columns || raw.length === 0) return raw;
    const cached = this.tables.get(sheet);
    if (cached) return cached;
    const head = raw[0].map(headerKey);
    const at = columns.map((c) => head.indexOf(headerKey(c.header)));
    const missing = columns.filter((c, i) => at[i] < 0 && !c.optional);
    for (const c of missing) this.problems.push({ sheet, row: 1, message: awardMsg.missingColumn(c.header) });
    // A column whose header is missing is read where the template puts it; an optional one is read as empty.
    const where = at.map((a, i) => (a >= 0 ? a : columns[i].optional ? -1 : i));
    this.columnAt.set(sheet, where);
    const rows = raw.map((r, i) => (i === 0 ? columns.map((c) => c.header) : where.map((c) => r[c] ?? null)));
    this.tables.set(sheet, rows);
    return rows;
  }
}

interface At {
  sheet: string;
  row: number;
  col: number;
}

/** A number from a cell, or a problem at the cell. */
function num(
  rd: Reader,
  at: At,
  v: BookCell | undefined,
  opts: { positive?: boolean; integer?: boolean } = {},
): number | null {
  const t = typeof v === "number" ? v : folded(cellText(v));
  const n = typeof t === "number" ? t : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n)) {
    rd.add(at.sheet, at.row, at.col, awardMsg.notNumber(cellText(v)));
    return null;
  }
  if (opts.integer && (!Number.isInteger(n) || n < 1)) {
    rd.add(at.sheet, at.row, at.col, awardMsg.notInteger(cellText(v)));
    return null;
  }
  if (opts.positive && n <= 0) {
    rd.add(at.sheet, at.row, at.col, awardMsg.notPositive(cellText(v)));
    return null;
  }
  return n;
}

function choice<K extends string>(rd: Reader, at: At, v: BookCell | undefined, map: Record<K, string>): K | null {
  const t = folded(cellText(v));
  const hit = (Object.keys(map) as K[]).find((k) => folded(map[k]) === t);
  if (hit === undefined) rd.add(at.sheet, at.row, at.col, awardMsg.unknownChoice(cellText(v), Object.values(map)));
  return hit ?? null;
}

/** "30%", "2/3", "0.3" or a number (≤ 1 a share, > 1 a percentage) as a reduced fraction. */
function fraction(rd: Reader, at: At, token: string): FractionSpec | null {
  const t = folded(token);
  let x: Exact | null = null;
  try {
    if (/^\d+(\.\d+)?%$/.test(t)) x = exact(t.slice(0, -1)).div(100);
    else if (/^\d+\/\d+$/.test(t) && !/\/0+$/.test(t)) x = exact(t);
    else if (/^\d+(\.\d+)?$/.test(t)) x = Number(t) > 1 ? exact(t).div(100) : exact(t);
  } catch {
    x = null;
  }
  if (x === null) {
    rd.add(at.sheet, at.row, at.col, awardMsg.badFraction(token));
    return null;
  }
  if (x.compare(1) > 0) {
    rd.add(at.sheet, at.row, at.col, awardMsg.fractionAboveOne(token));
    return null;
  }
  return { numerator: Number(x.n), denominator: Number(x.d) };
}

/** The 奖项 sheet's values by setting key, with where each sits. */
function settingsColumn(
  rd: Reader,
  sheet: string,
  specs: readonly Setting[],
  valueCols: number[],
): { labelRow: Map<string, number>; values: Map<number, Map<string, BookCell>> } {
  const rows = rd.rows(sheet);
  const labelRow = new Map<string, number>();
  const byLabel = new Map(specs.map((s) => [folded(s.label), s]));
  const values = new Map<number, Map<string, BookCell>>(valueCols.map((c) => [c, new Map()]));
  rows.forEach((r, i) => {
    if (i === 0) return;
    const label = folded(cellText(r[0]));
    if (!label) {
      if (valueCols.some((c) => cellText(r[c]) !== "")) rd.add(sheet, i + 1, 0, awardMsg.required("设置"));
      return;
    }
    const spec = byLabel.get(label);
    if (!spec) {
      rd.add(sheet, i + 1, 0, awardMsg.unknownSetting(cellText(r[0])));
      return;
    }
    if (labelRow.has(spec.key)) {
      rd.add(sheet, i + 1, 0, awardMsg.duplicate("设置", spec.label, `A${labelRow.get(spec.key)}`));
      return;
    }
    labelRow.set(spec.key, i + 1);
    for (const c of valueCols) values.get(c)!.set(spec.key, r[c] ?? null);
  });
  return { labelRow, values };
}

interface ParsedBands {
  bands: { min: number; max: number }[];
  at: At;
}

function parseBands(rd: Reader, at: At, v: BookCell, step: number | null): ParsedBands | null {
  const raw = cellText(v);
  if (!raw) {
    rd.add(at.sheet, at.row, at.col, awardMsg.required("成熟度档次"));
    return null;
  }
  const parts = folded(raw)
    .replace(/%/g, "")
    .split(/[,;、，；\s]+/)
    .filter(Boolean);
  const bands: { min: number; max: number }[] = [];
  for (const p of parts) {
    const m = /^(\d+)\s*[-–—~～至]\s*(\d+)$/.exec(p);
    if (!m) {
      rd.add(at.sheet, at.row, at.col, awardMsg.bandsSyntax(raw));
      return null;
    }
    bands.push({ min: Number(m[1]), max: Number(m[2]) });
  }
  if (bands.length === 0) {
    rd.add(at.sheet, at.row, at.col, awardMsg.bandsSyntax(raw));
    return null;
  }
  const bad = (m: Message) => rd.add(at.sheet, at.row, at.col, m);
  const before = rd.problems.length;
  bands.forEach((b, i) => {
    if (b.min > b.max) bad(awardMsg.bandReversed(i + 1, b.min, b.max));
    if (i === 0 && b.min !== 0) bad(awardMsg.bandFirst(b.min));
    if (i === bands.length - 1 && b.max !== 100) bad(awardMsg.bandLast(b.max));
    if (step && (b.min % step !== 0 || b.max % step !== 0))
      bad(awardMsg.stepNotDivide(step, `第 ${i + 1} 档的上下限 ${b.min}%–${b.max}%`));
    if (i > 0) {
      const prev = bands[i - 1];
      if (b.min <= prev.max) bad(awardMsg.bandOverlap(i + 1, `${prev.min}%–${prev.max}%`, `${b.min}%–${b.max}%`));
      else if (step && b.min > prev.max + step) bad(awardMsg.bandGap(i + 1, prev.max + step, b.min - step));
      else if (!step && b.min > prev.max + 1) bad(awardMsg.bandGap(i + 1, prev.max + 1, b.min - 1));
    }
  });
  return rd.problems.length === before ? { bands, at } : null;
}

/** Reads and checks a definition workbook's sheets; award is null when anything is wrong. */
export function parseAwardBook(
  book: AwardBook,
  options: { reservedAwards?: readonly string[]; reservedRubrics?: readonly string[]; file?: string } = {},
): AwardBookResult {
  const rd = new Reader(book);
  const missing = REQUIRED_SHEETS.filter((s) => !book[s]);
  if (missing.length) {
    rd.add(options.file ?? "评价标准定义表", undefined, undefined, awardMsg.notAwardBook(missing));
    return { award: null, rubrics: [], problems: rd.problems, defaults: [] };
  }

  // 奖项
  const A = BOOK.award;
  const aset = settingsColumn(rd, A, AWARD_SETTINGS, [1]);
  const av = aset.values.get(1)!;
  const aAt = (key: string): At => ({ sheet: A, row: aset.labelRow.get(key) ?? 0, col: 1 });
  const aText = (key: string) => cellText(av.get(key));
  const need = (key: string, label: string): string => {
    const t = aText(key);
    if (!t) {
      const row = aset.labelRow.get(key);
      rd.add(A, row, row ? 1 : undefined, awardMsg.required(label));
    }
    return t;
  };
  const id = folded(need("id", "编号"));
  if (id && !AWARD_ID.test(id)) rd.add(A, aAt("id").row, 1, awardMsg.badId(aText("id")));
  if (id && options.reservedAwards?.includes(id)) rd.add(A, aAt("id").row, 1, awardMsg.builtinId(id));
  const title = need("title", "奖项名称");
  const source = need("source", "依据文件");
  for (const s of AWARD_SETTINGS)
    if (s.unsupported && aText(s.key)) rd.add(A, aAt(s.key).row, 1, awardMsg.unsupported(s.unsupported, s.label));
  let step: number | null = null;
  if (!aText("step"))
    rd.add(A, aset.labelRow.get("step"), aset.labelRow.has("step") ? 1 : undefined, awardMsg.required("步长"));
  else step = num(rd, aAt("step"), av.get("step"), { integer: true });
  if (step !== null && 100 % step !== 0) {
    rd.add(A, aAt("step").row, 1, awardMsg.stepNotDivide(step, "100%"));
    step = null;
  }
  const parsedBands = parseBands(rd, aAt("bands"), av.get("bands") ?? null, step);

  // 评分指南
  const G = BOOK.guide;
  const dims = { process: [] as Dimension[], results: [] as Dimension[] };
  const texts: { kind: "process" | "results"; code: string; row: number; cells: BookCell[] }[] = [];
  const guideRows = rd.rows(G);
  const dimSeen = new Map<string, number>();
  guideRows.forEach((r, i) => {
    if (i === 0 || r.every((c) => cellText(c) === "")) return;
    const at: At = { sheet: G, row: i + 1, col: 0 };
    const kind = choice(rd, at, r[0], KIND);
    const code = folded(cellText(r[1]));
    const name = cellText(r[2]);
    if (!code) rd.add(G, i + 1, 1, awardMsg.required("维度编号"));
    if (!name) rd.add(G, i + 1, 2, awardMsg.required("维度名称"));
    if (!kind || !code || !name) return;
    const key = `${kind}:${code}`;
    if (dimSeen.has(key)) {
      rd.add(G, i + 1, 1, awardMsg.duplicate("维度编号", code, `B${dimSeen.get(key)}`));
      return;
    }
    dimSeen.set(key, i + 1);
    const en = cellText(r[3]);
    dims[kind].push({ code, name: en ? { zh: name, en } : { zh: name } });
    texts.push({ kind, code, row: i + 1, cells: r.slice(GUIDE_FIXED.length) });
  });
  for (const kind of ["process", "results"] as const)
    if (dims[kind].length === 0) rd.add(G, undefined, undefined, awardMsg.noDimensions(KIND[kind]));
  let bands: Band[] = [];
  if (parsedBands) {
    bands = parsedBands.bands.map((b, i) => ({ band: i + 1, min: b.min, max: b.max, process: {}, results: {} }));
    for (const t of texts) {
      const name = dims[t.kind].find((d) => d.code === t.code)!.name.zh;
      bands.forEach((b, j) => {
        const d = cellText(t.cells[j]);
        if (!d) rd.add(G, t.row, GUIDE_FIXED.length + j, awardMsg.missingDescriptor(j + 1, name));
        else b[t.kind][t.code] = d;
      });
      for (let j = bands.length; j < t.cells.length; j++)
        if (cellText(t.cells[j])) rd.add(G, t.row, GUIDE_FIXED.length + j, awardMsg.extraBand(bands.length));
    }
  }

  // 评审规则
  const R = BOOK.rules;
  const ruleRows = rd.rows(R);
  const width = Math.max(0, ...ruleRows.map((r) => r.length));
  const ruleCols: number[] = [];
  for (let c = 2; c < width; c++) if (ruleRows.some((r, i) => i > 0 && cellText(r[c]) !== "")) ruleCols.push(c);
  const rset = settingsColumn(rd, R, RULE_SETTINGS, ruleCols);
  if (ruleCols.length === 0) rd.add(R, undefined, undefined, awardMsg.noRuleSet());
  const ruleIds: string[] = [];
  const ruleAt = new Map<string, number>();
  ruleCols.forEach((c) => {
    const v = cellText(rset.values.get(c)!.get("id"));
    const row = rset.labelRow.get("id");
    const rid = folded(v);
    if (!rid) rd.add(R, row, c, awardMsg.required("规则集编号"));
    else if (!AWARD_ID.test(rid)) rd.add(R, row, c, awardMsg.badId(v));
    else if (ruleAt.has(rid))
      rd.add(R, row, c, awardMsg.duplicate("规则集编号", rid, `${colLetter(ruleAt.get(rid)!)}${row}`));
    else {
      ruleAt.set(rid, c);
      ruleIds.push(rid);
    }
  });

  /** The rule set a table row names (blank: the row above's, or the only one). */
  const ruleOf = (sheet: string, row: number, col: number, raw: BookCell, prev: string | null): string | null => {
    const t = folded(cellText(raw));
    if (!t) {
      if (prev) return prev;
      if (ruleIds.length === 1) return ruleIds[0];
      rd.add(sheet, row, col, awardMsg.required("规则集"));
      return null;
    }
    if (!ruleIds.includes(t)) {
      if (ruleCols.length) rd.add(sheet, row, col, awardMsg.unknownRef("规则集", t, ruleIds));
      return null;
    }
    return t;
  };

  // 否决事项
  const V = BOOK.vetoes;
  const vetoes = new Map<string, Veto[]>(ruleIds.map((r) => [r, []]));
  const vetoSeen = new Map<string, number>();
  let prevRule: string | null = null;
  rd.rows(V).forEach((r, i) => {
    if (i === 0 || r.every((c) => cellText(c) === "")) return;
    const row = i + 1;
    const rule = ruleOf(V, row, 0, r[0], prevRule);
    prevRule = rule;
    const text = cellText(r[2]);
    if (!text) rd.add(V, row, 2, awardMsg.required("事项"));
    const ask = choice(rd, { sheet: V, row, col: 3 }, r[3], ASK);
    if (!rule || !text || !ask) return;
    const list = vetoes.get(rule)!;
    let vid = folded(cellText(r[1]));
    if (!vid) vid = `veto-${list.length + 1}`;
    else if (!PART_ID.test(vid)) {
      rd.add(V, row, 1, awardMsg.badItemId(cellText(r[1])));
      return;
    }
    const key = `${rule}:${vid}`;
    if (vetoSeen.has(key)) {
      rd.add(V, row, 1, awardMsg.duplicate("否决事项编号", vid, `B${vetoSeen.get(key)}`));
      return;
    }
    vetoSeen.set(key, row);
    const applies = cellText(r[5]);
    const required = cellText(r[6])
      .split(/[,，、;；\s]+/)
      .filter(Boolean);
    const v: Veto = {
      id: vid,
      ask,
      text,
      ...(applies ? { appliesTo: applies } : {}),
      ...(required.length ? { requiredFor: required } : {}),
      source: cellText(r[4]),
    };
    list.push(v);
  });

  // 加分
  const B = BOOK.bonus;
  const bonusRows = new Map<string, { id: string; text: string; points: number; cumulative: boolean; row: number }[]>(
    ruleIds.map((r) => [r, []]),
  );
  const bonusSeen = new Map<string, number>();
  prevRule = null;
  rd.rows(B).forEach((r, i) => {
    if (i === 0 || r.every((c) => cellText(c) === "")) return;
    const row = i + 1;
    const rule = ruleOf(B, row, 0, r[0], prevRule);
    prevRule = rule;
    const text = cellText(r[2]);
    if (!text) rd.add(B, row, 2, awardMsg.required("事项"));
    const points = cellText(r[3]) ? num(rd, { sheet: B, row, col: 3 }, r[3], { positive: true }) : null;
    if (!cellText(r[3])) rd.add(B, row, 3, awardMsg.required("分值"));
    const cum = choice(rd, { sheet: B, row, col: 4 }, r[4], { yes: "是", no: "否" });
    if (!rule || !text || points === null || !cum) return;
    const list = bonusRows.get(rule)!;
    let bid = folded(cellText(r[1]));
    if (!bid) bid = `bonus-${list.length + 1}`;
    const key = `${rule}:${bid}`;
    if (bonusSeen.has(key)) {
      rd.add(B, row, 1, awardMsg.duplicate("加分条件编号", bid, `B${bonusSeen.get(key)}`));
      return;
    }
    bonusSeen.set(key, row);
    list.push({ id: bid, text, points, cumulative: cum === "yes", row });
  });

  // 评分标准
  const S = BOOK.rubrics;
  interface RubricHead {
    rubric: Rubric;
    row: number;
  }
  const heads: RubricHead[] = [];
  const rubricSeen = new Map<string, number>();
  rd.rows(S).forEach((r, i) => {
    if (i === 0 || r.every((c) => cellText(c) === "")) return;
    const row = i + 1;
    const rid = folded(cellText(r[0]));
    if (!rid) rd.add(S, row, 0, awardMsg.required("编号"));
    else if (!AWARD_ID.test(rid)) rd.add(S, row, 0, awardMsg.badId(cellText(r[0])));
    else if (options.reservedRubrics?.includes(rid)) rd.add(S, row, 0, awardMsg.builtinId(rid));
    const name = cellText(r[1]);
    if (!name) rd.add(S, row, 1, awardMsg.required("名称"));
    const rule = ruleOf(S, row, 3, r[3], null);
    const scoring = choice(rd, { sheet: S, row, col: 4 }, r[4], SCORING);
    let pointsStep: number | null = null;
    if (scoring === "points") {
      if (!cellText(r[5])) rd.add(S, row, 5, awardMsg.required("分值步长"));
      else pointsStep = num(rd, { sheet: S, row, col: 5 }, r[5], { positive: true });
    }
    let total: number | null = null;
    if (!cellText(r[6])) rd.add(S, row, 6, awardMsg.required("总分"));
    else total = num(rd, { sheet: S, row, col: 6 }, r[6], { positive: true });
    const src = cellText(r[7]);
    if (!src) rd.add(S, row, 7, awardMsg.required("依据"));
    if (!rid || !AWARD_ID.test(rid)) return;
    if (rubricSeen.has(rid)) {
      rd.add(S, row, 0, awardMsg.duplicate("评分标准编号", rid, `A${rubricSeen.get(rid)}`));
      return;
    }
    rubricSeen.set(rid, row);
    const en = cellText(r[2]);
    heads.push({
      row,
      rubric: {
        id: rid,
        award: id,
        ruleSet: rule ?? "",
        title: en ? { zh: name, en } : { zh: name },
        source: src,
        scoring: scoring ?? "maturity",
        ...(pointsStep !== null ? { pointsStep } : {}),
        totalPoints: total ?? 0,
        categories: [],
        items: [],
        fixes: [],
        notes: splitLines(cellText(r[8])),
      },
    });
  });
  if (heads.length === 0 && rubricSeen.size === 0) rd.add(S, undefined, undefined, awardMsg.noRubric());
  const rubricIds = heads.map((h) => h.rubric.id);
  const rubricOf = (sheet: string, row: number, raw: BookCell, prev: string | null): RubricHead | null => {
    const t = folded(cellText(raw));
    if (!t) {
      if (prev) return heads.find((h) => h.rubric.id === prev) ?? null;
      if (heads.length === 1) return heads[0];
      rd.add(sheet, row, 0, awardMsg.required("评分标准"));
      return null;
    }
    const h = heads.find((x) => x.rubric.id === t);
    if (!h && rubricSeen.size === heads.length) rd.add(sheet, row, 0, awardMsg.unknownRef("评分标准", t, rubricIds));
    return h ?? null;
  };

  // 评价项目
  const I = BOOK.items;
  interface Where {
    pointsRow: number;
  }
  const catWhere = new Map<Category, Where>();
  const itemWhere = new Map<Item, { row: number }>();
  let cur: RubricHead | null = null;
  let prevRubric: string | null = null;
  let cat: Category | null = null;
  let item: Item | null = null;
  const codeSeen = new Map<string, string>();
  rd.rows(I).forEach((r, i) => {
    if (i === 0 || r.every((c) => cellText(c) === "")) return;
    const row = i + 1;
    const h = rubricOf(I, row, r[0], prevRubric);
    if (h !== cur) {
      cat = null;
      item = null;
    }
    cur = h;
    prevRubric = h?.rubric.id ?? (folded(cellText(r[0])) || prevRubric);
    const catCode = folded(cellText(r[1]));
    if (catCode) {
      const name = cellText(r[2]);
      if (!/^[0-9]+$/.test(catCode)) rd.add(I, row, 1, awardMsg.badCode(cellText(r[1]), "1、2、3"));
      if (!name) rd.add(I, row, 2, awardMsg.required("一级名称"));
      let points: number | null = null;
      if (!cellText(r[4])) rd.add(I, row, 4, awardMsg.required("一级分值"));
      else points = num(rd, { sheet: I, row, col: 4 }, r[4], { positive: true });
      const key = `${h?.rubric.id}:cat:${catCode}`;
      if (codeSeen.has(key)) rd.add(I, row, 1, awardMsg.duplicate("一级编号", catCode, codeSeen.get(key)!));
      else codeSeen.set(key, `B${row}`);
      const en = cellText(r[3]);
      const intro = cellText(r[5]);
      cat = {
        code: catCode,
        name,
        ...(en ? { nameEn: en } : {}),
        points: points ?? 0,
        ...(intro ? { intro } : {}),
      };
      item = null;
      if (h && !codeSeen.get(`${key}:added`)) {
        codeSeen.set(`${key}:added`, "1");
        h.rubric.categories.push(cat);
        catWhere.set(cat, { pointsRow: row });
      }
    }
    const code = folded(cellText(r[6]));
    const subName = cellText(r[11]);
    if (!code) {
      if (!catCode) rd.add(I, row, 6, awardMsg.required("编号"));
      return;
    }
    const guidance = splitLines(cellText(r[12]));
    if (subName) {
      if (!/^[0-9]+\.[0-9]+\.[0-9]+$/.test(code)) rd.add(I, row, 6, awardMsg.badCode(code, "1.1.1"));
      const parent = item;
      if (!parent) {
        rd.add(I, row, 6, awardMsg.subWithoutItem(code));
        return;
      }
      if (!code.startsWith(parent.code + ".")) rd.add(I, row, 6, awardMsg.codeMismatch(code, parent.code));
      const key = `${h?.rubric.id}:sub:${code}`;
      if (codeSeen.has(key)) {
        rd.add(I, row, 6, awardMsg.duplicate("下级条款编号", code, codeSeen.get(key)!));
        return;
      }
      codeSeen.set(key, `G${row}`);
      const sub: SubItem = { code, name: subName, guidance };
      (parent.subitems ??= []).push(sub);
      return;
    }
    if (!/^[0-9]+\.[0-9]+$/.test(code)) rd.add(I, row, 6, awardMsg.badCode(code, "1.1"));
    const c = cat;
    if (!c) {
      rd.add(I, row, 6, awardMsg.noCategory(code));
      return;
    }
    if (!code.startsWith(c.code + ".")) rd.add(I, row, 6, awardMsg.codeMismatch(code, c.code));
    const name = cellText(r[7]);
    if (!name) rd.add(I, row, 7, awardMsg.required("评价项目"));
    let points: number | null = null;
    if (!cellText(r[9])) rd.add(I, row, 9, awardMsg.required("分值"));
    else points = num(rd, { sheet: I, row, col: 9 }, r[9], { positive: true });
    const kind = choice(rd, { sheet: I, row, col: 10 }, r[10], KIND);
    if (cellText(r[13]))
      rd.add(I, row, 13, awardMsg.unsupported("只适用于部分申报者的评价项目", "an item for some applicants only"));
    const key = `${h?.rubric.id}:item:${code}`;
    if (codeSeen.has(key)) {
      rd.add(I, row, 6, awardMsg.duplicate("评价项目编号", code, codeSeen.get(key)!));
      item = null;
      return;
    }
    codeSeen.set(key, `G${row}`);
    const en = cellText(r[8]);
    const it: Item = {
      code,
      name,
      ...(en ? { nameEn: en } : {}),
      points: points ?? 0,
      category: c.code,
      kind: kind ?? "process",
      guidance,
    };
    item = it;
    if (h) {
      h.rubric.items.push(it);
      itemWhere.set(it, { row });
    }
  });

  // 勘误
  const F = BOOK.fixes;
  let prevFix: string | null = null;
  rd.rows(F).forEach((r, i) => {
    if (i === 0 || r.every((c) => cellText(c) === "")) return;
    const h = rubricOf(F, i + 1, r[0], prevFix);
    prevFix = h?.rubric.id ?? prevFix;
    h?.rubric.fixes!.push({
      where: cellText(r[1]),
      original: cellText(r[2]),
      corrected: cellText(r[3]),
      reason: cellText(r[4]),
    });
  });

  // Arithmetic of each rubric, placed at the cells that hold the figures.
  for (const h of heads) {
    const r = h.rubric;
    if (r.items.length === 0) {
      rd.add(S, h.row, 0, awardMsg.noItems(r.id));
      continue;
    }
    for (const c of r.categories) {
      const its = r.items.filter((x) => x.category === c.code);
      const where = catWhere.get(c)!;
      if (its.length === 0) {
        rd.add(I, where.pointsRow, 1, awardMsg.emptyCategory(c.code));
        continue;
      }
      const s = sum(its.map((x) => exact(x.points)));
      if (c.points && !s.equals(c.points))
        rd.add(I, where.pointsRow, 4, awardMsg.categorySum(c.code, String(c.points), s.toString()));
    }
    const total = sum(r.categories.map((c) => exact(c.points)));
    if (r.totalPoints && !total.equals(r.totalPoints))
      rd.add(S, h.row, 6, awardMsg.totalSum(r.id, String(r.totalPoints), total.toString()));
    for (const it of r.items) {
      const w = itemWhere.get(it)!;
      if (it.guidance.length === 0 && !(it.subitems ?? []).length) rd.add(I, w.row, 12, awardMsg.noGuidance(it.code));
      if (r.scoring === "points" && r.pointsStep && it.points && !exact(it.points).divisible(exact(r.pointsStep)))
        rd.add(I, w.row, 9, awardMsg.pointsStep(String(it.points), String(r.pointsStep)));
    }
  }

  // The rule sets, column by column.
  const ruleSets: RuleSet[] = [];
  for (const rid of ruleIds) {
    const c = ruleAt.get(rid)!;
    const vals = rset.values.get(c)!;
    const rowOf = (key: string) => rset.labelRow.get(key);
    const at = (key: string): At => ({ sheet: R, row: rowOf(key) ?? 0, col: c });
    const t = (key: string) => cellText(vals.get(key));
    const req = (key: string, label: string) => {
      if (!t(key)) rd.add(R, rowOf(key), rowOf(key) ? c : undefined, awardMsg.required(label));
      return t(key);
    };
    const defaults: string[] = [];
    const setDefault = (key: string) => defaults.push(key);
    const name = req("name", "规则集名称");
    const applicant = t("applicant") ? choice(rd, at("applicant"), vals.get("applicant"), APPLICANT) : null;
    if (!t("applicant")) req("applicant", "申报对象");

    // Stages and weights
    const stageNames = splitList(req("stages", "评审阶段"));
    const stageIds: StageId[] = [];
    for (const n of stageNames) {
      const sid = (Object.keys(STAGES) as StageId[]).find((k) => STAGES[k].zh === n);
      if (!sid)
        rd.add(
          R,
          rowOf("stages"),
          c,
          awardMsg.unsupported(`“${n}”阶段（只支持材料评审、现场评审）`, `the stage "${n}"`),
        );
      else if (stageIds.includes(sid))
        rd.add(R, rowOf("stages"), c, awardMsg.duplicate("评审阶段", n, `${colLetter(c)}${rowOf("stages")}`));
      else stageIds.push(sid);
    }
    const weightTokens = splitList(req("weights", "阶段权重"));
    const weights = weightTokens.map((w) => fraction(rd, at("weights"), w));
    let stages: Stage[] = [];
    if (stageNames.length && weightTokens.length && weightTokens.length !== stageNames.length)
      rd.add(R, rowOf("weights"), c, awardMsg.weightCount(stageNames.length, weightTokens.length));
    else if (weights.every((w) => w !== null) && stageIds.length === weights.length && weights.length) {
      const total = sum(weights.map((w) => exact(w.numerator).div(w.denominator)));
      if (!total.equals(1)) rd.add(R, rowOf("weights"), c, awardMsg.weightSum(`${total.mul(100).toString()}%`));
      stages = stageIds.map((sid, k) => ({ id: sid, name: { ...STAGES[sid] }, weight: weights[k] }));
    }

    let panelMethod: PanelMethod = "mean";
    if (t("panelMethod")) panelMethod = choice(rd, at("panelMethod"), vals.get("panelMethod"), PANEL) ?? "mean";
    else setDefault("panelMethod");

    const stageScoring: Partial<Record<StageId, "consensus" | "panel">> = {};
    for (const sid of ["material", "onsite"] as StageId[]) {
      const key = `stageScoring.${sid}`;
      if (t(key)) {
        const v = choice(rd, at(key), vals.get(key), STAGE_SCORE);
        if (v) stageScoring[sid] = v;
      } else if (stageIds.includes(sid)) {
        stageScoring[sid] = "consensus";
        setDefault(key);
      }
    }

    let rankBy: RankBy = "rule-set";
    if (t("rankBy")) {
      const v = folded(t("rankBy"));
      const hit = (Object.keys(RANK) as RankBy[]).find((k) => RANK[k] === v);
      if (hit) rankBy = hit;
      else if (/^按/.test(v))
        rd.add(
          R,
          rowOf("rankBy"),
          c,
          awardMsg.unsupported(`“${t("rankBy")}”（按行业、规模等分组排名）`, "ranking by other groups"),
        );
      else rd.add(R, rowOf("rankBy"), c, awardMsg.unknownChoice(t("rankBy"), Object.values(RANK)));
    } else setDefault("rankBy");

    const line = (key: string): number | null => {
      const v = folded(t(key));
      if (!v) {
        setDefault(key);
        return null;
      }
      if (v === NONE) return null;
      return num(rd, at(key), vals.get(key), { positive: true });
    };
    const advanceMin = line("advance");
    const advanceNote = t("advanceNote");
    const finalThreshold = line("finalThreshold");

    let topN: number | null = null;
    const tn = folded(t("topN"));
    if (!tn) setDefault("topN");
    else if (tn !== UNLIMITED && tn !== NONE) {
      if (/^\d+$/.test(tn)) topN = num(rd, at("topN"), vals.get("topN"), { integer: true });
      else if (/\d/.test(tn))
        rd.add(R, rowOf("topN"), c, awardMsg.unsupported(`按分组的候选名额（“${t("topN")}”）`, "quotas per group"));
      else rd.add(R, rowOf("topN"), c, awardMsg.notInteger(t("topN")));
    }

    let publicSatisfaction: RuleSet["publicSatisfaction"] = null;
    const pm = folded(t("publicMax"));
    if (pm && pm !== NONE) {
      const max = num(rd, at("publicMax"), vals.get("publicMax"), { positive: true });
      if (max !== null) publicSatisfaction = { max, text: t("publicText") };
    }

    let vote: RuleSet["vote"] = null;
    const q = folded(t("quorum"));
    if (q && q !== NONE) {
      const quorum = fraction(rd, at("quorum"), q);
      const ap = folded(t("approval"));
      if (!ap || ap === NONE) rd.add(R, rowOf("approval"), c, awardMsg.required("表决赞成比例"));
      const approval = ap && ap !== NONE ? fraction(rd, at("approval"), ap) : null;
      if (quorum && approval) vote = { quorum, approval, text: t("voteText") };
    }

    let bonus: BonusRule | null = null;
    const conds = bonusRows.get(rid) ?? [];
    if (conds.length) {
      const first = conds[0];
      const mixed = conds.find((x) => x.points !== first.points || x.cumulative !== first.cumulative);
      if (mixed) rd.add(B, mixed.row, 3, awardMsg.bonusMixed(rid));
      else
        bonus = {
          points: first.points,
          cumulative: first.cumulative,
          text: t("bonusText"),
          conditions: conds.map((x) => ({ id: x.id, text: x.text })),
        };
    }

    // Lines above what can be scored.
    const own = heads.filter((h) => h.rubric.ruleSet === rid);
    if (own.length) {
      const maxTotal = Math.max(...own.map((h) => h.rubric.totalPoints));
      if (advanceMin !== null && advanceMin > maxTotal)
        rd.add(
          R,
          rowOf("advance"),
          c,
          awardMsg.lineAboveMax("进入现场评审分数线", String(advanceMin), String(maxTotal)),
        );
      const bonusMax = bonus ? (bonus.cumulative ? bonus.points * bonus.conditions.length : bonus.points) : 0;
      const finalMax = maxTotal + bonusMax + (publicSatisfaction?.max ?? 0);
      if (finalThreshold !== null && finalThreshold > finalMax)
        rd.add(
          R,
          rowOf("finalThreshold"),
          c,
          awardMsg.lineAboveMax("提名分数线", String(finalThreshold), String(finalMax)),
        );
    }

    // 质评办默认设置: the labels given, then the settings left blank.
    const byLabel = new Map(Object.entries(DEFAULT_LABELS).map(([k, l]) => [l, k]));
    const given: string[] = [];
    for (const l of splitList(t("secretariatDefaults"))) {
      const k = byLabel.get(l);
      if (!k) rd.add(R, rowOf("secretariatDefaults"), c, awardMsg.unknownChoice(l, Object.values(DEFAULT_LABELS)));
      else if (!given.includes(k)) given.push(k);
    }
    for (const k of defaults) if (!given.includes(k)) given.push(k);

    const documents: ReviewDocumentId[] = [];
    const documentIds = Object.keys(REVIEW_DOCUMENT_NAME) as ReviewDocumentId[];
    for (const l of splitList(t("documents"))) {
      const d = documentIds.find((k) => REVIEW_DOCUMENT_NAME[k] === l);
      if (!d) rd.add(R, rowOf("documents"), c, awardMsg.unknownChoice(l, Object.values(REVIEW_DOCUMENT_NAME)));
      else if (!documents.includes(d)) documents.push(d);
    }
    const onsiteOpinion = t("onsiteOpinion");
    const notes = splitLines(t("notes"));
    const en = t("nameEn");
    const rs: RuleSet = {
      id: rid,
      name: en ? { zh: name, en } : { zh: name },
      applicant: applicant ?? "organization",
      stages,
      panelMethod,
      rankBy,
      advance:
        advanceMin === null
          ? null
          : { stage: "material", min: advanceMin, ...(advanceNote ? { note: advanceNote } : {}) },
      finalThreshold,
      topN,
      bonus,
      publicSatisfaction,
      vetoes: vetoes.get(rid) ?? [],
      vote,
      stageScoring,
      ...(documents.length ? { documents } : {}),
      ...(onsiteOpinion ? { onsiteOpinion } : {}),
      secretariatDefaults: given,
      ...(notes.length ? { notes } : {}),
    };
    ruleSets.push(rs);
    rd.defaults.push(...secretariatSettings(rs));
  }

  const fnRule = folded(aText("functionRuleSet"));
  const notes = splitLines(aText("notes"));
  const titleEn = aText("titleEn");
  const version = aText("version");
  const scaleNameEn = aText("scaleNameEn");
  const award: Award = {
    id,
    title: titleEn ? { zh: title, en: titleEn } : { zh: title },
    ...(version ? { version } : {}),
    source,
    scale: {
      id: folded(aText("scaleId")) || id,
      name: { zh: aText("scaleName") || `${title}评分指南`, ...(scaleNameEn ? { en: scaleNameEn } : {}) },
      step: step ?? 1,
      dimensions: dims,
      bands,
    },
    ruleSets,
    ...(fnRule ? { functionDefaults: { ruleSet: fnRule, note: aText("functionNote") } } : {}),
    ...(notes.length ? { notes } : {}),
  };
  if (fnRule && !ruleIds.includes(fnRule))
    rd.add(A, aAt("functionRuleSet").row, 1, awardMsg.unknownRef("规则集", fnRule, ruleIds));

  const rubrics = heads.map((h) => h.rubric);
  if (rd.problems.length === 0) {
    // The loader's own checks (schema and arithmetic) as a last guard: anything left is named by field.
    const rest = [...checkAward(award, A), ...rubrics.flatMap((r) => checkRubric(r, `${S} ${r.id}`))];
    for (const e of rest)
      rd.add(e.file.startsWith(S) ? S : A, undefined, undefined, {
        code: "data",
        zh: `${e.field}：${e.message}`,
        en: `${e.field}: ${e.message}`,
      });
  }
  const ok = rd.problems.length === 0;
  return {
    award: ok ? award : null,
    rubrics: ok ? rubrics : [],
    problems: rd.problems,
    defaults: ok ? rd.defaults : [],
  };
}
