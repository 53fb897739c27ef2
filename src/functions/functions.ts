/// <reference types="custom-functions-runtime" />
// The Excel custom functions (namespace QA, set in manifest.xml). Each one is a thin wrapper over src/core: it turns
// what Excel passes into engine input, calls the engine and returns a plain number, text or TRUE/FALSE. No scoring
// rule is written here. Functions.json is generated from the JSDoc below (custom-functions-metadata): only top-level
// `function` declarations with an @customfunction tag count; a `T[][]` parameter is a range, `x?` is optional and
// arrives as null when left out.
//
// Size matters (this file is loaded with every workbook): import single core modules and the award data only,
// never "../core" (its index pulls in the rubric registry, every rubric's text and ajv).
//
// Blank cells: Excel on the web passes an empty cell as null, Excel desktop passes 0 (OfficeDev/office-js#4702).
// Null, undefined and "" are blanks here; a 0 is a number (0 %): a function cannot tell an empty cell from 0 on
// desktop. So each function whose answer depends on it has a form that gives the same answer on every host, used
// in every example below and in every generated workbook:
//   - a single cell that may be empty is passed as IF(ISBLANK(D5),"",D5): Excel itself turns an empty cell into
//     "" (text, passed as "" everywhere);
//   - a range that may hold empty cells comes with Excel's own count of its numbers, COUNT(range): on desktop
//     every number beyond that count is an empty cell passed as 0, and is dropped again (QA.PANEL, QA.MISSING);
//   - QA.STATUS's optional thresholds read a blank, a 0 and a left-out argument alike (the rule set's line), so a
//     bare reference to an empty cell gives one answer too; "无" sets no line.
//
// Language: the text a function returns (QA.CHECK's reason, QA.STATUS's verdict) and its error messages follow
// Office's display language (Office.context.displayLanguage in the shared runtime): English for an English Office,
// Chinese otherwise and wherever Office does not say. QA.STATUS takes a language argument for workbooks whose own
// formulas compare its text (the generated summary pins "zh").
import { exact, sheetExact, toNumber, type Exact } from "../core/exact";
import { findRuleSet, findScale, functionDefaults, ruleSetChoices, scaleIds } from "../core/awards";
import { languageOfTag, msg, text, type Lang, type Message } from "../core/messages";
import { cellString } from "../core/names";
import { parseMaturity, parseScore, parseYesNo, type RawInput } from "../core/normalize";
import { aggregatePanel, PANEL_METHODS, parsePanelMethod } from "../core/panel";
import {
  committeeVote,
  finalScore,
  rankAmongNumbers,
  STATUS_TEXT,
  statusOf,
  thresholdsOf,
  type Thresholds,
} from "../core/rules";
import type { RuleSet, Scale } from "../core/types";
import { checkMaturity, maturityScore } from "../core/validate";
import { anyFlagged, parseVetoDecision } from "../core/veto";
import { fmsg } from "./messages";

/** The scale and rule set used when a function is given none: what the award data says (functionDefaults). */
export const DEFAULT_SCALE: string | undefined = functionDefaults()?.scale;
export const DEFAULT_RULES: string | undefined = functionDefaults()?.ruleSet;

/**
 * 单项得分：分值 × 成熟度。未评分（空白）得 0 分；成熟度无效时返回 #VALUE! 并说明原因。
 * 例：=QA.ITEMSCORE(60, 45%) 得 27。
 * @customfunction ITEMSCORE
 * @param points 该评价项目的分值，如 60
 * @param maturity 成熟度百分比，如 45%、0.45 或 "45%"
 * @param scale 评分尺度：hebei-2022（默认）或 jiangmen-2022，也可填评分标准编号
 * @returns 单项得分
 */
export function itemScore(points: number, maturity: unknown, scale?: string): number {
  const s = scaleArg(scale);
  const p = pointsArg(points);
  const c = checkMaturity(s, cell(maturity));
  if (c.status === "missing") return 0;
  if (c.status === "invalid" || c.value === null) return fail(c.message ?? msg.missing());
  return toNumber(maturityScore(p, c.value));
}

