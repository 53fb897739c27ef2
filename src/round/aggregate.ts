// `scorebook aggregate … --round 评审安排.xlsx`: the panels are checked against the draw. A workbook by an expert who was
// not drawn for that applicant and stage is not counted (and named); every drawn workbook that did not make it into a
// panel, and every panel smaller than drawn, is named. The aggregation itself is unchanged.
import {
  assignmentKey,
  msg,
  nameKey,
  sheetProblem,
  type AggregateResult,
  type Assignment,
  type RoundProblem,
  type SheetProblem,
} from "../core";
import type { ReadResult } from "../summary";
import type { RoundCheck } from "../aggregate/run";

/** `adjustments`: hand edits of 分组 accepted with a reason, listed among the summary's problems (the audit). */
export function roundCheck(
  assignments: readonly Assignment[],
  roundId: string,
  adjustments: readonly RoundProblem[] = [],
): RoundCheck {
  const expected = new Map(assignments.map((a) => [assignmentKey(a.applicant, a.stage, a.expert), a]));
  const applicants = new Set(assignments.map((a) => nameKey(a.applicant)));
  return {
    assignments,
    screen(read: ReadResult[]): ReadResult[] {
      return read.map((r) => {
        if (!("sheet" in r)) return r;
        const s = r.sheet;
        if (roundId && s.roundId && nameKey(s.roundId) !== nameKey(roundId))
          return { problem: sheetProblem(s.file, msg.otherRound(s.roundId, roundId), s.applicant) };
        if (!applicants.has(nameKey(s.applicant)))
          return {
            problem: sheetProblem(s.file, msg.applicantNotInRound(s.applicant, roundId, s.expert), s.applicant),
          };
        if (!expected.has(assignmentKey(s.applicant, s.stage, s.expert)))
          return { problem: sheetProblem(s.file, msg.expertNotDrawn(s.expert, s.applicant, s.stage), s.applicant) };
        return r;
      });
    },
    review(result: AggregateResult): SheetProblem[] {
      const used = new Set(result.used.map((s) => assignmentKey(s.applicant, s.stage, s.expert)));
      const problems: SheetProblem[] = adjustments.map((m) => sheetProblem("", m, m.applicant));
      const panels = new Map<string, { a: Assignment; expected: number; missing: string[] }>();
      for (const [k, a] of expected) {
        const pk = `${nameKey(a.applicant)}\u0000${a.stage}`;
        const panel = panels.get(pk) ?? { a, expected: 0, missing: [] };
        panel.expected++;
        if (!used.has(k)) panel.missing.push(a.expert);
        panels.set(pk, panel);
      }
      for (const { a, expected: n, missing } of panels.values()) {
        if (!missing.length) continue;
        for (const expert of missing)
          problems.push(sheetProblem("", msg.missingReturn(expert, a.applicant, a.stage), a.applicant));
        problems.push(sheetProblem("", msg.panelBelowSize(a.applicant, a.stage, n, missing), a.applicant));
      }
      return problems;
    },
  };
}
