// The secretariat's aggregation: from every returned scoring sheet (already re-scored by the engine) to one
// decision per applicant. Problems are reported, never hidden: every sheet left out is named with the reason.
import { exact, type Exact } from "./exact";
import { aggregatePanel, type PanelResult } from "./panel";
import { panelDiagnostics, type ItemValue, type PanelDiagnostics } from "./panel-stats";
import {
  bonusPoints,
  checkPublic,
  decide,
  finalScore,
  reachesAdvance,
  thresholdsOf,
  type RunStage,
  type Status,
  type Thresholds,
} from "./rules";
import { formatScore } from "./exact";
import { msg, type Message } from "./messages";
import type { PanelMethod, RankBy, RuleSet, Scale, StageId } from "./types";
import { isVetoed, vetoStateOf, type VetoDecision, type VetoState } from "./veto";
import { bandOf } from "./scale";
import { checkRosterEntry } from "./roster";
import { sameExperts, stageScoring, type ConsensusSheet } from "./consensus";
import { nameKey } from "./names";
import { compareCopies, newestCopies } from "./copies";

/** One returned workbook, as the reader and the engine found it. */
export interface ReturnedSheet {
  file: string;
  rubricId: string;
  applicant: string;
  expert: string;
  stage: StageId;
  /** When the expert last saved it (ISO time); the newer of two sheets by the same expert counts. */
  savedAt: string | null;
  /** The file's modification time (ISO): the tie-breaker at the same save time (src/core/copies.ts). */
  modifiedAt?: string | null;
  /** Total recomputed by the engine from the inputs. */
  total: Exact;
  complete: boolean;
  /** Per item: the entered value (percent or points) when valid. */
  items: {
    code: string;
    points: number;
    value: number | null;
    strengths?: string;
    opportunities?: string;
    /** Why the entry is not valid or not given, naming its cell (the engine's message). */
    problem?: Message;
  }[];
  vetoes: { id: string; text: string; flagged: boolean; note: string }[];
  conflictDeclared: boolean;
  conflictNote?: string;
  /** Bonus condition ids the expert confirmed. */
  bonusConfirmed: string[];
  /** Problems that make the sheet unusable (tampering, wrong rubric, invalid or missing entries …). */
  blocking: Message[];
  /** The review round the workbook was generated for (`scorebook round generate`), when it was. */
  roundId?: string | null;
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
  /** The secretariat's decision on a veto flag (资格审查): 确认否决 / 不予否决; absent while pending. */
  veto?: VetoDecision;
}

/**
 * The spread of maturities (percentage points) above which an item goes to the consensus discussion (合议) when the
 * secretariat sets none. The award sources set no limit: a Scorebook default, adjustable on the 参数 sheet.
 */
export const DIVERGENCE_LIMIT = 20;

/**
 * Experts this many bands apart disagree (合议). Neighbouring values across a band edge (65 % and 70 %) are one band
 * apart and no disagreement: a Scorebook default, like the spread limit.
 */
export const DIVERGENCE_BANDS = 2;

export interface AggregateOptions {
  method?: PanelMethod;
  materialWeight?: Exact;
  thresholds?: Partial<Thresholds>;
  /** Spread of maturities (percentage points) above which an item is listed for the consensus discussion. */
  divergence?: number;
  /** final (default): the whole review; material: the material stage only, giving the advance list. */
  stage?: RunStage;
  /** One ranking per rule set, or per rubric (sector); default: the rule set's rankBy. */
  rankBy?: RankBy;
}

export interface SheetProblem {
  file: string;
  applicant?: string;
  code: string;
  /** Why, in Chinese (what the summary's 问题 sheet shows). */
  reason: string;
  /** Why, in English (the pane in en-US, the CLI's JSON). */
  en: string;
}

/** A problem row from one message of the catalogue (src/core/messages.ts). */
const byFileCache = new WeakMap<readonly ReturnedSheet[], Map<string, ReturnedSheet>>();

/**
 * The sheets of `used` whose files are `files`, in that order (a file not used is left out): what a stage's panel
 * holds. One index by file per `used` array, so that the summary's sheets (明细, 反馈, 报告数据) look each panel up
 * at once rather than scanning every used sheet for every file (1,000 workbooks: a million comparisons per sheet).
 */
