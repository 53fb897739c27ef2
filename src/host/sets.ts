// Several scoring workbooks can live in one Excel workbook (a reviewer scoring two applicants in one file): each
// set's sheets carry the same suffix ("评分", "评分 (2)", …). A set is recognised by its metadata sheet. The layout is
// always built with the canonical names (src/workbook/labels.ts SHEET); renameLayout gives the sheets of one set
// their suffixed names (formulas and defined names follow), and SetSource shows the set to interpret.ts under the
// canonical names again. Nothing here decides where a cell is.
import { quoteSheet } from "../workbook/a1";
import { SHEET } from "../workbook/labels";
import type { CellSource, CellValue } from "../workbook/source";
import type { WorkbookLayout } from "../workbook/types";
import type { HostSource } from "./types";

/** The longest sheet name Excel allows. */
export const MAX_SHEET_NAME = 31;
const BAD_SHEET_CHARS = /[:\\/?*[\]]/;

export const CANONICAL_SHEETS: readonly string[] = [
  SHEET.cover,
  SHEET.scoring,
  SHEET.vetoes,
  SHEET.bonus,
  SHEET.guide,
  SHEET.meta,
];

export interface ScoringSet {
  /** "" for the first set, " (2)" for the next … */
  suffix: string;
  /** canonical name → the sheet's name in this workbook, for the set's sheets that exist. */
  sheets: Record<string, string>;
}

/** The scoring sets in a workbook, by their metadata sheets, in tab order. */
export function findSets(names: readonly string[]): ScoringSet[] {
  const present = new Set(names);
  const sets: ScoringSet[] = [];
  for (const name of names) {
    if (!name.startsWith(SHEET.meta)) continue;
    const suffix = name.slice(SHEET.meta.length);
    if (!present.has(SHEET.scoring + suffix)) continue;
    const sheets: Record<string, string> = {};
    for (const c of CANONICAL_SHEETS) if (present.has(c + suffix)) sheets[c] = c + suffix;
    sets.push({ suffix, sheets });
  }
  return sets;
}

/** The set a sheet belongs to (the reviewer's active sheet picks the set to check). */
export function setOfSheet(sets: readonly ScoringSet[], sheet: string | null): ScoringSet | undefined {
  if (sheet === null) return undefined;
  return sets.find((s) => Object.values(s.sheets).includes(sheet));
}

/** The sheet names a layout would take with a suffix. */
export function namesWithSuffix(layout: { sheets: readonly { name: string }[] }, suffix: string): string[] {
  return layout.sheets.map((s) => s.name + suffix);
}

/** Why a suffix cannot be used (null when it can): a taken name, a forbidden character, a name too long. */
export function suffixProblem(
  layout: { sheets: readonly { name: string }[] },
  suffix: string,
  existing: readonly string[],
): { code: "taken" | "chars" | "length"; names: string[] } | null {
  const names = namesWithSuffix(layout, suffix);
  if (BAD_SHEET_CHARS.test(suffix) || suffix.startsWith("'") || suffix.endsWith("'"))
    return { code: "chars", names: [] };
  const long = names.filter((n) => n.length > MAX_SHEET_NAME);
  if (long.length) return { code: "length", names: long };
  const lower = new Set(existing.map((n) => n.toLowerCase())); // Excel compares sheet names without case
  const taken = names.filter((n) => lower.has(n.toLowerCase()));
  return taken.length ? { code: "taken", names: taken } : null;
}

