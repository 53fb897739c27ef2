// Return tracking (回收情况): the workbooks the draw expects against the files that came back. Every expected
// workbook is missing, returned, or returned and counted; every file is counted, unexpected (an expert not on that
// panel, an applicant not in the round, another round) or invalid (with the reason). Nothing depends on file order.
import { nameKey } from "../names";
import type { StageId } from "../types";
import { STAGE_ZH } from "./params";
import { assignmentKey } from "./parse";
import type { Assignment } from "./types";

/** One returned file as read and re-scored (by an adapter). */
export interface ReturnedFile {
  file: string;
  /** Set when the file is not a readable scoring workbook at all. */
  problem?: string;
  applicant?: string;
  expert?: string;
  stage?: StageId;
  rubricId?: string;
  roundId?: string | null;
  /** Complete, clean, no declared conflict: it would be counted. */
  usable?: boolean;
  /** Why it would not be counted (incomplete, tampered, a declared conflict …). */
  reason?: string;
  savedAt?: string | null;
}

export interface RoundStatus {
  expected: number;
  returned: number;
  counted: number;
  missing: { applicant: string; expert: string; stage: StageId }[];
  unexpected: { file: string; applicant: string; expert: string; stage: StageId | null; reason: string }[];
  invalid: { file: string; reason: string }[];
}

export interface StatusDetail extends RoundStatus {
  /** The file counted for each returned assignment (assignment key → file). */
  countedFiles: Map<string, string>;
}

const newer = (a: ReturnedFile, b: ReturnedFile) =>
  a.savedAt && b.savedAt && a.savedAt !== b.savedAt ? a.savedAt > b.savedAt : a.file > b.file;

export function roundStatus(
  assignments: readonly Assignment[],
  files: readonly ReturnedFile[],
  roundId: string,
  /** Applicants of the round (申报者 sheet); those of the 分组 sheet always count. */
  applicants: readonly string[] = [],
): StatusDetail {
  const expected = new Map(assignments.map((a) => [assignmentKey(a.applicant, a.stage, a.expert), a]));
  const inRound = new Set([...applicants, ...assignments.map((a) => a.applicant)].map(nameKey));
  const unexpected: RoundStatus["unexpected"] = [];
  const invalid: RoundStatus["invalid"] = [];
  const byAssignment = new Map<string, ReturnedFile[]>();
  // Sorted by file name, so that the result (and which file is listed first) never depends on the order given.
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (f.problem || !f.applicant || !f.expert || !f.stage) {
      invalid.push({ file: f.file, reason: f.problem ?? "不是 Scorebook 评分表" });
      continue;
    }
    const u = (reason: string) =>
      unexpected.push({ file: f.file, applicant: f.applicant!, expert: f.expert!, stage: f.stage!, reason });
    if (roundId && f.roundId && nameKey(f.roundId) !== nameKey(roundId)) {
      u(`属于另一评审批次（${f.roundId}），不是本批次（${roundId}）的评分表`);
      continue;
    }
    if (!inRound.has(nameKey(f.applicant))) {
      u(`申报者“${f.applicant}”不在本批次中`);
      continue;
    }
    const k = assignmentKey(f.applicant, f.stage, f.expert);
    const a = expected.get(k);
    if (!a) {
      u(`专家 ${f.expert} 不在 ${f.applicant} 的${STAGE_ZH[f.stage]}专家组中（未经抽取），不计入`);
      continue;
    }
    // Another rubric: returned, but not countable.
    const g =
      f.rubricId && a.rubricId !== f.rubricId
        ? { ...f, usable: false, reason: `评分标准为 ${f.rubricId}，本批次该申报者应使用 ${a.rubricId}` }
        : f;
    byAssignment.set(k, [...(byAssignment.get(k) ?? []), g]);
  }
  const countedFiles = new Map<string, string>();
  for (const [k, fs] of byAssignment) {
    // Of two copies of one workbook the newer usable one counts; the other is named.
    const usable = fs.filter((f) => f.usable);
    const pick = (xs: ReturnedFile[]) => xs.reduce((best, f) => (newer(f, best) ? f : best));
    const chosen = usable.length ? pick(usable) : pick(fs);
    if (chosen.usable) countedFiles.set(k, chosen.file);
    for (const f of fs) {
      if (f === chosen && f.usable) continue;
      if (f === chosen) invalid.push({ file: f.file, reason: f.reason ?? "评分表有问题，未计入" });
      else
        invalid.push({
          file: f.file,
          reason: `同一份评分表交回了两次（${f.file}、${chosen.file}），以 ${chosen.file} 为准${f.usable ? "" : `；此份：${f.reason ?? "有问题"}`}`,
        });
    }
  }
  const missing = [...expected]
    .filter(([k]) => !byAssignment.has(k))
    .map(([, a]) => ({ applicant: a.applicant, expert: a.expert, stage: a.stage }))
    .sort(
      (x, y) =>
        cmp(nameKey(x.expert), nameKey(y.expert)) ||
        cmp(nameKey(x.applicant), nameKey(y.applicant)) ||
        cmp(x.stage, y.stage),
    );
  return {
    expected: expected.size,
    returned: byAssignment.size,
    counted: countedFiles.size,
    missing,
    unexpected,
    invalid,
    countedFiles,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The JSON of `scorebook round status --json` (exactly these keys). */
export function statusJson(s: RoundStatus): RoundStatus {
  return {
    expected: s.expected,
    returned: s.returned,
    counted: s.counted,
    missing: s.missing,
    unexpected: s.unexpected,
    invalid: s.invalid,
  };
}
