// Deterministic sample scoring workbooks, as the experts would return them: generated from a rubric with the real
// layout (src/workbook) and writer (src/xlsx), filled with maturities from a seed. Used by the demo
// (scripts/demo.ts, samples/demo.json) and the aggregation benchmark (scripts/bench-aggregate.ts).
//
// Within one applicant and item, every expert picks a maturity in the same band of the scale (points rubrics: within
// one step of each other), so the panel agrees except where an event says otherwise: a veto, a divergent item, an
// incomplete workbook.
import * as fs from "fs";
import * as path from "path";
import { library, vetoAnswerFor, type RubricBundle, type StageId } from "../src/core";
import { defaultFileName } from "../src/cli/workbook";
import { buildLayout, type FormulaMode, type InitialValues } from "../src/workbook";
import { writeXlsx } from "../src/xlsx";

export interface SampleApplicant {
  name: string;
  /** Typical maturity (percent) of the applicant's answers. */
  level: number;
  /** Bonus conditions the experts confirm. */
  bonus?: string[];
  /** false: no on-site review (did not advance). */
  onsite?: boolean;
}

export interface SampleGroup {
  rubric: string;
  experts: Record<StageId, string[]>;
  applicants: SampleApplicant[];
}

export interface SampleSpec {
  createdAt: string;
  seed: number;
  groups: SampleGroup[];
  mode?: FormulaMode;
  events?: {
    veto?: { applicant: string; stage: StageId; expert: string; id: string; note: string };
    divergent?: { applicant: string; stage: StageId; expert: string; item: string; value: number };
    incomplete?: { applicant: string; stage: StageId; expert: string; items: string[] };
  };
}

export interface SampleFile {
  /** Relative path: <rubric>/<applicant>/<applicant>_<stage>_<expert>.xlsx */
  file: string;
  rubric: string;
  applicant: string;
  expert: string;
  stage: StageId;
  values: InitialValues;
}

/** A number in [0, 1) from a seed and any strings (FNV-1a, then a mulberry32 step). */
function hash(seed: number, ...parts: (string | number)[]): number {
  let h = 2166136261 ^ seed;
  for (const p of parts)
    for (const ch of `${p}\u0000`) {
      h ^= ch.codePointAt(0)!;
      h = Math.imul(h, 16777619);
    }
  let t = (h + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const STRENGTHS = [
  "建立了覆盖主要业务的{item}工作机制，方法文件化并定期评审，各部门执行一致。",
  "{item}方面有明确的目标和分解措施，近三年关键指标持续改善。",
  "在{item}上形成了有特色的做法，并在下属单位推广。",
];
const OPPORTUNITIES = [
  "{item}的方法主要在生产环节实施，尚未系统展开到服务和采购过程。",
  "{item}缺少与同行标杆的对比数据，改进多为被动响应。",
  "{item}的评估周期较长，评估结果与改进措施之间的联系不够清晰。",
];

/** The workbooks of a sample, with the values each expert entered. */
export function sampleFiles(spec: SampleSpec): SampleFile[] {
  const lib = library();
  const out: SampleFile[] = [];
  for (const g of spec.groups) {
    const bundle = lib.get(g.rubric);
    if (!bundle) throw new Error(`unknown rubric ${g.rubric}`);
    for (const a of g.applicants) {
      for (const stage of ["material", "onsite"] as const) {
        if (stage === "onsite" && a.onsite === false) continue;
        for (const expert of g.experts[stage]) {
          const values = sampleValues(spec, bundle, a, stage, expert);
          out.push({
            file: path.join(g.rubric, safe(a.name), defaultFileName(a.name, stage, expert)!),
            rubric: g.rubric,
            applicant: a.name,
            expert,
            stage,
            values,
          });
        }
      }
    }
  }
  return out;
}

function safe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 60);
}

