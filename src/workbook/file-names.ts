// The default file names of the workbooks, by the one file-name rule (src/core/file-name.ts): the CLI's `generate`,
// a round's `generate` and the task pane give one workbook the same name.
import { fileNameOf, type StageId } from "../core";
import { STAGE_NAME } from "./labels";

/** 申报者_材料评审_专家.xlsx; null when a name has no visible character. */
export function scoringFileName(applicant: string, stage: StageId, expert: string): string | null {
  return fileNameOf([applicant, STAGE_NAME[stage], expert], ".xlsx");
}

/** 申报者_现场评审_合议表.xlsx; null when the applicant's name has no visible character. */
export function consensusFileName(applicant: string, stage: StageId): string | null {
  return fileNameOf([applicant, STAGE_NAME[stage], "合议表"], ".xlsx");
}
