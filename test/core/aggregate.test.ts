import { aggregate, exact, format2, library, type ReturnedSheet, type RubricInfo } from "../../src/core";

const info = (id: string): RubricInfo | undefined => {
  const b = library().get(id);
  return b && { rules: b.rules, scale: b.scale, scoring: b.rubric.scoring };
};

const ORG = library().get("hebei-organization")!.rubric;

let n = 0;
function sheet(
  applicant: string,
  expert: string,
  stage: "material" | "onsite",
  total: number,
  extra: Partial<ReturnedSheet> = {},
): ReturnedSheet {
  n += 1;
  return {
    file: `${applicant}-${stage}-${expert}-${n}.xlsx`,
    rubricId: "hebei-organization",
    applicant,
    expert,
    stage,
    savedAt: `2026-06-0${(n % 9) + 1}T10:00:00Z`,
    total: exact(total),
    complete: true,
    items: ORG.items.map((i) => ({ code: i.code, points: i.points, value: 50 })),
    vetoes: [],
    conflictDeclared: false,
    bonusConfirmed: [],
    blocking: [],
    ...extra,
  };
}

const panel = (applicant: string, stage: "material" | "onsite", totals: number[]) =>
  totals.map((t, i) => sheet(applicant, `专家${i + 1}`, stage, t));

