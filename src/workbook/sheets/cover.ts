// 封面: who scores whom, the results at a glance, the declaration and the signature.
import { absolute, cellRef, sheetRef } from "../a1";
import { DECLARE_CONFLICT, DECLARE_NONE, SHEET } from "../labels";
import { C, type StyleName } from "../styles";
import { localDateTime, rowHeight, wrappedLines } from "../text";
import { type CellLayout, type CoverMap, type ScoringMap, type SheetLayout, type VetoMap } from "../types";
import { show } from "../figures";
import { applicantLabel, builder, figureContext, pageSetup, type Ctx } from "./common";

export function coverSheet(ctx: Ctx, scoring: ScoringMap, vetoes: VetoMap): { sheet: SheetLayout; map: CoverMap } {
  const { bundle, meta } = ctx;
  const r = bundle.rubric;
  const s = builder("cover", SHEET.cover);
  s.columns = [
    { col: "A", width: 3 },
    { col: "B", width: 16 },
    { col: "C", width: 62 },
    { col: "D", width: 3 },
  ];
  s.text("B2", bundle.award.title.zh, "coverTitle");
  s.merge("B2:C2");
  s.height(2, 36);
  s.text("B3", `专家评分表（${ctx.stageName}）`, "coverSubtitle");
  s.merge("B3:C3");
  s.height(3, 30);
  let row = 5;
  const put = (label: string, cell: Omit<CellLayout, "ref" | "style"> & { style: StyleName }, h = 24): string => {
    s.text(cellRef("B", row), label, "label");
    const ref = cellRef("C", row);
    s.set(ref, cell);
    s.height(row, h);
    row++;
    return ref;
  };
  put("评价标准", { value: r.title.zh, style: "value" }, rowHeight(wrappedLines(r.title.zh, 62, 11), 11));
  const applicant = put(
    applicantLabel(bundle),
    { value: meta.applicant, style: "valueUser" },
    rowHeight(wrappedLines(meta.applicant, 62, 11), 11),
  );
  const expert = put("评审专家", { value: meta.expert, style: "valueUser" });
  const stage = put("评审阶段", { value: ctx.stageName, style: "value" });
  const date = put("评审日期", { value: ctx.initial.date ?? null, style: "inputDate", locked: false });
  s.validations.push({
    ref: date,
    type: "date",
    min: 36526, // 2000-01-01
    max: 73051, // 2099-12-31
    allowBlank: true,
    error: { title: "日期无效", message: "请填写日期，如 2025-06-30。" },
    prompt: { title: "评审日期", message: "填写评审（签署）日期，如 2025-06-30。" },
  });
  const total = put("总分", {
    formula: sheetRef(SHEET.scoring, scoring.total),
    ...show(figureContext(ctx), { set: "total" }),
    style: "valueScore",
  });
  put("评分状态", {
    formula: sheetRef(SHEET.scoring, scoring.status),
    ...show(figureContext(ctx), { set: "status" }),
    style: "value",
  });
  const vetoRef = put("否决核查", {
    formula: sheetRef(SHEET.vetoes, vetoes.flag),
    ...show(figureContext(ctx), { set: "vetoConclusion" }),
    style: "value",
  });
  s.conditionalFormats.push({
    ref: vetoRef,
    formula: `LEFT(${absolute(vetoRef)},2)="否决"`,
    fill: C.invalid,
    fontColor: C.invalidText,
    bold: true,
    priority: 1,
  });
  row++;
  s.text(cellRef("B", row), "回避声明", "section");
  s.height(row, 24);
  row++;
  const statement =
    "本人承诺：与申报者不存在利害关系（包括近亲属关系、现任或三年内曾任职、投资或持股、业务往来、咨询服务、指导申报等），能够独立、客观、公正地评审，并对评审内容保密。如存在利害关系，本人将如实声明并主动回避。";
  s.text(cellRef("B", row), statement, "paragraph");
  s.merge(`B${row}:C${row}`);
  s.height(row, rowHeight(wrappedLines(statement, 78, 10), 10));
  row++;
  const init = ctx.initial.declaration;
  const declaration = put("声明", { value: init?.answer ?? null, style: "inputChoice", locked: false });
  s.validations.push({
    ref: declaration,
    type: "list",
    list: [DECLARE_NONE, DECLARE_CONFLICT],
    allowBlank: true,
    error: { title: "声明无效", message: `请选择“${DECLARE_NONE}”或“${DECLARE_CONFLICT}”。` },
    prompt: { title: "回避声明", message: `选择“${DECLARE_NONE}”，或“${DECLARE_CONFLICT}”并在下一行说明。` },
  });
  s.conditionalFormats.push({
    ref: declaration,
    formula: `LEN(${absolute(declaration)})=0`,
    fill: C.missing,
    priority: 2,
  });
  s.conditionalFormats.push({
    ref: declaration,
    formula: `${absolute(declaration)}="${DECLARE_CONFLICT}"`,
    fill: C.invalid,
    fontColor: C.invalidText,
    priority: 3,
  });
  const declarationNote = put("说明", { value: init?.note ?? null, style: "inputText", locked: false }, 40);
  row++;
  s.text(cellRef("B", row), "评审专家签名：", "signLabel");
  s.text(cellRef("C", row), "", "signLine");
  s.height(row, 40);
  row++;
  s.text(cellRef("B", row), "签署日期：", "signLabel");
  s.text(cellRef("C", row), "", "signLine");
  s.height(row, 34);
  row += 2;
  // A person reads this page: names and a local time only (the ids, fingerprint and UTC time are in 元数据).
  const foot = `本表由 Scorebook 评审助手生成于 ${localDateTime(meta.createdAt)}（北京时间），${
    meta.mode === "custom" ? "公式使用评审助手加载项的函数" : "公式为普通 Excel 公式"
  }。灰底单元格受保护，请勿改动；质评办收回评分表后，由评审助手按评分标准重新核验全部得分。`;
  s.text(cellRef("B", row), foot, "note");
  s.merge(`B${row}:C${row}`);
  s.height(row, rowHeight(wrappedLines(foot, 78, 9), 9));
  const sheet = s.build({
    tabColor: "404040",
    print: pageSetup({
      orientation: "portrait",
      fitToHeight: 1,
      area: `A1:D${row}`,
      footer: { center: "第 &P 页，共 &N 页" },
    }),
  });
  return { sheet, map: { sheet: SHEET.cover, applicant, expert, stage, date, declaration, declarationNote, total } };
}