export function sheetsOfFiles(used: readonly ReturnedSheet[], files: readonly string[]): ReturnedSheet[] {
  let index = byFileCache.get(used);
  if (!index || index.size > used.length) {
    index = new Map();
    for (const u of used) if (!index.has(u.file)) index.set(u.file, u);
    byFileCache.set(used, index);
  }
  const out: ReturnedSheet[] = [];
  for (const f of files) {
    // Built when `used` was shorter (a sheet pushed since): looked up again, then the index renewed.
    let u = index.get(f);
    if (!u) {
      u = used.find((x) => x.file === f);
      if (u) byFileCache.delete(used);
    }
    if (u) out.push(u);
  }
  return out;
}

export function sheetProblem(file: string, message: Message, applicant?: string): SheetProblem {
  return {
    file,
    ...(applicant !== undefined ? { applicant } : {}),
    code: message.code,
    reason: message.zh,
    en: message.en,
  };
}

export interface StageResult {
  experts: string[];
  files: string[];
  totals: Exact[];
  score: Exact | null;
  panel: PanelResult | null;
  /** How the score was formed: the panel method used, or "consensus" (the group's consensus workbook). */
  method: PanelMethod | "consensus";
  /** The consensus workbook whose total is the score (method "consensus"). */
  consensus: ConsensusSheet | null;
  /** Mean, trimmed mean, median, z-scores and agreement of the counted experts: diagnostics, never the score. */
  diagnostics: PanelDiagnostics;
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
  /** Excluded as vetoed: flagged (until the secretariat decides) or confirmed. */
  vetoed: boolean;
  /** null: no flag; flagged: 否决待核实; confirmed: 确认否决; cleared: 不予否决. */
  veto: VetoState;
  vetoFlags: VetoFlag[];
  /** The ranking this applicant is in: the rule set id, or rule set and rubric ids when ranked by rubric. */
  group: string;
  /** The thresholds the verdict was decided with (the rule set's, or the run's overrides). */
  thresholds: Thresholds;
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
  /** Which run this is (final unless material was asked for). */
  stage: RunStage;
  /** The consensus workbooks whose totals became a stage's score. */
  consensus: ConsensusSheet[];
}

export interface RubricInfo {
  rules: RuleSet;
  /** The rubric's name, in problems a person reads (the id where absent). */
  title?: { zh: string; en?: string };
  scale: Scale;
  scoring: "maturity" | "points";
}

/**
 * Per sheet, the value each item is ranked by for the panel's agreement (Kendall's W), in the first sheet's item
 * order: the maturity percent, or (points rubrics) the share of the item's points given.
 */
function itemValues(sheets: readonly ReturnedSheet[], scoring: "maturity" | "points"): ItemValue[][] {
  if (!sheets.length) return [];
  const codes = sheets[0].items.map((i) => i.code);
  return sheets.map((s) => {
    const byCode = new Map(s.items.map((i) => [i.code, i]));
    return codes.map((c) => {
      const it = byCode.get(c);
      if (!it || it.value === null) return null;
      return scoring === "points" ? exact(it.value).div(it.points || 1) : it.value;
    });
  });
}

/** Names are compared by the one canonical key (src/core/names.ts). */
const key = nameKey;

/** Excel's limit on the text of one cell (the summary cuts longer comments, and says so). */
export const CELL_TEXT_LIMIT = 32000;

