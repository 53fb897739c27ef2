// Return tracking (回收情况): the workbooks the draw expects against the files that came back. Every expected
// workbook is missing, returned, or returned and counted; every file is counted, unexpected (an expert not on that
// panel, an applicant not in the round, another round) or invalid (with the reason). Nothing depends on file order.
// Every reason is a message of the catalogue (src/core/messages.ts), given as a SheetProblem gives it: code, Chinese
// `reason`, English `en`.
import { msg, type Message } from "../messages";
import { nameKey } from "../names";
import type { StageId } from "../types";
import { newestCopies } from "../copies";
import { assignmentKey } from "./parse";
import type { Assignment } from "./types";

/** One returned file as read and re-scored (by an adapter). */
export interface ReturnedFile {
  file: string;
  /** Set when the file is not a readable scoring workbook at all. */
  problem?: Message;
  applicant?: string;
  expert?: string;
  stage?: StageId;
  rubricId?: string;
  roundId?: string | null;
  /** Complete, clean, no declared conflict: it would be counted. */
  usable?: boolean;
  /** Why it would not be counted (incomplete, tampered, a declared conflict …). */
  reason?: Message;
  savedAt?: string | null;
  /** The file's modification time (ISO): the tie-breaker at the same save time (src/core/copies.ts). */
  modifiedAt?: string | null;
  /** What two copies must share to be one copy (copyContent of the sheet). */
  content?: string;
  /** A group's consensus workbook (合议表), recognised as what it is: listed, not a bad return. */
  consensus?: { applicant: string; stage: StageId };
}

/** Why a file is unexpected or not counted: `reason` in Chinese, `en` the same in English, `code` a stable id. */
export interface StatusReason {
  reason: string;
  en: string;
  code: string;
}

export interface RoundStatus {
  expected: number;
  returned: number;
  counted: number;
  missing: { applicant: string; expert: string; stage: StageId }[];
  unexpected: ({ file: string; applicant: string; expert: string; stage: StageId | null } & StatusReason)[];
  invalid: ({ file: string } & StatusReason)[];
  /** Consensus workbooks (合议表) among the returns: not expert workbooks, not counted as returns, not bad ones. */
  consensus: ({ file: string; applicant: string; stage: StageId } & StatusReason)[];
}

/** A message of the catalogue as the status gives it. */
const why = (m: Message): StatusReason => ({ reason: m.zh, en: m.en, code: m.code });

export interface StatusDetail extends RoundStatus {
  /** The file counted for each returned assignment (assignment key → file). */
  countedFiles: Map<string, string>;
}

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
  const consensus: RoundStatus["consensus"] = [];
  const byAssignment = new Map<string, ReturnedFile[]>();
  // Sorted by file name, so that the result (and which file is listed first) never depends on the order given.
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (f.consensus) {
      consensus.push({
        file: f.file,
        ...f.consensus,
        ...why(msg.statusConsensusReturned(f.consensus.applicant, f.consensus.stage)),
      });
      continue;
    }
    if (f.problem || !f.applicant || !f.expert || !f.stage) {
      invalid.push({ file: f.file, ...why(f.problem ?? msg.statusNotScorebook()) });
      continue;
    }
    const u = (m: Message) =>
      unexpected.push({ file: f.file, applicant: f.applicant!, expert: f.expert!, stage: f.stage!, ...why(m) });
    if (roundId && f.roundId && nameKey(f.roundId) !== nameKey(roundId)) {
      u(msg.statusOtherRound(f.roundId, roundId));
      continue;
    }
    if (!inRound.has(nameKey(f.applicant))) {
      u(msg.statusApplicantNotInRound(f.applicant));
      continue;
    }
    const k = assignmentKey(f.applicant, f.stage, f.expert);
    const a = expected.get(k);
    if (!a) {
      u(msg.statusExpertNotDrawn(f.expert, f.applicant, f.stage));
      continue;
    }
    // Another rubric: returned, but not countable.
    const g =
      f.rubricId && a.rubricId !== f.rubricId
        ? { ...f, usable: false, reason: msg.statusWrongRubric(f.rubricId, a.rubricId) }
        : f;
    byAssignment.set(k, [...(byAssignment.get(k) ?? []), g]);
  }
  const countedFiles = new Map<string, string>();
  for (const [k, fs] of byAssignment) {
    // The one decision between copies (src/core/copies.ts), as `aggregate` decides: the later save, then the later
    // file time; copies that neither decides count only when they are one copy (the same content).
    const { top, older } = newestCopies(fs.map((f) => ({ ...f, savedAt: f.savedAt ?? null })));
    if (top.length > 1 && new Set(top.map((f) => f.content ?? f.file)).size > 1) {
      const files = top.map((f) => f.file);
      for (const f of [...top, ...older]) invalid.push({ file: f.file, ...why(msg.statusCopiesUndecided(files)) });
      continue;
    }
    const newest = top[0];
    // The newest counts; when it cannot, the newest older copy that can stands in (and the newest is named).
    const chosen = newest.usable ? newest : (older.find((f) => f.usable) ?? newest);
    if (chosen.usable) countedFiles.set(k, chosen.file);
    for (const f of [...top, ...older]) {
      if (f === chosen && f.usable) continue;
      if (f === chosen || (f === newest && !f.usable))
        invalid.push({ file: f.file, ...why(f.reason ?? msg.statusNotCounted()) });
      else invalid.push({ file: f.file, ...why(msg.statusSecondCopy(f.file, chosen.file, !!f.usable, f.reason)) });
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
    consensus,
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
    consensus: s.consensus,
  };
}
