// The fixed texts of the workbook (sheet names, headers, instructions); its messages are in src/core/messages.ts.
import { META_SHEET, type StageId } from "../core";

export const SHEET = {
  cover: "封面",
  scoring: "评分",
  vetoes: "否决",
  bonus: "加分",
  guide: "评分指南",
  meta: META_SHEET,
} as const;

export const STAGE_NAME: Record<StageId, string> = { material: "材料评审", onsite: "现场评审" };

export const FORMAT_ID = "scorebook.scoring-workbook";

export const YES = "是";
export const NO = "否";
/** The declaration's two answers and the metadata sheet's name: the catalogue of messages names them too. */
export { DECLARE_CONFLICT, DECLARE_NONE, META_SHEET } from "../core";

/** Short reasons the native check column shows (now in core, next to the evaluation that chooses them). */
export { CHECK_TEXT } from "../core";

/** A long text shortened for a message. */
export function short(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Messages about a returned workbook: in the one catalogue, src/core/messages.ts. */
export { wbMsg } from "../core";
