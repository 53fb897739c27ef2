// The summary workbook's layout (src/summary/layout.ts): sheets, parameters per rule set, live formulas in both modes
// with the engine's results cached, what-if inputs unlocked, every problem on its own row, divergence and feedback.
// Custom mode is calculated with the real QA.* functions (test/helpers/formula-eval.ts): the same ranking as the
// engine, and again after a parameter, a veto or an expert's total is changed. Native mode is recalculated by
// LibreOffice in libreoffice.test.ts. Finally the layout is written with the xlsx writer and read back.
import ExcelJS from "exceljs";
import {
  aggregate,
  exact,
  parseRoster,
  STATUS_TEXT,
  summaryFigureValue,
  toNumber,
  type AggregateOptions,
  type AggregateResult,
  type SummaryFigure,
} from "../../src/core";
import { buildSummaryLayout, rubricInfo, SUMMARY_SHEET, type SummaryLayout } from "../../src/summary";
import { MIRROR } from "../../src/summary/recalc-check";
import { writeXlsx } from "../../src/xlsx";
import { loadFunctions, StubError, type Registered } from "../functions/cf-stub";
import { FormulaBook, type Custom, type Scalar } from "../helpers/formula-eval";
import { fixtureResult, fixtureSheets, ROSTER, sheet, VETO } from "./fixtures";

let qa: Registered;
beforeAll(() => {
  qa = loadFunctions();
});
const custom: Custom = (name, args) => {
  try {
    return qa.call(name, ...args) as Scalar;
  } catch (e) {
    if (e instanceof StubError) return { error: e.code };
    throw e;
  }
};

function cell(layout: SummaryLayout, sheet: string, ref: string) {
  const s = layout.sheets.find((x) => x.name === sheet)!;
  return s.cells.find((c) => c.ref === ref);
}

/** Every applicant row of 汇总: applicant, rule set and where it is. */
function rows(layout: SummaryLayout) {
  return layout.map.ranking.groups.flatMap((g) => g.rows.map((r) => ({ ...r, ruleSet: g.ruleSet })));
}

/** Final, rank and status as the sheet gives them (cached results, or a formula book's values). */
function sheetView(layout: SummaryLayout, get: (ref: string) => Scalar) {
  const c = layout.map.ranking.columns;
  return Object.fromEntries(
    rows(layout).map((r) => {
      const f = get(`${c.final}${r.row}`);
      const rank = get(`${c.rank}${r.row}`);
      return [
        r.applicant,
        {
          final: typeof f === "number" ? Math.round(f * 1e6) / 1e6 : f,
          rank: rank === "" ? null : rank,
          status: get(`${c.status}${r.row}`),
        },
      ];
    }),
  );
}

function engineView(result: AggregateResult, only?: string[]) {
  return Object.fromEntries(
    result.applicants
      .filter((a) => a.rubricId && (!only || only.includes(a.applicant)))
      .map((a) => [
        a.applicant,
        {
          final: a.final === null ? "" : Math.round(toNumber(a.final) * 1e6) / 1e6,
          rank: a.rank ?? a.wouldBeRank,
          status: STATUS_TEXT[a.status].zh,
        },
      ]),
  );
}

const pick = <T extends Record<string, unknown>>(o: T, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]]));

