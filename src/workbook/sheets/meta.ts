// 元数据 (very hidden): what identifies the file and the rubric it was built from.
import type { RubricBundle } from "../../core";
import { cellRef } from "../a1";
import { identitySeal } from "../consistency";
import { FORMAT_ID, SHEET } from "../labels";
import { LAYOUT_VERSION, type MetaKey, type MetaMap, type SheetLayout, type WorkbookMeta } from "../types";
import { builder, GENERATOR, type Ctx } from "./common";

export function metadataValues(ctx: {
  bundle: RubricBundle;
  meta: WorkbookMeta;
  fingerprint: string;
}): [MetaKey, string | number][] {
  const { bundle, meta } = ctx;
  return [
    ["format", FORMAT_ID],
    ["layoutVersion", meta.layoutVersion ?? LAYOUT_VERSION],
    ["rubricId", bundle.rubric.id],
    ["rubricFingerprint", ctx.fingerprint],
    ["award", bundle.award.id],
    ["scale", bundle.rubric.scoring === "points" ? "points" : bundle.scale.id],
    ["scoring", bundle.rubric.scoring],
    ["mode", meta.mode],
    ["applicant", meta.applicant],
    ["expert", meta.expert],
    ["stage", meta.stage],
    ["createdAt", meta.createdAt],
    ["generator", GENERATOR],
    ["itemCount", bundle.rubric.items.length],
    // Only for a round's workbooks: after the standard rows, so that every other row keeps its place.
    ...(meta.roundId ? ([["roundId", meta.roundId]] as [MetaKey, string][]) : []),
    // Only for an award that states its version (imported awards): a workbook of another version is refused by name.
    ...(bundle.award.version ? ([["awardVersion", bundle.award.version]] as [MetaKey, string][]) : []),
    // The identity seal last, over what identifies the workbook (identitySeal, src/workbook/consistency.ts).
    [
      "seal",
      identitySeal({
        rubricId: bundle.rubric.id,
        rubricFingerprint: ctx.fingerprint,
        applicant: meta.applicant,
        expert: meta.expert,
        stage: meta.stage,
        mode: meta.mode,
        createdAt: meta.createdAt,
        roundId: meta.roundId,
      }),
    ],
  ];
}

export function metadataSheet(ctx: Ctx): { sheet: SheetLayout; map: MetaMap } {
  const s = builder("meta", SHEET.meta);
  s.columns = [
    { col: "A", width: 20 },
    { col: "B", width: 80 },
  ];
  const rows: MetaMap["rows"] = [];
  metadataValues(ctx).forEach(([key, value], k) => {
    const row = k + 1;
    rows.push({ key, row });
    s.text(cellRef("A", row), key, "metaKey");
    s.set(cellRef("B", row), { value, style: typeof value === "number" ? undefined : "metaValue" });
  });
  return { sheet: s.build({ visibility: "veryHidden", showGridLines: true }), map: { sheet: SHEET.meta, rows } };
}
