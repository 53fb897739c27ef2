// The draw: conflicts are never drawn, the load limit holds, the same seed gives the same panels whatever the row
// order, an impossible pool is reported with the panel and the reason, and every eligible expert is drawn about
// equally often over many seeds.
import { draw, inputFingerprint, nameKey, type Assignment, type DrawResult, type RoundInput } from "../../src/core";
import { auditSheet } from "../../src/round/layout";
import { rowHeight, wrappedLines } from "../../src/workbook/text";
import { library } from "../../src/core";
import { expert, params, round } from "./fixtures";

const lib = library();
const ok = (r: DrawResult) => {
  if (!r.ok) throw new Error(r.problems.map((p) => p.zh).join("\n"));
  return r;
};
const sig = (xs: readonly Assignment[]) =>
  xs
    .map((a) => `${a.applicant}|${a.stage}|${a.expert}|${a.leader ? "L" : ""}|${a.group}`)
    .sort()
    .join("\n");
const shuffle = <T>(xs: readonly T[], k: number): T[] =>
  xs
    .map((x, i) => ({ x, o: Math.sin(i * 12.9898 + k * 78.233) }))
    .sort((a, b) => a.o - b.o)
    .map((v) => v.x);

/** A round with conflicts of every kind. */
function conflicted(seed: string): RoundInput {
  const r = round({ n: 8, pool: 24 });
  r.applicants[0].employer = "单位1";
  r.applicants[1].employer = "单位2";
  r.conflicts = [
    { expert: "专家003", applicant: "申报单位3", reason: "曾任顾问", at: { sheet: "回避", row: 2 } },
    { expert: "专家010", applicant: "申报单位1", reason: "亲属任职", at: { sheet: "回避", row: 3 } },
  ];
  r.params = params({ seed, panelSize: { material: 5, onsite: 5 }, maxLoad: 4 });
  return r;
}

describe("conflicts (回避)", () => {
  it("never draws a declared conflict, the same employer or the same place, over 200 seeds", () => {
    let checked = 0;
    for (let s = 0; s < 200; s++) {
      const input = conflicted(String(s));
      const r = ok(draw(input, lib));
      for (const a of r.assignments) {
        const app = input.applicants.find((x) => x.name === a.applicant)!;
        const e = input.experts.find((x) => x.name === a.expert)!;
        expect(input.conflicts.some((c) => c.expert === e.name && c.applicant === app.name)).toBe(false);
        expect(e.employer && [app.name, app.employer].includes(e.employer)).toBeFalsy();
        expect(e.place === app.place).toBe(false);
        checked++;
      }
    }
    expect(checked).toBe(200 * 8 * 2 * 5);
  });

  it("names each excluded expert and why in the audit", () => {
    const r = ok(draw(conflicted("7"), lib));
    const p1 = r.audit.find((a) => a.stage === "material" && a.applicants[0] === "申报单位1")!;
    const why = (e: string) => p1.excluded.find((x) => x.expert === e);
    expect(why("专家010")?.code).toBe("declared");
    expect(why("专家010")?.reason).toContain("亲属任职");
    expect(why("专家002")?.code).toBe("same-employer"); // 专家002 works at 单位1, the applicant's parent body
    expect(why("专家001")?.code).toBe("same-place"); // 专家001 and 申报单位1 are both in 城市0
    expect(p1.drawn.every((e) => p1.eligible.includes(e))).toBe(true);
  });

  it("switching 同单位回避 and 同地回避 off lets those experts be eligible again", () => {
    const input = conflicted("7");
    input.params = { ...input.params, sameEmployer: false, samePlace: false };
    const r = ok(draw(input, lib));
    const p1 = r.audit.find((a) => a.stage === "material" && a.applicants[0] === "申报单位1")!;
    expect(p1.excluded.map((x) => x.code)).toEqual(["declared"]);
  });

  it("honours the specialty and the stages an expert takes part in", () => {
    const input = round({ n: 2, pool: 0 });
    input.applicants[0].sector = "制造业";
    input.applicants[1].sector = "服务业";
    input.params = params({ samePlace: false, panelSize: { material: 2, onsite: 2 } });
    input.experts = [
      expert("甲", { specialties: ["制造业"] }),
      expert("乙", { specialties: ["制造业"] }),
      expert("丙", { specialties: ["服务业"] }),
      expert("丁", { specialties: ["服务业"], stages: ["material"] }),
      expert("戊", { specialties: ["不限"] }),
      expert("己", {}),
    ];
    for (let s = 0; s < 50; s++) {
      const r = ok(draw({ ...input, params: { ...input.params, seed: String(s) } }, lib));
      for (const a of r.assignments) {
        if (a.applicant === "申报单位1") expect(["甲", "乙", "戊", "己"]).toContain(a.expert);
        else expect(["丙", "丁", "戊", "己"]).toContain(a.expert);
        if (a.stage === "onsite") expect(a.expert).not.toBe("丁");
      }
    }
  });
});