describe("the summary layout", () => {
  const result = fixtureResult();
  const native = buildSummaryLayout(result, { mode: "native", createdAt: "2026-06-10T08:00:00.000Z", files: 40 });
  const customLayout = buildSummaryLayout(result, { mode: "custom" });

  it("has the sheets in order, one ranking block and one parameter column per rule set", () => {
    expect(native.sheets.map((s) => s.name)).toEqual([
      "汇总",
      "得分图",
      "合议清单",
      "公示名单（现场评审）",
      "授奖候选名单",
      "表决记录表",
      "授奖建议名单",
      "评审专家评价表",
      "问题",
      "参数",
      "专家分",
      "明细",
      "反馈",
      "报告数据",
    ]);
    expect(native.sheets.map((s) => s.key)).toEqual([
      "ranking",
      "chart",
      "consensusList",
      "advanceList",
      "candidateList",
      "vote",
      "awardList",
      "expertReview",
      "problems",
      "parameters",
      "panels",
      "details",
      "feedback",
      "reportData",
    ]);
    expect(native.map.ranking.groups.map((g) => g.ruleSet)).toEqual([
      "jiangmen-organization",
      "hebei-organization",
      "hebei-individual",
    ]);
    expect(Object.keys(native.map.parameters.columns)).toEqual([
      "jiangmen-organization",
      "hebei-organization",
      "hebei-individual",
    ]);
    expect(native.properties.keywords).toBe("scorebook.summary-workbook");
    // One row per applicant known to a rubric, in the engine's order within each rule set.
    const org = native.map.ranking.groups.find((g) => g.ruleSet === "hebei-organization")!;
    expect(org.rows.map((r) => r.applicant)).toEqual(
      result.applicants.filter((a) => a.rubricId === "hebei-organization").map((a) => a.applicant),
    );
  });

  it("parameters: the rule set's values; Jiangmen has no thresholds (blank) and no limit", () => {
    const p = native.map.parameters;
    const v = (rs: string, key: keyof typeof p.rows) => cell(native, p.sheet, `${p.columns[rs]}${p.rows[key]}`);
    expect(v("hebei-organization", "ruleSet")!.value).toBe("hebei-organization");
    // The rule set id is for the functions, below the printed area; the method is shown by its name.
    expect(p.rows.ruleSet).toBeGreaterThan(p.rows.divergence);
    expect([v("hebei-organization", "materialWeight")!.value, v("hebei-organization", "method")!.value]).toEqual([
      0.3,
      "平均分",
    ]);
    expect([
      v("hebei-organization", "advance")!.value,
      v("hebei-organization", "final")!.value,
      v("hebei-organization", "topN")!.value,
    ]).toEqual([500, 550, 10]);
    expect([v("hebei-individual", "advance")!.value, v("hebei-individual", "final")!.value]).toEqual([70, 85]);
    expect([
      v("jiangmen-organization", "advance")!.value,
      v("jiangmen-organization", "final")!.value,
      v("jiangmen-organization", "topN")!.value,
    ]).toEqual([null, null, null]);
    expect(v("hebei-organization", "onsiteWeight")).toMatchObject({
      formula: `1-C${p.rows.materialWeight}`,
      result: 0.7,
    });
    expect(v("hebei-organization", "divergence")!.value).toBe(20);
    for (const key of ["materialWeight", "method", "advance", "final", "topN", "divergence"] as const)
      expect(v("hebei-organization", key)!.locked).toBe(false);
    // The aggregation's options start the parameters.
    const other = buildSummaryLayout(fixtureResult({ method: "trimmed" }), {
      aggregate: { method: "trimmed", materialWeight: exact(0.4) },
    });
    const q = other.map.parameters;
    expect(cell(other, q.sheet, `${q.columns["hebei-organization"]}${q.rows.method}`)!.value).toBe(
      "去掉最高分和最低分后的平均分",
    );
    expect(cell(other, q.sheet, `${q.columns["hebei-organization"]}${q.rows.materialWeight}`)!.value).toBe(0.4);
  });

  it("caches the engine's final scores, ranks (a vetoed applicant's would-be rank) and statuses", () => {
    const view = sheetView(
      native,
      (ref) => cell(native, "汇总", ref)?.result ?? cell(native, "汇总", ref)?.value ?? "",
    );
    expect(view).toEqual(engineView(result));
    expect(view["甲公司"]).toEqual({ final: 550, rank: 4, status: "候选" }); // 己 and 辛 share 1, 戊 is 3 (乙 is vetoed)
    expect(view["乙公司"]).toEqual({ final: 770, rank: 1, status: "否决待核实" });
    expect(view["己公司"].rank).toBe(view["辛公司"].rank); // a tie shares the rank
    expect(view["丙公司"]).toEqual({ final: "", rank: null, status: "未进入现场评审" });
    // 江门's rule line: every default the tool applies is printed as the secretariat's setting, no Hebei wording.
    const jm = native.map.ranking.groups.find((g) => g.ruleSet === "jiangmen-organization")!;
    const ruleLine = String(cell(native, "汇总", `A${jm.titleRow + 2}`)!.value);
    expect(ruleLine).toContain("质评办设定（评审规则未作规定，可在“参数”中修改）");
    expect(ruleLine).toContain("不设提名分数线（不作“候选”结论）");
    expect(ruleLine).toContain("材料评审 30%、现场评审 70%");
    expect(ruleLine).toContain("材料评审得分取合议表总分、现场评审得分取合议表总分（未交回合议表时按专家组合成方法）");
    expect(ruleLine).not.toMatch(/2\/3|表决|公示|500|550/);
    // 江门 sets no nomination line: ranked, but never called 候选.
    expect(view["江门甲"]).toEqual({ final: 670, rank: 1, status: "参加排序（未设提名线）" });
  });

  it("says who vetoed, what and why; bonus, public satisfaction and veto are editable inputs", () => {
    const c = native.map.ranking.columns;
    const row = rows(native).find((r) => r.applicant === "乙公司")!.row;
    expect(cell(native, "汇总", `${c.vetoReason}${row}`)!.value).toBe(
      `现专家1（现场评审）：${VETO.text}——${VETO.note}`,
    );
    expect(cell(native, "汇总", `${c.rankNote}${row}`)!.result).toContain("假定名次");
    // The expert's flag is a hidden fact; the input is the secretariat's decision, blank while pending.
    expect(cell(native, "汇总", `${c.veto}${row}`)).toMatchObject({ value: null, locked: false });
    expect(cell(native, "汇总", `${c.flagged}${row}`)!.value).toBe(true);
    const zs = rows(native).find((r) => r.applicant === "张三")!.row;
    expect(cell(native, "汇总", `${c.bonus}${zs}`)).toMatchObject({ value: 2, locked: false });
    expect(cell(native, "汇总", `${c.public}${zs}`)).toMatchObject({ value: 4.5, locked: false });
    const org = rows(native).find((r) => r.applicant === "甲公司")!.row;
    expect(cell(native, "汇总", `${c.public}${org}`)!.locked).toBeUndefined(); // organisations: no public satisfaction
    // Every formula cell is locked; an expert's total is an input.
    for (const s of native.sheets)
      for (const x of s.cells) if (x.formula !== undefined) expect(x.locked).toBeUndefined();
    const pm = native.map.panels;
    const pr = pm.rows.find((r) => r.applicant === "甲公司" && r.stage === "onsite")!.row;
    expect(cell(native, pm.sheet, `${pm.columns.totals[6]}${pr}`)).toMatchObject({ value: 571.4, locked: false });
    expect(cell(native, pm.sheet, `${pm.columns.experts[0]}${pr}`)!.value).toBe("现专家1");
  });

  it("native mode uses plain formulas only; custom mode QA.PANEL, QA.FINAL, QA.STATUS and QA.RANK", () => {
    const formulas = (l: SummaryLayout) =>
      l.sheets.flatMap((s) => s.cells.filter((c) => c.formula !== undefined).map((c) => c.formula!));
    expect(formulas(native).some((f) => /QA\./.test(f))).toBe(false);
    expect(formulas(native).some((f) => /_xlfn|_xlws/.test(f))).toBe(false);
    const all = formulas(customLayout).join("\n");
    for (const fn of ["QA.PANEL(", "QA.FINAL(", "QA.STATUS(", "QA.RANK("]) expect(all).toContain(fn);
    // Floats never decide a threshold: panel and final scores are rounded to 12 decimals (SHEET_PLACES) before any comparison.
    const c = native.map.ranking.columns;
    const r = rows(native)[0].row;
    expect(cell(native, "汇总", `${c.final}${r}`)!.formula).toMatch(
      new RegExp(`^IF\\(OR\\(${c.material}\\d+="",${c.onsite}\\d+="",AND\\(.*\\)\\),"",ROUND\\(.*,12\\)\\)$`),
    );
    expect(cell(native, "专家分", `${native.map.panels.columns.score}5`)!.formula).toMatch(/ROUND\(.*,12\)\)$/);
  });

  it("custom mode, calculated with the real QA functions, ranks like the engine", () => {
    const book = FormulaBook.fromLayout(customLayout, custom);
    expect(sheetView(customLayout, (ref) => book.get("汇总", ref))).toEqual(engineView(result));
  });

  it("custom mode keeps a roster's 12.9999999999: 72 + 12.9999999999 is below 85 in QA.FINAL and QA.STATUS too", () => {
    const IND = "hebei-individual-frontline";
    const sheets = [
      sheet(IND, "王五", "个人专家1", "material", 72),
      sheet(IND, "王五", "个人专家1", "onsite", 72),
      sheet(IND, "赵六", "个人专家1", "material", 72),
      sheet(IND, "赵六", "个人专家1", "onsite", 72),
    ];
    const roster = parseRoster(
      [
        ["申报者", "公众满意度"],
        ["王五", 12.9999999999],
        ["赵六", 13],
      ],
      "名册.xlsx",
    ).entries;
    const r = aggregate(sheets, rubricInfo(), roster);
    const l = buildSummaryLayout(r, { mode: "custom" });
    const book = FormulaBook.fromLayout(l, custom);
    const c = l.map.ranking.columns;
    const at = (name: string, col: string) =>
      book.get("汇总", `${col}${rows(l).find((x) => x.applicant === name)!.row}`);
    expect(at("王五", c.status)).toBe("未达提名线");
    // (The printed text is the native display formula, checked after LibreOffice and Gnumeric in display-engines.)
    expect(at("赵六", c.status)).toBe("候选");
    expect(sheetView(l, (ref) => book.get("汇总", ref))).toEqual(engineView(r));
  });

  const changed = (layout: SummaryLayout, edits: (book: FormulaBook, l: SummaryLayout) => void) => {
    const book = FormulaBook.fromLayout(layout, custom);
    edits(book, layout);
    return sheetView(layout, (ref) => book.get("汇总", ref));
  };
  const orgOnly = (v: Record<string, unknown>) =>
    pick(
      v,
      result.applicants.filter((a) => a.rubricId === "hebei-organization").map((a) => a.applicant),
    );
  const setParam = (
    book: FormulaBook,
    l: SummaryLayout,
    key: keyof SummaryLayout["map"]["parameters"]["rows"],
    value: Scalar,
  ) =>
    book.set(
      l.map.parameters.sheet,
      `${l.map.parameters.columns["hebei-organization"]}${l.map.parameters.rows[key]}`,
      value,
    );

  it.each<[string, (b: FormulaBook, l: SummaryLayout) => void, AggregateOptions]>([
    [
      "the nomination threshold 550 → 600",
      (b, l) => setParam(b, l, "final", 600),
      { thresholds: { final: exact(600) } },
    ],
    ["the nomination threshold blank (none)", (b, l) => setParam(b, l, "final", null), { thresholds: { final: null } }],
    [
      "the advance threshold 500 → 610",
      (b, l) => setParam(b, l, "advance", 610),
      { thresholds: { advance: exact(610) } },
    ],
    ["top N 10 → 2", (b, l) => setParam(b, l, "topN", 2), { thresholds: { topN: 2 } }],
    [
      "the material weight 30 % → 50 %",
      (b, l) => setParam(b, l, "materialWeight", 0.5),
      { materialWeight: exact(0.5) },
    ],
    ["the panel method → 中位数", (b, l) => setParam(b, l, "method", "中位数"), { method: "median" }],
    [
      "the panel method → 去掉最高分和最低分后的平均分",
      (b, l) => setParam(b, l, "method", "去掉最高分和最低分后的平均分"),
      { method: "trimmed" },
    ],
  ])("custom mode re-ranks like the engine after a change of %s", (_name, edit, options) => {
    expect(orgOnly(changed(customLayout, edit))).toEqual(orgOnly(engineView(fixtureResult(options))));
  });

  it("custom mode re-ranks after a what-if veto, a bonus and an expert's total", () => {
    const c = customLayout.map.ranking.columns;
    const at = (name: string) => rows(customLayout).find((r) => r.applicant === name)!.row;
    const pm = customLayout.map.panels;
    const view = changed(customLayout, (book) => {
      book.set("汇总", `${c.veto}${at("乙公司")}`, "不予否决");
      book.set("汇总", `${c.veto}${at("己公司")}`, "确认否决");
      book.set("汇总", `${c.bonus}${at("戊公司")}`, 10);
      book.set(
        pm.sheet,
        `${pm.columns.totals[0]}${pm.rows.find((r) => r.applicant === "庚公司" && r.stage === "onsite")!.row}`,
        700,
      );
    });
    // The same changes made to the experts' sheets and the roster, through the engine.
    const sheets = fixtureSheets().map((s) => {
      if (s.applicant === "庚公司" && s.expert === "现专家1" && s.total.equals(500)) return { ...s, total: exact(700) };
      return s;
    });
    const engine = aggregate(sheets, rubricInfo(), [
      ...ROSTER,
      { applicant: "戊公司", bonus: true },
      { applicant: "乙公司", veto: "cleared" },
      { applicant: "己公司", veto: "confirmed" },
    ]);
    expect(orgOnly(view)).toEqual(orgOnly(engineView(engine)));
    expect(view["戊公司"]).toMatchObject({ final: 568 });
  });

  it("lists every problem on its own row with the file name", () => {
    const pm = native.map.problems;
    expect(pm.lastRow - pm.firstRow + 1).toBe(result.problems.length);
    const listed = Array.from({ length: result.problems.length }, (_, i) => [
      cell(native, pm.sheet, `B${pm.firstRow + i}`)?.value ?? "",
      cell(native, pm.sheet, `F${pm.firstRow + i}`)!.value,
    ]);
    expect(listed).toEqual(result.problems.map((p) => [p.file, p.code]));
    expect(result.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(["incomplete", "conflict", "duplicate", "no-onsite"]),
    );
    expect(cell(native, pm.sheet, `D${pm.firstRow}`)!.value).toMatch(/\S/); // a kind label in Chinese
  });

  it("明细: every expert's input per item, panel statistics and the divergence flag", () => {
    const block = native.map.details.blocks.find((b) => b.applicant === "己公司" && b.stage === "onsite")!;
    const row = block.items.find((i) => i.code === "2.1")!.row;
    const col = block.columns;
    expect([
      cell(native, "明细", `${col.inputs[0]}${row}`)!.value,
      cell(native, "明细", `${col.inputs[1]}${row}`)!.value,
    ]).toEqual([0.45, 0.7]);
    expect(cell(native, "明细", `${col.spread}${row}`)!.result).toBe(25);
    expect(cell(native, "明细", `${col.bands}${row}`)!.value).toBe("第 3、5 档");
    expect(cell(native, "明细", `${col.divergent}${row}`)).toMatchObject({ result: "分歧" });
    const calm = block.items.find((i) => i.code === "1.1")!.row;
    expect(cell(native, "明细", `${col.divergent}${calm}`)!.result).toBe("");
    // The flag is live: a lower limit in 参数 flags more.
    const book = FormulaBook.fromLayout(native);
    expect(book.get("明细", `${col.divergent}${row}`)).toBe("分歧");
  });

  it("反馈: strengths and opportunities by applicant, stage and item, each text once, with an editable copy", () => {
    const s = native.sheets.find((x) => x.name === SUMMARY_SHEET.feedback)!;
    const texts = s.cells.map((c) => String(c.value ?? ""));
    expect(texts.filter((t) => t === "高层领导定期听取质量工作汇报")).toHaveLength(2); // raw and editable copy
    expect(texts).toContain("质量目标未分解到班组");
    const f = native.map.feedback;
    const row = f.rows.find((r) => r.applicant === "己公司" && r.stage === "onsite")!.row;
    const editable = s.cells.find((c) => c.ref === `${f.columns.strengths}${row}`)!;
    expect(editable.locked).toBe(false);
    expect(native.map.feedback.applicants.map((a) => a.applicant)).toContain("己公司");
  });

  it("is written by the xlsx writer and reads back: formulas, cached results, inputs unlocked, validations", async () => {
    for (const layout of [native, customLayout]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await writeXlsx(layout)) as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        "汇总",
        "得分图",
        "合议清单",
        "公示名单（现场评审）",
        "授奖候选名单",
        "表决记录表",
        "授奖建议名单",
        "评审专家评价表",
        "问题",
        "参数",
        "专家分",
        "明细",
        "反馈",
        "报告数据",
      ]);
      const ws = wb.getWorksheet("汇总")!;
      const c = layout.map.ranking.columns;
      const r = rows(layout).find((x) => x.applicant === "甲公司")!.row;
      expect(ws.getCell(`${c.final}${r}`).result).toBe(550);
      expect(ws.getCell(`${c.status}${r}`).result).toBe("候选");
      expect(ws.getCell(`${c.bonus}${r}`).protection?.locked).toBe(false);
      if (layout.mode === "custom") expect(ws.getCell(`${c.final}${r}`).formula).toContain("_xldudf_QA_FINAL(");
      const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
        .dataValidations.model;
      expect(Object.values(dv).some((v) => v.type === "list" && v.formulae[0] === '"确认否决,不予否决"')).toBe(true);
    }
  });

  it("ties on the last place inside the limit: the candidate list lists them all and says the committee decides", () => {
    const base = fixtureResult();
    const tied = base.applicants.filter((a) => a.status === "candidate" && a.rank !== null);
    const rank = tied.find((a) => tied.filter((b) => b.rank === a.rank).length > 1)!.rank!;
    const result = fixtureResult({ thresholds: { topN: rank } });
    const layout = buildSummaryLayout(result, { mode: "native" });
    const list = layout.sheets.find((x) => x.key === "candidateList")!;
    const texts = list.cells.map((c) => String(c.result ?? c.value ?? ""));
    const atLimit = result.applicants.filter((a) => a.notes.some((n) => n.code === "tie-at-limit"));
    expect(atLimit.length).toBe(2);
    expect(atLimit.every((a) => a.status === "candidate")).toBe(true);
    expect(texts.filter((t) => t === "末位并列，超出名额，由评审委员会决定")).toHaveLength(2);
    expect(texts.some((t) => t.includes("末位并列：末位并列，超出名额，由评审委员会决定"))).toBe(true);
    // No 公示 line on the candidate list: it goes to the committee's vote, not to the public.
    expect(texts.some((t) => t.includes("公示期"))).toBe(false);
    // Without the tie at the limit, no such mark.
    const plain = buildSummaryLayout(base, { mode: "native" }).sheets.find((x) => x.key === "candidateList")!;
    expect(plain.cells.some((c) => String(c.value ?? "").includes("由评审委员会决定"))).toBe(false);
  });
});

