// The scoring workbook (评分表) as data, built once from a rubric: cover, scoring sheet, vetoes, bonus, guide and
// hidden metadata (one builder per sheet in ./sheets), with the engine's results as cached values. Renderers:
// src/xlsx/write.ts (ExcelJS → .xlsx) and the task pane (Office.js). Pure TypeScript: no ExcelJS, Office.js or file
// system here.
import { allowedPercents, cellInput, evaluateSet, nameKey, type RawInput, type RubricBundle } from "../core";
import { rubricFingerprint } from "./fingerprint";
import { quoteText } from "./formulas";
import { quoteSheet } from "./a1";
import { FORMAT_ID, STAGE_NAME } from "./labels";
import { STYLES } from "./styles";
import {
  applicantLabel,
  categoryLabel,
  cleanUserText,
  GAP,
  GENERATOR,
  type Ctx,
  type PrintStyle,
} from "./sheets/common";
import { coverSheet } from "./sheets/cover";
import { guideSheet } from "./sheets/guide";
import { metadataSheet } from "./sheets/meta";
import { scoringSheet } from "./sheets/scoring";
import { bonusSheet, vetoSheet } from "./sheets/veto-bonus";
import { LAYOUT_VERSION, type InitialValues, type WorkbookLayout, type WorkbookMeta } from "./types";

export { GENERATOR, cleanUserText, STYLES };
export type { PrintStyle };

/** The input cell's value as the engine is given it (core's cellInput; kept under this name for callers). */
export function entryValue(maturity: boolean, raw: RawInput): RawInput {
  return cellInput(maturity ? "maturity" : "points", raw);
}
export type { StyleName } from "./styles";
export { metadataValues } from "./sheets/meta";

/** A layout cannot be built (bad meta or a rubric the layout cannot represent). */
export class LayoutError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
    this.name = "LayoutError";
  }
}

export interface LayoutOptions {
  /** Sheet protection password (none by default: the reviewer can unprotect, and `score` catches any tampering). */
  password?: string;
  /** How 评分 prints: full (default, with the scoring points) or compact (item names only; points in 评分指南). */
  print?: PrintStyle;
}

/** Builds the whole workbook layout for a rubric. Throws LayoutError on empty names or an unusable rubric. */
export function buildLayout(
  bundle: RubricBundle,
  meta: WorkbookMeta,
  initial: InitialValues = {},
  options: LayoutOptions = {},
): WorkbookLayout {
  const applicant = cleanUserText(meta.applicant);
  const expert = cleanUserText(meta.expert);
  // A name of only spaces, zero-width or bidi characters is empty too (it could not be told apart from another).
  if (!nameKey(applicant)) throw new LayoutError("申报者名称不能为空", "the applicant name is empty");
  if (!nameKey(expert)) throw new LayoutError("评审专家姓名不能为空", "the expert name is empty");
  if (meta.stage !== "material" && meta.stage !== "onsite")
    throw new LayoutError(
      `评审阶段“${String(meta.stage)}”无效（应为 material 或 onsite）`,
      `stage "${String(meta.stage)}" is not material or onsite`,
    );
  if (meta.mode !== "custom" && meta.mode !== "native")
    throw new LayoutError(
      `公式模式“${String(meta.mode)}”无效（应为 custom 或 native）`,
      `formula mode "${String(meta.mode)}" is not custom or native`,
    );
  checkRubricShape(bundle);
  const m: WorkbookMeta = { ...meta, applicant, expert };
  const ctx: Ctx = {
    bundle,
    meta: m,
    initial,
    evaluation: evaluateSet(bundle, { ...initial, legacyYesNo: meta.layoutVersion === "1" }),
    fingerprint: rubricFingerprint(bundle),
    applicantLine: `${applicantLabel(bundle)}：${applicant}${GAP}评审专家：${expert}${GAP}评审阶段：${STAGE_NAME[meta.stage]}`,
    stageName: STAGE_NAME[meta.stage],
    names: [],
    legacy: meta.layoutVersion === "1",
    print: options.print ?? "full",
  };
  const scoring = scoringSheet(ctx);
  const vetoes = vetoSheet(ctx);
  const bonus = bonusSheet(ctx);
  const cover = coverSheet(ctx, scoring.map, vetoes.map);
  const guide = guideSheet(ctx);
  const metaSheet = metadataSheet(ctx);
  const sheets = [cover.sheet, scoring.sheet, vetoes.sheet, ...(bonus ? [bonus.sheet] : []), guide, metaSheet.sheet];
  if (options.password) for (const s of sheets) if (s.protection) s.protection.password = options.password;
  const r = bundle.rubric;
  return {
    layoutVersion: meta.layoutVersion ?? LAYOUT_VERSION,
    rubricId: r.id,
    fingerprint: ctx.fingerprint,
    meta: m,
    properties: {
      title: `${r.title.zh} 评分表 — ${applicant}`,
      subject: `${STAGE_NAME[meta.stage]} · ${expert}`,
      creator: GENERATOR,
      created: meta.createdAt,
      keywords: `${r.id} ${FORMAT_ID}`,
    },
    styles: STYLES,
    sheets,
    names: ctx.names,
    map: { cover: cover.map, scoring: scoring.map, vetoes: vetoes.map, bonus: bonus?.map ?? null, meta: metaSheet.map },
  };
}

function checkRubricShape(b: RubricBundle): void {
  const r = b.rubric;
  const seen = new Set<string>();
  let prev: string | null = null;
  for (const i of r.items) {
    if (i.category !== prev) {
      if (seen.has(i.category))
        throw new LayoutError(
          `评分标准 ${r.id} 的评价项目未按一级指标连续排列（${i.code}）`,
          `rubric ${r.id}: items of a category are not contiguous (${i.code})`,
        );
      seen.add(i.category);
      prev = i.category;
    }
  }
  for (const c of r.categories) {
    const label = categoryLabel(c.code, c.name);
    if (/[*?~]/.test(label) || /^[<>=]/.test(label))
      throw new LayoutError(
        `一级指标“${label}”含有通配符或比较符，无法用作汇总条件`,
        `category "${label}" contains a wildcard or operator`,
      );
  }
  if (r.scoring === "maturity") {
    const bands = [...b.scale.bands].sort((x, y) => x.min - y.min);
    bands.forEach((band, i) => {
      if (band.band !== i + 1)
        throw new LayoutError(
          `评分指南 ${b.scale.id} 的档次编号不连续`,
          `scale ${b.scale.id}: band numbers are not 1..n in order`,
        );
    });
    if (allowedPercents(b.scale).join(",").length + 2 * allowedPercents(b.scale).length > 255)
      throw new LayoutError(
        `评分指南 ${b.scale.id} 的允许值过多，无法放入下拉列表`,
        `scale ${b.scale.id}: too many allowed values for a drop-down list`,
      );
  }
}

export { quoteSheet, quoteText };