/**
 * 检查成熟度：有效时返回空文本 ""，否则返回原因（空白为“未评分”）。可同时检查所选档次。
 * 引用可能为空的单元格时写作 IF(ISBLANK(D5),"",D5)，各版本 Excel 结果一致（桌面版会把空单元格当作 0 传入）。
 * 例：=QA.CHECK(IF(ISBLANK(D5),"",D5))；=QA.CHECK(47%) 返回“成熟度 47% 不是 5% 的整数倍……”。
 * @customfunction CHECK
 * @param maturity 成熟度百分比，如 45%
 * @param scale 评分尺度：hebei-2022（默认）或 jiangmen-2022，也可填评分标准编号
 * @param band 评审专家所选的档次（1–6），可省略
 * @returns 空文本或原因
 */
export function check(maturity: unknown, scale?: string, band?: unknown): string {
  const c = checkMaturity(scaleArg(scale), cell(maturity), cell(band));
  return c.status === "ok" ? "" : text(c.message ?? msg.missing(), displayLanguage());
}

/**
 * 成熟度所在档次（1–6）。空白返回 #N/A（未评分），无效值返回 #VALUE! 并说明原因。
 * 引用可能为空的单元格时写作 IF(ISBLANK(D5),"",D5)，各版本 Excel 结果一致（桌面版会把空单元格当作 0 传入）。
 * 例：=QA.BAND(IF(ISBLANK(D5),"",D5))；=QA.BAND(45%) 在河北尺度下为 3，=QA.BAND(45%, "jiangmen-2022") 为 3。
 * @customfunction BAND
 * @param maturity 成熟度百分比，如 45%
 * @param scale 评分尺度：hebei-2022（默认）或 jiangmen-2022，也可填评分标准编号
 * @returns 档次编号
 */
export function band(maturity: unknown, scale?: string): number {
  const c = checkMaturity(scaleArg(scale), cell(maturity));
  if (c.status === "missing") return unavailable(c.message ?? msg.missing());
  if (c.status === "invalid" || c.band === null) return fail(c.message ?? msg.missing());
  return c.band;
}

/**
 * 小计：两个同样大小区域的 Σ 分值 × 成熟度。空白按未评分计 0 分；任一成熟度无效则返回 #VALUE!，并指出第一个出错的行。
 * 例：=QA.SUBTOTAL(C5:C8, D5:D8)。
 * @customfunction SUBTOTAL
 * @param points 分值区域
 * @param maturities 成熟度区域（与分值区域大小相同）
 * @param scale 评分尺度：hebei-2022（默认）或 jiangmen-2022，也可填评分标准编号
 * @returns 小计得分
 */
export function subtotal(points: number[][], maturities: unknown[][], scale?: string): number {
  const s = scaleArg(scale);
  const p = grid(points);
  const m = grid(maturities);
  sameShape("QA.SUBTOTAL", p, m);
  const scores: Exact[] = [];
  for (let i = 0; i < m.values.length; i++) {
    const c = checkMaturity(s, m.values[i]);
    if (c.status === "missing") continue;
    if (c.status === "invalid" || c.value === null) return fail(at(m, i, c.message ?? msg.missing()));
    const raw = p.values[i];
    if (isBlank(raw)) return fail(at(m, i, fmsg.pointsMissing()));
    if (typeof raw !== "number" || !Number.isFinite(raw) || raw < 0)
      return fail(at(m, i, fmsg.pointsInvalid(shown(raw))));
    scores.push(maturityScore(raw, c.value));
  }
  return toNumber(scores.reduce<Exact>((acc, x) => acc.add(x), exact(0)));
}

/**
 * 未评分（空白）的个数。第二个参数写 COUNT(同一区域)，各版本 Excel 结果一致（桌面版会把空单元格当作 0 传入）。
 * 例：=QA.MISSING(D5:D27, COUNT(D5:D27))。
 * @customfunction MISSING
 * @param maturities 成熟度区域
 * @param numbers 该区域中数字的个数，即 COUNT(同一区域)，可省略
 * @returns 空白单元格个数
 */
export function missing(maturities: unknown[][], numbers?: unknown): number {
  const g = grid(maturities);
  const zeros = emptyAsZero(g, numbers);
  return g.values.filter((v) => parseMaturity(v).kind === "missing").length + zeros;
}

