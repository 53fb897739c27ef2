// One canonical key for the names of people and applicants, so that one expert or applicant is never counted twice
// or split by a spelling variant: 张三, 张 三, 张\u3000三 (an ideographic space) and 张三 + zero-width space are one person.

/** Format characters (zero-width spaces and joiners, bidi marks and overrides, BOM) and every kind of white space. */
const INVISIBLE = /[\p{Cf}\p{Z}\s]/gu;

/**
 * The key two names are compared by: NFKC (full-width letters, digits and brackets fold to ASCII), then without
 * white space or format characters, letters lower-cased. Display the name as written; compare only keys.
 */
export function nameKey(name: string): string {
  return name.normalize("NFKC").replace(INVISIBLE, "").toLowerCase();
}

/** The name for display and file names: NFKC-trimmed, runs of white space as one space, no format characters. */
export function cleanName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .replace(/[\p{Z}\s]+/gu, " ")
    .trim();
}

/**
 * A cell read from a file (a CSV field, or an .xlsx cell's text, number or boolean) as text: blank for an empty cell.
 * An object never comes from those readers; should one arrive it is shown as JSON rather than "[object Object]".
 */
export function cellString(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint" || v instanceof Date) return String(v);
  return JSON.stringify(v) ?? "";
}

/** The edit distance between two strings (insertions, deletions, substitutions of one character each). */
function distance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length];
}

/**
 * The known id nearest to a mistyped one (hebei-organisation → hebei-organization), or null when none is near: at
 * most a third of the typed id's characters differ, or the typed id is the start of exactly one known id.
 */
export function nearestId(typed: string, known: readonly string[]): string | null {
  const t = typed.trim().toLowerCase();
  if (!t) return null;
  const prefixed = known.filter((k) => k.toLowerCase().startsWith(t));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(t, k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(1, Math.floor(Array.from(t).length / 3)) ? best : null;
}
