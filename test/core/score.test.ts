import { evaluateVetoes, format2, library, scoreSheet, anyFlagged, vetoLabel } from "../../src/core";

describe("scoring a sheet", () => {
  const b = () => library().get("hebei-organization")!;

  it("item score = points × maturity; category subtotals and the total", () => {
    const entries = { "1.1": "50%", "1.2": 0.45, "1.3": "100%", "2.1": 30 };
    const s = scoreSheet(b().rubric, b().scale, entries);
    const item = (code: string) => s.items.find((i) => i.code === code)!;
    expect(format2(item("1.1").score!)).toBe("30.00"); // 60 × 50 %
    expect(format2(item("1.2").score!)).toBe("9.00"); // 20 × 45 %
    expect(format2(item("1.3").score!)).toBe("30.00");
    expect(format2(s.categories[0].score)).toBe("69.00");
    expect(format2(s.categories[1].score)).toBe("12.00"); // 40 × 30 %
    expect(format2(s.total)).toBe("81.00");
    expect(s.scored).toBe(4);
    expect(s.missing).toHaveLength(19);
    expect(s.complete).toBe(false);
  });

  it("invalid entries are flagged, score nothing and keep the sheet incomplete", () => {
    const all = Object.fromEntries(b().rubric.items.map((i) => [i.code, "50%"]));
    const full = scoreSheet(b().rubric, b().scale, all);
    expect(full.complete).toBe(true);
    expect(format2(full.total)).toBe("500.00");
    const bad = scoreSheet(b().rubric, b().scale, { ...all, "3.1": "47%", "7.6": "高" });
    expect(bad.invalid).toEqual(["3.1", "7.6"]);
    expect(bad.complete).toBe(false);
    expect(format2(bad.total)).toBe("455.00"); // 500 − 40×50 % − 50×50 %
    expect(bad.items.find((i) => i.code === "3.1")!.message!.code).toBe("not-on-step");
  });

  it("a band given with the entry is checked", () => {
    const s = scoreSheet(b().rubric, b().scale, { "1.1": { value: "45%", band: 4 } });
    expect(s.items[0].status).toBe("invalid");
  });

  it("individual rubrics add points directly", () => {
    const ind = library().get("hebei-individual-senior")!;
    const s = scoreSheet(ind.rubric, ind.scale, { "3.1": 27.5, "3.2": "25", "3.3": 18 });
    expect(format2(s.total)).toBe("70.50");
    expect(s.complete).toBe(true);
    const over = scoreSheet(ind.rubric, ind.scale, { "3.1": 31 });
    expect(over.invalid).toEqual(["3.1"]);
  });

  it("Jiangmen: 35 % of a 30-point item is 10.5", () => {
    const jm = library().get("jiangmen-manufacturing")!;
    const s = scoreSheet(jm.rubric, jm.scale, { "1.1": "35%" });
    expect(format2(s.items[0].score!)).toBe("10.50");
  });
});

describe("vetoes", () => {
  const vetoes = () => library().ruleSet("jiangmen-organization")!.vetoes;

  it("any item answered 是 disqualifies, keeping which items and the note", () => {
    const v = evaluateVetoes(vetoes(), {
      "major-incident": { answer: "否" },
      "employee-rights": { answer: "是", note: "2023年欠薪事件" },
      "false-material": { answer: "否" },
    });
    expect(v.vetoed).toBe(true);
    expect(v.flagged.map((f) => [f.id, f.note])).toEqual([["employee-rights", "2023年欠薪事件"]]);
  });

  it("all 否 is clean; blanks and nonsense are reported, not counted as flags", () => {
    expect(
      evaluateVetoes(vetoes(), {
        "major-incident": { answer: "否" },
        "employee-rights": { answer: "N" },
        "false-material": { answer: false },
      }).vetoed,
    ).toBe(false);
    const v = evaluateVetoes(vetoes(), { "major-incident": { answer: "" }, "employee-rights": { answer: "不清楚" } });
    expect(v.vetoed).toBe(false);
    expect(v.unanswered).toEqual(["major-incident", "false-material"]);
    expect(v.invalid).toEqual(["employee-rights"]);
  });

  it("anyFlagged reads 不符合 and 是 / Y / yes / TRUE / 1 as flags, 符合 / 否 / 不适用 not", () => {
    expect(anyFlagged(["否", null, "Y"])).toBe(true);
    expect(anyFlagged(["符合", "否", "不符合"])).toBe(true);
    expect(anyFlagged(["否", "", 0, "no", "符合", "不适用", "不存在"])).toBe(false);
  });
});

describe("veto wording", () => {
  it("a flagged eligibility condition reads as not met; a flagged event reads as the event", () => {
    const hebei = library().ruleSet("hebei-organization")!.vetoes;
    const v = evaluateVetoes(hebei, { "party-line": { answer: "不符合" } });
    expect(v.flagged[0].label).toBe("不符合申报条件：拥护党的路线、方针、政策");
    expect(vetoLabel(hebei.find((x) => x.id === "false-material")!).zh).toMatch(
      /^申报者隐瞒有关情况或提供虚假材料进行申报/,
    );
    expect(vetoLabel(library().ruleSet("jiangmen-organization")!.vetoes[2])).toEqual({
      zh: "申报材料弄虚作假。",
      en: "申报材料弄虚作假。",
    });
  });
});