/**
 * 是否有否决标记：申报条件答“不符合”、否决情形答“是”（存在）时返回 TRUE；“符合”“否”“不适用”和空白不计。
 * 例：=QA.VETOED(E5:E11)。
 * @customfunction VETOED
 * @param answers 否决事项 / 申报条件的答案区域
 * @returns TRUE 表示有否决标记（待质评办核实）
 */
export function vetoed(answers: unknown[][]): boolean {
  return anyFlagged(grid(answers).values);
}

/**
 * 专家组合成得分：mean（平均分，默认）、trimmed（去掉一个最高分和一个最低分后的平均分，不足 3 人时取平均分）或 median（中位数）。空白不计。
 * 第三个参数写 COUNT(同一区域)，各版本 Excel 结果一致（桌面版会把空单元格当作 0 传入）。
 * 例：=QA.PANEL(F5:F11, "trimmed", COUNT(F5:F11))。
 * @customfunction PANEL
 * @param scores 各位专家的总分
 * @param method 合成方法：mean（平均分）、trimmed（去掉最高分和最低分后的平均分）或 median（中位数），也可填中文名称
 * @param numbers 该区域中数字的个数，即 COUNT(同一区域)，可省略
 * @returns 专家组得分
 */
export function panel(scores: unknown[][], method?: string, numbers?: unknown): number {
  const m = isOmitted(method) ? "mean" : parsePanelMethod(String(method));
  if (m === null) return fail(fmsg.unknownMethod(String(method), PANEL_METHODS));
  const g = grid(scores);
  dropEmptyAsZero(g, emptyAsZero(g, numbers));
  const values: Exact[] = [];
  g.values.forEach((v, i) => {
    const parsed = parseScore(v);
    if (parsed.kind === "invalid") fail(at(g, i, parsed.message));
    if (parsed.kind === "ok") values.push(parsed.value);
  });
  const result = aggregatePanel(values, m);
  if (result.value === null) return unavailable(result.note ?? msg.emptyPanel());
  return toNumber(result.value);
}

/**
 * 综合得分：材料评审得分 × 权重 + 现场评审得分 × (1 − 权重) + 加分 + 公众满意度测评得分。权重默认 0.3。
 * 引用可能为空的单元格时写作 IF(ISBLANK(G5),"",G5)，各版本 Excel 结果一致（桌面版会把空单元格当作 0 传入）。
 * 例：=QA.FINAL(600, 700, 10) 得 680；=QA.FINAL(IF(ISBLANK(D5),"",D5), IF(ISBLANK(F5),"",F5), IF(ISBLANK(G5),"",G5))。
 * @customfunction FINAL
 * @param material 材料评审得分
 * @param onsite 现场评审得分
 * @param bonus 加分，可省略
 * @param publicScore 公众满意度测评得分（个人奖），可省略
 * @param materialWeight 材料评审权重（0–1），默认 0.3
 * @returns 综合得分
 */
export function final(
  material: unknown,
  onsite: unknown,
  bonus?: unknown,
  publicScore?: unknown,
  materialWeight?: unknown,
): number {
  const m = scoreArg(material);
  const o = scoreArg(onsite);
  if (m === null) return unavailable(fmsg.stageMissing(STATUS_TEXT.incomplete));
  if (o === null) return unavailable(fmsg.stageMissing(STATUS_TEXT["no-onsite"]));
  const w = isBlank(materialWeight) ? undefined : weightArg(materialWeight);
  const total = finalScore(rulesArg(undefined), {
    material: m,
    onsite: o,
    bonus: scoreArg(bonus) ?? undefined,
    public: scoreArg(publicScore) ?? undefined,
    materialWeight: w,
  });
  return toNumber(total);
}

