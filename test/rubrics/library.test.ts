import { buildLibrary, library, RubricDataError, AWARD_FILES, RUBRIC_FILES, bandOf, type Rubric } from "../../src/core";

const IDS = [
  "jiangmen-manufacturing",
  "jiangmen-service",
  "jiangmen-construction",
  "jiangmen-medical",
  "jiangmen-education",
  "hebei-organization",
  "hebei-individual-senior",
  "hebei-individual-middle",
  "hebei-individual-frontline",
  "hebei-individual-other",
];

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe("rubric library", () => {
  it("loads and validates exactly the ten rubrics with the exact ids", () => {
    expect(library().rubrics.map((r) => r.id).sort()).toEqual([...IDS].sort());
  });

  it.each(IDS)("%s: categories and items add up to the rubric total", (id) => {
    const { rubric } = library().get(id)!;
    const expected = id.startsWith("hebei-individual") ? 80 : 1000;
    expect(rubric.totalPoints).toBe(expected);
    expect(rubric.categories.reduce((s, c) => s + c.points, 0)).toBe(expected);
    expect(rubric.items.reduce((s, i) => s + i.points, 0)).toBe(expected);
    for (const item of rubric.items) expect(item.guidance.length + (item.subitems?.length ?? 0)).toBeGreaterThan(0);
  });

  it("Hebei organisation has 7 categories, 23 items and 56 sub-items", () => {
    const r = library().get("hebei-organization")!.rubric;
    expect(r.categories).toHaveLength(7);
    expect(r.items).toHaveLength(23);
    expect(r.items.flatMap((i) => i.subitems ?? [])).toHaveLength(56);
    expect(r.items.filter((i) => i.kind === "results").map((i) => i.code)).toEqual(["7.1", "7.2", "7.3", "7.4", "7.5", "7.6"]);
    expect(r.items.find((i) => i.code === "4.6")!.name).toBe("相关方关系");
  });

  it("Jiangmen rubrics score 效益 with the results guide and the other four parts with the process guide", () => {
    for (const id of IDS.filter((x) => x.startsWith("jiangmen"))) {
      const r = library().get(id)!.rubric;
      for (const i of r.items) expect(i.kind).toBe(i.category === "5" ? "results" : "process");
      expect(r.categories.map((c) => c.name)).toEqual(["领导", "质量", "创新", "品牌", "效益"]);
    }
  });

  it("individual rubrics are scored in points, in steps of 0.5", () => {
    for (const id of IDS.filter((x) => x.startsWith("hebei-individual"))) {
      const r = library().get(id)!.rubric;
      expect(r.scoring).toBe("points");
      expect(r.pointsStep).toBe(0.5);
      expect(r.notes?.join(" ")).toMatch(/0\.5/);
    }
  });

  it("the two scales put 10 %, 30 %, 50 % and 70 % in different bands", () => {
    const jm = library().award("jiangmen-2022")!.scale;
    const hb = library().award("hebei-2022")!.scale;
    expect([10, 30, 50, 70].map((p) => bandOf(jm, p)!.band)).toEqual([1, 2, 3, 4]);
    expect([10, 30, 50, 70].map((p) => bandOf(hb, p)!.band)).toEqual([2, 3, 4, 5]);
    expect(jm.bands.map((b) => [b.min, b.max])).toEqual([[0, 10], [15, 30], [35, 50], [55, 70], [75, 85], [90, 100]]);
    expect(hb.bands.map((b) => [b.min, b.max])).toEqual([[0, 5], [10, 25], [30, 45], [50, 65], [70, 85], [90, 100]]);
  });

  it("award rules: Hebei thresholds, bonus and vote; Jiangmen defaults marked as the secretariat's", () => {
    const org = library().ruleSet("hebei-organization")!;
    const ind = library().ruleSet("hebei-individual")!;
    const jm = library().ruleSet("jiangmen-organization")!;
    expect([org.advance?.min, org.finalThreshold, org.topN, org.bonus?.points, org.bonus?.cumulative]).toEqual([500, 550, 10, 10, false]);
    expect([ind.advance?.min, ind.finalThreshold, ind.topN, ind.bonus?.points, ind.publicSatisfaction?.max]).toEqual([70, 85, 10, 2, 20]);
    expect(org.vote).toMatchObject({ quorum: { numerator: 2, denominator: 3 }, approval: { numerator: 2, denominator: 3 } });
    expect(jm.vetoes.map((v) => v.id)).toEqual(["major-incident", "employee-rights", "false-material"]);
    expect(jm.finalThreshold).toBeNull();
    expect(jm.secretariatDefaults).toEqual(expect.arrayContaining(["stages", "finalThreshold"]));
  });
});

describe("malformed rubric files are rejected with the file, the field and what is wrong", () => {
  const base = RUBRIC_FILES["rubrics/hebei-organization.json"] as Rubric;
  const build = (mutate: (r: Rubric) => void) => {
    const r = clone(base);
    mutate(r);
    return () => buildLibrary(AWARD_FILES, { "rubrics/broken.json": r });
  };
  const errorsOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(RubricDataError);
      return (e as RubricDataError).errors;
    }
    throw new Error("expected the rubric to be rejected");
  };

  it("points that do not add up to the category", () => {
    const errors = errorsOf(build((r) => (r.items[0].points = 61)));
    expect(errors).toContainEqual(expect.objectContaining({ file: "rubrics/broken.json", field: "categories[0].points" }));
    expect(errors[0].message).toMatch(/110.*111/);
  });

  it("a duplicate item code", () => {
    const errors = errorsOf(build((r) => (r.items[1].code = "1.1")));
    expect(errors.map((e) => e.message).join()).toMatch(/“1\.1”重复/);
  });

  it("a missing field and a wrong type", () => {
    const errors = errorsOf(build((r) => {
      delete (r.items[2] as Partial<Rubric["items"][number]>).name;
      (r as unknown as { totalPoints: string }).totalPoints = "1000";
    }));
    expect(errors).toContainEqual(expect.objectContaining({ field: "items[2]", message: expect.stringContaining("name") }));
    expect(errors).toContainEqual(expect.objectContaining({ field: "totalPoints" }));
  });

  it("an unknown award or rule set", () => {
    const errors = errorsOf(build((r) => (r.ruleSet = "nowhere")));
    expect(errors).toEqual([expect.objectContaining({ field: "ruleSet" })]);
  });

  it("bands with a gap or an overlap", () => {
    const award = clone(AWARD_FILES["rubrics/awards/hebei-2022.json"]) as { scale: { bands: { min: number; max: number }[] } };
    award.scale.bands[1].min = 15; // gap 10 %
    award.scale.bands[3].max = 70; // overlaps band 5
    const errors = errorsOf(() => buildLibrary({ "rubrics/awards/bad.json": award }, {}));
    expect(errors.map((e) => e.message).join("\n")).toMatch(/空缺/);
    expect(errors.map((e) => e.message).join("\n")).toMatch(/重叠/);
    expect(errors.every((e) => e.file === "rubrics/awards/bad.json")).toBe(true);
  });
});