function sampleValues(
  spec: SampleSpec,
  b: RubricBundle,
  a: SampleApplicant,
  stage: StageId,
  expert: string,
): InitialValues {
  const seed = spec.seed;
  const ev = spec.events ?? {};
  const is = (e: { applicant: string; stage: StageId; expert: string } | undefined) =>
    !!e && e.applicant === a.name && e.stage === stage && e.expert === expert;
  const entries: NonNullable<InitialValues["entries"]> = {};
  const bands = [...b.scale.bands].sort((x, y) => x.min - y.min);
  for (const item of b.rubric.items) {
    // The applicant's level for this item, the same for every expert (the on-site review looks a little closer).
    const target = a.level + (hash(seed, a.name, item.code) - 0.5) * 16 + (stage === "onsite" ? -1.5 : 0);
    let value: number;
    if (b.rubric.scoring === "maturity") {
      const step = b.scale.step;
      const band = bands.find((x) => target <= x.max + step / 2) ?? bands[bands.length - 1];
      const choices: number[] = [];
      for (let v = band.min; v <= band.max; v += step) choices.push(v);
      // Experts agree on the band; within it each leans a little (the middle values are likelier).
      const centre = Math.min(Math.max(Math.round(target / step) * step, band.min), band.max);
      const lean = hash(seed, a.name, item.code, stage, expert);
      const i = choices.indexOf(centre) + (lean < 0.25 ? -1 : lean > 0.75 ? 1 : 0);
      value = choices[Math.min(Math.max(i, 0), choices.length - 1)] / 100;
      if (is(ev.divergent) && ev.divergent!.item === item.code) value = ev.divergent!.value / 100;
    } else {
      const step = b.rubric.pointsStep ?? 0.5;
      const base = Math.floor(((target / 100) * item.points) / step) * step;
      value = Math.min(
        item.points,
        Math.max(0, base + (hash(seed, a.name, item.code, stage, expert) < 0.5 ? 0 : step)),
      );
      if (is(ev.divergent) && ev.divergent!.item === item.code) value = ev.divergent!.value;
    }
    const say = hash(seed, "text", a.name, item.code, stage, expert);
    const pick = (list: string[], x: number) => list[Math.floor(x * list.length)].replace("{item}", item.name);
    entries[item.code] = {
      value: is(ev.incomplete) && ev.incomplete!.items.includes(item.code) ? null : value,
      strengths: say < 0.3 ? pick(STRENGTHS, hash(seed, "s", a.name, item.code, expert)) : undefined,
      opportunities: say > 0.6 ? pick(OPPORTUNITIES, hash(seed, "o", a.name, item.code, expert)) : undefined,
    };
  }
  const vetoes: NonNullable<InitialValues["vetoes"]> = {};
  for (const v of b.rules.vetoes) vetoes[v.id] = { answer: vetoAnswerFor(v, false), note: "已核查申报材料" };
  const flagged = is(ev.veto) ? b.rules.vetoes.find((v) => v.id === ev.veto!.id) : undefined;
  if (flagged) vetoes[flagged.id] = { answer: vetoAnswerFor(flagged, true), note: ev.veto!.note };
  const bonus: NonNullable<InitialValues["bonus"]> = {};
  for (const c of b.rules.bonus?.conditions ?? []) bonus[c.id] = { answer: a.bonus?.includes(c.id) ? "是" : "否" };
  return { entries, vetoes, bonus, declaration: { answer: "无利害关系" }, date: spec.createdAt.slice(0, 10) };
}

/** Writes one sample workbook (generated and filled, cached results computed by the engine). */
export async function writeSample(spec: SampleSpec, f: SampleFile, root: string): Promise<string> {
  const bundle = library().get(f.rubric)!;
  const layout = buildLayout(
    bundle,
    {
      applicant: f.applicant,
      expert: f.expert,
      stage: f.stage,
      mode: spec.mode ?? "native",
      createdAt: spec.createdAt,
    },
    f.values,
  );
  const file = path.join(root, f.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await writeXlsx(layout));
  return file;
}
