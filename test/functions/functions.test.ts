// Every QA.* function called through the id it registers (CustomFunctions stubbed), on normal, boundary and bad
// input, and compared with the engine it wraps.
import {
  aggregatePanel,
  committeeVote,
  exact,
  finalScore,
  library,
  rankApplicants,
  scoreSheet,
  STATUS_TEXT,
  statusOf,
  thresholdsOf,
  toNumber,
  type PanelMethod,
} from "../../src/core";
import { DEFAULT_RULES, DEFAULT_SCALE, FUNCTIONS } from "../../src/functions/functions";
import { excelError, loadFunctions, type Registered } from "./cf-stub";

let qa: Registered;
beforeAll(() => {
  qa = loadFunctions();
});

const col = (...xs: unknown[]) => xs.map((x) => [x]);
const IDS = ["ITEMSCORE", "CHECK", "BAND", "SUBTOTAL", "MISSING", "VETOED", "PANEL", "FINAL", "STATUS", "RANK", "VOTE"];

describe("registration", () => {
  it("registers exactly the eleven ids, once each", () => {
    expect(qa.ids.sort()).toEqual([...IDS].sort());
  });

  it("does not fail without CustomFunctions (the task pane page in a plain browser)", () => {
    const g = globalThis as Record<string, unknown>;
    const saved = g.CustomFunctions;
    delete g.CustomFunctions;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        expect(() => require("../../src/functions/functions")).not.toThrow();
      });
    } finally {
      g.CustomFunctions = saved;
    }
  });
});

describe("QA.ITEMSCORE(points, maturity, [scale])", () => {
  it("is points × maturity, for a percentage typed any of the ways the engine reads", () => {
    expect(qa.call("ITEMSCORE", 60, 0.45, null)).toBe(27);
    expect(qa.call("ITEMSCORE", 60, "45%", null)).toBe(27);
    expect(qa.call("ITEMSCORE", 60, 45, null)).toBe(27);
    expect(qa.call("ITEMSCORE", 60, "４５％", null)).toBe(27);
    expect(qa.call("ITEMSCORE", 35, 0.15, null)).toBe(5.25);
    expect(qa.call("ITEMSCORE", 70, 0.07 * 5, null)).toBe(24.5); // 0.35000000000000003
  });

  it("boundaries: 0 % and 100 % on both scales; blank is unscored (0)", () => {
    expect(qa.call("ITEMSCORE", 60, 0, null)).toBe(0);
    expect(qa.call("ITEMSCORE", 60, 1, "jiangmen-2022")).toBe(60);
    expect(qa.call("ITEMSCORE", 60, null, null)).toBe(0);
    expect(qa.call("ITEMSCORE", 60, "", "hebei-2022")).toBe(0);
  });

  it("agrees with the engine's item scores for a whole rubric", () => {
    const b = library().get("jiangmen-manufacturing")!;
    const entries = Object.fromEntries(b.rubric.items.map((it, i) => [it.code, `${(i * 15) % 105}%`]));
    const sheet = scoreSheet(b.rubric, b.scale, entries);
    for (const item of sheet.items) {
      expect(qa.call("ITEMSCORE", item.points, entries[item.code], "jiangmen-manufacturing")).toBe(
        toNumber(item.score!),
      );
    }
  });

  it("#VALUE! with the reason for an invalid maturity, points or scale", () => {
    expect(excelError(() => qa.call("ITEMSCORE", 60, 0.47, null))).toEqual({
      code: "#VALUE!",
      message: "成熟度 47% 不是 5% 的整数倍（允许 0%、5%、10% … 100%）",
    });
    expect(excelError(() => qa.call("ITEMSCORE", 60, "高", null)).message).toBe(
      "“高”不是有效的成熟度百分比（应为 0%–100%，如 45% 或 0.45）",
    );
    expect(excelError(() => qa.call("ITEMSCORE", 60, 120, null)).message).toBe("成熟度 120% 超出 0%–100% 的范围");
    expect(excelError(() => qa.call("ITEMSCORE", 60, true, null)).code).toBe("#VALUE!");
    expect(excelError(() => qa.call("ITEMSCORE", -5, 0.5, null)).message).toBe("分值“-5”无效（应为非负数）");
    expect(excelError(() => qa.call("ITEMSCORE", null, 0.5, null)).message).toBe("缺少分值");
    expect(excelError(() => qa.call("ITEMSCORE", 60, 0.5, "shanghai")).message).toBe(
      "评分尺度“shanghai”不存在（可用：jiangmen-2022、hebei-2022，或评分标准编号）",
    );
  });
});

