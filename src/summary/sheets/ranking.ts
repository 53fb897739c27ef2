// 汇总: one block per ranking (rule set, or rule set and rubric): panel scores, bonus, public satisfaction, final
// score, veto, rank and status, all live formulas over 专家分 and 参数.
import { secretariatSettingsText, type AggregateResult, type ApplicantField, type RuleSet } from "../../core";
import { colLetter } from "../../workbook/a1";
import { STAGE_NAME } from "../../workbook/labels";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { FormulaMode, SheetLayout } from "../../workbook/types";
import {
  excludedFormula,
  finalFormula,
  preStatusFormula,
  rankFormula,
  rankNoteFormula,
  shownFormula,
  statusFormula,
  type RankingCells,
  type RuleCells,
} from "../formulas";
import { rubricShortName } from "../groups";
import { SUMMARY_SHEET, type PanelsMap, type ParametersMap, type RankingMap } from "../types";
import { C } from "./styles";
import {
  abs,
  CLEARED,
  CONFIRMED,
  ext,
  shows,
  landscape,
  param,
  inputNumber,
  ref,
  scoreStyle,
  ST,
  text,
  titleFormula,
  titleResult,
  type Group,
} from "./shared";

export function rankingSheet(
  groups: Group[],
  panels: PanelsMap,
  params: ParametersMap,
  mode: FormulaMode,
  files: number | undefined,
  result: AggregateResult,
  head: { award: (rules: RuleSet) => string; year: number; date: string },
): { sheet: SheetLayout; map: RankingMap } {
  const s = new SheetBuilder("ranking", SUMMARY_SHEET.ranking);
  const materialRun = result.stage === "material";
  const spec: [keyof RankingMap["columns"], string, number, boolean?][] = [
    ["applicant", "申报者", 26],
    ["rubric", "评分标准", 18],
    ["materialExperts", "材料评审\n专家数", 8],
    ["materialShown", "材料评审\n得分", 10],
    ["onsiteExperts", "现场评审\n专家数", 8],
    ["onsiteShown", "现场评审\n得分", 10],
    ["bonus", "加分", 7],
    ["public", "公众\n满意度", 8],
    ["finalShown", materialRun ? "排序得分\n（材料评审）" : "综合得分", 10],
    ["veto", "否决核实\n（质评办）", 10],
    ["rank", "名次", 6],
    ["status", "结论", 12],
    ["rankNote", "名次说明", 16],
    ["vetoReason", "否决标记（专家、事项、依据）", 36],
    ["notes", "备注", 30],
    ["preStatus", "初步结论", 12, true],
    ["excluded", "不参加排名", 8, true],
    ["flagged", "专家否决标记", 8, true],
    // The numbers every formula reads; the visible columns above print them under the one display rule.
    ["material", "材料评审得分（数值）", 10, true],
    ["onsite", "现场评审得分（数值）", 10, true],
    ["final", "综合得分（数值）", 10, true],
  ];
  const cols = {} as RankingMap["columns"];
  spec.forEach(([key], i) => (cols[key] = colLetter(i + 1)));
  s.columns = spec.map(([, , width, hidden], i) => ({ col: colLetter(i + 1), width, hidden }));
  const lastVisible = cols.notes;
  s.text("A1", materialRun ? "政府质量奖材料评审汇总（进入现场评审名单）" : "政府质量奖评审汇总", "title");
  s.merges.push(`A1:${lastVisible}1`);
  s.height(1, 26);
  const used = result.used.length;
  const info = `共 ${result.applicants.length} 个申报者；${files !== undefined ? `收到 ${files} 份文件，` : ""}计入 ${used} 份评分表；问题 ${result.problems.length} 个（见“问题”）。公式：${
    mode === "custom" ? "Scorebook 加载项的函数（需安装加载项）" : "普通 Excel 公式"
  }。`;
  s.text("A2", info, "note");
  s.merges.push(`A2:${lastVisible}2`);
  const how = [
    materialRun
      ? "本表只汇总材料评审：按材料评审得分由高到低排序；达到“参数”中进入现场评审分数线（含本数）的为“进入现场评审”。"
      : "综合得分 = 材料评审得分 × 材料评审权重 + 现场评审得分 × 现场评审权重 + 加分 + 公众满意度（权重、合成方法、分数线和名额见“参数”）。",
    "计分规则：全程按精确分数计算和比较，不先四舍五入；达到分数线即符合（含本数）。分数一般显示两位小数，两位小数会与结论矛盾时（接近分数线）显示更多位，如 549.995 显示为 549.995 而不是 550.00。",
    `否决：专家标记的否决事项为“${ST("veto-flagged")}”，不列入候选，待质评办在“否决核实”列填写“${CONFIRMED}”或“${CLEARED}”；否决的申报者不参加排名，“名次”列为其假定名次。`,
    "白底单元格（加分、公众满意度、否决核实）可以修改，修改后立即重新计算结论和名次；专家总分在“专家分”中修改。",
  ].join("\n");
  s.text("A3", how, "note");
  s.merges.push(`A3:${lastVisible}3`);
  s.height(3, rowHeight(wrappedLines(how, 150, 9) + 3, 9));

  const panelRow = new Map(panels.rows.map((r) => [`${r.applicant}\u0000${r.stage}`, r.row]));
  const groupsMap: RankingMap["groups"] = [];
  const breaks: number[] = [];
  let row = 5;
  for (const g of groups) {
    const rs = g.rules.id;
    const titleRow = row;
    // Each rule set prints on a page of its own: title, rule, the block, the secretariat's signatures.
    if (groupsMap.length) breaks.push(titleRow);
    const headerRow = rankingHead(s, titleRow, g.rules, params, lastVisible, {
      ...head,
      award: head.award(g.rules),
      group: g.title,
    });
    spec.forEach(([, h], i) => s.text(ref(colLetter(i + 1), headerRow), h, "header"));
    s.height(headerRow, 30);
    const first = headerRow + 1;
    const last = first + g.applicants.length - 1;
    const rows: { applicant: string; row: number }[] = [];
    const P = (key: keyof ParametersMap["rows"]) => param(params, rs, key);
    const rule: RuleCells = {
      ruleSet: P("ruleSet"),
      materialWeight: P("materialWeight"),
      onsiteWeight: P("onsiteWeight"),
      method: P("method"),
      advance: P("advance"),
      final: P("final"),
      topN: P("topN"),
    };
    const needsPublic = !!g.rules.publicSatisfaction;
    g.applicants.forEach(({ a, bundle }, i) => {
      const r = first + i;
      rows.push({ applicant: a.applicant, row: r });
      const at = (key: keyof RankingMap["columns"]) => ref(cols[key], r);
      const span = (key: keyof RankingMap["columns"]) => `${abs(cols[key], first)}:${abs(cols[key], last)}`;
      const mRow = panelRow.get(`${a.applicant}\u0000material`)!;
      const oRow = panelRow.get(`${a.applicant}\u0000onsite`)!;
      s.text(at("applicant"), a.applicant, "userText");
      s.text(at("rubric"), rubricShortName(bundle.rubric.title.zh), "text");
      const fig = (field: ApplicantField) => shows(result, { applicant: a.applicant, field });
      s.formula(at("materialExperts"), ext(panels.sheet, panels.columns.count, mRow), fig("materialExperts"), "count");
      s.formula(
        at("material"),
        ext(panels.sheet, panels.columns.score, mRow),
        fig("material"),
        scoreStyle("score", a.material.score, [a.thresholds.advance]),
      );
      s.formula(at("onsiteExperts"), ext(panels.sheet, panels.columns.count, oRow), fig("onsiteExperts"), "count");
      s.formula(at("onsite"), ext(panels.sheet, panels.columns.score, oRow), fig("onsite"), "score");
      s.input(at("bonus"), inputNumber(a.bonus), "inputScore");
      if (needsPublic) s.input(at("public"), a.public === null ? null : inputNumber(a.public), "inputScore");
      else s.value(at("public"), null, "na");
      const cells: RankingCells = {
        material: at("material"),
        onsite: at("onsite"),
        bonus: at("bonus"),
        public: at("public"),
        final: at("final"),
        veto: at("veto"),
        rank: at("rank"),
        preStatus: at("preStatus"),
        excluded: at("excluded"),
        flagged: at("flagged"),
      };
      const how = { mode, materialRun, needsPublic };
      const shownFinal = materialRun ? a.material.score : a.final;
      s.formula(
        cells.final,
        finalFormula(cells, rule, how),
        fig("final"),
        scoreStyle("final", shownFinal, [materialRun ? a.thresholds.advance : a.thresholds.final]),
      );
      // What is printed: each score as text under the one display rule, following the live number beside it.
      s.formula(at("materialShown"), shownFormula(cells.material, [rule.advance]), fig("materialShown"), "scoreText");
      s.formula(at("onsiteShown"), shownFormula(cells.onsite, []), fig("onsiteShown"), "scoreText");
      s.formula(
        at("finalShown"),
        shownFormula(cells.final, [materialRun ? rule.advance : rule.final]),
        fig("finalShown"),
        "finalText",
      );
      // The secretariat's decision on an expert's flag: 确认否决 / 不予否决, blank while pending.
      const decision = a.veto === "confirmed" ? CONFIRMED : a.veto === "cleared" ? CLEARED : null;
      s.input(cells.veto, decision, "inputChoice");
      s.value(cells.flagged, a.vetoFlags.length > 0, "text");
      s.formula(cells.preStatus, preStatusFormula(cells, rule, how), fig("preStatus"), "text");
      s.formula(cells.excluded, excludedFormula(cells, result.stage), fig("excluded"), "text");
      s.formula(cells.rank, rankFormula(cells, span("final"), span("excluded"), mode), fig("rank"), "rank");
      s.formula(at("status"), statusFormula(cells, rule, materialRun), fig("status"), "statusText");
      s.formula(at("rankNote"), rankNoteFormula(cells), fig("rankNote"), "smallText");
      const reason = a.vetoFlags
        .map((v) => `${v.expert}（${STAGE_NAME[v.stage]}）：${v.text}${v.note ? `——${v.note}` : ""}`)
        .join("\n");
      s.text(at("vetoReason"), reason, "userText");
      const notes = a.notes.map((n) => n.zh).join("；");
      s.text(at("notes"), notes, "smallText");
      s.height(
        r,
        Math.max(
          20,
          rowHeight(
            Math.max(
              wrappedLines(reason || " ", 36, 10),
              wrappedLines(notes || " ", 30, 9),
              wrappedLines(bundle.rubric.title.zh, 18, 9),
            ),
            10,
          ),
        ),
      );
    });
    const statusRange = `${cols.status}${first}:${cols.status}${last}`;
    s.conditionalFormats.push(
      {
        ref: statusRange,
        formula: `${cols.status}${first}=${text(ST("vetoed"))}`,
        fill: C.bad,
        fontColor: C.badText,
        bold: true,
        priority: 1,
      },
      {
        ref: statusRange,
        formula: `OR(${cols.status}${first}=${text(ST("candidate"))},${cols.status}${first}=${text(ST("advances"))})`,
        fill: C.good,
        fontColor: C.goodText,
        bold: true,
        priority: 2,
      },
      {
        ref: statusRange,
        formula: `${cols.status}${first}=${text(ST("veto-flagged"))}`,
        fill: C.warn,
        fontColor: C.warnText,
        bold: true,
        priority: 3,
      },
      {
        ref: `${cols.veto}${first}:${cols.veto}${last}`,
        formula: `${cols.veto}${first}=${text(CONFIRMED)}`,
        fill: C.bad,
        fontColor: C.badText,
        bold: true,
        priority: 4,
      },
      {
        ref: `${cols.veto}${first}:${cols.veto}${last}`,
        formula: `AND(${cols.flagged}${first}=TRUE,LEN(${cols.veto}${first})=0)`,
        fill: C.warn,
        priority: 5,
      },
    );
    s.validations.push(
      {
        ref: `${cols.veto}${first}:${cols.veto}${last}`,
        type: "list",
        list: [CONFIRMED, CLEARED],
        allowBlank: true,
        error: { title: "否决核实", message: `请选择“${CONFIRMED}”或“${CLEARED}”，或留空（待核实）。` },
        prompt: {
          title: "否决核实",
          message: `${CONFIRMED}：取消评奖资格；${CLEARED}：专家标记的否决事项经核实不成立；留空：待核实。`,
        },
      },
      {
        ref: `${cols.bonus}${first}:${cols.bonus}${last}`,
        type: "decimal",
        min: 0,
        max: 1000,
        allowBlank: true,
        error: { title: "加分无效", message: "请填写非负数。" },
      },
    );
    if (g.rules.publicSatisfaction)
      s.validations.push({
        ref: `${cols.public}${first}:${cols.public}${last}`,
        type: "decimal",
        min: 0,
        max: g.rules.publicSatisfaction.max,
        allowBlank: true,
        error: { title: "公众满意度无效", message: `请填写 0 至 ${g.rules.publicSatisfaction.max} 分。` },
      });
    groupsMap.push({ ruleSet: rs, group: g.key, titleRow, headerRow, firstRow: first, lastRow: last, rows });
    row = rankingFoot(s, last + 2, lastVisible);
  }
  if (groups.length === 0) s.text("A5", "（没有可排名的申报者，见“问题”）", "note");
  // From the first block: the notes above it are for the screen.
  const print = landscape(`A${groups.length ? 5 : 1}:${lastVisible}${Math.max(5, row - 2)}`);
  return {
    sheet: s.build({
      tabColor: "1F4E78",
      freeze: { rows: 0, columns: 1 },
      print,
      pageBreaks: breaks,
      protect: true,
    }),
    map: { sheet: s.name, columns: cols, groups: groupsMap },
  };
}

