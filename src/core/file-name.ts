// The one file-name rule: every file or folder Scorebook names after a person, an applicant or a title (a scoring
// workbook, a consensus workbook, a report, an expert's folder and .zip) goes through here, in the CLI, the round and
// the task pane alike, so that one workbook has one name wherever it is made and two outputs never share one.

/** The longest file name most file systems take, in bytes (ext4, APFS; NTFS counts UTF-16 units: at most this). */
export const MAX_FILE_NAME_BYTES = 255;

/** The length of `s` in UTF-8 (core has no TextEncoder: counted by code point). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const REGIONAL_INDICATOR = /^[\u{1F1E6}-\u{1F1FF}]$/u;
// What continues the character before it: a combining mark or variation selector, an emoji modifier (skin tone).
const CONTINUES = /^(?:\p{M}|\p{Emoji_Modifier})$/u;
const ZWJ = "\u200d";

/**
 * The user-perceived characters of `s`, near enough for cutting a name: a code point with its marks and modifiers,
 * a zero-width-joined emoji sequence, a flag (two regional indicators). Core has no Intl.Segmenter (ES2020 lib).
 */
function clusters(s: string): string[] {
  const out: string[] = [];
  let joined = false;
  for (const ch of s) {
    const last = out.length - 1;
    const pairsFlag =
      REGIONAL_INDICATOR.test(ch) &&
      last >= 0 &&
      Array.from(out[last]).length === 1 &&
      REGIONAL_INDICATOR.test(out[last]);
    if (last >= 0 && (CONTINUES.test(ch) || ch === ZWJ || joined || pairsFlag)) out[last] += ch;
    else out.push(ch);
    joined = ch === ZWJ;
  }
  return out;
}

/**
 * The longest start of `s` that fits in `bytes` bytes of UTF-8, cut between characters: never inside a code point,
 * never between a letter and its combining mark or an emoji and its modifier, never inside a flag or an emoji
 * sequence.
 */
export function cutToBytes(s: string, bytes: number): string {
  if (utf8Bytes(s) <= bytes) return s;
  let out = "";
  let used = 0;
  for (const c of clusters(s)) {
    const n = utf8Bytes(c);
    if (used + n > bytes) break;
    out += c;
    used += n;
  }
  return out.trimEnd();
}

// Path separators and the characters Windows refuses in a name.
const RESERVED = /[\\/:*?"<>|]/g;
// C0 and C1 controls (a tab or a line break typed into a name).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Windows device names, with or without an extension ("CON", "com1.xlsx").
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * One part of a file name from a name as typed: NFKC, control characters as a space, format characters (zero-width,
 * bidi overrides) dropped, path separators and reserved characters as "_", runs of white space as one space, no
 * leading - = + @ or dot, no trailing dot or space (Windows drops them), at most `maxBytes` bytes of UTF-8 (cut on a
 * character boundary). "" when nothing visible is left: the caller names its own fallback or refuses.
 */
export function fileNamePart(name: string, maxBytes = MAX_FILE_NAME_BYTES): string {
  const cleaned = name
    .replace(CONTROL, " ")
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .replace(RESERVED, "_")
    .replace(/[\p{Z}\s]+/gu, " ")
    .trim()
    .replace(/^[-=+@.]+/, (m) => "_".repeat(m.length));
  return cutToBytes(cleaned, maxBytes).replace(/[. ]+$/, "");
}

/**
 * A file name from parts joined by "_" and an extension (".xlsx", or "" for a folder), at most `maxBytes` bytes:
 * when too long, the longest parts are cut first, so that a short part (a stage, an expert) keeps its whole name.
 * Null when a part has nothing visible. A name Windows reserves for a device gets a leading "_".
 */
export function fileNameOf(parts: readonly string[], ext: string, maxBytes = MAX_FILE_NAME_BYTES): string | null {
  const cleaned = parts.map((p) => fileNamePart(p));
  if (cleaned.some((p) => !/[\p{L}\p{N}\p{S}\p{P}]/u.test(p))) return null;
  const room = maxBytes - utf8Bytes(ext) - (cleaned.length - 1);
  const sizes = cleaned.map(utf8Bytes);
  if (sizes.reduce((a, b) => a + b, 0) > room) {
    // Water-filling: the parts that fit an equal share keep their size; the rest share what is left.
    const order = sizes.map((n, i) => ({ n, i })).sort((a, b) => a.n - b.n);
    let left = room;
    for (let k = 0; k < order.length; k++) {
      const share = Math.floor(left / (order.length - k));
      const take = Math.min(order[k].n, share);
      cleaned[order[k].i] = cutToBytes(cleaned[order[k].i], take);
      left -= utf8Bytes(cleaned[order[k].i]);
    }
  }
  const base = cleaned.join("_");
  return `${DEVICE.test(base) ? "_" : ""}${base}${ext}`;
}

/** The key two file names collide by: case and Unicode form ignored (Windows and macOS folders do both). */
export const fileNameKey = (name: string): string => name.normalize("NFC").toLowerCase();

/**
 * Distinct names for outputs that would share one: the second "甲_材料评审报告.docx" becomes
 * "甲_材料评审报告 (2).docx" (still within the byte cap), in the order given, so the same inputs always get the same
 * names. `taken` holds names already used (compared by fileNameKey).
 */
export function distinctFileNames(
  names: readonly string[],
  taken: Iterable<string> = [],
  maxBytes = MAX_FILE_NAME_BYTES,
): string[] {
  const used = new Set(Array.from(taken, fileNameKey));
  return names.map((name) => {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 ? name.slice(dot) : "";
    const base = dot > 0 ? name.slice(0, dot) : name;
    let out = name;
    for (let n = 2; used.has(fileNameKey(out)); n++) {
      const suffix = ` (${n})`;
      out = cutToBytes(base, maxBytes - utf8Bytes(suffix + ext)) + suffix + ext;
    }
    used.add(fileNameKey(out));
    return out;
  });
}