describe("QA.CHECK(maturity, [scale], [band])", () => {
  it("is empty text for a valid value, else the reason in Chinese", () => {
    expect(qa.call("CHECK", 0.45, null, null)).toBe("");
    expect(qa.call("CHECK", "100%", "jiangmen-2022", null)).toBe("");
    expect(qa.call("CHECK", null, null, null)).toBe("未评分");
    expect(qa.call("CHECK", "", null, null)).toBe("未评分");
    expect(qa.call("CHECK", 0.47, null, null)).toBe("成熟度 47% 不是 5% 的整数倍（允许 0%、5%、10% … 100%）");
    expect(qa.call("CHECK", -0.05, null, null)).toBe("成熟度 -5% 超出 0%–100% 的范围");
  });

  it("checks the band the reviewer chose, on the right scale", () => {
    // 10 % is band 2 in Hebei (10–25) but band 1 in Jiangmen (0–10).
    expect(qa.call("CHECK", 0.1, null, 2)).toBe("");
    expect(qa.call("CHECK", 0.1, "jiangmen-2022", 2)).toBe("成熟度 10% 不在所选第 2 档（15%–30%）内");
    expect(qa.call("CHECK", 0.1, "jiangmen-2022", "第1档")).toBe("");
    expect(qa.call("CHECK", 0.1, null, 7)).toBe("档次“7”无效（应为 1–6）");
  });

  it("agrees with the engine's entry check", () => {
    const b = library().get("hebei-organization")!;
    for (const raw of [0, 0.05, 0.1, 0.25, 0.3, 0.45, 0.5, 0.65, 0.7, 0.85, 0.9, 1, 0.02, "50 %", "x", ""]) {
      const s = scoreSheet(b.rubric, b.scale, { "1.1": raw });
      expect(qa.call("CHECK", raw, null, null)).toBe(s.items[0].status === "ok" ? "" : s.items[0].message!.zh);
    }
  });
});

describe("QA.BAND(maturity, [scale])", () => {
  it("is the band of a valid percentage on either scale, at every band edge", () => {
    const hebei = [
      [0, 1],
      [5, 1],
      [10, 2],
      [25, 2],
      [30, 3],
      [45, 3],
      [50, 4],
      [65, 4],
      [70, 5],
      [85, 5],
      [90, 6],
      [100, 6],
    ];
    for (const [p, band] of hebei) expect(qa.call("BAND", p / 100, null)).toBe(band);
    const jiangmen = [
      [0, 1],
      [10, 1],
      [15, 2],
      [30, 2],
      [35, 3],
      [50, 3],
      [55, 4],
      [70, 4],
      [75, 5],
      [85, 5],
      [90, 6],
      [100, 6],
    ];
    for (const [p, band] of jiangmen) expect(qa.call("BAND", `${p}%`, "jiangmen-2022")).toBe(band);
    expect(qa.call("BAND", 0.1, "jiangmen-medical")).toBe(1); // a rubric id names its award's scale
  });

  it("#N/A for a blank, #VALUE! for an invalid value", () => {
    expect(excelError(() => qa.call("BAND", null, null))).toEqual({ code: "#N/A", message: "未评分" });
    expect(excelError(() => qa.call("BAND", 0.12, null))).toEqual({
      code: "#VALUE!",
      message: "成熟度 12% 不是 5% 的整数倍（允许 0%、5%、10% … 100%）",
    });
  });
});

