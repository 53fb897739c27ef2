// A panel's diagnostics beside its score: values computed by hand (in the comments), small panels, ties.
import {
  aggregate,
  exact,
  format2,
  formatStat,
  kendallW,
  library,
  midRanks,
  panelDiagnostics,
  type Exact,
  type ReturnedSheet,
  type RubricInfo,
} from "../../src/core";

const ex = (xs: number[]) => xs.map((x) => exact(x));
const str = (e: Exact | null) => (e === null ? null : e.toFraction());

describe("panel diagnostics (mean, trimmed mean, median, z)", () => {
  it("four experts: every figure as computed by hand", () => {
    // 600 700 650 800: mean 2750/4 = 687.5; trimmed (650 + 700)/2 = 675; median (650 + 700)/2 = 675.
    // σ² = (87.5² + 12.5² + 37.5² + 112.5²)/4 = 21875/4 = 5468.75; z(800)² = 112.5²/5468.75 = 81/35, z(600)² = 7/5.
    const d = panelDiagnostics(ex([600, 700, 650, 800]));
    expect(str(d.mean)).toBe("1375/2");
    expect(str(d.trimmed)).toBe("675");
    expect(str(d.median)).toBe("675");
    expect(d.sd).toBeCloseTo(Math.sqrt(5468.75), 12);
    expect(d.z[3]).toBeCloseTo(9 / Math.sqrt(35), 12);
    expect(d.z[0]).toBeCloseTo(-Math.sqrt(7 / 5), 12);
    expect(d.z.map((z) => formatStat(z))).toEqual(["-1.18", "0.17", "-0.51", "1.52"]);
    expect(d.notes).toEqual({ trimmed: null, z: null });
  });

  it("three experts: the trimmed mean keeps the middle one; exact thirds stay exact", () => {
    const d = panelDiagnostics(ex([500, 501, 499.995]));
    expect(str(d.trimmed)).toBe("500");
    expect(str(d.median)).toBe("500");
    // (500 + 501 + 499.995)/3 = 1500.995/3, not a float
    expect(d.mean!.equals(exact("1500.995").div(3))).toBe(true);
    expect(d.z.every((z) => z !== null)).toBe(true);
  });

  it("two experts: no trimming and no z-scores, and the figure says why instead of a number", () => {
    const d = panelDiagnostics(ex([700, 640]));
    expect(str(d.mean)).toBe("670");
    expect(str(d.median)).toBe("670");
    expect(d.trimmed).toBeNull();
    expect(d.z).toEqual([null, null]);
    expect(d.sd).toBeNull();
    expect(d.notes.trimmed?.zh).toBe("2 人，不足 3 人，不去最高最低分");
    expect(d.notes.z?.zh).toBe("2 人，不足 3 人，不计 z 值");
  });

  it("one expert: mean and median are the total; nothing else", () => {
    const d = panelDiagnostics(ex([612.5]), [[50, 60, 70]]);
    expect(str(d.mean)).toBe("1225/2");
    expect(str(d.median)).toBe("1225/2");
    expect(d.trimmed).toBeNull();
    expect(d.z).toEqual([null]);
    expect(d.agreement.w).toBeNull();
    expect(d.agreement.note?.code).toBe("agreement-few-experts");
  });

  it("equal totals: no z-scores (σ = 0), said so", () => {
    const d = panelDiagnostics(ex([650, 650, 650]));
    expect(d.z).toEqual([null, null, null]);
    expect(d.notes.z?.code).toBe("stats-z-no-spread");
    expect(str(d.trimmed)).toBe("650");
  });
});

