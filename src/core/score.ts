// A whole scoring sheet: item scores, category subtotals, total and completeness.
import { sum, ZERO, type Exact } from "./exact";
import type { RawInput } from "./normalize";
import { checkEntry, entryScore, type CheckedEntry } from "./validate";
import type { Rubric, Scale } from "./types";

export interface EntryInput {
  value: RawInput;
  band?: RawInput;
}

export interface ItemScore extends CheckedEntry {
  code: string;
  category: string;
  points: number;
  input: RawInput;
  score: Exact | null;
}

export interface CategoryScore {
  code: string;
  name: string;
  points: number;
  score: Exact;
  scored: number;
  items: number;
}

export interface SheetScore {
  items: ItemScore[];
  categories: CategoryScore[];
  /** Sum of the valid item scores (missing and invalid items count 0). */
  total: Exact;
  scored: number;
  itemCount: number;
  missing: string[];
  invalid: string[];
  /** Every item has a valid entry. */
  complete: boolean;
}

/** Scores every item of a rubric from its entries (keyed by item code); absent codes are unscored. */
export function scoreSheet(rubric: Rubric, scale: Scale, entries: Record<string, EntryInput | RawInput>): SheetScore {
  const items: ItemScore[] = rubric.items.map((item) => {
    const e = entries[item.code];
    const entry: EntryInput = isEntry(e) ? e : { value: e };
    const checked = checkEntry(rubric, scale, item, entry.value, entry.band);
    return {
      ...checked,
      code: item.code,
      category: item.category,
      points: item.points,
      input: entry.value,
      score: entryScore(rubric, item, checked),
    };
  });
  const categories: CategoryScore[] = rubric.categories.map((c) => {
    const mine = items.filter((i) => i.category === c.code);
    return {
      code: c.code,
      name: c.name,
      points: c.points,
      score: sum(mine.map((i) => i.score ?? ZERO)),
      scored: mine.filter((i) => i.status === "ok").length,
      items: mine.length,
    };
  });
  const missing = items.filter((i) => i.status === "missing").map((i) => i.code);
  const invalid = items.filter((i) => i.status === "invalid").map((i) => i.code);
  return {
    items,
    categories,
    total: sum(categories.map((c) => c.score)),
    scored: items.length - missing.length - invalid.length,
    itemCount: items.length,
    missing,
    invalid,
    complete: missing.length === 0 && invalid.length === 0,
  };
}

function isEntry(e: unknown): e is EntryInput {
  return typeof e === "object" && e !== null && "value" in e;
}