describe("load limit, leaders, fresh on-site experts, expert groups", () => {
  it("holds the load limit even when the pool has exactly the capacity the round needs", () => {
    // 10 applicants × 2 stages × 3 experts = 60 workbooks; 20 experts × 3 = 60: only a perfectly even draw works.
    for (let s = 0; s < 30; s++) {
      const input = round({ n: 10, pool: 20 });
      input.params = params({
        seed: String(s),
        maxLoad: 3,
        samePlace: false,
        sameEmployer: false,
        panelSize: { material: 3, onsite: 3 },
      });
      const r = ok(draw(input, lib));
      const load = new Map<string, number>();
      for (const a of r.assignments) load.set(a.expert, (load.get(a.expert) ?? 0) + 1);
      expect(r.assignments).toHaveLength(60);
      expect(Math.max(...load.values())).toBeLessThanOrEqual(3);
    }
  });

  it("gives every panel exactly one leader, from its own experts", () => {
    const r = ok(draw(conflicted("3"), lib));
    for (const p of r.audit) {
      expect(p.drawn).toContain(p.leader);
      const rows = r.assignments.filter((a) => a.group === p.group);
      expect(rows.filter((a) => a.leader).map((a) => a.expert)).toEqual([p.leader]);
    }
  });

  it("draws on-site experts other than the material ones where the pool allows, and says when it cannot", () => {
    const big = ok(draw(round({ n: 4, pool: 40 }), lib));
    for (const app of ["申报单位1", "申报单位2", "申报单位3", "申报单位4"]) {
      const m = big.assignments.filter((a) => a.applicant === app && a.stage === "material").map((a) => a.expert);
      const o = big.assignments.filter((a) => a.applicant === app && a.stage === "onsite").map((a) => a.expert);
      expect(o.filter((e) => m.includes(e))).toEqual([]);
    }
    const small = round({ n: 1, pool: 7 });
    small.params = params({ samePlace: false, sameEmployer: false });
    const r = ok(draw(small, lib));
    const onsite = r.audit.find((a) => a.stage === "onsite")!;
    expect(onsite.repeated).toHaveLength(3); // 7 experts, 5 + 5 seats: three must review both stages
  });

  it("draws expert groups (专家组) that review several applicants together", () => {
    const input = round({ n: 7, pool: 30 });
    input.params = params({ groupSize: 3, samePlace: false });
    const r = ok(draw(input, lib));
    const material = r.audit.filter((a) => a.stage === "material");
    expect(material.map((a) => a.applicants.length).sort()).toEqual([1, 3, 3]);
    for (const g of material)
      for (const app of g.applicants)
        expect(
          r.assignments
            .filter((a) => a.applicant === app && a.stage === "material")
            .map((a) => a.expert)
            .sort(),
        ).toEqual([...g.drawn].sort());
  });
});

describe("determinism", () => {
  it("gives the same draw for the same seed, and another for another seed", () => {
    const a = ok(draw(conflicted("42"), lib));
    const b = ok(draw(conflicted("42"), lib));
    const c = ok(draw(conflicted("43"), lib));
    expect(sig(a.assignments)).toBe(sig(b.assignments));
    expect(sig(a.assignments)).not.toBe(sig(c.assignments));
  });

  it("does not depend on the order of the rows of any sheet", () => {
    for (let k = 1; k <= 10; k++) {
      const input = conflicted("42");
      const base = sig(ok(draw(input, lib)).assignments);
      const moved = {
        ...input,
        applicants: shuffle(input.applicants, k),
        experts: shuffle(input.experts, k + 100),
        conflicts: shuffle(input.conflicts, k + 200),
      };
      expect(sig(ok(draw(moved, lib)).assignments)).toBe(base);
    }
  });
});

describe("input fingerprint (抽取记录)", () => {
  it("is the same for the same content in any row order, and changes with any rule or row", () => {
    const input = conflicted("1");
    const base = inputFingerprint(input);
    expect(
      inputFingerprint({ ...input, experts: shuffle(input.experts, 3), applicants: shuffle(input.applicants, 4) }),
    ).toBe(base);
    expect(inputFingerprint({ ...input, params: { ...input.params, seed: "other" } })).toBe(base);
    expect(inputFingerprint({ ...input, params: { ...input.params, maxLoad: 5 } })).not.toBe(base);
    expect(inputFingerprint({ ...input, conflicts: input.conflicts.slice(1) })).not.toBe(base);
    const moved = input.experts.map((e, i) => (i === 0 ? { ...e, place: "城市9" } : e));
    expect(inputFingerprint({ ...input, experts: moved })).not.toBe(base);
  });
});

