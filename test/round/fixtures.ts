// Round inputs for tests: a pool and applicants built as a secretariat would fill the round workbook.
import {
  ROUND_DEFAULTS,
  type PoolExpert,
  type RoundApplicant,
  type RoundInput,
  type RoundParams,
} from "../../src/core";

export function applicant(name: string, over: Partial<RoundApplicant> = {}): RoundApplicant {
  return { name, rubricId: "hebei-organization", at: { sheet: "申报者", row: 2 }, ...over };
}

export function expert(name: string, over: Partial<PoolExpert> = {}): PoolExpert {
  return { name, specialties: [], stages: [], at: { sheet: "专家库", row: 2 }, ...over };
}

export function params(over: Partial<RoundParams> = {}): RoundParams {
  return {
    ...ROUND_DEFAULTS,
    panelSize: { ...ROUND_DEFAULTS.panelSize },
    maxLoad: 0,
    roundId: "R1",
    seed: "1",
    ...over,
  };
}

export function round(over: Partial<RoundInput> & { n?: number; pool?: number } = {}): RoundInput {
  const { n = 6, pool = 20, ...rest } = over;
  return {
    applicants: Array.from({ length: n }, (_, i) => applicant(`申报单位${i + 1}`, { place: `城市${i % 3}` })),
    experts: Array.from({ length: pool }, (_, i) =>
      expert(`专家${String(i + 1).padStart(3, "0")}`, { place: `城市${i % 4}`, employer: `单位${i % 7}` }),
    ),
    conflicts: [],
    params: params(),
    ...rest,
  };
}