describe("QA.SUBTOTAL(points, maturities, [scale])", () => {
  it("is Σ points × maturity, blanks counting 0, and equals the engine's total for a full sheet", () => {
    const b = library().get("hebei-organization")!;
    const values = b.rubric.items.map((_, i) => (i % 4 === 3 ? null : ((i * 5) % 105) / 100));
    const entries = Object.fromEntries(b.rubric.items.map((it, i) => [it.code, values[i]]));
    const sheet = scoreSheet(b.rubric, b.scale, entries);
    const points = col(...b.rubric.items.map((it) => it.points));
    expect(qa.call("SUBTOTAL", points, col(...values), null)).toBe(toNumber(sheet.total));
    for (const cat of sheet.categories) {
      const idx = b.rubric.items.map((it, i) => (it.category === cat.code ? i : -1)).filter((i) => i >= 0);
      expect(
        qa.call("SUBTOTAL", col(...idx.map((i) => b.rubric.items[i].points)), col(...idx.map((i) => values[i])), null),
      ).toBe(toNumber(cat.score));
    }
  });

  it("works on several columns (row by row) and on an all-blank range", () => {
    expect(
      qa.call(
        "SUBTOTAL",
        [
          [60, 20],
          [40, 10],
        ],
        [
          [0.5, "100%"],
          [null, 0.05],
        ],
        null,
      ),
    ).toBe(50.5);
    expect(qa.call("SUBTOTAL", col(60, 20), col(null, ""), null)).toBe(0);
  });

  it("is exact where floats are not: 45 × 70 % + 45 × 70 % + 90 × 70 % = 126", () => {
    expect(45 * 0.7 + 45 * 0.7 + 90 * 0.7).toBe(125.99999999999999);
    expect(qa.call("SUBTOTAL", col(45, 45, 90), col(0.7, 0.7, 0.7), null)).toBe(126);
    expect(qa.call("ITEMSCORE", 90, 0.55, null)).toBe(49.5);
  });

  it("#VALUE! names the first bad row (and column in a wide range)", () => {
    expect(excelError(() => qa.call("SUBTOTAL", col(60, 20, 40), col(0.5, 0.47, "x"), null))).toEqual({
      code: "#VALUE!",
      message: "第 2 行：成熟度 47% 不是 5% 的整数倍（允许 0%、5%、10% … 100%）",
    });
    expect(excelError(() => qa.call("SUBTOTAL", [[60, 20]], [[0.5, "高"]], null)).message).toBe(
      "第 1 行第 2 列：“高”不是有效的成熟度百分比（应为 0%–100%，如 45% 或 0.45）",
    );
    expect(excelError(() => qa.call("SUBTOTAL", col(60, null), col(0.5, 0.5), null)).message).toBe("第 2 行：缺少分值");
    expect(excelError(() => qa.call("SUBTOTAL", col(60, 20), col(0.5), null)).message).toBe(
      "QA.SUBTOTAL：两个区域大小不同（2 行 × 1 列 与 1 行 × 1 列）",
    );
  });
});

describe("QA.MISSING(maturities) and QA.VETOED(answers)", () => {
  it("MISSING counts the blank cells (null, empty or spaces); 0 % is a value", () => {
    expect(qa.call("MISSING", col(0.5, null, "", "  ", 0, "x"))).toBe(3);
    expect(
      qa.call("MISSING", [
        [null, null],
        [null, 0.1],
      ]),
    ).toBe(3);
    expect(qa.call("MISSING", col(0.1))).toBe(0);
  });

  it("VETOED is TRUE when any answer is 是 / Y / yes / TRUE / 1", () => {
    for (const yes of ["是", "Y", "yes", "YES", true, 1, "TRUE", "1"])
      expect(qa.call("VETOED", col("否", null, yes))).toBe(true);
    expect(qa.call("VETOED", col("否", "N", false, 0, null, "", "不确定"))).toBe(false);
    expect(qa.call("VETOED", [[null]])).toBe(false);
  });
});