/**
 * 评审结论：否决、缺少材料评审得分、未进入现场评审、缺少现场评审得分、未达提名线或候选（按所选奖项的分数线，达到即可；也可另给分数线）。
 * 引用可能为空的单元格时写作 IF(ISBLANK(I5),"",I5)，各版本 Excel 结果一致（桌面版会把空单元格当作 0 传入）。
 * 分数线留空、填 0 或省略都按所选规则（各版本 Excel 结果一致），填“无”表示不设。
 * 例：=QA.STATUS(550, 500, FALSE) 为“候选”；=QA.STATUS(550, 500, FALSE, "hebei-organization", 500, 600) 为“未达提名线”；
 * =QA.STATUS(IF(ISBLANK(I5),"",I5), IF(ISBLANK(D5),"",D5), IF(ISBLANK(J5),"",J5))。
 * @customfunction STATUS
 * @param final 综合得分（未进行现场评审时留空）
 * @param material 材料评审得分
 * @param vetoed 是否否决：TRUE/FALSE、是/否，或否决核实结论 否决待核实 / 确认否决 / 不予否决
 * @param award 规则：hebei-organization（默认）、hebei-individual、jiangmen-organization，也可填评分标准编号
 * @param advance 进入现场评审的材料评审分数线，可省略（留空、0 或省略按所选规则；“无”表示不设）
 * @param threshold 提名分数线（综合得分），可省略（留空、0 或省略按所选规则；“无”表示不设）
 * @param language 结论文字的语言：zh（中文）或 en（英文），可省略（省略时按 Office 的显示语言，默认中文）
 * @returns 结论文字
 */
export function status(
  final: unknown,
  material: unknown,
  vetoed: unknown,
  award?: string,
  advance?: unknown,
  threshold?: unknown,
  language?: unknown,
): string {
  const rules = rulesArg(award);
  const f = scoreArg(final);
  const m = scoreArg(material);
  const raw = cell(vetoed);
  const pending = typeof raw === "string" && raw.normalize("NFKC").trim() === STATUS_TEXT["veto-flagged"].zh;
  const decision = typeof raw === "string" && !pending ? parseVetoDecision(raw) : null;
  const v =
    pending || decision?.kind === "ok"
      ? { kind: "ok" as const, value: pending || (decision?.kind === "ok" && decision.value === "confirmed") }
      : parseYesNo(raw);
  if (v.kind === "invalid") return fail(v.message);
  const lang = languageArg(language);
  const over: Partial<Thresholds> = {};
  const a = thresholdArg(ARG.advance, advance);
  const t = thresholdArg(ARG.threshold, threshold);
  if (a !== undefined) over.advance = a;
  if (t !== undefined) over.final = t;
  // The final score exists only after the on-site review: a blank final means no on-site score yet.
  const result = statusOf(
    { vetoed: v.kind === "ok" && v.value, vetoPending: pending, material: m, onsite: f, final: f },
    thresholdsOf(rules, over),
  );
  return text({ code: result, ...STATUS_TEXT[result] }, lang);
}

/**
 * 名次：在未被排除的得分中排第几（1 为最高，并列同名次）。空白和文字不参加排名。
 * 例：=QA.RANK(H5, H$5:H$40, I$5:I$40)。
 * @customfunction RANK
 * @param score 要排名的得分
 * @param scores 参加排名的全部得分
 * @param excluded 与得分区域同样大小的排除标记（TRUE 表示不参加排名，如否决），可省略
 * @returns 名次
 */
export function rank(score: number, scores: unknown[][], excluded?: unknown[][]): number {
  if (isBlank(score)) return unavailable(fmsg.noScore());
  const g = grid(scores);
  const flags = isBlank(excluded) ? null : grid(excluded);
  if (flags) sameShape("QA.RANK", g, flags);
  const field: number[] = [];
  for (let i = 0; i < g.values.length; i++) {
    const v = g.values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    if (flags) {
      const f = parseYesNo(flags.values[i]);
      if (f.kind === "invalid") return fail(at(flags, i, fmsg.flagInvalid(String(flags.values[i]))));
      if (f.kind === "ok" && f.value) continue;
    }
    field.push(v);
  }
  return rankAmongNumbers(score, field);
}

/**
 * 评审委员会表决是否通过：出席人数不少于委员总数的 2/3，且赞成票不少于出席人数的 2/3（按所选奖项的表决规则；奖项未规定表决规则的，如江门，返回 #N/A）。
 * 例：=QA.VOTE(10, 14, 21) 为 TRUE。
 * @customfunction VOTE
 * @param yes 赞成票数
 * @param present 出席委员人数
 * @param members 委员总数
 * @param award 规则：hebei-organization（默认）、hebei-individual、jiangmen-organization，也可填评分标准编号
 * @returns TRUE 表示通过
 */
