// The secretariat's aggregation: from every returned scoring sheet (already re-scored by the engine) to one
// decision per applicant. Problems are reported, never hidden: every sheet left out is named with the reason.
import { exact, type Exact } from "./exact";
import { aggregatePanel, type PanelResult } from "./panel";
import { bonusPoints, checkPublic, decide, finalScore, thresholdsOf, type Status, type Thresholds } from "./rules";
import type { Message } from "./messages";
import type { PanelMethod, RuleSet, Scale, StageId } from "./types";
import { bandOf } from "./scale";

/** One returned workbook, as the reader and the engine found it. */
export interface ReturnedSheet {
  file: string;
  rubricId: string;
  applicant: string;
  expert: string;
  stage: StageId;
  /** When the expert last saved it (ISO time); the newer of two sheets by the same expert counts. */
  savedAt: string | null;
  /** Total recomputed by the engine from the inputs. */
  total: Exact;
  complete: boolean;
  /** Per item: the entered value (percent or points) when valid. */
  items: { code: string; points: number; value: number | null; strengths?: string; opportunities?: string }[];
  vetoes: { id: string; text: string; flagged: boolean; note: string }[];
  conflictDeclared: boolean;
  conflictNote?: string;
  /** Bonus condition ids the expert confirmed. */
  bonusConfirmed: string[];
  /** Problems that make the sheet unusable (tampering, wrong rubric, invalid or missing entries …). */
  blocking: Message[];
  /**
   * What the secretariat should know about a sheet that still counts: its formulas were not recalculated (the
   * figures are the engine's, recomputed from the inputs). Listed with the problems, the sheet counted.
   */
  notices?: Message[];
}

/** What the secretariat decides per applicant (roster file). */
export interface RosterEntry {
  applicant: string;
  /** Bonus: true / false, or the ids of the conditions met. */
  bonus?: boolean | string[];
  /** Public satisfaction points (individuals). */
  public?: Exact;
}

/**
 * The spread of maturities (percentage points) above which an item goes to the consensus discussion (合议) when the
 * secretariat sets none. The award sources set no limit: a Scorebook default, adjustable on the 参数 sheet.
 */
export const DIVERGENCE_LIMIT = 20;

export interface AggregateOptions {
  method?: PanelMethod;
  materialWeight?: Exact;
  thresholds?: Partial<Thresholds>;
  /** Spread of maturities (percentage points) above which an item is listed for the consensus discussion. */
  divergence?: number;
}

export interface SheetProblem {
  file: string;
  applicant?: string;
  code: string;
  reason: string;
}

export interface StageResult {
  experts: string[];
  files: string[];
  totals: Exact[];
  score: Exact | null;
  panel: PanelResult | null;
}

export interface VetoFlag {
  expert: string;
  file: string;
  stage: StageId;
  id: string;
  text: string;
  note: string;
}

export interface Divergence {
  applicant: string;
  stage: StageId;
  code: string;
  values: { expert: string; value: number }[];
  spread: number;
  bands: number[];
  reason: "bands" | "spread" | "both";
}

export interface ApplicantResult {
  applicant: string;
  rubricId: string;
  material: StageResult;
  onsite: StageResult;
  bonus: Exact;
  public: Exact | null;
  final: Exact | null;
  vetoed: boolean;
  vetoFlags: VetoFlag[];
  status: Status;
  rank: number | null;
  wouldBeRank: number | null;
  notes: Message[];
}

export interface AggregateResult {
  applicants: ApplicantResult[];
  problems: SheetProblem[];
  divergences: Divergence[];
  /** The sheets that went into a panel. */
  used: ReturnedSheet[];
}

export interface RubricInfo {
  rules: RuleSet;
  scale: Scale;
  scoring: "maturity" | "points";
}

const STAGE_TEXT: Record<StageId, string> = { material: "材料评审", onsite: "现场评审" };

const key = (s: string) => s.normalize("NFKC").trim().replace(/\s+/g, " ");