describe("QA.PANEL(scores, [method])", () => {
  const scores = [600, 610, 650, 700, 580];
  const engine = (xs: number[], m: PanelMethod) =>
    toNumber(
      aggregatePanel(
        xs.map((x) => exact(x)),
        m,
      ).value!,
    );

  it("mean (default), trimmed and median agree with the engine; blanks are ignored", () => {
    expect(qa.call("PANEL", col(...scores, null, ""), null)).toBe(engine(scores, "mean"));
    expect(qa.call("PANEL", col(...scores), "trimmed")).toBe(engine(scores, "trimmed"));
    expect(qa.call("PANEL", col(...scores), "trimmed")).toBe(620);
    expect(qa.call("PANEL", col(...scores), " Median ")).toBe(610);
    expect(qa.call("PANEL", col(700, 500, 600, 650), "median")).toBe(625);
  });

  it("trimmed with fewer than 3 experts falls back to the mean", () => {
    expect(qa.call("PANEL", col(500, 600, null), "trimmed")).toBe(550);
  });

  it("is exact: (0.1 + 0.2) is 0.3", () => {
    expect(qa.call("PANEL", col(0.1 + 0.2, 0.3), "mean")).toBe(0.3);
  });

  it("#N/A for no score, #VALUE! for text or an unknown method", () => {
    expect(excelError(() => qa.call("PANEL", col(null, ""), null))).toEqual({
      code: "#N/A",
      message: "没有可用的专家评分",
    });
    expect(excelError(() => qa.call("PANEL", col(600, "缺席"), null)).message).toBe("第 2 行：“缺席”不是有效的分数");
    expect(excelError(() => qa.call("PANEL", col(600), "average")).message).toMatch(/^汇总方法“average”无效/);
  });
});

describe("QA.FINAL(material, onsite, [bonus], [public], [materialWeight])", () => {
  const rules = library().ruleSet("hebei-organization")!;

  it("material × 0.3 + on-site × 0.7 (+ bonus, public satisfaction), as the engine", () => {
    expect(qa.call("FINAL", 600, 700, null, null, null)).toBe(670);
    expect(qa.call("FINAL", 600, 700, 10, null, null)).toBe(680);
    expect(qa.call("FINAL", 75, 80, 2, 4.5, null)).toBe(85);
    expect(qa.call("FINAL", 512.9, 565.9, null, null, null)).toBe(550); // floats would give 549.9999999999999
    const e = finalScore(rules, { material: exact(612.3), onsite: exact(588.7), bonus: exact(10) });
    expect(qa.call("FINAL", 612.3, 588.7, 10, null, null)).toBe(toNumber(e));
  });

  it("a what-if material weight (0–1, a cell formatted 40 % holds 0.4)", () => {
    expect(qa.call("FINAL", 600, 700, null, null, 0.4)).toBe(660);
    expect(qa.call("FINAL", 600, 700, null, null, 0)).toBe(700);
    expect(qa.call("FINAL", 600, 700, null, null, 1)).toBe(600);
    expect(excelError(() => qa.call("FINAL", 600, 700, null, null, 30)).message).toBe(
      "材料评审权重“30”无效（应在 0 与 1 之间，如 0.3 或 30%）",
    );
    expect(excelError(() => qa.call("FINAL", 600, 700, null, null, -0.1)).code).toBe("#VALUE!");
  });

  it("#N/A without a material or on-site score", () => {
    expect(excelError(() => qa.call("FINAL", null, 700, null, null, null))).toEqual({
      code: "#N/A",
      message: "缺少材料评审得分",
    });
    expect(excelError(() => qa.call("FINAL", 600, null, null, null, null))).toEqual({
      code: "#N/A",
      message: "缺少现场评审得分",
    });
  });
});