describe("infeasible pools", () => {
  it("says which panel cannot be drawn and why", () => {
    const input = round({ n: 3, pool: 8 });
    input.params = params({ samePlace: false });
    input.conflicts = ["专家001", "专家002", "专家003", "专家004"].map((e, i) => ({
      expert: e,
      applicant: "申报单位2",
      reason: "",
      at: { sheet: "回避", row: i + 2 },
    }));
    const r = draw(input, lib);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0].applicant).toBe("申报单位2");
    expect(r.problems[0].zh).toMatch(
      /无法抽取 材料-02（申报单位2，材料评审）：符合条件的专家只有 4 位，需要 5 位（排除：声明回避 4 位）/,
    );
  });

  it("reports a load limit that no exchange between panels can meet", () => {
    const input = round({ n: 10, pool: 20 });
    input.params = params({ maxLoad: 2, samePlace: false, sameEmployer: false, panelSize: { material: 3, onsite: 3 } });
    const r = draw(input, lib);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].zh).toMatch(/已达每位专家最多评审数（2 份）/);
  });
});

describe("fairness (measured over many seeds)", () => {
  it("draws each eligible expert of a panel about equally often, and an excluded one never", () => {
    const input = round({ n: 1, pool: 12 });
    input.params = params({
      samePlace: false,
      sameEmployer: false,
      stages: ["material"],
      panelSize: { material: 3, onsite: 3 },
    });
    input.conflicts = [{ expert: "专家005", applicant: "申报单位1", reason: "", at: { sheet: "回避", row: 2 } }];
    const seeds = 4000;
    const count = new Map<string, number>();
    for (let s = 0; s < seeds; s++)
      for (const a of ok(draw({ ...input, params: { ...input.params, seed: `s${s}` } }, lib)).assignments)
        count.set(a.expert, (count.get(a.expert) ?? 0) + 1);
    expect(count.has("专家005")).toBe(false);
    const expected = (seeds * 3) / 11;
    for (const e of input.experts.filter((x) => x.name !== "专家005"))
      expect(Math.abs((count.get(e.name) ?? 0) - expected) / expected).toBeLessThan(0.06);
  });

  it("over a whole round, each expert's share of one applicant's panel stays near even", () => {
    const seeds = 600;
    const count = new Map<string, number>();
    const base = round({ n: 10, pool: 30 });
    base.params = params({ samePlace: false, sameEmployer: false, maxLoad: 4, panelSize: { material: 5, onsite: 5 } });
    for (let s = 0; s < seeds; s++)
      for (const a of ok(draw({ ...base, params: { ...base.params, seed: `r${s}` } }, lib)).assignments)
        if (a.applicant === "申报单位4" && a.stage === "onsite") count.set(a.expert, (count.get(a.expert) ?? 0) + 1);
    const expected = (seeds * 5) / 30;
    for (const e of base.experts) expect(Math.abs((count.get(e.name) ?? 0) - expected) / expected).toBeLessThan(0.25);
  });
});

it("compares names by nameKey (a full-width space in a conflict row still counts)", () => {
  const input = round({ n: 1, pool: 6 });
  input.params = params({ samePlace: false, stages: ["material"] });
  input.conflicts = [{ expert: "专家\u3000001", applicant: "申报单位1", reason: "", at: { sheet: "回避", row: 2 } }];
  const r = ok(draw(input, lib));
  expect(r.assignments.map((a) => nameKey(a.expert))).not.toContain(nameKey("专家001"));
});

describe("抽取记录 as printed", () => {
  it("states the draw's time in Beijing time, names no command, and every row is as tall as its wrapped text", () => {
    const input = round({
      conflicts: [
        {
          expert: "专家001",
          applicant: "申报单位1",
          reason: "曾为其提供咨询服务，并在近三年内担任其质量管理顾问，与其高层领导有长期合作关系，按规定主动申请回避",
          at: { sheet: "回避", row: 2 },
        },
      ],
    });
    const r = draw(input);
    if (!r.ok) throw new Error("the draw failed");
    const sheet = auditSheet(
      {
        roundId: "R1",
        seed: "1",
        drawnAt: "2026-12-08T02:24:02.161Z",
        params: input.params,
        experts: input.experts.length,
        applicants: input.applicants.length,
        fingerprint: inputFingerprint(input),
      },
      r.audit,
      r.assignments,
    );
    const texts = sheet.cells.map((c) => String(c.value ?? ""));
    expect(texts).toContain("2026年12月8日 10:24（北京时间）");
    expect(texts.some((t) => /scorebook|Z$|UTC/.test(t))).toBe(false);
    const heights = new Map(sheet.rows.map((x) => [x.row, x.height]));
    const width = (col: string) => sheet.columns.find((c) => c.col === col)!.width;
    for (const c of sheet.cells) {
      const m = /^([A-I])(\d+)$/.exec(c.ref);
      if (!m || typeof c.value !== "string" || Number(m[2]) < 5 || sheet.merges.some((x) => x.startsWith(`${c.ref}:`)))
        continue;
      const lines = wrappedLines(c.value, width(m[1]), 11);
      if (lines > 1) expect(heights.get(Number(m[2])) ?? 15).toBeGreaterThanOrEqual(rowHeight(lines, 11));
    }
  });
});
