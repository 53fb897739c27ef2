// 否决 and 加分: the veto items and the bonus conditions. Both are a list the expert answers with a note, built by
// one list builder; the veto sheet concludes with the flag and the unanswered count, the bonus sheet with the count
// of confirmed conditions and the suggested points.
// Layout 2 asks each veto item the way it reads (src/core/veto.ts: 符合 / 不符合 for a condition, 是 / 否 for an
// event, 不适用 where the item has an appliesTo) and keeps the ids in a hidden column outside the print area (the
// printed page shows the clause of the source instead). Layout 1 (every item 是 / 否, ids in column B) is still
// built for reading workbooks generated before.
import { isFlagKind, VETO_WORDS, vetoAnswerKinds, vetoChoices, vetoQuestion } from "../../core";
import { spacesRemovedFormula } from "../formulas";
import { absolute, cellRef, colIndex, colLetter, rangeRef } from "../a1";
import { NO, SHEET, YES } from "../labels";
import { C } from "../styles";
import { rowHeight, wrappedLines } from "../text";
import type { BonusMap, Scalar, SheetLayout, VetoMap } from "../types";
import { show, VETO_STATE } from "../figures";
import { builder, figureContext, hf, pageSetup, runningHeader, type Ctx } from "./common";

function yesNoList(): string[] {
  return [YES, NO];
}

/** One row of the list: an id, the text and, on the veto sheet, the question asked about it and its clause. */
interface ListRow {
  id: string;
  text: string;
  question?: string;
  /** Layout 2: what column B prints instead of the id (the veto's clause); absent: the text spans B:C. */
  clause?: string;
  /** The drop-down of this row (default 是 / 否). */
  choices?: string[];
}

/**
 * The part both sheets share: title, applicant line, instructions, the header row (序号, 编号, the text, an optional
 * question, the answer, the note), one row per entry with the answer and note as inputs, and the 是/否 drop-down.
 */
function answerList(
  ctx: Ctx,
  o: {
    key: "vetoes" | "bonus";
    name: string;
    title: string;
    /** Column widths A… (the last two are the answer and the note). */
    widths: number[];
    headers: string[];
    note: string;
    noteHeight: number;
    entries: ListRow[];
    initial: Record<string, { answer: unknown; note?: string } | undefined> | undefined;
    validation: { error: string; promptTitle: string; prompt: string };
    /** Layout 1: the id printed in column B. Otherwise the id is in a hidden column right of the note. */
    legacy: boolean;
  },
) {
  const s = builder(o.key, o.name);
  const lastCol = colLetter(o.widths.length);
  const answerCol = colLetter(o.widths.length - 1);
  const idCol = o.legacy ? "B" : colLetter(o.widths.length + 1);
  s.columns = o.widths.map((width, i) => ({ col: colLetter(i + 1), width }));
  if (!o.legacy) s.columns.push({ col: idCol, width: 14, hidden: true });
  s.text("A1", o.title, "title");
  s.merge(`A1:${lastCol}1`);
  s.height(1, 26);
  s.text("A2", ctx.applicantLine, "userLine");
  s.merge(`A2:${lastCol}2`);
  s.text("A3", o.note, "note");
  s.merge(`A3:${lastCol}3`);
  s.height(3, o.noteHeight);
  const header = 4;
  o.headers.forEach((h, i) => s.text(cellRef(colLetter(i + 1), header), h, "header"));
  s.height(header, 22);
  const first = header + 1;
  const rows: { id: string; row: number }[] = [];
  o.entries.forEach((e, k) => {
    const row = first + k;
    rows.push({ id: e.id, row });
    const init = o.initial?.[e.id];
    s.set(cellRef("A", row), { value: k + 1, style: "number" });
    s.text(cellRef(idCol, row), e.id, "idText");
    if (!o.legacy && e.clause !== undefined) s.text(cellRef("B", row), e.clause, "text");
    s.text(cellRef(o.legacy || e.clause !== undefined ? "C" : "B", row), e.text, "text");
    if (!o.legacy && e.clause === undefined) s.merge(`B${row}:C${row}`, "text");
    if (e.question !== undefined) s.text(cellRef("D", row), e.question, "text");
    s.input(cellRef(answerCol, row), (init?.answer ?? null) as Scalar, "inputChoice");
    s.input(cellRef(lastCol, row), init?.note ?? null, "inputText");
    s.height(row, rowHeight(Math.max(2, wrappedLines(e.text, 52, 10)), 10));
  });
  const last = first + o.entries.length - 1;
  // One drop-down per run of rows with the same choices.
  let from = 0;
  o.entries.forEach((e, k) => {
    const list = e.choices ?? yesNoList();
    const next = o.entries[k + 1];
    if (next && (next.choices ?? yesNoList()).join() === list.join()) return;
    s.validations.push({
      ref: rangeRef(answerCol, first + from, answerCol, first + k),
      type: "list",
      list,
      allowBlank: true,
      error: { title: "回答无效", message: o.validation.error },
      prompt: { title: o.validation.promptTitle, message: o.validation.prompt },
    });
    from = k + 1;
  });
  return { s, header, first, last, rows, idCol, answers: absolute(rangeRef(answerCol, first, answerCol, last)) };
}