describe("QA.STATUS(final, material, vetoed, [award], [advance], [threshold])", () => {
  it("QA.STATUS(550, 500, FALSE) is a candidate: reaching a threshold counts", () => {
    expect(qa.call("STATUS", 550, 500, false, null)).toBe("候选");
  });

  it("the thresholds, exactly, for organisations (500 / 550)", () => {
    expect(qa.call("STATUS", 600, 499.99, false, null)).toBe("未进入现场评审");
    expect(qa.call("STATUS", null, 499.99, false, null)).toBe("未进入现场评审");
    expect(qa.call("STATUS", 549.99, 500, false, null)).toBe("未达提名线");
    expect(qa.call("STATUS", 0.3 * 512.9 + 0.7 * 565.9, 512.9, false, null)).toBe("候选"); // 549.9999999999999 is 550
    expect(qa.call("STATUS", 549.999999999, 500, false, null)).toBe("未达提名线"); // a real difference at 9 decimals
    expect(qa.call("STATUS", null, 500, false, null)).toBe("缺少现场评审得分");
    expect(qa.call("STATUS", 700, null, false, null)).toBe("缺少材料评审得分");
    expect(qa.call("STATUS", "550", "500.00", "否", null)).toBe("候选");
  });

  it("a veto comes first, whatever the scores", () => {
    expect(qa.call("STATUS", 900, 900, true, null)).toBe("否决");
    expect(qa.call("STATUS", 900, 900, "是", "hebei-individual")).toBe("否决");
    expect(qa.call("STATUS", 900, 900, null, null)).toBe("候选");
  });

  it("under another rule set, or a rubric's (individuals: 70 / 85; Jiangmen: no thresholds)", () => {
    expect(qa.call("STATUS", 85, 70, false, "hebei-individual")).toBe("候选");
    expect(qa.call("STATUS", 84.5, 70, false, "hebei-individual-senior")).toBe("未达提名线");
    expect(qa.call("STATUS", 90, 69.5, false, "hebei-individual")).toBe("未进入现场评审");
    // No nomination line (江门): no 候选 verdict, ranked by the final score.
    expect(qa.call("STATUS", 120, 100, false, "jiangmen-organization")).toBe("参加排序（未设提名线）");
    expect(qa.call("STATUS", 12, 10, false, "jiangmen-2022")).toBe("参加排序（未设提名线）");
  });

  it("takes other thresholds (the summary's parameter sheet): blank, 0 or left out mean the rule set's, 无 none", () => {
    expect(qa.call("STATUS", 580, 500, false, "hebei-organization", 500, 600)).toBe("未达提名线");
    expect(qa.call("STATUS", 600, 500, false, "hebei-organization", 500, 600)).toBe("候选");
    expect(qa.call("STATUS", 600, 520, false, "hebei-organization", 520.000000001, "无")).toBe("未进入现场评审");
    expect(qa.call("STATUS", 100, 90, false, "hebei-organization", "无", "不设")).toBe("参加排序（未设提名线）");
    expect(qa.call("STATUS", 100, 90, false, "hebei-organization", "none", " 无 ")).toBe("参加排序（未设提名线）");
    expect(qa.call("STATUS", 549, 500, false, "hebei-organization", null, null)).toBe("未达提名线");
    expect(qa.call("STATUS", 120, 100, false, "jiangmen-organization", "无", 130)).toBe("未达提名线");
    expect(qa.call("STATUS", 120, 100, false, "jiangmen-organization", 0, 0)).toBe("参加排序（未设提名线）");
    // A blank threshold cell reaches the function as 0 on desktop and as null or "" on the web: one answer.
    const blanks = [0, null, "", undefined].map((b) => qa.call("STATUS", 549, 499, false, "hebei-organization", b, b));
    expect(blanks).toEqual(Array(4).fill("未进入现场评审"));
    const finals = [0, null, ""].map((b) => qa.call("STATUS", 549, 500, false, "hebei-organization", 500, b));
    expect(finals).toEqual(Array(3).fill("未达提名线"));
    expect(excelError(() => qa.call("STATUS", 600, 500, false, null, -1, null))).toEqual({
      code: "#VALUE!",
      message: expect.stringContaining("进入现场评审分数线"),
    });
    expect(excelError(() => qa.call("STATUS", 600, 500, false, null, null, "高"))).toEqual({
      code: "#VALUE!",
      message: expect.stringContaining("提名分数线"),
    });
  });

  it("agrees with the engine on a grid of cases", () => {
    for (const award of ["hebei-organization", "hebei-individual", "jiangmen-organization"]) {
      const t = thresholdsOf(library().ruleSet(award)!);
      for (const material of [null, 69.5, 70, 499.5, 500, 800])
        for (const fin of [null, 84.5, 85, 549.5, 550, 900])
          for (const vetoed of [false, true]) {
            const s = statusOf(
              {
                vetoed,
                material: material === null ? null : exact(material),
                onsite: fin === null ? null : exact(fin),
                final: fin === null ? null : exact(fin),
              },
              t,
            );
            expect(qa.call("STATUS", fin, material, vetoed, award)).toBe(STATUS_TEXT[s].zh);
          }
    }
  });

  it("#VALUE! for an unknown or ambiguous award, a bad score or a bad veto answer", () => {
    expect(excelError(() => qa.call("STATUS", 550, 500, false, "hebei-2022")).message).toBe(
      "规则“hebei-2022”不存在或不唯一（请用：hebei-organization、hebei-individual，或评分标准编号）",
    );
    expect(excelError(() => qa.call("STATUS", "高", 500, false, null)).message).toBe("“高”不是有效的分数");
    expect(excelError(() => qa.call("STATUS", 550, 500, "也许", null)).message).toBe(
      "否决项答案“也许”无效（应为“是”或“否”）",
    );
  });
});

