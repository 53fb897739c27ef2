// The draw's fairness measured (not a test; test/round/draw.test.ts holds the tolerances): over many seeds, how often
// each eligible expert is drawn into one panel, against an even share. README (the review round) records the output.
//
//   npx tsx scripts/fairness-round.ts
import { draw, library, ROUND_DEFAULTS, type RoundInput } from "../src/core";
const lib = library();
function base(n: number, pool: number): RoundInput {
  return {
    applicants: Array.from({ length: n }, (_, i) => ({
      name: `申报单位${i + 1}`,
      rubricId: "hebei-organization",
      place: `城市${i % 3}`,
      at: { sheet: "", row: 0 },
    })),
    experts: Array.from({ length: pool }, (_, i) => ({
      name: `专家${String(i + 1).padStart(3, "0")}`,
      place: `城市${i % 4}`,
      employer: `单位${i % 7}`,
      specialties: [],
      stages: [],
      at: { sheet: "", row: 0 },
    })),
    conflicts: [],
    params: { ...ROUND_DEFAULTS, panelSize: { ...ROUND_DEFAULTS.panelSize }, maxLoad: 0, roundId: "R", seed: "1" },
  };
}
function measure(
  label: string,
  input: RoundInput,
  seeds: number,
  pick: (a: { applicant: string; stage: string }) => boolean,
  eligible: number,
  size: number,
) {
  const count = new Map<string, number>();
  for (let s = 0; s < seeds; s++) {
    const r = draw({ ...input, params: { ...input.params, seed: `f${s}` } }, lib);
    if (!r.ok) throw new Error("infeasible");
    for (const a of r.assignments) if (pick(a)) count.set(a.expert, (count.get(a.expert) ?? 0) + 1);
  }
  const exp = (seeds * size) / eligible;
  const devs = [...count.values()].map((c) => Math.abs(c - exp) / exp);
  const sd = Math.sqrt(exp * (1 - size / eligible)) / exp;
  console.log(
    `${label}: ${seeds} seeds, ${count.size}/${eligible} experts drawn, expected ${exp.toFixed(0)} each, max deviation ${(Math.max(...devs) * 100).toFixed(1)} %, binomial sd ${(sd * 100).toFixed(1)} %`,
  );
}
const one = base(1, 12);
one.params = {
  ...one.params,
  samePlace: false,
  sameEmployer: false,
  stages: ["material"],
  panelSize: { material: 3, onsite: 3 },
};
one.conflicts = [{ expert: "专家005", applicant: "申报单位1", reason: "", at: { sheet: "", row: 0 } }];
measure("one panel of 3 from 11 eligible", one, 4000, () => true, 11, 3);
const round = base(10, 30);
round.params = {
  ...round.params,
  samePlace: false,
  sameEmployer: false,
  maxLoad: 4,
  panelSize: { material: 5, onsite: 5 },
};
measure(
  "one on-site panel of 5 in a round of 10 × 2 × 5 from 30 (load limit 4)",
  round,
  2000,
  (a) => a.applicant === "申报单位4" && a.stage === "onsite",
  30,
  5,
);