/**
 * Layout 2's hidden state column (right of the ids): how the sheet reads each answer, as the engine does
 * (parseVetoAnswer, VETO_WORDS): 否决标记, 有效, 未回答 or 无效. The conclusion, the unanswered count and the answer
 * cell's colour are counted from it.
 */
export { VETO_STATE };

/** The state formula of one answer cell, for an item asked `v`. */
function vetoStateFormula(answer: string, v: Parameters<typeof vetoAnswerKinds>[0]): string {
  const t = spacesRemovedFormula(`${answer}&""`);
  const kinds = vetoAnswerKinds(v);
  const test = (flag: boolean) =>
    `OR(${kinds
      .filter((k) => isFlagKind(k) === flag)
      .flatMap((k) => VETO_WORDS[k])
      .map((w) => `${t}="${w}"`)
      .join(",")})`;
  return `IFERROR(IF(${t}="","${VETO_STATE.blank}",IF(${test(true)},"${VETO_STATE.flag}",IF(${test(false)},"${VETO_STATE.ok}","${VETO_STATE.invalid}"))),"${VETO_STATE.invalid}")`;
}

export function vetoSheet(ctx: Ctx): { sheet: SheetLayout; map: VetoMap } {
  if (ctx.legacy) return vetoSheetV1(ctx);
  const { bundle } = ctx;
  const vetoes = bundle.rules.vetoes;
  const conditional = vetoes.filter((v) => v.appliesTo).length;
  const { s, header, first, last, rows, answers, idCol } = answerList(ctx, {
    key: "vetoes",
    name: SHEET.vetoes,
    title: "否决事项 / 申报条件核查",
    widths: [5, 16, 52, 18, 9, 40],
    headers: ["序号", "条款", "事项", "问题", "回答", "依据 / 说明"],
    note: `填写说明：申报条件逐项选择“符合”或“不符合”，否决情形逐项选择“是”（存在）或“否”（不存在），并注明依据${
      conditional ? "；只适用于部分申报者的条件，不适用的选“不适用”" : ""
    }。“不符合”或“是”为否决标记，由质评办核实后确认否决或不予否决。所有项目都须作答。`,
    noteHeight: 28,
    entries: vetoes.map((v) => ({
      id: v.id,
      text: v.text,
      question: vetoQuestion(v).zh,
      clause: v.source,
      choices: vetoChoices(v),
    })),
    initial: ctx.initial.vetoes,
    validation: {
      error: "请从下拉列表中选择：申报条件为“符合/不符合”，否决情形为“是/否”。",
      promptTitle: "回答",
      prompt: "申报条件：符合 / 不符合；否决情形：是（存在）/ 否（不存在）。“不符合”和“是”为否决标记。",
    },
    legacy: false,
  });
  const stateCol = colLetter(colIndex(idCol) + 1);
  s.columns.push({ col: stateCol, width: 10, hidden: true });
  for (const r of rows) {
    const v = vetoes.find((x) => x.id === r.id)!;
    s.formula(
      cellRef(stateCol, r.row),
      vetoStateFormula(cellRef("E", r.row), v),
      show(figureContext(ctx), { veto: r.id }),
      "idText",
    );
    if (v.appliesTo)
      s.height(
        r.row,
        rowHeight(Math.max(2, wrappedLines(v.text, 52, 10), wrappedLines(vetoQuestion(v).zh, 18, 10)), 10),
      );
  }
  const states = absolute(rangeRef(stateCol, first, stateCol, last));
  const stateOf = (state: string) => `$${stateCol}${first}="${state}"`;
  s.conditionalFormats.push({
    ref: rangeRef("E", first, "E", last),
    formula: stateOf(VETO_STATE.flag),
    fill: C.invalid,
    fontColor: C.invalidText,
    bold: true,
    priority: 1,
  });
  // An invalid answer is red like an invalid maturity; the engine names the same cell.
  s.conditionalFormats.push({
    ref: rangeRef("E", first, "E", last),
    formula: stateOf(VETO_STATE.invalid),
    fill: C.invalid,
    fontColor: C.invalidText,
    priority: 2,
  });
  s.conditionalFormats.push({
    ref: rangeRef("E", first, "E", last),
    formula: stateOf(VETO_STATE.blank),
    fill: C.missing,
    priority: 2,
  });
  ctx.names.push({ name: "Vetoes", sheet: SHEET.vetoes, ref: answers });

  let row = last + 2;
  const flag = cellRef("E", row);
  s.text(cellRef("C", row), "结论", "sumLabel");
  s.merge(`C${row}:D${row}`, "sumLabel");
  // The same counts in both formula modes: the state column reads each answer as the engine does (QA.VETOED, which
  // knows no item's question, is not used here).
  const count = `COUNTIF(${states},"${VETO_STATE.flag}")`;
  const invalid = `COUNTIF(${states},"${VETO_STATE.invalid}")`;
  const blank = `COUNTIF(${states},"${VETO_STATE.blank}")`;
  s.formula(
    flag,
    `IF(${count}>0,"否决标记：有 "&${count}&" 项（待质评办核实）",IF(${invalid}>0,"有 "&${invalid}&" 项回答无效",IF(${blank}>0,"尚有 "&${blank}&" 项未回答","未发现否决事项")))`,
    show(figureContext(ctx), { set: "vetoConclusion" }),
    "status",
  );
  s.merge(`E${row}:F${row}`, "status");
  s.conditionalFormats.push({
    ref: flag,
    formula: `${count}>0`,
    fill: C.invalid,
    fontColor: C.invalidText,
    bold: true,
    priority: 3,
  });
  s.height(row, 24);
  row++;
  const { sheet, unanswered } = vetoSheetFoot(ctx, s, row, header, blank);
  return {
    sheet,
    map: {
      sheet: SHEET.vetoes,
      columns: { id: idCol, answer: "E", note: "F", state: stateCol },
      rows,
      flag,
      unanswered,
    },
  };
}

