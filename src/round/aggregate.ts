// `scorebook aggregate … --round 评审安排.xlsx`: the panels are checked against the draw. A workbook by an expert who was
// not drawn for that applicant and stage is not counted (and named); every drawn workbook that did not make it into a
// panel, and every panel smaller than drawn, is named. The aggregation itself is unchanged.
import { assignmentKey, nameKey, STAGE_ZH, type AggregateResult, type Assignment, type SheetProblem } from "../core";
import type { ReadResult } from "../summary";
import type { RoundCheck } from "../aggregate/run";

export function roundCheck(assignments: readonly Assignment[], roundId: string): RoundCheck {
  const expected = new Map(assignments.map((a) => [assignmentKey(a.applicant, a.stage, a.expert), a]));
  const applicants = new Set(assignments.map((a) => nameKey(a.applicant)));
  return {
    assignments,
    screen(read: ReadResult[]): ReadResult[] {
      return read.map((r) => {
        if (!("sheet" in r)) return r;
        const s = r.sheet;
        const stage = STAGE_ZH[s.stage];
        if (roundId && s.roundId && nameKey(s.roundId) !== nameKey(roundId))
          return {
            problem: {
              file: s.file,
              applicant: s.applicant,
              code: "other-round",
              reason: `评分表属于另一评审批次（${s.roundId}），不是本批次（${roundId}）的，不计入`,
            },
          };
        if (!applicants.has(nameKey(s.applicant)))
          return {
            problem: {
              file: s.file,
              applicant: s.applicant,
              code: "unassigned",
              reason: `申报者“${s.applicant}”不在评审批次 ${roundId} 中，专家 ${s.expert} 的评分表不计入`,
            },
          };
        if (!expected.has(assignmentKey(s.applicant, s.stage, s.expert)))
          return {
            problem: {
              file: s.file,
              applicant: s.applicant,
              code: "unassigned",
              reason: `专家 ${s.expert} 未被抽入 ${s.applicant} 的${stage}专家组（见评审安排“分组”），评分表不计入`,
            },
          };
        return r;
      });
    },
    review(result: AggregateResult): SheetProblem[] {
      const used = new Set(result.used.map((s) => assignmentKey(s.applicant, s.stage, s.expert)));
      const problems: SheetProblem[] = [];
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
        const stage = STAGE_ZH[a.stage];
        for (const expert of missing)
          problems.push({
            file: "",
            applicant: a.applicant,
            code: "missing-return",
            reason: `专家 ${expert} 的评分表（${a.applicant}，${stage}）未交回或未计入`,
          });
        problems.push({
          file: "",
          applicant: a.applicant,
          code: "panel-below-size",
          reason: `${a.applicant} 的${stage}专家组抽取了 ${n} 位专家，只计入 ${n - missing.length} 位（缺：${missing.join("、")}）`,
        });
      }
      return problems;
    },
  };
}