describe("the text a function returns follows Office's display language (Chinese by default)", () => {
  const g = globalThis as { Office?: unknown };
  const saved = g.Office;
  const inOffice = <T>(displayLanguage: string | undefined, thunk: () => T): T => {
    g.Office = { context: { displayLanguage } };
    try {
      return thunk();
    } finally {
      g.Office = saved;
    }
  };

  it("QA.STATUS and QA.CHECK in English for an English Office, Chinese for a Chinese one or none", () => {
    expect(inOffice("en-US", () => qa.call("STATUS", 550, 500, false, null))).toBe("Candidate");
    expect(inOffice("en-GB", () => qa.call("STATUS", 549, 500, false, null))).toBe("Below the nomination threshold");
    expect(inOffice("zh-CN", () => qa.call("STATUS", 550, 500, false, null))).toBe("候选");
    expect(inOffice(undefined, () => qa.call("STATUS", 550, 500, false, null))).toBe("候选");
    expect(qa.call("STATUS", 550, 500, false, null)).toBe("候选");
    expect(inOffice("en-US", () => qa.call("CHECK", 0.47, "hebei-2022", null))).toMatch(/^[\x20-\x7e%–—…]+$/);
    expect(inOffice("en-US", () => qa.call("CHECK", 0.47, "hebei-2022", null))).toContain("5%");
    expect(qa.call("CHECK", 0.47, "hebei-2022", null)).toContain("不是 5% 的整数倍");
  });

  it("the language argument pins the verdict's language (the summary's own formulas compare its Chinese text)", () => {
    expect(inOffice("en-US", () => qa.call("STATUS", 550, 500, false, null, null, null, "zh"))).toBe("候选");
    expect(qa.call("STATUS", 550, 500, false, null, null, null, "English")).toBe("Candidate");
    expect(excelError(() => qa.call("STATUS", 550, 500, false, null, null, null, "fr")).message).toBe(
      "语言“fr”无效（应为 zh 或 en）",
    );
  });

  it("error messages too", () => {
    expect(inOffice("en-US", () => excelError(() => qa.call("STATUS", 600, 500, false, null, -1, null)))).toEqual({
      code: "#VALUE!",
      message: 'threshold to advance "-1" is not valid (a number ≥ 0; blank or 0: the rule set\'s; "none": no line)',
    });
    expect(inOffice("en-US", () => excelError(() => qa.call("VOTE", 10, 1.5, 21, null)).message)).toBe(
      'members present "1.5" is not a whole number ≥ 0',
    );
    expect(inOffice("en-US", () => excelError(() => qa.call("BAND", 0.47, "hebei-2022")).code)).toBe("#VALUE!");
    expect(inOffice("en-US", () => excelError(() => qa.call("BAND", 0.47, "hebei-2022")).message)).not.toMatch(
      /[\u4e00-\u9fff]/,
    );
  });
});