describe("Kendall's W over the items", () => {
  it("mean ranks for ties and Σ(t³ − t)", () => {
    const r = midRanks(ex([50, 70, 50, 80, 70, 70]));
    expect(r.ranks.map((x) => x.toFraction())).toEqual(["3/2", "4", "3/2", "6", "4", "4"]);
    expect(r.ties).toBe(6 + 24);
  });

  it("three experts, four items, no ties: W = 7/9", () => {
    // ranks A 1 2 3 4, B 1 3 2 4, C 2 1 3 4 → R = 4 6 8 12, mean 7.5, S = 12.25 + 2.25 + 0.25 + 20.25 = 35;
    // W = 12·35 / (3²·(4³ − 4)) = 420/540 = 7/9
    const a = kendallW([
      [40, 50, 60, 70],
      [40, 60, 50, 70],
      [50, 40, 60, 70],
    ]);
    expect(a.w!.toFraction()).toBe("7/9");
    expect(a).toMatchObject({ experts: 3, items: 4, note: null });
  });

  it("ties corrected: W = 21/25", () => {
    // A 50 50 70 80 → 1.5 1.5 3 4 (T = 6); B 1 2 3 4; C 60 70 70 70 → 1 3 3 3 (T = 24).
    // R = 3.5 6.5 9 11, S = 16 + 1 + 2.25 + 12.25 = 31.5; W = 12·31.5 / (9·60 − 3·30) = 378/450 = 21/25.
    // Without the correction it would be 378/540 = 0.7.
    const a = kendallW([
      [50, 50, 70, 80],
      [10, 20, 30, 40],
      [60, 70, 70, 70],
    ]);
    expect(a.w!.toFraction()).toBe("21/25");
    expect(formatStat(a.w)).toBe("0.84");
  });

  it("two experts: the same order is 1, the opposite order 0", () => {
    expect(kendallW([ex([10, 20, 30]), ex([15, 25, 35])]).w!.toFraction()).toBe("1");
    expect(kendallW([ex([10, 20, 30]), ex([30, 20, 10])]).w!.toFraction()).toBe("0");
  });

  it("an item some expert left blank is left out; too few items or no order at all give no figure", () => {
    const full = kendallW([
      [40, 50, 60, 70],
      [40, 60, 50, 70],
      [50, 40, 60, 70],
    ]);
    const withBlank = kendallW([
      [40, 50, 60, 70, 10],
      [40, 60, 50, 70, null],
      [50, 40, 60, 70, 90],
    ]);
    expect(withBlank.w!.equals(full.w!)).toBe(true);
    expect(withBlank.items).toBe(4);
    expect(kendallW([[50], [60]]).note?.code).toBe("agreement-few-items");
    const flat = kendallW([
      [50, 50, 50],
      [70, 70, 70],
    ]);
    expect(flat.w).toBeNull();
    expect(flat.note?.code).toBe("agreement-no-order");
  });
});

describe("in the aggregation", () => {
  const bundle = library().get("hebei-organization")!;
  const info = (): RubricInfo => ({ rules: bundle.rules, scale: bundle.scale, scoring: bundle.rubric.scoring });
  const sheet = (expert: string, total: number, values: number[], stage: "material" | "onsite"): ReturnedSheet => ({
    file: `${expert}-${stage}.xlsx`,
    rubricId: "hebei-organization",
    applicant: "甲公司",
    expert,
    stage,
    savedAt: "2026-06-01T10:00:00Z",
    total: exact(total),
    complete: true,
    items: bundle.rubric.items.map((i, k) => ({ code: i.code, points: i.points, value: values[k] ?? 50 })),
    vetoes: [],
    conflictDeclared: false,
    bonusConfirmed: [],
    blocking: [],
  });

  // item k: 10 + 5·(k mod 5) + offset — every expert orders the 23 items alike (ties alike too); "down" reverses it
  const up = (offset: number) => bundle.rubric.items.map((_, k) => 10 + 5 * (k % 5) + offset);
  const down = () => bundle.rubric.items.map((_, k) => 40 - 5 * (k % 5));

  it("each stage carries the diagnostics of its counted experts; the award's method still decides the score", () => {
    const r = aggregate(
      [
        sheet("甲", 600, up(0), "material"),
        sheet("乙", 700, up(5), "material"),
        sheet("丙", 800, up(40), "material"),
        sheet("丁", 650, up(0), "onsite"),
        sheet("戊", 660, down(), "onsite"),
      ],
      info,
    );
    const a = r.applicants[0];
    expect(format2(a.material.score!)).toBe("700.00");
    // z in the order of the stage's experts: 600, 700, 800 → −√1.5, 0, √1.5
    const z = Object.fromEntries(a.material.experts.map((e, i) => [e, formatStat(a.material.diagnostics.z[i])]));
    expect(z).toEqual({ 甲: "-1.22", 乙: "0.00", 丙: "1.22" });
    expect(a.material.diagnostics.agreement).toMatchObject({ experts: 3, items: bundle.rubric.items.length });
    expect(a.material.diagnostics.agreement.w!.toFraction()).toBe("1");
    expect(a.onsite.diagnostics.agreement.w!.toFraction()).toBe("0");
    expect(a.onsite.diagnostics.trimmed).toBeNull();
    expect(a.onsite.diagnostics.notes.z?.code).toBe("stats-z-few");
  });
});
