// The fingerprint of what a draw depends on (申报者, 专家库, 回避, the rules in 参数 and any kept panels), with rows
// sorted by name key: the same content in any row order gives the same fingerprint. 抽取记录 records it, so that a
// 纪检 officer re-running the draw can see at once whether the sheets are still the ones the draw was made from.
import { nameKey } from "../names";
import { fingerprint } from "./random";
import type { RoundInput } from "./types";

const byKey = <T>(xs: readonly T[], key: (x: T) => string) =>
  [...xs].map((x) => [key(x), x] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

export function inputFingerprint(input: RoundInput): string {
  const { roundId: _r, seed: _s, ...rules } = input.params;
  const canonical = {
    applicants: byKey(input.applicants, (a) => nameKey(a.name)).map(([k, a]) => [
      k,
      a.rubricId,
      nameKey(a.sector ?? ""),
      nameKey(a.place ?? ""),
      nameKey(a.employer ?? ""),
      a.stages ?? null,
    ]),
    experts: byKey(input.experts, (e) => nameKey(e.name)).map(([k, e]) => [
      k,
      nameKey(e.employer ?? ""),
      nameKey(e.place ?? ""),
      e.specialties.map(nameKey).sort(),
      [...e.stages].sort(),
    ]),
    conflicts: byKey(input.conflicts, (c) => `${nameKey(c.expert)}\u0000${nameKey(c.applicant)}`).map(([k]) => k),
    rules,
    kept: byKey(input.kept ?? [], (a) => `${nameKey(a.applicant)}\u0000${a.stage}\u0000${nameKey(a.expert)}`).map(
      ([k]) => k,
    ),
  };
  return fingerprint(JSON.stringify(canonical));
}