/** Layout 1's veto sheet (every item 是 / 否, ids in column B), to read workbooks generated before layout 2. */
function vetoSheetV1(ctx: Ctx): { sheet: SheetLayout; map: VetoMap } {
  const { bundle, meta } = ctx;
  const vetoes = bundle.rules.vetoes;
  const { s, header, first, last, rows, answers } = answerList(ctx, {
    key: "vetoes",
    name: SHEET.vetoes,
    title: "否决事项 / 资格条件核查",
    widths: [5, 13, 52, 16, 9, 40],
    headers: ["序号", "编号", "事项", "问题", "是/否", "依据 / 说明"],
    note: "填写说明：逐项选择“是”或“否”，并注明依据。“是”表示存在该情形或不符合该条件；任何一项为“是”，即否决（取消评奖资格）。所有项目都须作答。",
    noteHeight: 28,
    entries: vetoes.map((v) => ({
      id: v.id,
      text: v.text,
      question: v.ask === "occurred" ? "是否存在该情形？" : "是否不符合该条件？",
    })),
    initial: ctx.initial.vetoes,
    validation: {
      error: "请选择“是”或“否”。",
      promptTitle: "是 / 否",
      prompt: "是：存在该情形或不符合该条件（即否决）。否：不存在该情形或符合该条件。",
    },
    legacy: true,
  });
  s.conditionalFormats.push({
    ref: rangeRef("E", first, "E", last),
    formula: `$E${first}="${YES}"`,
    fill: C.invalid,
    fontColor: C.invalidText,
    bold: true,
    priority: 1,
  });
  s.conditionalFormats.push({
    ref: rangeRef("E", first, "E", last),
    formula: `LEN($E${first})=0`,
    fill: C.missing,
    priority: 2,
  });
  ctx.names.push({ name: "Vetoes", sheet: SHEET.vetoes, ref: answers });

  let row = last + 2;
  const flag = cellRef("E", row);
  s.text(cellRef("C", row), "结论", "sumLabel");
  s.merge(`C${row}:D${row}`, "sumLabel");
  const any = meta.mode === "custom" ? `QA.VETOED(${answers})` : `COUNTIF(${answers},"${YES}")>0`;
  s.formula(
    flag,
    `IF(${any},"否决：有 "&COUNTIF(${answers},"${YES}")&" 项回答为“是”",IF(COUNTBLANK(${answers})>0,"尚有 "&COUNTBLANK(${answers})&" 项未回答","未发现否决事项"))`,
    show(figureContext(ctx), { set: "vetoConclusion" }),
    "status",
  );
  s.merge(`E${row}:F${row}`, "status");
  s.conditionalFormats.push({
    ref: flag,
    formula: `COUNTIF(${answers},"${YES}")>0`,
    fill: C.invalid,
    fontColor: C.invalidText,
    bold: true,
    priority: 3,
  });
  s.height(row, 24);
  row++;
  const { sheet, unanswered } = vetoSheetFoot(ctx, s, row, header, `COUNTBLANK(${answers})`);
  return { sheet, map: { sheet: SHEET.vetoes, columns: { id: "B", answer: "E", note: "F" }, rows, flag, unanswered } };
}

