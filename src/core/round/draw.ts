// The draw (抽取专家): panels (or expert groups, 专家组) per stage from the pool, honouring every conflict (回避:
// declared, same employer, same place), the stages an expert takes part in, the specialty, and the load limit; on-site
// experts differ from the material ones where the pool allows; one leader (组长) per panel.
//
// Fair and reproducible: an expert's chance comes from a keyed hash of (seed, panel, expert name) — never from the
// order of rows — and among the experts still free the least loaded go first, so work spreads evenly. Panels are filled
// most-constrained first; when a panel cannot be filled, experts are moved along an augmenting path (as in bipartite
// matching) before the draw is declared impossible, so "infeasible" means no valid draw exists for that panel.
import { nameKey } from "../names";
import type { StageId } from "../types";
import type { Library } from "../rubric/registry";
import { keyed } from "./random";
import { STAGE_ZH } from "./params";
import type {
  Assignment,
  DeclaredConflict,
  DrawResult,
  Exclusion,
  PanelAudit,
  PoolExpert,
  RoundApplicant,
  RoundInput,
  RoundProblem,
} from "./types";

interface Unit {
  group: string;
  stage: StageId;
  applicants: RoundApplicant[];
  size: number;
  /** Workbooks one member reviews (one per applicant). */
  weight: number;
  eligible: PoolExpert[];
  excluded: Exclusion[];
  drawn: PoolExpert[];
}

const ANY = new Set(["不限", "全部", "any", "all"].map(nameKey));

// nameKey (NFKC) of the same few hundred names is asked for millions of times in a large draw: remembered.
const keys = new Map<string, string>();
function ck(name: string): string {
  let k = keys.get(name);
  if (k === undefined) {
    if (keys.size > 100_000) keys.clear();
    keys.set(name, (k = nameKey(name)));
  }
  return k;
}

/** Why an expert may not review an applicant in a stage (the first reason), or null. */
export function exclusionOf(
  e: PoolExpert,
  a: RoundApplicant,
  stage: StageId,
  input: RoundInput,
  lib?: Library,
): Exclusion | null {
  const p = input.params;
  const ek = ck(e.name);
  const ak = ck(a.name);
  const out = (code: Exclusion["code"], reason: string): Exclusion => ({ expert: e.name, code, reason });
  if (e.stages.length && !e.stages.includes(stage)) return out("stage", `不参加${STAGE_ZH[stage]}`);
  if (ek === ak) return out("declared", "专家本人即申报者");
  const declared = declaredOf(input).get(`${ek}\u0000${ak}`);
  if (declared)
    return out(
      "declared",
      `声明回避（${a.name}${declared.reason ? `：${declared.reason}` : ""}，回避!第 ${declared.at.row} 行）`,
    );
  if (p.sameEmployer && e.employer) {
    const k = ck(e.employer);
    if (k === ak || (a.employer && k === ck(a.employer)))
      return out("same-employer", `与 ${a.name} 同单位（${e.employer}）`);
  }
  if (p.samePlace && e.place && a.place && ck(e.place) === ck(a.place))
    return out("same-place", `与 ${a.name} 同地（${e.place}）`);
  if (e.specialties.length && !e.specialties.some((s) => ANY.has(ck(s)))) {
    const title = lib?.get(a.rubricId)?.rubric.title.zh;
    const wanted = [a.sector, a.rubricId, title].filter((x): x is string => !!x).map(nameKey);
    if (!e.specialties.some((s) => wanted.includes(ck(s))))
      return out(
        "specialty",
        `专业领域（${e.specialties.join("、")}）与 ${a.name} 的${a.sector ? `行业（${a.sector}）` : "评分标准"}不符`,
      );
  }
  return null;
}