/** "" when the layout's sheet names are free, else the first free " (n)". */
export function suggestSuffix(layout: { sheets: readonly { name: string }[] }, existing: readonly string[]): string {
  if (!suffixProblem(layout, "", existing)) return "";
  for (let n = 2; ; n++) if (!suffixProblem(layout, ` (${n})`, existing)) return ` (${n})`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Rewrites sheet references in a formula or reference text: each `'from'!` (or `from!` where Excel leaves the name
 * unquoted) becomes `'to'!`. Text inside string literals is left alone.
 */
export function renameRefs(text: string, mapping: Record<string, string>): string {
  const pairs = Object.entries(mapping).filter(([a, b]) => a !== b);
  if (!pairs.length) return text;
  // Longest names first, so that "评分指南" is not taken for "评分".
  pairs.sort((a, b) => b[0].length - a[0].length);
  const alternatives = pairs
    .map(([from]) => `${escapeRegExp(quoteSheet(from))}!|(?<![\\w\\u4e00-\\u9fff'.])${escapeRegExp(from)}!`)
    .join("|");
  const re = new RegExp(alternatives, "g");
  const to = (match: string) => {
    const name = match.startsWith("'") ? match.slice(1, -2).replace(/''/g, "'") : match.slice(0, -1);
    return `${quoteSheet(mapping[name])}!`;
  };
  // Split on string literals ("..." with "" as an escaped quote) and rename outside them only.
  return text
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(re, to)))
    .join("");
}

/** The layout with every sheet name given the suffix: sheets, formulas, conditional formats, names and the map. */
export function renameLayout(layout: WorkbookLayout, suffix: string): WorkbookLayout {
  if (suffix === "") return layout;
  const mapping: Record<string, string> = {};
  for (const s of layout.sheets) mapping[s.name] = s.name + suffix;
  const r = (name: string) => mapping[name] ?? name;
  const f = (formula: string) => renameRefs(formula, mapping);
  const map = layout.map;
  return {
    ...layout,
    sheets: layout.sheets.map((s) => ({
      ...s,
      name: r(s.name),
      cells: s.cells.map((c) => (c.formula === undefined ? c : { ...c, formula: f(c.formula) })),
      conditionalFormats: s.conditionalFormats.map((cf) => ({ ...cf, formula: f(cf.formula) })),
    })),
    names: layout.names.map((n) => ({ ...n, sheet: r(n.sheet) })),
    map: {
      cover: { ...map.cover, sheet: r(map.cover.sheet) },
      scoring: { ...map.scoring, sheet: r(map.scoring.sheet) },
      vetoes: { ...map.vetoes, sheet: r(map.vetoes.sheet) },
      bonus: map.bonus ? { ...map.bonus, sheet: r(map.bonus.sheet) } : null,
      meta: { ...map.meta, sheet: r(map.meta.sheet) },
    },
  };
}

/** "评分!G7" (a cell named by interpret.ts with the canonical sheet) → the sheet and reference in this set. */
export function locate(set: ScoringSet | undefined, cell: string): { sheet: string; ref: string } | null {
  const at = cell.lastIndexOf("!");
  if (at <= 0) return null;
  const canonical = cell.slice(0, at);
  return { sheet: set?.sheets[canonical] ?? canonical, ref: cell.slice(at + 1) };
}

/**
 * One set of a workbook under the canonical sheet names, for interpret.ts: only the set's sheets are visible, its
 * formulas and names refer to canonical names, and the set's sheet-scope names stand in for workbook-scope ones.
 */
export class SetSource implements CellSource {
  private readonly toActual: Record<string, string>;
  private readonly toCanonical: Record<string, string>;

  constructor(
    private readonly source: HostSource,
    readonly set: ScoringSet,
    readonly name: string = source.name,
  ) {
    this.toActual = set.sheets;
    this.toCanonical = Object.fromEntries(Object.entries(set.sheets).map(([c, a]) => [a, c]));
  }

  sheetNames(): string[] {
    return Object.keys(this.toActual);
  }

  value(sheet: string, ref: string): CellValue {
    const actual = this.toActual[sheet];
    return actual === undefined ? null : this.source.value(actual, ref);
  }

  formula(sheet: string, ref: string): string | null {
    const actual = this.toActual[sheet];
    if (actual === undefined) return null;
    const f = this.source.formula(actual, ref);
    return f === null || f === "" ? f : renameRefs(f, this.toCanonical);
  }

  definedNames(): Record<string, string> {
    const scoring = this.toActual[SHEET.scoring];
    const names = { ...this.source.definedNames(), ...(scoring ? this.source.scopedNames(scoring) : {}) };
    return Object.fromEntries(
      Object.entries(names).map(([k, v]) => [k, renameRefs(v.replace(/^=/, ""), this.toCanonical)]),
    );
  }

  savedAt(): string | null {
    return this.source.savedAt?.() ?? null;
  }
}
