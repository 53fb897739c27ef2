import {
  aggregatePanel,
  bonusPoints,
  committeeVote,
  decide,
  exact,
  finalScore,
  format2,
  library,
  rankApplicants,
  statusOf,
  thresholdsOf,
  tiedAtLimit,
  type Exact,
} from "../../src/core";

const org = () => library().ruleSet("hebei-organization")!;
const ind = () => library().ruleSet("hebei-individual")!;
const ex = (xs: number[]) => xs.map((x) => exact(x));

describe("panel aggregation", () => {
  it("mean by default", () => {
    const r = aggregatePanel(ex([600, 610, 650]));
    expect(format2(r.value!)).toBe("620.00");
    expect(r.used).toBe("mean");
  });

  it("trimmed mean drops one highest and one lowest", () => {
    const r = aggregatePanel(ex([500, 600, 610, 620, 900]), "trimmed");
    expect(format2(r.value!)).toBe("610.00");
    expect(r.dropped.sort()).toEqual([0, 4]);
  });

  it("trimmed mean with fewer than 3 experts falls back to the mean and says so", () => {
    const r = aggregatePanel(ex([500, 600]), "trimmed");
    expect(format2(r.value!)).toBe("550.00");
    expect(r.used).toBe("mean");
    expect(r.note!.zh).toContain("少于 3 人");
  });

  it("median, odd and even", () => {
    expect(format2(aggregatePanel(ex([700, 500, 600]), "median").value!)).toBe("600.00");
    expect(format2(aggregatePanel(ex([700, 500, 600, 650]), "median").value!)).toBe("625.00");
  });

  it("an empty panel has no value", () => {
    expect(aggregatePanel([], "mean").value).toBeNull();
  });
});

describe("stage combination and thresholds, exactly", () => {
  it("final = material × 30 % + on-site × 70 % + bonus", () => {
    const f = finalScore(org(), {
      material: exact(600),
      onsite: exact(700),
      bonus: bonusPoints(org(), ["luban", "high-tech"]),
    });
    expect(format2(f)).toBe("680.00"); // 180 + 490 + 10 (not cumulative)
  });

  it("individuals add public satisfaction and the 2-point bonus", () => {
    const f = finalScore(ind(), {
      material: exact(75),
      onsite: exact(80),
      public: exact(4.5),
      bonus: bonusPoints(ind(), ["provincial-honour"]),
    });
    expect(format2(f)).toBe("85.00");
    expect(statusOf({ vetoed: false, material: exact(75), onsite: exact(80), final: f }, thresholdsOf(ind()))).toBe(
      "candidate",
    );
  });

  it("a final score of exactly 550 from repeating-decimal panel means is a candidate", () => {
    // material panel of 3 (mean 500.0333…), on-site panel of 7 (mean 571.4142857…): 150.01 + 399.99 = 550 on paper.
    const material = aggregatePanel(ex([500, 500, 500.1])).value!;
    const onsite = aggregatePanel(ex([571.4, 571.4, 571.4, 571.4, 571.4, 571.4, 571.5])).value!;
    const final = finalScore(org(), { material, onsite });
    expect(final.equals(550)).toBe(true);
    expect(statusOf({ vetoed: false, material, onsite, final }, thresholdsOf(org()))).toBe("candidate");
  });

  it("a spreadsheet float such as 549.9999999999999 is read as 550", () => {
    expect(exact(549.9999999999999).equals(550)).toBe(true);
    expect(exact(0.1 + 0.2).equals(exact("0.3"))).toBe(true);
  });

  it("material exactly 500 advances; 499.99 does not", () => {
    const t = thresholdsOf(org());
    expect(statusOf({ vetoed: false, material: exact(500), onsite: exact(600), final: exact(570) }, t)).toBe(
      "candidate",
    );
    expect(statusOf({ vetoed: false, material: exact(499.99), onsite: null, final: null }, t)).toBe("not-advanced");
    expect(statusOf({ vetoed: false, material: exact(520), onsite: exact(560), final: exact("549.99") }, t)).toBe(
      "below-threshold",
    );
    expect(statusOf({ vetoed: false, material: exact(520), onsite: null, final: null }, t)).toBe("no-onsite");
    expect(statusOf({ vetoed: true, material: exact(900), onsite: exact(900), final: exact(900) }, t)).toBe("vetoed");
  });

  it("individual advance threshold 70 excludes public satisfaction", () => {
    const t = thresholdsOf(ind());
    expect(t.advance!.equals(70)).toBe(true);
    expect(statusOf({ vetoed: false, material: exact(69.5), onsite: null, final: null }, t)).toBe("not-advanced");
  });

  it("display is two decimals", () => {
    expect(format2(exact(1).div(3))).toBe("0.33");
    expect(format2(exact(2).div(3))).toBe("0.67");
    expect(format2(exact(550))).toBe("550.00");
  });
});