describe("QA.RANK(score, scores, [excluded])", () => {
  it("1 = highest; ties share a rank (competition ranking)", () => {
    const scores = col(700, 650, 650, 600, 720);
    expect([720, 700, 650, 600].map((s) => qa.call("RANK", s, scores, null))).toEqual([1, 2, 3, 5]);
  });

  it("excluded rows do not push anybody down; an excluded score gets the rank it would have had", () => {
    const scores = col(700, 800, 650, 600);
    const excluded = col(false, true, "否", null);
    expect(qa.call("RANK", 700, scores, excluded)).toBe(1);
    expect(qa.call("RANK", 650, scores, excluded)).toBe(2);
    expect(qa.call("RANK", 800, scores, excluded)).toBe(1);
    expect(qa.call("RANK", 650, scores, col(1, "是", 0, "N"))).toBe(1);
  });

  it("agrees with the engine's ranking (vetoed applicants left out)", () => {
    const finals = [612.5, 700, 612.5, 580, 0.3 * 512.9 + 0.7 * 565.9, 550, 701, 580];
    const vetoed = [false, false, true, false, false, false, true, false];
    const ranked = rankApplicants(finals.map((f, i) => ({ id: String(i), final: exact(f), vetoed: vetoed[i] })));
    finals.forEach((f, i) => {
      expect(qa.call("RANK", f, col(...finals), col(...vetoed))).toBe(ranked[i].rank ?? ranked[i].wouldBeRank);
    });
  });

  it("ignores blanks and text like Excel's RANK.EQ; compares exactly (549.9999999999999 ties 550)", () => {
    expect(qa.call("RANK", 600, col(null, "缺考", 700, "", 600), null)).toBe(2);
    expect(qa.call("RANK", 550, col(0.3 * 512.9 + 0.7 * 565.9, 550, 551), null)).toBe(2);
  });

  it("#VALUE! for ranges of different sizes or a bad flag; #N/A for no score", () => {
    expect(excelError(() => qa.call("RANK", 600, col(600, 700), col(false))).message).toBe(
      "QA.RANK：两个区域大小不同（2 行 × 1 列 与 1 行 × 1 列）",
    );
    expect(excelError(() => qa.call("RANK", 600, col(600, 700), col(false, "否决"))).message).toBe(
      "第 2 行：排除标记“否决”无效（应为 TRUE/FALSE 或 是/否）",
    );
    expect(excelError(() => qa.call("RANK", null, col(600), null))).toEqual({
      code: "#N/A",
      message: "没有要排名的得分",
    });
  });
});

describe("QA.VOTE(yes, present, members, [award])", () => {
  it("passes with quorum and approval both at least 2/3, reaching counts", () => {
    expect(qa.call("VOTE", 10, 14, 21, null)).toBe(true); // 14 = 2/3 × 21; 10 ≥ 2/3 × 14
    expect(qa.call("VOTE", 10, 13, 21, null)).toBe(false); // no quorum
    expect(qa.call("VOTE", 9, 14, 21, null)).toBe(false); // 9 < 9.33
    expect(qa.call("VOTE", 2, 3, 3, null)).toBe(true);
    expect(qa.call("VOTE", 0, 0, 0, null)).toBe(false);
  });

  it("agrees with the engine for every count up to 15 members", () => {
    const rules = library().ruleSet("hebei-organization")!;
    for (let members = 0; members <= 15; members++)
      for (let present = 0; present <= members + 1; present++)
        for (let yes = 0; yes <= present + 1; yes++)
          expect(qa.call("VOTE", yes, present, members, null)).toBe(
            committeeVote(rules, yes, present, members)?.passes,
          );
  });

  it("without a scale or rule set, uses what the award data names (functionDefaults), not a constant in code", () => {
    const withDefault = library().awards.filter((a) => a.functionDefaults);
    expect(withDefault.map((a) => a.id)).toEqual(["hebei-2022"]);
    expect(DEFAULT_SCALE).toBe(withDefault[0].scale.id);
    expect(DEFAULT_RULES).toBe(withDefault[0].functionDefaults!.ruleSet);
    expect(library().ruleSet(DEFAULT_RULES!)).toBeDefined();
  });

  it("#VALUE! for a count that is not a whole number ≥ 0", () => {
    expect(excelError(() => qa.call("VOTE", 9.5, 14, 21, null)).message).toBe("赞成票数“9.5”无效（应为非负整数）");
    expect(excelError(() => qa.call("VOTE", 9, null, 21, null)).message).toBe("出席人数“（空白）”无效（应为非负整数）");
    expect(excelError(() => qa.call("VOTE", 9, 14, -1, null)).code).toBe("#VALUE!");
  });
});

describe("the registered functions are the exported ones", () => {
  it("FUNCTIONS maps each id to the function registered under it", () => {
    for (const id of IDS) expect(typeof FUNCTIONS[id as keyof typeof FUNCTIONS]).toBe("function");
    expect(Object.keys(FUNCTIONS).sort()).toEqual([...IDS].sort());
  });
});