export function vote(yes: number, present: number, members: number, award?: string): boolean {
  const rules = rulesArg(award);
  const result = committeeVote(
    rules,
    countArg(ARG.yes, yes),
    countArg(ARG.present, present),
    countArg(ARG.members, members),
  );
  if (!result) return unavailable(fmsg.noVoteRule(rules.name.zh));
  return result.passes;
}

/** Every function by its id in functions.json (the manifest's namespace QA makes them QA.ITEMSCORE …). */
export const FUNCTIONS = {
  ITEMSCORE: itemScore,
  CHECK: check,
  BAND: band,
  SUBTOTAL: subtotal,
  MISSING: missing,
  VETOED: vetoed,
  PANEL: panel,
  FINAL: final,
  STATUS: status,
  RANK: rank,
  VOTE: vote,
} as const;

// Registration in the shared runtime (CustomFunctions exists once office.js has loaded in Excel; the task pane
// page opened in a plain browser has none, and must not fail).
if (typeof CustomFunctions !== "undefined") {
  for (const [id, fn] of Object.entries(FUNCTIONS)) CustomFunctions.associate(id, fn);
}

// ---- argument handling (no scoring rules below) ----

interface Grid {
  values: RawInput[];
  rows: number;
  cols: number;
}

/** Office's display language where the runtime tells it (Office.context.displayLanguage), else Chinese. */
function displayLanguage(): Lang {
  try {
    const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
    return languageOfTag(office?.context?.displayLanguage);
  } catch {
    return "zh-CN"; // a host whose context throws before it is ready
  }
}

/** QA.STATUS's language argument: zh / 中文 / en / English …; left out or blank, Office's display language. */
function languageArg(raw: unknown): Lang {
  if (isOmitted(raw)) return displayLanguage();
  const v = cellString(raw).normalize("NFKC").trim().toLowerCase();
  if (/^(zh|zh-cn|zh-hans|中文|chinese)$/.test(v)) return "zh-CN";
  if (/^(en|en-us|en-gb|english|英文)$/.test(v)) return "en-US";
  return fail(fmsg.languageInvalid(cellString(raw)));
}

/** The names of arguments a message repeats, in both languages. */
const ARG = {
  advance: { zh: "进入现场评审分数线", en: "threshold to advance" },
  threshold: { zh: "提名分数线", en: "nomination threshold" },
  yes: { zh: "赞成票数", en: "votes in favour" },
  present: { zh: "出席人数", en: "members present" },
  members: { zh: "委员总数", en: "members" },
  count: { zh: "COUNT", en: "COUNT" },
} as const;
type ArgName = (typeof ARG)[keyof typeof ARG];

function fail(message: Message): never {
  // Excel shows a custom function's error text only when it throws CustomFunctions.Error (the Office runtime's class).
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- CustomFunctions.Error does not extend Error
  throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, text(message, displayLanguage()));
}

function unavailable(message: Message): never {
  // Excel shows a custom function's error text only when it throws CustomFunctions.Error (the Office runtime's class).
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- CustomFunctions.Error does not extend Error
  throw new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, text(message, displayLanguage()));
}