export function aggregate(
  sheets: readonly ReturnedSheet[],
  rubricOf: (id: string) => RubricInfo | undefined,
  roster: readonly RosterEntry[] = [],
  options: AggregateOptions = {},
  consensusSheets: readonly ConsensusSheet[] = [],
): AggregateResult {
  const problems: SheetProblem[] = [];
  const known: ReturnedSheet[] = [];
  const runStage: RunStage = options.stage ?? "final";
  const consensus = pickConsensus(consensusSheets, problems);
  const consensusUsed: ConsensusSheet[] = [];
  const consensusSeen = new Set<ConsensusSheet>();
  for (const s of sheets) {
    if (runStage === "material" && s.stage === "onsite")
      problems.push(sheetProblem(s.file, msg.stageExcluded(s.expert), s.applicant));
    else if (rubricOf(s.rubricId)) known.push(s);
    else problems.push(sheetProblem(s.file, msg.unknownRubric(s.rubricId), s.applicant));
  }
  // One expert's copies for one applicant and stage (by canonical name keys): which one counts is decided over every
  // copy, usable or not, so that an invalid newer copy never lets an older one in without a word.
  const copies = new Map<string, ReturnedSheet[]>();
  for (const s of known) {
    const k = [key(s.applicant), s.stage, key(s.expert)].join("\u0000");
    copies.set(k, [...(copies.get(k) ?? []), s]);
  }
  const chosen: ReturnedSheet[] = [];
  for (const group of copies.values()) chosen.push(...chooseCopy(group, problems));
  // Mixed rubrics for one applicant: the rubric most of its workbooks use counts, the others are named; a tie counts
  // none. Decided on counts and ids, never on file order.
  const byRubric = new Map<string, Map<string, ReturnedSheet[]>>();
  for (const s of chosen) {
    const m = byRubric.get(key(s.applicant)) ?? new Map<string, ReturnedSheet[]>();
    m.set(s.rubricId, [...(m.get(s.rubricId) ?? []), s]);
    byRubric.set(key(s.applicant), m);
  }
  const used: ReturnedSheet[] = [];
  const rubricChoice = new Map<string, string>();
  for (const [k, m] of byRubric) {
    const ranked = [...m].sort((x, y) => y[1].length - x[1].length || (x[0] < y[0] ? -1 : 1));
    if (ranked.length === 1) {
      used.push(...ranked[0][1]);
      rubricChoice.set(k, ranked[0][0]);
      continue;
    }
    const tie = ranked[0][1].length === ranked[1][1].length;
    // Rubrics by their names, never by ids (a person reads this on the 问题 sheet and in the pane).
    const named = (id: string) => rubricOf(id)?.title ?? { zh: id, en: id };
    const counts = ranked.map(([id, xs]) => ({ name: named(id), count: xs.length }));
    if (!tie) {
      used.push(...ranked[0][1]);
      rubricChoice.set(k, ranked[0][0]);
    } else rubricChoice.set(k, ranked[0][0]);
    for (const [id, xs] of tie ? ranked : ranked.slice(1))
      for (const s of xs)
        problems.push(
          sheetProblem(
            s.file,
            tie ? msg.mixedRubricTie(counts) : msg.mixedRubric(counts, named(id), named(ranked[0][0])),
            s.applicant,
          ),
        );
  }
  used.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  // A sheet that counts can still need a word: its formulas were not recalculated (the figures are the engine's).
  for (const s of used)
    for (const n of s.notices ?? []) problems.push(sheetProblem(s.file, msg.countedWithNotice(n), s.applicant));
  for (const s of used)
    for (const i of s.items)
      for (const [what, text] of [
        ["strengths", i.strengths],
        ["opportunities", i.opportunities],
      ] as const)
        if (text && text.length > CELL_TEXT_LIMIT)
          problems.push(
            sheetProblem(
              s.file,
              msg.commentTruncated(s.expert, i.code, what, text.length, CELL_TEXT_LIMIT),
              s.applicant,
            ),
          );

  const byApplicant = new Map<string, ReturnedSheet[]>();
  for (const s of used) byApplicant.set(key(s.applicant), [...(byApplicant.get(key(s.applicant)) ?? []), s]);
  // Applicants known only from the roster, or whose every sheet was left out, still get a row.
  // One display name per key, whatever the file order: the roster's spelling, else the shortest as written (then the
  // first in code-point order), so that 甲公司 shows rather than 甲 公司.
  const allNames = new Map<string, string>();
  for (const s of [...sheets].map((x) => shownName(x.applicant)).sort(byShown))
    if (!allNames.has(key(s))) allNames.set(key(s), s);
  for (const r of roster) allNames.set(key(r.applicant), shownName(r.applicant));
  problems.push(...nameProblems(sheets, roster));

  const divergences: Divergence[] = [];
  // Sheets left out by the stage gate (named as problems; not among the workbooks counted).
  const notCounted = new Set<ReturnedSheet>();
  const partial: (Omit<ApplicantResult, "status" | "rank" | "wouldBeRank"> & { publicMissing: boolean })[] = [];
  for (const [k, name] of allNames) {
    const mine = byApplicant.get(k) ?? [];
    const anySheet = sheets.find((s) => key(s.applicant) === k);
    const rubricId = rubricChoice.get(k) ?? anySheet?.rubricId ?? "";
    const info = rubricOf(rubricId);
    const sameRubric = mine.filter((s) => s.rubricId === rubricId);
    const notes: Message[] = [];
    const stage = (id: StageId, from: readonly ReturnedSheet[] = sameRubric): StageResult => {
      const st = from.filter((s) => s.stage === id);
      const totals = st.map((s) => s.total);
      const panel = st.length ? aggregatePanel(totals, options.method ?? info?.rules.panelMethod ?? "mean") : null;
      if (panel?.note) {
        notes.push(panel.note);
        // A panel smaller than the method needs (a trimmed mean of fewer than 3) is a problem to see, not only a note.
        if (panel.note.code === "trimmed-fallback")
          problems.push(sheetProblem("", msg.panelSmall(name, id, st.length), name));
      }
      let score = panel?.value ?? null;
      let method: StageResult["method"] = panel?.used ?? options.method ?? info?.rules.panelMethod ?? "mean";
      const c = consensus.get(`${nameKey(name)}\u0000${id}`) ?? null;
      let usedConsensus: ConsensusSheet | null = null;
      if (c) {
        consensusSeen.add(c);
        const counted = st.map((s) => s.expert);
        if (!info || c.rubricId !== rubricId)
          problems.push(sheetProblem(c.file, msg.consensusRubric(c.rubricId, name, rubricId), name));
        else if (stageScoring(info.rules, id) === "panel")
          problems.push(sheetProblem(c.file, msg.consensusNotUsed(info.rules.name, id), name));
        else if (!sameExperts(c.experts, counted))
          problems.push(sheetProblem(c.file, msg.consensusExperts(c.experts, counted, id), name));
        else {
          score = c.total;
          method = "consensus";
          usedConsensus = c;
          consensusUsed.push(c);
        }
      }
      return {
        experts: st.map((s) => s.expert),
        files: st.map((s) => s.file),
        totals,
        score,
        panel,
        method,
        consensus: usedConsensus,
        diagnostics: panelDiagnostics(totals, itemValues(st, info?.scoring ?? "maturity")),
      };
    };
    const rules = info?.rules;
    const thresholds = rules ? thresholdsOf(rules, options.thresholds) : { advance: null, final: null, topN: null };
    const material = stage("material");
    // The stage gate (河北 四（四）3: only applicants whose material score reaches the line go on to the on-site
    // review): on-site workbooks of an applicant below the line are not counted, each named, and no final follows.
    const gated = runStage === "final" && !!material.score && !reachesAdvance(material.score, thresholds);
    if (gated)
      for (const s of sameRubric.filter((x) => x.stage === "onsite"))
        problems.push(
          sheetProblem(
            s.file,
            msg.notAdvancedOnsite(
              s.expert,
              name,
              formatScore(material.score!, [thresholds.advance]),
              formatScore(thresholds.advance!),
            ),
            name,
          ),
        );
    const counted = gated ? sameRubric.filter((s) => s.stage !== "onsite") : sameRubric;
    for (const s of sameRubric) if (!counted.includes(s)) notCounted.add(s);
    const onsite = stage("onsite", counted);
    if (info) {
      for (const st of ["material", "onsite"] as const)
        divergences.push(
          ...diverge(
            name,
            st,
            counted.filter((s) => s.stage === st),
            info,
            options.divergence ?? DIVERGENCE_LIMIT,
          ),
        );
    }
    const rosterEntry = roster.find((r) => key(r.applicant) === k);
    if (rules && rosterEntry)
      for (const m of checkRosterEntry(rules, rosterEntry)) problems.push(sheetProblem("名单", m, name));
    let bonus = exact(0);
    if (rules?.bonus) {
      if (rosterEntry?.bonus !== undefined) {
        const b = rosterEntry.bonus;
        bonus = Array.isArray(b) ? bonusPoints(rules, b) : b ? exact(rules.bonus.points) : exact(0);
      } else {
        // Without a roster decision, a condition counts when most of the applicant's experts confirmed it.
        const counts = new Map<string, number>();
        for (const s of counted) for (const c of new Set(s.bonusConfirmed)) counts.set(c, (counts.get(c) ?? 0) + 1);
        const met = [...counts].filter(([, n]) => n * 2 > counted.length).map(([c]) => c);
        bonus = bonusPoints(rules, met);
      }
    }
    let pub: Exact | null = null;
    // A score given but outside its range is named as such (and noted on the applicant), never as a missing one.
    let publicBad: Message | null = null;
    if (rules?.publicSatisfaction) {
      pub = rosterEntry?.public ?? null;
      publicBad = pub ? checkPublic(rules, pub) : null;
      if (publicBad) {
        problems.push(sheetProblem("名单", publicBad, name));
        notes.push(publicBad);
        pub = null;
      }
    }
    const vetoFlags: VetoFlag[] = counted.flatMap((s) =>
      s.vetoes
        .filter((v) => v.flagged)
        .map((v) => ({ expert: s.expert, file: s.file, stage: s.stage, id: v.id, text: v.text, note: v.note })),
    );
    const publicMissing = !!rules?.publicSatisfaction && pub === null;
    const final =
      rules && material.score && onsite.score && !publicMissing
        ? finalScore(rules, {
            material: material.score,
            onsite: onsite.score,
            bonus,
            public: pub ?? undefined,
            materialWeight: options.materialWeight,
          })
        : null;
    const advanced = !!material.score && !(thresholds.advance && material.score.lt(thresholds.advance));
    if (runStage === "final" && advanced && onsite.score && publicMissing && !publicBad)
      problems.push(sheetProblem("名单", msg.noPublic(name, rules?.publicSatisfaction?.max), name));
    if (runStage === "final" && advanced && !onsite.score) problems.push(sheetProblem("", msg.noOnsite(name), name));
    if (!material.score && sheets.some((s) => key(s.applicant) === k))
      problems.push(sheetProblem("", msg.noMaterial(name), name));
    if (!anySheet) problems.push(sheetProblem("名单", msg.noSheets(name), name));
    partial.push({
      applicant: name,
      rubricId,
      material,
      onsite,
      bonus,
      public: pub,
      final,
      vetoed: isVetoed(vetoStateOf(vetoFlags.length > 0, rosterEntry?.veto)),
      veto: vetoStateOf(vetoFlags.length > 0, rosterEntry?.veto),
      vetoFlags,
      group: rules ? rankingGroup(rules, rubricId, options.rankBy) : "",
      publicMissing,
      notes,
      thresholds,
    });
  }

  for (const c of consensus.values())
    if (!consensusSeen.has(c)) problems.push(sheetProblem(c.file, msg.consensusUnmatched(c.applicant), c.applicant));

  // Rank within each rule set (organisations and individuals are ranked separately, each with its own top N), or
  // within each rubric where the rule set (or the secretariat) ranks sectors apart.
  const applicants: ApplicantResult[] = [];
  const groups = new Map<string, typeof partial>();
  for (const p of partial) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  for (const group of groups.values()) {
    const t = group[0].thresholds;
    const decisions = decide(
      group.map((p) => ({
        id: p.applicant,
        vetoed: p.vetoed,
        vetoPending: p.veto === "flagged",
        publicMissing: p.publicMissing,
        material: p.material.score,
        onsite: p.onsite.score,
        final: p.final,
      })),
      t,
      runStage,
    );
    group.forEach((p, i) => {
      const d = decisions[i];
      const { publicMissing: _p, ...rest } = p;
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
      (runStage === "material"
        ? b.material.score && a.material.score
          ? b.material.score.compare(a.material.score)
          : 0
        : b.final && a.final
          ? b.final.compare(a.final)
          : 0) ||
      a.applicant.localeCompare(b.applicant, "zh"),
  );
  return {
    applicants,
    problems,
    divergences,
    used: used.filter((s) => !notCounted.has(s)),
    stage: runStage,
    consensus: consensusUsed,
  };
}

/**
 * An applicant's scores as shown to a person (summary, pane, terminal): the one display rule (formatScore), the
 * material score against the advance threshold and the final score against the nomination threshold.
 */
export function shownScores(a: Pick<ApplicantResult, "material" | "onsite" | "final" | "thresholds">): {
  material: string | null;
  onsite: string | null;
  final: string | null;
} {
  const f = (x: Exact | null, t: Exact | null) => (x === null ? null : formatScore(x, [t]));
  return {
    material: f(a.material.score, a.thresholds.advance),
    onsite: f(a.onsite.score, null),
    final: f(a.final, a.thresholds.final),
  };
}

/** The ranking an applicant is in: its rule set, or its rule set and rubric when sectors are ranked apart. */
export function rankingGroup(rules: RuleSet, rubricId: string, override?: RankBy): string {
  return (override ?? rules.rankBy ?? "rule-set") === "rubric" ? `${rules.id}/${rubricId}` : rules.id;
}

/**
 * The usable consensus workbook per applicant and stage: incomplete or invalid ones are problems; of two for the
 * same applicant and stage the newer counts and both are named.
 */
function pickConsensus(sheets: readonly ConsensusSheet[], problems: SheetProblem[]): Map<string, ConsensusSheet> {
  const out = new Map<string, ConsensusSheet>();
  for (const c of sheets) {
    if (c.blocking.length > 0 || !c.complete) {
      problems.push(sheetProblem(c.file, msg.consensusInvalid(c.blocking), c.applicant));
      continue;
    }
    const k = `${nameKey(c.applicant)}\u0000${c.stage}`;
    const prev = out.get(k);
    if (!prev) {
      out.set(k, c);
      continue;
    }
    // The one decision between copies; at the same save and file time, the first by file name (never file order).
    const keep = compareCopies(c, prev) > 0 || (compareCopies(c, prev) === 0 && c.file > prev.file) ? c : prev;
    const drop = keep === c ? prev : c;
    out.set(k, keep);
    problems.push(sheetProblem(drop.file, msg.consensusDuplicate(drop.file, keep.file), c.applicant));
  }
  return out;
}

function order(a: ApplicantResult): number {
  return a.rank ?? a.wouldBeRank ?? Number.MAX_SAFE_INTEGER;
}

/** A name as shown: as written (full-width brackets stay), without format characters or runs of white space. */
const shownName = (s: string) =>
  s
    .replace(/\p{Cf}/gu, "")
    .replace(/[\p{Z}\s]+/gu, " ")
    .trim();
const byShown = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** A looser key than nameKey: also without punctuation and symbols, so that （甲）公司 and 甲公司 meet. */
const looseKey = (name: string) => nameKey(name).replace(/[\p{P}\p{S}]/gu, "");

/**
 * Names that are not the same (different keys) but nearly so: two applicants, or two experts, whose names differ
 * only in punctuation or brackets; they are counted apart, and named so that the secretariat can unify them. With a
 * roster, every applicant whose workbooks match no roster row is named.
 */
function nameProblems(sheets: readonly ReturnedSheet[], roster: readonly RosterEntry[]): SheetProblem[] {
  const out: SheetProblem[] = [];
  const near = (who: "applicant" | "expert", names: string[]) => {
    const byLoose = new Map<string, Map<string, string>>();
    for (const n of [...names].map(shownName).sort(byShown)) {
      const l = looseKey(n);
      if (!l) continue;
      const m = byLoose.get(l) ?? new Map<string, string>();
      if (!m.has(key(n))) m.set(key(n), n);
      byLoose.set(l, m);
    }
    for (const m of byLoose.values())
      if (m.size > 1) {
        const shown = [...m.values()];
        out.push(sheetProblem("", msg.similarNames(who, shown), who === "applicant" ? shown[0] : undefined));
      }
  };
  near("applicant", [...sheets.map((s) => s.applicant), ...roster.map((r) => r.applicant)]);
  near(
    "expert",
    sheets.map((s) => s.expert),
  );
  if (roster.length) {
    const inRoster = new Set(roster.map((r) => key(r.applicant)));
    const missing = new Map<string, { name: string; files: string[] }>();
    for (const s of [...sheets].sort((x, y) => (x.file < y.file ? -1 : 1))) {
      const k = key(s.applicant);
      if (inRoster.has(k)) continue;
      const m = missing.get(k) ?? { name: shownName(s.applicant), files: [] };
      m.files.push(s.file);
      missing.set(k, m);
    }
    for (const m of missing.values())
      out.push(sheetProblem(m.files.join("、"), msg.notInRoster(m.name, m.files.length), m.name));
  }
  return out;
}

/** Why a sheet cannot be counted on its own (a declared conflict, blocking problems, incomplete), or null. */
function ownProblem(s: ReturnedSheet): SheetProblem | null {
  if (s.conflictDeclared)
    return sheetProblem(s.file, msg.declaredConflict(s.expert, s.conflictNote ?? ""), s.applicant);
  if (s.blocking.length > 0) return sheetProblem(s.file, msg.notCounted(s.blocking), s.applicant);
  if (!s.complete) {
    const open = s.items
      .filter((i) => i.value === null)
      .map((i) => i.problem ?? { code: "missing", zh: `${i.code}：未评分`, en: `${i.code}: not scored` });
    return sheetProblem(s.file, msg.incompleteSheet(s.expert, open), s.applicant);
  }
  return null;
}

/** Two copies with the same content (the same file copied or renamed): counting one is counting the other. */
function sameContent(a: ReturnedSheet, b: ReturnedSheet): boolean {
  return copyContent(a) === copyContent(b);
}

/** What two copies must share to be the same copy (`round status` compares copies by it too). */
export function copyContent(s: ReturnedSheet): string {
  return JSON.stringify([
    s.rubricId,
    s.total.toFraction(),
    s.items.map((i) => [i.code, i.value, i.strengths ?? "", i.opportunities ?? ""]),
    s.vetoes.map((v) => [v.id, v.flagged, v.note]),
    s.bonusConfirmed,
    s.conflictDeclared,
    s.blocking.map((m) => m.code),
  ]);
}

/**
 * Which of one expert's copies (same applicant and stage) counts; every other copy gets a problem row. The newest by
 * the time it was saved decides, then by the file's modification time (the one rule, src/core/copies.ts, that
 * `round status` uses too). Copies with the same times (or without) are not "newer" than each other:
 * identical ones count once, differing ones count none. When the newest cannot be counted, the newest older copy
 * that can is used, and the row says so; a conflict declared in the newest copy stands (no older copy is used).
 */
function chooseCopy(group: readonly ReturnedSheet[], problems: SheetProblem[]): ReturnedSheet[] {
  const byFile = (x: ReturnedSheet, y: ReturnedSheet) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0);
  if (group.length === 1) {
    const p = ownProblem(group[0]);
    if (p) problems.push(p);
    return p ? [] : [group[0]];
  }
  // The one decision between copies (src/core/copies.ts): save time, then file time; ties are "the newest" together.
  const { top, older } = newestCopies(group);
  const s0 = top[0];
  const who = { expert: s0.expert, applicant: s0.applicant, stage: s0.stage };
  const fileList = [...top, ...older].map((x) => x.file);
  let winner: ReturnedSheet | null = null;
  if (top.length > 1 && !top.every((x) => sameContent(x, top[0]))) {
    for (const x of top)
      problems.push(
        sheetProblem(
          x.file,
          msg.duplicateUndecided(
            who,
            top.map((t) => t.file),
            !!s0.savedAt,
          ),
          x.applicant,
        ),
      );
    for (const x of older) problems.push(sheetProblem(x.file, msg.olderCopy(who), x.applicant));
    return [];
  }
  const newest = [...top].sort(byFile)[0];
  for (const x of top)
    if (x !== newest)
      problems.push(
        sheetProblem(
          x.file,
          msg.sameCopy(
            who,
            top.map((t) => t.file),
            newest.file,
          ),
          x.applicant,
        ),
      );
  const own = ownProblem(newest);
  if (!own) winner = newest;
  else {
    problems.push(own);
    if (!newest.conflictDeclared) {
      // The newest older copy that can be counted stands in, and says so.
      winner = older.find((x) => ownProblem(x) === null) ?? null;
    }
  }
  for (const x of older) {
    if (x === winner) problems.push(sheetProblem(x.file, msg.olderCopyUsed(who, newest.file, x.file), x.applicant));
    else
      problems.push(sheetProblem(x.file, msg.supersededCopy(who, fileList, winner?.file ?? newest.file), x.applicant));
  }
  if (own && !winner)
    problems.push(sheetProblem(newest.file, msg.noCopyUsed(who, fileList, newest.conflictDeclared), newest.applicant));
  return winner ? [winner] : [];
}

/**
 * The spread of one item's values across a panel, in percentage points (the divergence rule, 明细 and the consensus
 * workbook all measure it so): maturities directly; points as a share of the item's maximum.
 */
export function itemSpread(
  values: readonly { value: number; points: number }[],
  scoring: "maturity" | "points",
): number {
  const asPercent = values.map((v) => (scoring === "points" ? (v.value / v.points) * 100 : v.value));
  return Math.max(...asPercent) - Math.min(...asPercent);
}

/** Items where the panel's maturities are DIVERGENCE_BANDS or more bands apart or spread more than the limit. */
export function diverge(
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
    const spread = itemSpread(values, info.scoring);
    const bands =
      info.scoring === "maturity" ? [...new Set(values.map((v) => bandOf(info.scale, v.value)?.band ?? 0))].sort() : [];
    const byBand = bands.length > 1 && Math.max(...bands) - Math.min(...bands) >= DIVERGENCE_BANDS;
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