// The declared conflicts of an input by expert and applicant key, built once per input.
const declaredCache = new WeakMap<readonly DeclaredConflict[], Map<string, DeclaredConflict>>();
function declaredOf(input: RoundInput): Map<string, DeclaredConflict> {
  let m = declaredCache.get(input.conflicts);
  if (!m) {
    m = new Map();
    for (const c of input.conflicts) {
      const k = `${ck(c.expert)}\u0000${ck(c.applicant)}`;
      if (!m.has(k)) m.set(k, c);
    }
    declaredCache.set(input.conflicts, m);
  }
  return m;
}

const pad = (n: number) => String(n).padStart(2, "0");
const byKey = (a: { name: string }, b: { name: string }) =>
  ck(a.name) < ck(b.name) ? -1 : ck(a.name) > ck(b.name) ? 1 : 0;

/** The panels (units) of one stage: one per applicant, or expert groups of `groupSize` applicants of one rubric. */
function unitsOf(stage: StageId, applicants: RoundApplicant[], input: RoundInput): Unit[] {
  const p = input.params;
  const mine = applicants.filter((a) => (a.stages ?? p.stages).includes(stage)).sort(byKey);
  const groups: RoundApplicant[][] = [];
  if (p.groupSize <= 1) for (const a of mine) groups.push([a]);
  else {
    const rubrics = [...new Set(mine.map((a) => a.rubricId))].sort();
    for (const r of rubrics) {
      // Which applicants share a group is part of the draw too: by the seed, not by row order.
      const xs = mine
        .filter((a) => a.rubricId === r)
        .sort((a, b) => keyed(p.seed, "group", stage, ck(a.name)) - keyed(p.seed, "group", stage, ck(b.name)));
      for (let i = 0; i < xs.length; i += p.groupSize) groups.push(xs.slice(i, i + p.groupSize));
    }
  }
  const prefix = stage === "material" ? "材料" : "现场";
  return groups.map((g, i) => ({
    group: `${prefix}-${pad(i + 1)}`,
    stage,
    applicants: g,
    size: p.panelSize[stage],
    weight: g.length,
    eligible: [],
    excluded: [],
    drawn: [],
  }));
}