describe("formula cells name the figure they show", () => {
  // The sheets whose every formula (but the printed title) shows a figure of the aggregation; the others hold the
  // vote (from its own inputs) and the parameters.
  const named = ["汇总", "专家分", "明细", "得分图", "报告数据", "公示名单（现场评审）", "授奖候选名单"];
  it.each(["native", "custom"] as const)(
    "%s: each formula cell of %s names its figure, cached from the engine",
    (mode) => {
      const result = fixtureResult();
      const layout = buildSummaryLayout(result, { mode });
      const unnamed: string[] = [];
      let n = 0;
      for (const s of layout.sheets.filter((x) => named.includes(x.name)))
        for (const c of s.cells) {
          // (报告数据's mirrors of the inputs are not figures: src/summary/recalc-check.ts)
          if (c.formula === undefined || c.style === "bigTitle" || c.ref.startsWith(MIRROR.mirror)) continue;
          if (!c.shows) unnamed.push(`${s.name}!${c.ref}`);
          else {
            n++;
            expect(c.result).toEqual(summaryFigureValue(result, c.shows as SummaryFigure));
          }
        }
      expect(unnamed).toEqual([]);
      expect(n).toBeGreaterThan(250);
      // The committee pack's references show the same figure as the 汇总 cell they read.
      const vote = layout.sheets.find((x) => x.key === "vote")!;
      expect(vote.cells.filter((c) => c.shows).length).toBeGreaterThan(0);
    },
  );
});
