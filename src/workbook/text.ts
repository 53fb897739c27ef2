// Estimating how many lines a wrapped text takes in a column, to set row heights: neither Excel nor LibreOffice
// grows a row for wrapped text written by a program, so a long scoring-point text would otherwise be cut off.

/**
 * Whether a character is East Asian wide or full width (Hangul Jamo, CJK radicals to Yi, Hangul syllables, CJK
 * compatibility, vertical and full-width forms, the supplementary ideographic planes): two columns in a terminal,
 * about two digits' width in a spreadsheet. The one list both width estimates below use.
 */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** Display width of a string in a terminal: wide characters take two columns. */
export function terminalWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch) ? 2 : 1;
  return w;
}

/** Width of a character in Excel character units (the width of "0" in the 11 pt default font). */
function charUnits(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  // Wide characters, and what a CJK font draws as wide though a terminal does not: ①, “”, —.
  if (isWide(ch) || (c >= 0x2460 && c <= 0x24ff) || (c >= 0x2000 && c <= 0x206f && c !== 0x2009)) return 2.05;
  if (/[il.,:;'|!()[\]\s]/.test(ch)) return 0.6;
  if (/[A-Z%@WMmw]/.test(ch)) return 1.25;
  return 1;
}

export function textUnits(text: string): number {
  let u = 0;
  for (const ch of text) u += charUnits(ch);
  return u;
}

/** Lines a text needs in a column of `width` character units at a font size (points). */
export function wrappedLines(text: string, width: number, fontSize = 11): number {
  const usable = Math.max(1, width - 1.2) * (11 / fontSize);
  let lines = 0;
  for (const para of text.split("\n")) lines += Math.max(1, Math.ceil(textUnits(para) / usable));
  return lines;
}

/** Row height (points) for a number of lines at a font size, within Excel's 409 pt limit. */
export function rowHeight(lines: number, fontSize = 11): number {
  return Math.min(409, Math.ceil(lines * fontSize * 1.38 + 6));
}

/**
 * An ISO 8601 time as a reader of a printed page reads it: China Standard Time (UTC+8, no daylight saving),
 * "2026年6月1日 18:05". Text that is not a time is returned as it is.
 */
export function localDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** The date of an ISO 8601 time in China Standard Time, as localDateTime reads it ("2026-06-01"). */
export function localDate(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The year of an ISO 8601 time in China Standard Time (a summary's title year). */
export function localYear(iso: string): number {
  const t = Date.parse(iso);
  return new Date((Number.isFinite(t) ? t : 0) + 8 * 3600_000).getUTCFullYear();
}