describe("aggregation of returned sheets", () => {
  it("material exactly 500 advances and a final of exactly 550 is a candidate", () => {
    // material mean 500; on-site mean 571.428571… → 150 + 400 = 550
    const sheets = [
      ...panel("甲公司", "material", [490, 500, 510]),
      ...panel("甲公司", "onsite", [571.4, 571.5, 571.4, 571.5, 571.4, 571.4, 571.4]),
    ];
    const r = aggregate(sheets, info);
    const a = r.applicants[0];
    expect(format2(a.material.score!)).toBe("500.00");
    expect(a.final!.equals(550)).toBe(true);
    expect(a.status).toBe("candidate");
    expect(a.rank).toBe(1);
    expect(r.problems).toEqual([]);
  });

  it("an applicant below 500 does not advance and needs no on-site panel", () => {
    const r = aggregate(panel("乙公司", "material", [480, 499.5]), info);
    expect(r.applicants[0].status).toBe("not-advanced");
    expect(r.problems).toEqual([]);
  });

  it("an applicant that advanced but has no on-site panel is reported", () => {
    const r = aggregate(panel("丙公司", "material", [600, 620]), info);
    expect(r.applicants[0].status).toBe("no-onsite");
    expect(r.problems).toContainEqual(expect.objectContaining({ code: "no-onsite", applicant: "丙公司" }));
  });

  it("any expert's veto flag puts the applicant on hold (否决待核实), keeping the rank it would have had", () => {
    const veto = { id: "false-material", text: "提供虚假材料", flagged: true, note: "营业执照与申报不符" };
    const sheets = [
      ...panel("甲", "material", [700, 700]),
      ...panel("甲", "onsite", [700, 700]),
      ...panel("乙", "material", [650, 650]),
      sheet("乙", "专家1", "onsite", 800, { vetoes: [veto] }),
      sheet("乙", "专家2", "onsite", 800),
      ...panel("丙", "material", [600, 600]),
      ...panel("丙", "onsite", [600, 600]),
    ];
    const r = aggregate(sheets, info);
    const by = (x: string) => r.applicants.find((a) => a.applicant === x)!;
    expect(by("乙").status).toBe("veto-flagged");
    expect(by("乙").rank).toBeNull();
    expect(by("乙").wouldBeRank).toBe(1);
    expect(by("乙").vetoFlags).toEqual([
      expect.objectContaining({ expert: "专家1", id: "false-material", note: "营业执照与申报不符" }),
    ]);
    expect([by("甲").rank, by("丙").rank]).toEqual([1, 2]);
  });

  it("the same expert twice: the newer counts and both files are named", () => {
    const old = sheet("甲", "专家1", "material", 520, { savedAt: "2026-06-01T09:00:00Z", file: "old.xlsx" });
    const fresh = sheet("甲", "专家1", "material", 600, { savedAt: "2026-06-02T09:00:00Z", file: "new.xlsx" });
    const r = aggregate([fresh, old, sheet("甲", "专家2", "material", 600)], info);
    expect(format2(r.applicants[0].material.score!)).toBe("600.00");
    const dup = r.problems.find((p) => p.code === "duplicate")!;
    expect(dup.file).toBe("old.xlsx");
    expect(dup.reason).toContain("old.xlsx");
    expect(dup.reason).toContain("new.xlsx");
  });

  it("conflict of interest, incomplete and tampered sheets are left out and named", () => {
    const sheets = [
      sheet("甲", "专家1", "material", 600),
      sheet("甲", "专家2", "material", 900, {
        conflictDeclared: true,
        conflictNote: "曾任该公司顾问",
        file: "conflict.xlsx",
      }),
      sheet("甲", "专家3", "material", 100, { complete: false, file: "incomplete.xlsx" }),
      sheet("甲", "专家4", "material", 100, {
        blocking: [{ code: "tampered", zh: "得分单元格 H7 与输入不符", en: "" }],
        file: "tampered.xlsx",
      }),
    ];
    const r = aggregate(sheets, info);
    expect(r.applicants[0].material.experts).toEqual(["专家1"]);
    expect(r.problems.map((p) => [p.file, p.code])).toEqual(
      expect.arrayContaining([
        ["conflict.xlsx", "conflict"],
        ["incomplete.xlsx", "incomplete"],
        ["tampered.xlsx", "tampered"],
      ]),
    );
    expect(r.problems.find((p) => p.code === "tampered")!.reason).toContain("H7");
  });

  it("a trimmed panel with fewer than 3 experts falls back to the mean and notes it", () => {
    const r = aggregate(panel("甲", "material", [400, 600]), info, [], { method: "trimmed" });
    expect(format2(r.applicants[0].material.score!)).toBe("500.00");
    expect(r.applicants[0].notes.map((m) => m.code)).toContain("trimmed-fallback");
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        code: "panel-small",
        applicant: "甲",
        reason: expect.stringContaining("只有 2 位专家"),
      }),
    );
    expect(aggregate(panel("甲", "material", [400, 450, 480]), info, [], { method: "trimmed" }).problems).toEqual([]);
  });

  it("a roster name that matches no returned workbook is reported", () => {
    const r = aggregate([...panel("甲", "material", [600])], info, [{ applicant: "乙", bonus: true }]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: "no-sheets", applicant: "乙", file: "名单" }));
    // 甲 has workbooks but no roster row: named too (its roster bonus and satisfaction cannot be found).
    expect(r.problems.filter((p) => p.applicant === "甲").map((p) => p.code)).toEqual(["not-in-roster", "no-onsite"]);
  });

  it("items whose maturities fall in different bands or spread over 20 points are listed", () => {
    const items = (v: number) =>
      ORG.items.map((i) => ({ code: i.code, points: i.points, value: i.code === "2.1" ? v : 50 }));
    const sheets = [
      sheet("甲", "专家1", "onsite", 600, { items: items(45) }),
      sheet("甲", "专家2", "onsite", 600, { items: items(50) }),
      sheet("甲", "专家3", "onsite", 600, { items: items(70) }),
    ];
    const d = aggregate(sheets, info).divergences;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: "2.1", stage: "onsite", spread: 25, bands: [3, 4, 5], reason: "both" });
  });

  it("roster bonus (not cumulative) and public satisfaction for individuals", () => {
    const ind = (applicant: string, stage: "material" | "onsite", t: number, e: string) =>
      sheet(applicant, e, stage, t, { rubricId: "hebei-individual-senior", items: [] });
    const sheets = [ind("张三", "material", 75, "A"), ind("张三", "onsite", 80, "A")];
    const r = aggregate(sheets, info, [{ applicant: "张三", bonus: ["provincial-honour"], public: exact(4.5) }]);
    expect(format2(r.applicants[0].final!)).toBe("85.00"); // 22.5 + 56 + 4.5 + 2
    expect(r.applicants[0].status).toBe("candidate");
    const org = aggregate([...panel("甲", "material", [600]), ...panel("甲", "onsite", [600])], info, [
      { applicant: "甲", bonus: ["luban", "high-tech"] },
    ]);
    expect(format2(org.applicants[0].bonus)).toBe("10.00");
  });

  it("a public satisfaction score above 20 is reported, not used", () => {
    const sheets = [sheet("张三", "A", "material", 75, { rubricId: "hebei-individual-senior", items: [] })];
    const r = aggregate(sheets, info, [{ applicant: "张三", public: exact(25) }]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: "public-out-of-range" }));
    expect(r.applicants[0].public).toBeNull();
    // Named as out of range, not as missing (it was given).
    const both = aggregate(
      [
        sheet("张三", "A", "material", 75, { rubricId: "hebei-individual-senior", items: [] }),
        sheet("张三", "B", "onsite", 75, { rubricId: "hebei-individual-senior", items: [] }),
      ],
      info,
      [{ applicant: "张三", public: exact(25) }],
    );
    expect(both.problems.map((p) => p.code)).toContain("public-out-of-range");
    expect(both.problems.map((p) => p.code)).not.toContain("no-public");
    expect(both.applicants[0].notes.map((n) => n.code)).toContain("public-out-of-range");
  });
});