export function bonusSheet(ctx: Ctx): { sheet: SheetLayout; map: BonusMap } | null {
  const { bundle } = ctx;
  const bonus = bundle.rules.bonus;
  if (!bonus) return null;
  const rule = `加分规则：${bonus.text}（${bonus.cumulative ? "可累加" : "不累加"}；最终加分由评审委员会 / 质评办认定。）`;
  const { s, header, last, rows, answers, idCol } = answerList(ctx, {
    key: "bonus",
    name: SHEET.bonus,
    title: "加分项确认",
    widths: [5, 20, 52, 10, 40],
    headers: ctx.legacy
      ? ["序号", "编号", "条件", "是否具备", "证明材料 / 说明"]
      : ["序号", "条件", "", "是否具备", "证明材料 / 说明"],
    note: rule,
    noteHeight: rowHeight(wrappedLines(rule, 125, 9), 9),
    entries: bonus.conditions.map((c) => ({ id: c.id, text: c.text })),
    initial: ctx.initial.bonus,
    validation: {
      error: "请选择“是”或“否”（不确定时可留空）。",
      promptTitle: "是否具备",
      prompt: "是：申报材料证明具备该条件。否或留空：不具备或未证明。",
    },
    legacy: ctx.legacy,
  });
  if (!ctx.legacy) s.merge(`B${header}:C${header}`, "header");
  const row = last + 2;
  const count = cellRef("D", row);
  s.text(cellRef("C", row), "确认具备的条件数", "sumText");
  s.formula(count, `COUNTIF(${answers},"${YES}")`, show(figureContext(ctx), { set: "bonusCount" }), "sumCount");
  const points = bonus.cumulative ? `${count}*${bonus.points}` : `IF(${count}>0,${bonus.points},0)`;
  s.text(cellRef("C", row + 1), "按本表可加分（建议）", "sumText");
  s.formula(cellRef("D", row + 1), points, show(figureContext(ctx), { set: "bonusPoints" }), "sumCount");
  const sheet = s.build({
    tabColor: "70AD47",
    print: pageSetup({
      orientation: "landscape",
      area: `A1:E${row + 1}`,
      titleRow: header,
      header: runningHeader(ctx),
      footer: { left: "评审专家签名：____________", center: "第 &P 页，共 &N 页" },
    }),
  });
  return { sheet, map: { sheet: SHEET.bonus, columns: { id: idCol, answer: "D", note: "E" }, rows, count } };
}

/** The foot both veto layouts share: the unanswered count, the expert's signature line, the print set-up. */
function vetoSheetFoot(
  ctx: Ctx,
  s: ReturnType<typeof answerList>["s"],
  start: number,
  header: number,
  /** The formula counting the unanswered items. */
  blankFormula: string,
): { sheet: SheetLayout; unanswered: string } {
  const { meta } = ctx;
  let row = start;
  const unanswered = cellRef("E", row);
  s.text(cellRef("C", row), "未回答项数", "sumText");
  s.merge(`C${row}:D${row}`, "sumText");
  s.formula(unanswered, blankFormula, show(figureContext(ctx), { set: "vetoUnanswered" }), "sumCount");
  s.conditionalFormats.push({ ref: unanswered, formula: `${absolute(unanswered)}>0`, fill: C.missing, priority: 4 });
  row += 2;
  s.text(cellRef("B", row), "评审专家签名：", "signLabel");
  s.text(cellRef("C", row), "", "signLine");
  s.text(cellRef("D", row), "日期：", "signLabel");
  s.text(cellRef("E", row), "", "signLine");
  s.merge(`E${row}:F${row}`, "signLine");
  s.height(row, 30);
  const sheet = s.build({
    freeze: { rows: header, columns: 0 },
    tabColor: "C00000",
    print: pageSetup({
      orientation: "landscape",
      area: `A1:F${row}`,
      titleRow: header,
      header: runningHeader(ctx),
      footer: { center: "第 &P 页，共 &N 页", right: hf(`评审专家：${meta.expert}`) },
    }),
  });
  return { sheet, unanswered };
}
