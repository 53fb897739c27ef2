import {
  AWARDS,
  findAward,
  findRuleSet,
  findScale,
  library,
  RUBRIC_RULE_SETS,
  ruleSetChoices,
  scaleIds,
} from "../../src/core";

describe("award data without the rubric registry (src/core/awards.ts)", () => {
  it("holds the same awards as the validated library", () => {
    expect(AWARDS.map((a) => a.id).sort()).toEqual(
      library()
        .awards.map((a) => a.id)
        .sort(),
    );
    for (const a of library().awards) expect(findAward(a.id)).toEqual(a);
  });

  it("maps every bundled rubric to its award and rule set, as the rubric files say", () => {
    const fromFiles = Object.fromEntries(library().rubrics.map((r) => [r.id, { award: r.award, ruleSet: r.ruleSet }]));
    expect(RUBRIC_RULE_SETS).toEqual(fromFiles);
  });

  it("finds a scale by scale, award, rule set or rubric id, forgiving case, width and spaces", () => {
    expect(scaleIds().sort()).toEqual(["hebei-2022", "jiangmen-2022"]);
    expect(findScale("hebei-2022")!.bands[0]).toMatchObject({ band: 1, min: 0, max: 5 });
    expect(findScale("jiangmen-2022")!.bands[0]).toMatchObject({ band: 1, min: 0, max: 10 });
    expect(findScale("jiangmen-organization")!.id).toBe("jiangmen-2022");
    expect(findScale("jiangmen-medical")!.id).toBe("jiangmen-2022");
    expect(findScale(" HEBEI-individual-senior ")!.id).toBe("hebei-2022");
    expect(findScale("ｈｅｂｅｉ－２０２２")?.id).toBe("hebei-2022");
    expect(findScale("shanghai-2024")).toBeUndefined();
  });

  it("finds a rule set by rule set or rubric id, or by an award id with a single rule set", () => {
    expect(findRuleSet("hebei-organization")!.rules.advance!.min).toBe(500);
    expect(findRuleSet("hebei-individual-frontline")!.rules.id).toBe("hebei-individual");
    expect(findRuleSet("jiangmen-service")!.rules.id).toBe("jiangmen-organization");
    expect(findRuleSet("jiangmen-2022")!.rules.id).toBe("jiangmen-organization");
    expect(findRuleSet("hebei-2022")).toBeUndefined(); // two rule sets: ambiguous
    expect(ruleSetChoices("hebei-2022")).toEqual(["hebei-organization", "hebei-individual"]);
    expect(ruleSetChoices("nonsense").sort()).toEqual([
      "hebei-individual",
      "hebei-organization",
      "jiangmen-organization",
    ]);
  });
});