/**
 * The printed head of one rule set's block on 汇总 (each block prints on a page of its own): the title with the award,
 * year and batch from 参数 (live), the rule set and the date, and the rule stated. Returns the block's header row.
 */
export function rankingHead(
  s: SheetBuilder,
  row: number,
  rules: RuleSet,
  params: ParametersMap,
  lastCol: string,
  head: { award: string; year: number; date: string; group?: string },
): number {
  const what = "评审结果汇总";
  s.formula(`A${row}`, titleFormula(params, rules.id, what), titleResult(head.award, head.year, what), "bigTitle");
  s.merges.push(`A${row}:${lastCol}${row}`);
  s.height(row, 30);
  s.text(`A${row + 1}`, `（${head.group ?? rules.name.zh}）\u3000\u3000汇总日期：${head.date}`, "subTitle");
  s.merges.push(`A${row + 1}:${lastCol}${row + 1}`);
  s.height(row + 1, 20);
  const rule = [
    rules.notes?.find((n) => n.includes("得分 =")) ?? "",
    rules.advance?.note ?? "",
    rules.vote ? `评审委员会表决：${rules.vote.text}` : "",
    // Every default the tool applies where the award's text is silent, printed as the secretariat's setting.
    secretariatSettingsText(rules) ?? "",
  ]
    .filter(Boolean)
    .join("");
  s.text(`A${row + 2}`, `规则：${rule || "综合得分按“参数”中的权重、分数线和名额计算。"}`, "note");
  s.merges.push(`A${row + 2}:${lastCol}${row + 2}`);
  s.height(row + 2, rowHeight(wrappedLines(rule, 150, 9), 9));
  return row + 3;
}

/** The secretariat's signature lines under a rule set's block on 汇总; returns the next free row. */
export function rankingFoot(s: SheetBuilder, row: number, lastCol: string): number {
  void lastCol;
  const labels: [string, string][] = [
    ["A", "质评办（盖章）："],
    ["E", "经办人："],
    ["I", "审核人："],
    ["L", "日期："],
  ];
  for (const [col, label] of labels) {
    s.text(`${col}${row}`, label, "signLabel");
    const next = String.fromCharCode(col.charCodeAt(0) + 1);
    s.text(`${next}${row}`, "", "signLine");
  }
  s.height(row, 30);
  return row + 2;
}