export function draw(input: RoundInput, lib?: Library): DrawResult {
  const p = input.params;
  const problems: RoundProblem[] = [];
  const experts = [...input.experts].sort(byKey);
  const kept = (input.kept ?? []).filter((k) => !p.stages.includes(k.stage));
  const load = new Map<PoolExpert, number>(experts.map((e) => [e, 0]));
  const byName = new Map(experts.map((e) => [ck(e.name), e]));
  for (const k of kept) {
    const e = byName.get(ck(k.expert));
    if (e) load.set(e, (load.get(e) ?? 0) + 1);
  }
  const free = (e: PoolExpert, w: number) => p.maxLoad === 0 || (load.get(e) ?? 0) + w <= p.maxLoad;

  const units: Unit[] = [];
  for (const stage of (["material", "onsite"] as const).filter((s) => p.stages.includes(s)))
    units.push(...unitsOf(stage, input.applicants, input));

  for (const u of units) {
    for (const e of experts) {
      const why = u.applicants.map((a) => exclusionOf(e, a, u.stage, input, lib)).find((x) => x !== null);
      if (why) u.excluded.push(why);
      else u.eligible.push(e);
    }
    if (p.maxLoad > 0 && u.weight > p.maxLoad)
      problems.push(fail(u, `专家组评审 ${u.weight} 个申报者，超过每位专家最多评审数 ${p.maxLoad}`, "load"));
    else if (u.eligible.length < u.size)
      problems.push(
        fail(u, `符合条件的专家只有 ${u.eligible.length} 位，需要 ${u.size} 位（${summarise(u.excluded)}）`),
      );
  }
  if (problems.length) return { ok: false, problems };

  // Material panels of each applicant (this draw's and kept ones), for fresh on-site panels.
  const materialOf = new Map<string, Set<string>>();
  const addMaterial = (applicant: string, expert: string) => {
    const k = ck(applicant);
    if (!materialOf.has(k)) materialOf.set(k, new Set());
    materialOf.get(k)!.add(ck(expert));
  };
  for (const k of kept) if (k.stage === "material") addMaterial(k.applicant, k.expert);
  const repeats = (u: Unit, e: PoolExpert) =>
    u.stage === "onsite" && u.applicants.some((a) => materialOf.get(ck(a.name))?.has(ck(e.name)));

  const loadExcluded = new Map<Unit, Exclusion[]>();
  const tie = new Map(units.map((u) => [u, keyed(p.seed, "panel", u.group)]));
  for (const stage of ["material", "onsite"] as const) {
    const todo = new Set(units.filter((u) => u.stage === stage));
    while (todo.size) {
      // Most constrained first: the fewest free experts to spare; ties by the seed.
      let next: Unit | null = null;
      let best = Infinity;
      for (const u of todo) {
        let slack = -u.size;
        for (const e of u.eligible) if (free(e, u.weight)) slack++;
        if (slack < best || (slack === best && next && tie.get(u)! < tie.get(next)!)) {
          best = slack;
          next = u;
        }
      }
      const u = next!;
      todo.delete(u);
      const ranked = u.eligible
        .filter((e) => free(e, u.weight))
        .map((e) => ({
          e,
          repeat: p.freshOnsite && repeats(u, e) ? 1 : 0,
          load: load.get(e) ?? 0,
          key: keyed(p.seed, u.group, ck(e.name)),
        }))
        .sort((a, b) => a.repeat - b.repeat || a.load - b.load || a.key - b.key);
      loadExcluded.set(
        u,
        u.eligible
          .filter((e) => !free(e, u.weight))
          .map((e) => ({ expert: e.name, code: "load", reason: `已达每位专家最多评审数 ${p.maxLoad}` })),
      );
      for (const r of ranked.slice(0, u.size)) take(u, r.e);
      while (u.drawn.length < u.size) {
        if (!augment(u)) {
          const full = u.eligible.filter((e) => !u.drawn.includes(e)).length;
          return {
            ok: false,
            problems: [
              fail(
                u,
                `符合回避等条件的专家 ${u.eligible.length} 位，其中 ${full} 位已达每位专家最多评审数（${p.maxLoad} 份）且无法与其他专家组调换，只能抽到 ${u.drawn.length} 位，需要 ${u.size} 位`,
                "load",
              ),
            ],
          };
        }
      }
      if (u.stage === "material") for (const a of u.applicants) for (const e of u.drawn) addMaterial(a.name, e.name);
    }
  }

  function take(u: Unit, e: PoolExpert) {
    u.drawn.push(e);
    load.set(e, (load.get(e) ?? 0) + u.weight);
  }

  /**
   * One more expert for `target`: a free eligible expert joins a panel that gave one of its experts to the next panel
   * on the path, ending at the target (breadth first, so the fewest moves). Panels of both stages may trade (the load
   * limit is over the round); kept panels of an earlier draw do not.
   */
  function augment(target: Unit): boolean {
    const parent = new Map<Unit, { to: Unit; expert: PoolExpert } | null>([[target, null]]);
    const queue = [target];
    while (queue.length) {
      const u = queue.shift()!;
      const candidates = u.eligible.filter((e) => !u.drawn.includes(e));
      const spare = candidates.find((e) => free(e, u.weight));
      if (spare) {
        // Unwind: spare joins u; each expert on the path moves from its panel to the one that needed it.
        take(u, spare);
        let cur = u;
        let step = parent.get(cur);
        while (step) {
          const { to, expert } = step;
          cur.drawn.splice(cur.drawn.indexOf(expert), 1);
          load.set(expert, (load.get(expert) ?? 0) - cur.weight);
          take(to, expert);
          cur = to;
          step = parent.get(cur);
        }
        return true;
      }
      for (const e of candidates)
        for (const q of units) {
          if (q === u || parent.has(q) || !q.drawn.includes(e)) continue;
          // e may move from q to u only if its load allows the trade.
          const after = (load.get(e) ?? 0) - q.weight + u.weight;
          if (p.maxLoad > 0 && after > p.maxLoad) continue;
          parent.set(q, { to: u, expert: e });
          queue.push(q);
        }
    }
    return false;
  }
  // The material panels as finally drawn (an exchange may have changed one after the on-site draw began).
  const finalMaterial = new Map<string, Set<string>>();
  for (const k of kept) if (k.stage === "material") addTo(finalMaterial, k.applicant, k.expert);
  for (const u of units)
    if (u.stage === "material")
      for (const a of u.applicants) for (const e of u.drawn) addTo(finalMaterial, a.name, e.name);
  const finalRepeats = (u: Unit, e: PoolExpert) =>
    u.applicants.some((a) => finalMaterial.get(ck(a.name))?.has(ck(e.name)));

  // Leaders: among each panel's experts, the one who leads least often so far; ties by the seed.
  const leads = new Map<string, number>();
  const assignments: Assignment[] = [];
  const audit: PanelAudit[] = [];
  for (const u of units) {
    const leader = [...u.drawn].sort(
      (a, b) =>
        (leads.get(ck(a.name)) ?? 0) - (leads.get(ck(b.name)) ?? 0) ||
        keyed(p.seed, "leader", u.group, ck(a.name)) - keyed(p.seed, "leader", u.group, ck(b.name)),
    )[0];
    leads.set(ck(leader.name), (leads.get(ck(leader.name)) ?? 0) + 1);
    const members = [leader, ...u.drawn.filter((e) => e !== leader)];
    for (const a of u.applicants)
      for (const e of members)
        assignments.push({
          roundId: p.roundId,
          group: u.group,
          applicant: a.name,
          rubricId: a.rubricId,
          stage: u.stage,
          expert: e.name,
          leader: e === leader,
        });
    audit.push({
      group: u.group,
      stage: u.stage,
      applicants: u.applicants.map((a) => a.name),
      size: u.size,
      eligible: u.eligible.map((e) => e.name),
      excluded: [
        ...u.excluded,
        ...(loadExcluded.get(u) ?? []).filter((x) => !u.drawn.some((e) => e.name === x.expert)),
      ],
      drawn: members.map((e) => e.name),
      leader: leader.name,
      repeated: u.stage === "onsite" ? members.filter((e) => finalRepeats(u, e)).map((e) => e.name) : [],
    });
  }
  return { ok: true, assignments: [...kept, ...assignments], audit };
}

