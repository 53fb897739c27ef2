// The documented JSON of `scorebook aggregate --json`, and the ranking as text for a terminal.
import {
  format2,
  library,
  shownScores,
  STATUS_TEXT,
  toNumber,
  type AggregateResult,
  type Exact,
  type Library,
  type StageResult,
} from "../core";
import { STAGE_NAME } from "../workbook/labels";
import { terminalWidth } from "../workbook/text";
import { groupTitle } from "./groups";

/** Scores as numbers to 6 decimal places (the engine keeps them exact; display is two decimals). */
const n6 = (e: Exact | null): number | null => (e === null ? null : Math.round(toNumber(e) * 1e6) / 1e6);

const stage = (s: StageResult) => ({
  experts: s.experts,
  score: n6(s.score),
  method: s.method,
  ...(s.consensus ? { consensusFile: s.consensus.file } : {}),
  // Diagnostics beside the score the award's method decided (src/core/panel-stats.ts); null where a panel is too
  // small, with the reason in `notes`.
  diagnostics: {
    mean: n6(s.diagnostics.mean),
    trimmed: n6(s.diagnostics.trimmed),
    median: n6(s.diagnostics.median),
    z: s.diagnostics.z.map((z) => (z === null ? null : Math.round(z * 1e6) / 1e6)),
    w: n6(s.diagnostics.agreement.w),
    items: s.diagnostics.agreement.items,
    notes: [s.diagnostics.notes.trimmed, s.diagnostics.notes.z, s.diagnostics.agreement.note]
      .filter((m): m is NonNullable<typeof m> => m !== null)
      .map((m) => ({ code: m.code, zh: m.zh, en: m.en })),
  },
});

export function summaryJson(result: AggregateResult) {
  return {
    stage: result.stage,
    applicants: result.applicants.map((a) => ({
      applicant: a.applicant,
      rubric: a.rubricId || null,
      material: stage(a.material),
      onsite: stage(a.onsite),
      bonus: n6(a.bonus),
      public: n6(a.public),
      final: n6(a.final),
      vetoed: a.vetoed,
      veto: a.veto,
      group: a.group || null,
      status: a.status,
      statusText: STATUS_TEXT[a.status].zh,
      statusTextEn: STATUS_TEXT[a.status].en,
      // The figures as a person reads them: two decimals, more where rounding would cross a threshold.
      shown: shownScores(a),
      rank: a.rank,
      wouldBeRank: a.wouldBeRank,
      vetoes: a.vetoFlags.map((v) => ({
        expert: v.expert,
        stage: v.stage,
        id: v.id,
        text: v.text,
        note: v.note,
        file: v.file,
      })),
      notes: a.notes.map((n) => n.zh),
    })),
    problems: result.problems.map((p) => ({
      file: p.file,
      reason: p.reason,
      en: p.en,
      code: p.code,
      applicant: p.applicant ?? null,
    })),
    divergences: result.divergences.map((d) => ({
      applicant: d.applicant,
      stage: d.stage,
      item: d.code,
      spread: d.spread,
      bands: d.bands,
      values: d.values,
      reason: d.reason,
    })),
  };
}

const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - terminalWidth(s)));
const padStart = (s: string, n: number) => " ".repeat(Math.max(0, n - terminalWidth(s))) + s;

/** The ranking as a table, one block per ranking (rule set, or sector), for a terminal. */
export function rankingText(result: AggregateResult, lib: Library = library()): string[] {
  const out: string[] = [];
  const groups = new Map<string, { name: string; rows: AggregateResult["applicants"] }>();
  for (const a of result.applicants) {
    const k = a.group;
    if (!groups.has(k)) groups.set(k, { name: groupTitle(lib, k).zh, rows: [] });
    groups.get(k)!.rows.push(a);
  }
  if (result.stage === "material")
    out.push("本次只汇总材料评审：按材料评审得分排序，列出进入现场评审的申报者（达到分数线即可，含本数）。", "");
  for (const g of groups.values()) {
    const nameW = Math.max(8, ...g.rows.map((a) => terminalWidth(a.applicant)));
    out.push(g.name);
    out.push(
      `${pad("名次", 6)}${pad("申报者", nameW + 2)}${padStart("材料评审", 10)}${padStart("现场评审", 10)}${padStart("加分", 7)}${padStart("满意度", 8)}${padStart("综合得分", 10)}  结论`,
    );
    for (const a of g.rows) {
      const shown = shownScores(a);
      const rank = a.rank !== null ? String(a.rank) : a.wouldBeRank !== null ? `(${a.wouldBeRank})` : "—";
      const extra = a.vetoed
        ? `：${a.vetoFlags.map((v) => `${v.expert}（${STAGE_NAME[v.stage]}）${v.text.slice(0, 24)}${v.text.length > 24 ? "…" : ""}`).join("；")}`
        : "";
      out.push(
        `${pad(rank, 6)}${pad(a.applicant, nameW + 2)}${padStart(shown.material ?? "—", 10)}${padStart(shown.onsite ?? "—", 10)}${padStart(format2(a.bonus), 7)}${padStart(
          a.public === null ? "—" : format2(a.public),
          8,
        )}${padStart(shown.final ?? "—", 10)}  ${STATUS_TEXT[a.status].zh}${extra}`,
      );
    }
    out.push("");
  }
  if (result.applicants.some((a) => a.vetoed))
    out.push("名次加括号：否决或否决待核实，为假定名次（不占名次）；否决待核实的由质评办核实后确认否决或不予否决。");
  out.push(
    "计分规则：按精确分数比较，达到分数线即可（含本数）；分数一般显示两位小数，接近分数线时显示更多位，以免四舍五入与结论矛盾。",
  );
  return out;
}