describe("names, copies and roster rows (issue #9)", () => {
  it("one expert by key; experts whose names differ only in punctuation are named, counted apart", () => {
    const r = aggregate(
      [
        sheet("甲公司", "张三", "material", 600),
        sheet("甲公司", "张\u200b三", "material", 700), // the same expert: a duplicate, not a second panel member
        sheet("甲公司", "李·四", "material", 500),
        sheet("甲公司", "李四", "material", 550),
      ],
      info,
    );
    const a = r.applicants[0];
    expect(a.material.experts).toHaveLength(3);
    expect(r.problems.filter((p) => p.code === "duplicate")).toHaveLength(1);
    expect(r.problems.find((p) => p.code === "similar-experts")?.reason).toContain("“李四”与“李·四”");
  });

  it("the result and the chosen copies are the same in any file order", () => {
    const sheets = [
      sheet("乙", "王", "material", 600, { savedAt: "2026-06-02T10:00:00Z" }),
      sheet("乙", "王", "material", 650, { savedAt: "2026-06-03T10:00:00Z", complete: false }),
      sheet("乙", "赵", "material", 700, { rubricId: "jiangmen-manufacturing" }),
      sheet("乙", "钱", "material", 800, { rubricId: "jiangmen-manufacturing" }),
      sheet("乙", "孙", "material", 500),
    ];
    const a = aggregate(sheets, info);
    const b = aggregate([...sheets].reverse(), info);
    expect(b.applicants).toEqual(a.applicants);
    expect(b.used.map((u) => u.file)).toEqual(a.used.map((u) => u.file));
    // Two hebei-organization sheets (王's older copy, 孙) against two jiangmen ones: a tie, none used.
    expect(a.used).toHaveLength(0);
    expect(a.problems.filter((p) => p.code === "mixed-rubric")).toHaveLength(4);
    expect(a.problems.find((p) => p.code === "older-copy-used")?.file).toBe(sheets[0].file);
  });

  it("roster rows the rule set cannot use are named: unknown bonus ids, public satisfaction for an organisation", () => {
    const r = aggregate(panel("丙", "material", [600, 600]), info, [
      { applicant: "丙", bonus: ["luban", "lubna"], public: exact(18) },
    ]);
    const codes = r.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(["roster-bonus-unknown", "public-not-applicable"]));
    expect(r.applicants[0].bonus.valueOf()).toBe(library().get("hebei-organization")!.rules.bonus!.points);
  });

  it("the stage gate: on-site workbooks of an applicant below the material line are not counted, each named", () => {
    const r = aggregate(
      [
        sheet("甲公司", "专家1", "material", 499.9999),
        sheet("甲公司", "专家2", "material", 499.9999),
        ...panel("甲公司", "onsite", [800, 800, 800]),
        ...panel("乙公司", "material", [500, 500]),
        ...panel("乙公司", "onsite", [700, 700]),
      ],
      info,
    );
    const jia = r.applicants.find((a) => a.applicant === "甲公司")!;
    expect(jia.status).toBe("not-advanced");
    expect(jia.onsite.experts).toEqual([]);
    expect(jia.final).toBeNull();
    const gated = r.problems.filter((p) => p.code === "not-advanced-onsite");
    expect(gated.map((p) => p.file.replace(/-\d+\.xlsx$/, "")).sort()).toEqual([
      "甲公司-onsite-专家1",
      "甲公司-onsite-专家2",
      "甲公司-onsite-专家3",
    ]);
    expect(gated[0].reason).toContain("499.9999 未达进入现场评审分数线 500");
    expect(r.used.filter((s) => s.applicant === "甲公司" && s.stage === "onsite")).toHaveLength(0);
    // Exactly on the line advances and counts its on-site panel.
    const yi = r.applicants.find((a) => a.applicant === "乙公司")!;
    expect(yi.onsite.experts).toHaveLength(2);
    expect(yi.status).toBe("candidate");
  });

  it("divergence means disagreement: two or more bands apart or a wide spread, not neighbours across a band edge", () => {
    const two = (applicant: string, a: number, b: number) =>
      [a, b].map((v, i) =>
        sheet(applicant, `专家${i + 1}`, "material", 500, {
          items: ORG.items.map((it) => ({ code: it.code, points: it.points, value: it.code === "1.1" ? v : 50 })),
        }),
      );
    const r = aggregate([...two("甲", 65, 70), ...two("乙", 45, 70), ...two("丙", 30, 50), ...two("丁", 50, 75)], info);
    const flagged = (who: string) => r.divergences.filter((d) => d.applicant === who).map((d) => [d.code, d.reason]);
    expect(flagged("甲")).toEqual([]); // band 4 and 5, 5 points apart
    expect(flagged("乙")).toEqual([["1.1", "both"]]); // band 3 and 5, 25 points
    expect(flagged("丙")).toEqual([]); // band 3 and 4, exactly 20 points: not above the limit
    expect(flagged("丁")).toEqual([["1.1", "spread"]]); // band 4 and 5, 25 points
  });
});