function addTo(m: Map<string, Set<string>>, applicant: string, expert: string): void {
  const k = ck(applicant);
  if (!m.has(k)) m.set(k, new Set());
  m.get(k)!.add(ck(expert));
}

function fail(u: Unit, why: string, code = "pool"): RoundProblem {
  const names = u.applicants.map((a) => a.name).join("、");
  return {
    code: `draw-${code}`,
    group: u.group,
    applicant: u.applicants[0]?.name,
    stage: u.stage,
    zh: `无法抽取 ${u.group}（${names}，${STAGE_ZH[u.stage]}）：${why}`,
    en: `cannot draw ${u.group} (${names}, ${u.stage}): ${why}`,
  };
}

const EXCLUSION_ZH: Record<Exclusion["code"], string> = {
  declared: "声明回避",
  "same-employer": "同单位回避",
  "same-place": "同地回避",
  specialty: "专业领域不符",
  stage: "不参加该阶段",
  load: "已达评审上限",
  "material-panel": "已参加材料评审",
};

/** "声明回避 2 位、同地回避 5 位" */
export function summarise(excluded: readonly Exclusion[]): string {
  const counts = new Map<Exclusion["code"], number>();
  for (const x of excluded) counts.set(x.code, (counts.get(x.code) ?? 0) + 1);
  return counts.size
    ? `排除：${[...counts].map(([c, n]) => `${EXCLUSION_ZH[c]} ${n} 位`).join("、")}`
    : "专家库人数不足";
}

export { EXCLUSION_ZH };