export function aggregate(
  sheets: readonly ReturnedSheet[],
  rubricOf: (id: string) => RubricInfo | undefined,
  roster: readonly RosterEntry[] = [],
  options: AggregateOptions = {},
): AggregateResult {
  const problems: SheetProblem[] = [];
  const usable: ReturnedSheet[] = [];
  for (const s of sheets) {
    const info = rubricOf(s.rubricId);
    if (!info)
      problems.push({
        file: s.file,
        applicant: s.applicant,
        code: "unknown-rubric",
        reason: `未知的评分标准“${s.rubricId}”`,
      });
    else if (s.conflictDeclared)
      problems.push({
        file: s.file,
        applicant: s.applicant,
        code: "conflict",
        reason: `专家 ${s.expert} 声明存在利害关系，已回避，评分不计入${s.conflictNote ? `（${s.conflictNote}）` : ""}`,
      });
    else if (s.blocking.length > 0)
      problems.push({
        file: s.file,
        applicant: s.applicant,
        code: s.blocking[0].code,
        reason: `未计入：${s.blocking.map((m) => m.zh).join("；")}`,
      });
    else if (!s.complete) {
      const open = s.items.filter((i) => i.value === null).map((i) => i.code);
      const which = open.length
        ? `（${open.length} 项未评分或输入无效：${open.slice(0, 8).join("、")}${open.length > 8 ? " 等" : ""}）`
        : "";
      problems.push({
        file: s.file,
        applicant: s.applicant,
        code: "incomplete",
        reason: `专家 ${s.expert} 的评分表未填写完整${which}，未计入`,
      });
    } else {
      usable.push(s);
      for (const n of s.notices ?? [])
        problems.push({ file: s.file, applicant: s.applicant, code: n.code, reason: `已计入；${n.zh}` });
    }
  }

  // The same expert twice for the same applicant and stage: the newer counts, both are named.
  const latest = new Map<string, ReturnedSheet>();
  for (const s of usable) {
    const k = [key(s.applicant), s.stage, key(s.expert)].join("\u0000");
    const prev = latest.get(k);
    if (!prev) {
      latest.set(k, s);
      continue;
    }
    const [keep, drop] = newer(s, prev) ? [s, prev] : [prev, s];
    latest.set(k, keep);
    problems.push({
      file: drop.file,
      applicant: s.applicant,
      code: "duplicate",
      reason: `专家 ${s.expert} 对同一申报者同一阶段提交了两份评分表（${drop.file}、${keep.file}），以较新的 ${keep.file} 为准`,
    });
  }
  const used = [...latest.values()];

  const byApplicant = new Map<string, ReturnedSheet[]>();
  for (const s of used) byApplicant.set(key(s.applicant), [...(byApplicant.get(key(s.applicant)) ?? []), s]);
  // Applicants known only from the roster, or whose every sheet was left out, still get a row.
  const allNames = new Map<string, string>();
  for (const s of sheets) if (!allNames.has(key(s.applicant))) allNames.set(key(s.applicant), s.applicant);
  for (const r of roster) if (!allNames.has(key(r.applicant))) allNames.set(key(r.applicant), r.applicant);

  const divergences: Divergence[] = [];
  const partial: (Omit<ApplicantResult, "status" | "rank" | "wouldBeRank"> & { thresholds: Thresholds })[] = [];
  for (const [k, name] of allNames) {
    const mine = byApplicant.get(k) ?? [];
    const anySheet = sheets.find((s) => key(s.applicant) === k);
    const rubricIds = [...new Set(mine.map((s) => s.rubricId))];
    if (rubricIds.length > 1) {
      for (const s of mine.filter((x) => x.rubricId !== rubricIds[0]))
        problems.push({
          file: s.file,
          applicant: name,
          code: "mixed-rubric",
          reason: `同一申报者的评分表使用了不同的评分标准（${rubricIds.join("、")}）`,
        });
    }
    const rubricId = rubricIds[0] ?? anySheet?.rubricId ?? "";
    const info = rubricOf(rubricId);
    const sameRubric = mine.filter((s) => s.rubricId === rubricId);
    const notes: Message[] = [];
    const stage = (id: StageId): StageResult => {
      const st = sameRubric.filter((s) => s.stage === id);
      const totals = st.map((s) => s.total);
      const panel = st.length ? aggregatePanel(totals, options.method ?? info?.rules.panelMethod ?? "mean") : null;
      if (panel?.note) {
        notes.push(panel.note);
        // A panel smaller than the method needs (a trimmed mean of fewer than 3) is a problem to see, not only a note.
        if (panel.note.code === "trimmed-fallback")
          problems.push({
            file: "",
            applicant: name,
            code: "panel-small",
            reason: `${name} 的${STAGE_TEXT[id]}专家组只有 ${st.length} 位专家，去掉最高分和最低分需要至少 3 位，已改用平均分`,
          });
      }
      return {
        experts: st.map((s) => s.expert),
        files: st.map((s) => s.file),
        totals,
        score: panel?.value ?? null,
        panel,
      };
    };
    const material = stage("material");
    const onsite = stage("onsite");
    if (info) {
      for (const st of ["material", "onsite"] as const)
        divergences.push(
          ...diverge(
            name,
            st,
            sameRubric.filter((s) => s.stage === st),
            info,
            options.divergence ?? DIVERGENCE_LIMIT,
          ),
        );
    }
    const rosterEntry = roster.find((r) => key(r.applicant) === k);
    const rules = info?.rules;
    let bonus = exact(0);
    if (rules?.bonus) {
      if (rosterEntry?.bonus !== undefined) {
        const b = rosterEntry.bonus;
        bonus = Array.isArray(b) ? bonusPoints(rules, b) : b ? exact(rules.bonus.points) : exact(0);
      } else {
        // Without a roster decision, a condition counts when most of the applicant's experts confirmed it.
        const counts = new Map<string, number>();
        for (const s of sameRubric) for (const c of new Set(s.bonusConfirmed)) counts.set(c, (counts.get(c) ?? 0) + 1);
        const met = [...counts].filter(([, n]) => n * 2 > sameRubric.length).map(([c]) => c);
        bonus = bonusPoints(rules, met);
      }
    }
    let pub: Exact | null = null;
    if (rules?.publicSatisfaction) {
      pub = rosterEntry?.public ?? null;
      const bad = pub ? checkPublic(rules, pub) : null;
      if (bad) {
        problems.push({ file: "名单", applicant: name, code: bad.code, reason: bad.zh });
        pub = null;
      }
    }
    const vetoFlags: VetoFlag[] = sameRubric.flatMap((s) =>
      s.vetoes
        .filter((v) => v.flagged)
        .map((v) => ({ expert: s.expert, file: s.file, stage: s.stage, id: v.id, text: v.text, note: v.note })),
    );
    const final =
      rules && material.score && onsite.score
        ? finalScore(rules, {
            material: material.score,
            onsite: onsite.score,
            bonus,
            public: pub ?? undefined,
            materialWeight: options.materialWeight,
          })
        : null;
    const thresholds = rules ? thresholdsOf(rules, options.thresholds) : { advance: null, final: null, topN: null };
    if (material.score && !onsite.score && !(thresholds.advance && material.score.lt(thresholds.advance)))
      problems.push({
        file: "",
        applicant: name,
        code: "no-onsite",
        reason: `${name} 已进入现场评审，但没有可用的现场评审评分表`,
      });
    if (!material.score && sheets.some((s) => key(s.applicant) === k))
      problems.push({ file: "", applicant: name, code: "no-material", reason: `${name} 没有可用的材料评审评分表` });
    if (!anySheet)
      problems.push({
        file: "名单",
        applicant: name,
        code: "no-sheets",
        reason: `名单中的申报者“${name}”没有收到任何评分表（名称是否与评分表一致？）`,
      });
    partial.push({
      applicant: name,
      rubricId,
      material,
      onsite,
      bonus,
      public: pub,
      final,
      vetoed: vetoFlags.length > 0,
      vetoFlags,
      notes,
      thresholds,
    });
  }

  // Rank within each rule set (organisations and individuals are ranked separately, each with its own top N).
  const applicants: ApplicantResult[] = [];
  const groups = new Map<string, typeof partial>();
  for (const p of partial) {
    const g = rubricOf(p.rubricId)?.rules.id ?? "";
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  for (const group of groups.values()) {
    const t = group[0].thresholds;
    const decisions = decide(
      group.map((p) => ({
        id: p.applicant,
        vetoed: p.vetoed,
        material: p.material.score,
        onsite: p.onsite.score,
        final: p.final,
      })),
      t,
    );
    group.forEach((p, i) => {
      const d = decisions[i];
      const { thresholds: _t, ...rest } = p;
      applicants.push({
        ...rest,
        status: d.status,
        rank: d.rank,
        wouldBeRank: d.wouldBeRank,
        notes: d.note ? [...p.notes, d.note] : p.notes,
      });
    });
  }
  applicants.sort(
    (a, b) =>
      order(a) - order(b) ||
      (b.final && a.final ? b.final.compare(a.final) : 0) ||
      a.applicant.localeCompare(b.applicant, "zh"),
  );
  return { applicants, problems, divergences, used };
}

function order(a: ApplicantResult): number {
  return a.rank ?? a.wouldBeRank ?? Number.MAX_SAFE_INTEGER;
}

function newer(a: ReturnedSheet, b: ReturnedSheet): boolean {
  if (a.savedAt && b.savedAt && a.savedAt !== b.savedAt) return a.savedAt > b.savedAt;
  return a.file > b.file;
}

/** Items where the panel's maturities fall in different bands or spread more than the limit. */
function diverge(
  applicant: string,
  stage: StageId,
  sheets: ReturnedSheet[],
  info: RubricInfo,
  limit: number,
): Divergence[] {
  if (sheets.length < 2) return [];
  const out: Divergence[] = [];
  const codes = sheets[0].items.map((i) => i.code);
  for (const code of codes) {
    const values = sheets
      .map((s) => ({ expert: s.expert, item: s.items.find((i) => i.code === code) }))
      .filter((x): x is { expert: string; item: ReturnedSheet["items"][number] } => !!x.item && x.item.value !== null)
      .map((x) => ({ expert: x.expert, value: x.item.value as number, points: x.item.points }));
    if (values.length < 2) continue;
    // Points rubrics: the spread is measured as a share of the item's maximum, in percentage points.
    const asPercent = values.map((v) => (info.scoring === "points" ? (v.value / v.points) * 100 : v.value));
    const spread = Math.max(...asPercent) - Math.min(...asPercent);
    const bands =
      info.scoring === "maturity" ? [...new Set(values.map((v) => bandOf(info.scale, v.value)?.band ?? 0))].sort() : [];
    const byBand = bands.length > 1;
    const bySpread = spread > limit;
    if (byBand || bySpread)
      out.push({
        applicant,
        stage,
        code,
        values: values.map(({ expert, value }) => ({ expert, value })),
        spread,
        bands,
        reason: byBand && bySpread ? "both" : byBand ? "bands" : "spread",
      });
  }
  return out;
}
