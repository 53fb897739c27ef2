// The fixed texts of the workbook (sheet names, headers, instructions) and the messages about a returned workbook.
import type { Message, StageId } from "../core";

export const SHEET = {
  cover: "封面",
  scoring: "评分",
  vetoes: "否决",
  bonus: "加分",
  guide: "评分指南",
  meta: "元数据",
} as const;

export const STAGE_NAME: Record<StageId, string> = { material: "材料评审", onsite: "现场评审" };

export const FORMAT_ID = "scorebook.scoring-workbook";

export const YES = "是";
export const NO = "否";
export const DECLARE_NONE = "无利害关系";
export const DECLARE_CONFLICT = "存在利害关系，申请回避";

/** Short reasons the native check column shows (now in core, next to the evaluation that chooses them). */
export { CHECK_TEXT } from "../core";

const m = (code: string, zh: string, en: string): Message => ({ code, zh, en });

/** A long text shortened for a message. */
export function short(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Messages about a returned workbook; each names the file or the cell. */
export const wbMsg = {
  notScorebook: (file: string) =>
    m(
      "not-scorebook",
      `${file}：不是 Scorebook 生成的评分表（找不到隐藏的“${SHEET.meta}”工作表）`,
      `${file}: not a Scorebook scoring workbook (no hidden "${SHEET.meta}" sheet)`,
    ),
  metaField: (file: string, key: string) =>
    m(
      "meta-missing",
      `${file}：元数据缺少“${key}”，无法确认评分表的来源`,
      `${file}: the metadata has no "${key}"; the workbook cannot be traced`,
    ),
  unknownRubric: (file: string, id: string) =>
    m(
      "unknown-rubric",
      `${file}：评分表使用的评分标准“${id}”不在本版本的评分标准库中`,
      `${file}: rubric "${id}" is not in this version's library`,
    ),
  wrongRubric: (file: string, found: string, expected: string) =>
    m(
      "wrong-rubric",
      `${file}：这是评分标准“${found}”的评分表，不是“${expected}”的`,
      `${file}: a workbook for rubric "${found}", not "${expected}"`,
    ),
  fingerprint: (file: string, id: string) =>
    m(
      "rubric-changed",
      `${file}：评分标准“${id}”的内容指纹与本版本不一致（评分表生成后评分标准被修改，或元数据被改动）`,
      `${file}: the fingerprint of rubric "${id}" differs from this version (the rubric or the metadata changed)`,
    ),
  layoutVersion: (file: string, found: string, expected: string) =>
    m(
      "layout-version",
      `${file}：评分表版式版本为 ${found}，本程序只能读取版本 ${expected}`,
      `${file}: layout version ${found}; this program reads version ${expected}`,
    ),
  badMeta: (file: string, key: string, value: string) =>
    m(
      "meta-invalid",
      `${file}：元数据“${key}”的值“${value}”无效`,
      `${file}: metadata "${key}" has an invalid value "${value}"`,
    ),
  sheetMissing: (file: string, sheet: string) =>
    m("sheet-missing", `${file}：缺少工作表“${sheet}”`, `${file}: the sheet "${sheet}" is missing`),
  rowMissing: (cell: string, code: string) =>
    m(
      "row-missing",
      `${cell}：找不到评价项目 ${code} 的行（行被删除或编号被改动），该项按未评分处理`,
      `${cell}: no row for item ${code} (deleted or renumbered); counted as not scored`,
    ),
  rowMoved: (code: string, expected: string, found: string) =>
    m(
      "row-moved",
      `评价项目 ${code} 应在 ${expected}，现在 ${found}：评分表的行被删除、插入或移动过`,
      `item ${code} should be at ${expected} but is at ${found}: rows were deleted, inserted or moved`,
    ),
  extraRow: (cell: string, code: string) =>
    m(
      "row-unknown",
      `${cell}：“${code}”不是本评分标准的评价项目编号`,
      `${cell}: "${code}" is not an item code of this rubric`,
    ),
  duplicateRow: (cell: string, code: string) =>
    m("row-duplicate", `${cell}：评价项目 ${code} 出现了不止一次`, `${cell}: item ${code} appears more than once`),
  itemChanged: (cell: string, code: string, found: string, expected: string) =>
    m(
      "item-changed",
      `${cell}：评价项目 ${code} 的名称为“${found}”，应为“${expected}”（不是本评分标准的评分表，或被改动）`,
      `${cell}: item ${code} is named "${found}", expected "${expected}"`,
    ),
  pointsEdited: (cell: string, code: string, found: string, expected: number) =>
    m(
      "points-edited",
      `${cell}：评价项目 ${code} 的分值被改为 ${found}，应为 ${expected}`,
      `${cell}: the points of item ${code} were changed to ${found}; expected ${expected}`,
    ),
  formulaChanged: (cell: string, what: string) =>
    m("formula-changed", `${cell}：${what}的公式被改动`, `${cell}: the formula (${what}) was changed`),
  formulaOverwritten: (cell: string, what: string, value: string) =>
    m(
      "formula-overwritten",
      `${cell}：${what}的公式被替换为固定值“${value}”`,
      `${cell}: the formula (${what}) was replaced by the constant "${value}"`,
    ),
  /** Intact formulas whose cached values are not the engine's: a warning (the figures are recomputed anyway). */
  notRecalculated: (file: string, count: number, cell: string, what: string, shown: string, expected: string) =>
    m(
      "not-recalculated",
      `${file}：公式未重新计算（${count} 个单元格的显示值与输入不符，如 ${cell} ${what}显示 ${shown}，按输入应为 ${expected}）；公式完好，各分数已按输入重新计算。请在 Excel 中按 F9 或打开“自动重算”后保存`,
      `${file}: the formulas were not recalculated (${count} cells show values that differ from their inputs, e.g. ${cell} ${what} shows ${shown}, the inputs give ${expected}); the formulas are intact and every score was recomputed from the inputs. Press F9 in Excel (or turn on automatic calculation) and save`,
    ),
  nameChanged: (name: string) =>
    m("name-changed", `定义名称 ${name} 缺失或指向了别处`, `the defined name ${name} is missing or points elsewhere`),
  vetoUnanswered: (cell: string, text: string, choices: readonly string[] = ["是", "否"]) =>
    m(
      "veto-unanswered",
      `${cell}：否决事项“${short(text)}”未作答（应选“${choices.join("”或“")}”）`,
      `${cell}: veto item "${short(text)}" is not answered (${choices.join(" / ")})`,
    ),
  /** `why`: the engine's reason (src/core/veto.ts), which names the answers the item takes. */
  vetoInvalid: (cell: string, value: string, why?: { zh: string; en: string }) =>
    m(
      "veto-answer-invalid",
      why ? `${cell}：${why.zh}` : `${cell}：否决事项的回答“${value}”无效（应为“是”或“否”）`,
      why ? `${cell}: ${why.en}` : `${cell}: veto answer "${value}" is not valid (是 / 否)`,
    ),
  bonusInvalid: (cell: string, value: string) =>
    m(
      "bonus-answer-invalid",
      `${cell}：加分条件的回答“${value}”无效（应为“是”或“否”）`,
      `${cell}: bonus answer "${value}" is not valid (是 / 否)`,
    ),
  declarationMissing: (cell: string) =>
    m(
      "declaration-missing",
      `${cell}：未填写回避声明（“${DECLARE_NONE}”或“${DECLARE_CONFLICT}”）`,
      `${cell}: the conflict-of-interest declaration is not filled in`,
    ),
  declarationInvalid: (cell: string, value: string) =>
    m(
      "declaration-invalid",
      `${cell}：回避声明“${value}”无效（应为“${DECLARE_NONE}”或“${DECLARE_CONFLICT}”）`,
      `${cell}: declaration "${value}" is not valid`,
    ),
  conflict: (cell: string, expert: string) =>
    m(
      "conflict",
      `${cell}：评审专家 ${expert} 声明与申报者存在利害关系，应回避，本评分表不应计入`,
      `${cell}: expert ${expert} declared a conflict of interest; this workbook must not count`,
    ),
  coverChanged: (cell: string, what: string, found: string, expected: string) =>
    m(
      "cover-changed",
      `${cell}：封面的${what}为“${found}”，与元数据中的“${expected}”不一致`,
      `${cell}: the cover's ${what} "${found}" differs from the metadata "${expected}"`,
    ),
  itemEntry: (cell: string, code: string, message: Message) =>
    m(message.code, `${cell}（${code}）：${message.zh}`, `${cell} (${code}): ${message.en}`),
};