describe("ranking", () => {
  const r = (id: string, final: number | null, vetoed = false) => ({
    id,
    final: final === null ? null : exact(final),
    vetoed,
  });

  it("ties share a rank (1, 2, 2, 4)", () => {
    const out = rankApplicants([r("a", 700), r("b", 650), r("c", 650), r("d", 600)]);
    expect(out.map((x) => x.rank)).toEqual([1, 2, 2, 4]);
  });

  it("vetoed applicants are left out but keep the rank they would have had", () => {
    const out = rankApplicants([r("a", 700), r("v", 680, true), r("b", 650), r("c", 600)]);
    expect(out.map((x) => [x.id, x.rank, x.wouldBeRank])).toEqual([
      ["a", 1, null],
      ["v", null, 2],
      ["b", 2, null],
      ["c", 3, null],
    ]);
  });

  it("top N: candidates beyond the limit are 超出名额; a tie on the last place is flagged", () => {
    const t = { ...thresholdsOf(org()), topN: 2 };
    const apps = [
      { id: "a", vetoed: false, material: exact(600), onsite: exact(700), final: exact(700) },
      { id: "b", vetoed: false, material: exact(600), onsite: exact(650), final: exact(650) },
      { id: "c", vetoed: false, material: exact(600), onsite: exact(600), final: exact(600) },
      { id: "d", vetoed: false, material: exact(510), onsite: exact(500), final: exact(503) },
    ];
    expect(decide(apps, t).map((d) => d.status)).toEqual(["candidate", "candidate", "over-limit", "below-threshold"]);
    apps[2].final = exact(650);
    const tied = decide(apps, t);
    expect(tied.map((d) => [d.status, d.rank])).toEqual([
      ["candidate", 1],
      ["candidate", 2],
      ["candidate", 2],
      ["below-threshold", 4],
    ]);
    expect(tied[1].note!.code).toBe("tie-at-limit");
    expect(tied[0].note).toBeNull();
  });
});

describe("ties on the last place inside the limit (the committee decides)", () => {
  it("names the tied rank only when the tie takes the list beyond N", () => {
    // Ranks of the applicants reaching the line (null: below it); limit 10.
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(tiedAtLimit([...nine, 10, 10], 10)).toBe(10);
    expect(tiedAtLimit([...nine, 10, null], 10)).toBeNull();
    expect(tiedAtLimit([...nine.slice(0, 8), 9, 9, 11], 10)).toBeNull(); // 9 and 9 fill 10 places: no excess
    expect(tiedAtLimit([1, 2, 2, 2], 2)).toBe(2);
    expect(tiedAtLimit([1, 1, 1], null)).toBeNull(); // no limit, no excess
  });
});

describe("committee vote", () => {
  it("quorum ≥ 2/3 of members and approval ≥ 2/3 of those present, both exactly", () => {
    // 21 members: a quorum is 14 present.
    expect(committeeVote(org(), 10, 14, 21)).toEqual({ quorum: true, approved: true, passes: true });
    expect(committeeVote(org(), 13, 13, 21)).toEqual({ quorum: false, approved: true, passes: false });
    // 15 present: 10 yes is exactly 2/3 and passes; 9 does not.
    expect(committeeVote(org(), 10, 15, 21)?.passes).toBe(true);
    expect(committeeVote(org(), 9, 15, 21)).toEqual({ quorum: true, approved: false, passes: false });
    expect(committeeVote(org(), 16, 15, 21)?.approved).toBe(false); // more yes votes than people present is an error
  });

  it("a rule set whose source sets no vote has none (no 2/3 made up in code)", () => {
    const jiangmen = library().ruleSet("jiangmen-organization")!;
    expect(jiangmen.vote).toBeNull();
    expect(committeeVote(jiangmen, 10, 14, 21)).toBeNull();
  });
});

export type _ = Exact;
