// 反馈: the experts' strengths and opportunities for improvement, one row per applicant, stage and item, each text once
// and without names (from the group's consensus workbook when the stage was scored by consensus). Beside the raw text
// an editable copy: the secretariat edits the wording there, and `scorebook report` takes the edited columns.
import { sheetsOfFiles, type AggregateResult, type ApplicantResult, type RubricBundle, type StageId } from "../core";
import { STAGE_NAME } from "../workbook/labels";
import { SheetBuilder } from "../workbook/sheet-builder";
import { PAGE_NUMBERS, pageSetup } from "../workbook/sheets/common";
import { rowHeight, wrappedLines } from "../workbook/text";
import type { SheetLayout } from "../workbook/types";
import { SUMMARY_SHEET, type FeedbackMap } from "./types";

/** Texts that differ only in white space or full-width forms are one text. */
const textKey = (t: string) => t.normalize("NFKC").replace(/\s+/g, " ").trim();

/** Each text once, in the order first seen; a cell holding several lines counts line by line. */
export function uniqueTexts(texts: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of texts)
    for (const line of (t ?? "").split(/\r?\n/)) {
      const k = textKey(line);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      out.push(line.trim());
    }
  return out;
}

export function feedbackSheet(
  groups: readonly { applicants: { a: ApplicantResult; bundle: RubricBundle }[] }[],
  result: AggregateResult,
): { sheet: SheetLayout; map: FeedbackMap } {
  const s = new SheetBuilder("feedback", SUMMARY_SHEET.feedback);
  const columns = {
    applicant: "A",
    stage: "B",
    code: "C",
    name: "D",
    strengthsRaw: "E",
    opportunitiesRaw: "F",
    strengths: "G",
    opportunities: "H",
  };
  s.columns = [
    { col: "A", width: 18 },
    { col: "B", width: 9 },
    { col: "C", width: 6 },
    { col: "D", width: 14 },
    { col: "E", width: 34 },
    { col: "F", width: 34 },
    { col: "G", width: 34 },
    { col: "H", width: 34 },
  ];
  s.text("A1", "反馈意见汇总（优势与改进机会）", "title");
  s.height(1, 26);
  const how =
    "各专家（或专家组合议表）填写的优势与改进机会，按申报者、评审阶段和评价项目汇集，相同的意见只列一次，不署专家姓名。灰底为原文；白底两列为报告用文字，已预填原文，请在白底列中修改措辞（删去的文字不进入报告）；生成评审报告时采用白底列。";
  s.text("A2", how, "note");
  s.merges.push("A2:H2");
  s.height(2, rowHeight(wrappedLines(how, 180, 9), 9));
  const headerRow = 3;
  [
    "申报者",
    "评审阶段",
    "编号",
    "评价项目",
    "优势（原文）",
    "改进机会（原文）",
    "优势（报告用）",
    "改进机会（报告用）",
  ].forEach((h, i) => s.text(`${String.fromCharCode(65 + i)}${headerRow}`, h, "header"));
  s.height(headerRow, 22);
  const rows: FeedbackMap["rows"] = [];
  const applicants: FeedbackMap["applicants"] = [];
  let row = headerRow + 1;
  const sheetsOf = (files: readonly string[]) => sheetsOfFiles(result.used, files);
  for (const g of groups)
    for (const { a, bundle } of g.applicants) {
      let firstRow: number | null = null;
      for (const stage of ["material", "onsite"] as StageId[]) {
        const st = a[stage];
        const used = sheetsOf(st.files);
        if (!used.length && !st.consensus) continue;
        for (const item of bundle.rubric.items) {
          const from = (what: "strengths" | "opportunities") =>
            st.consensus
              ? uniqueTexts([st.consensus.items.find((x) => x.code === item.code)?.[what]])
              : uniqueTexts(used.map((u) => u.items.find((x) => x.code === item.code)?.[what]));
          const strengths = from("strengths").join("\n");
          const opportunities = from("opportunities").join("\n");
          if (!strengths && !opportunities) continue; // nothing written for this item
          firstRow ??= row;
          s.text(`A${row}`, a.applicant, "userText");
          s.text(`B${row}`, STAGE_NAME[stage], "text");
          s.text(`C${row}`, item.code, "code");
          s.text(`D${row}`, item.name, "text");
          s.text(`E${row}`, strengths, "userText");
          s.text(`F${row}`, opportunities, "userText");
          s.input(`G${row}`, strengths, "longText");
          s.input(`H${row}`, opportunities, "longText");
          s.height(
            row,
            Math.max(
              18,
              rowHeight(
                Math.max(wrappedLines(strengths || " ", 34, 10), wrappedLines(opportunities || " ", 34, 10)),
                10,
              ),
            ),
          );
          rows.push({ applicant: a.applicant, stage, code: item.code, row });
          row++;
        }
      }
      if (firstRow !== null) applicants.push({ applicant: a.applicant, titleRow: firstRow });
    }
  if (!rows.length) {
    s.text(`A${row}`, "（没有可计入的评分表）", "note");
    row++;
  }
  const print = pageSetup({
    orientation: "landscape",
    area: `A1:H${row - 1}`,
    titleRow: headerRow,
    footer: { center: PAGE_NUMBERS },
    center: false,
  });
  return {
    sheet: s.build({ tabColor: "2F75B5", freeze: { rows: headerRow, columns: 0 }, print, protect: false }),
    map: { sheet: s.name, headerRow, columns, rows, applicants },
  };
}
