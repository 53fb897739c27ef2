// Column letters of A1 references, for core's own messages (award check names cells) and for src/workbook/a1.ts.

/** 1 → "A", 27 → "AA" (0 and below → ""). */
export function columnLetter(column: number): string {
  let n = column;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