/** A cell value as the engine reads it; anything that is not text, a number or TRUE/FALSE is read as its text. */
function cell(v: unknown): RawInput {
  if (v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    return v;
  return cellString(v);
}

function isBlank(v: unknown): v is null | undefined | "" {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** An optional argument left out (null), or given as a blank cell. */
function isOmitted(v: unknown): boolean {
  return isBlank(v);
}

/** A range as Excel passes it (rows of cells), flattened row by row. A single value counts as a 1 × 1 range. */
function grid(range: unknown): Grid {
  if (!Array.isArray(range)) return { values: [cell(range)], rows: 1, cols: 1 };
  const rows = (range as unknown[]).map((r): unknown[] => (Array.isArray(r) ? (r as unknown[]) : [r]));
  const cols = rows.reduce((n, r) => Math.max(n, r.length), 0);
  if (rows.length === 0 || cols === 0) return fail(fmsg.emptyRange());
  const values: RawInput[] = [];
  for (const r of rows) for (let c = 0; c < cols; c++) values.push(cell(r[c]));
  return { values, rows: rows.length, cols };
}

/** A value as a person would recognise it in a message. */
function shown(v: unknown): string {
  return isBlank(v) ? "（空白）" : cellString(v);
}

/**
 * How many of a range's numbers are empty cells that desktop Excel passed as 0: the numbers received beyond
 * `numbers`, Excel's own COUNT of the range (0 when the count is left out, or on a host that passes blanks).
 */
function emptyAsZero(g: Grid, numbers: unknown): number {
  if (isOmitted(numbers)) return 0;
  const counted = countArg(ARG.count, numbers);
  const received = g.values.filter((v) => typeof v === "number").length;
  const zeros = g.values.filter((v) => v === 0).length;
  return Math.max(0, Math.min(received - counted, zeros));
}

/** Turns `n` of the range's zeros back into the blanks they were (all zeros are alike: which ones does not matter). */
function dropEmptyAsZero(g: Grid, n: number): void {
  for (let i = g.values.length - 1; i >= 0 && n > 0; i--)
    if (g.values[i] === 0) {
      g.values[i] = null;
      n--;
    }
}

function sameShape(fn: string, a: Grid, b: Grid): void {
  if (a.rows !== b.rows || a.cols !== b.cols) fail(fmsg.shapeMismatch(fn, [a.rows, a.cols], [b.rows, b.cols]));
}

/** The message of the i-th cell of a range, prefixed with its row (and column, in a range of several columns). */
function at(g: Grid, i: number, inner: Message): Message {
  return fmsg.atCell(Math.floor(i / g.cols) + 1, (i % g.cols) + 1, g.cols, inner);
}

function scaleArg(raw: unknown): Scale {
  // No default in the data: the function asks for a scale (the message lists the ids).
  const id = isOmitted(raw) ? (DEFAULT_SCALE ?? "") : String(raw);
  const scale = findScale(id);
  return scale ?? fail(fmsg.unknownScale(id, scaleIds()));
}

function rulesArg(raw: unknown): RuleSet {
  const id = isOmitted(raw) ? (DEFAULT_RULES ?? "") : String(raw);
  const found = findRuleSet(id);
  return found ? found.rules : fail(fmsg.unknownRuleSet(id, ruleSetChoices(id)));
}

function pointsArg(raw: unknown): number {
  if (isBlank(raw)) return fail(fmsg.pointsMissing());
  if (typeof raw !== "number" || !Number.isFinite(raw) || raw < 0) return fail(fmsg.pointsInvalid(shown(raw)));
  return raw;
}

/**
 * A score handed to QA.FINAL / QA.STATUS: a number is read as the summary's numbers are written (to SHEET_PLACES
 * decimals), so that a roster's 12.9999999999 is not taken for 13 (a scoring input's 9 places would round it).
 */
function scoreArg(raw: unknown): Exact | null {
  if (typeof raw === "number" && Number.isFinite(raw)) return sheetExact(raw);
  const parsed = parseScore(cell(raw));
  if (parsed.kind === "invalid") return fail(parsed.message);
  return parsed.kind === "ok" ? parsed.value : null;
}

function weightArg(raw: unknown): Exact {
  const w = typeof raw === "number" && Number.isFinite(raw) ? exact(raw) : null;
  if (w === null || w.lt(0) || w.gt(1)) return fail(fmsg.weightInvalid(String(raw)));
  return w;
}

/**
 * A threshold given to a function: undefined (the rule set's line) when left out, blank or 0 — desktop Excel
 * passes an empty cell as 0 and Excel on the web as null, so the three must mean the same; null (no line) for
 * "无" / "不设" / "none"; else a number > 0.
 */
function thresholdArg(what: ArgName, raw: unknown): Exact | null | undefined {
  if (isOmitted(raw) || raw === 0) return undefined;
  if (typeof raw === "string" && /^(无|不设|none)$/i.test(raw.normalize("NFKC").trim())) return null;
  const parsed = parseScore(cell(raw));
  if (parsed.kind !== "ok" || parsed.value.lt(0)) return fail(fmsg.thresholdInvalid(what, shown(raw)));
  return parsed.value.equals(0) ? undefined : parsed.value;
}

function countArg(what: ArgName, raw: unknown): number {
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0) return fail(fmsg.countInvalid(what, shown(raw)));
  return raw;
}
