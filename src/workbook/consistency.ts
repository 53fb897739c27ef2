// Checks that a returned workbook is one thing: the identity shown on the cover and in the scoring sheet's header
// agrees with the metadata (applicant, expert, stage, rubric), the metadata agrees with its seal, and every input
// cell holds a value, not a formula. Each disagreement is a named problem that keeps the workbook out of the count.
// Kept apart from interpret.ts so that each check is one function.
import { sha256Hex, canonicalJson } from "./fingerprint";
import type { CellSource, CellValue } from "./source";
import type { WorkbookLayout } from "./types";

export interface ConsistencyProblem {
  code: string;
  zh: string;
  en: string;
  cell?: string;
}

const text = (v: CellValue): string => {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") return v.error;
  return String(v);
};
const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, " ").trim();

/**
 * The identity seal written into the metadata: SHA-256 over what the workbook was generated for. It is not secret
 * (anyone can recompute it), so it proves only that the metadata was not edited by hand without recomputing it.
 */
export function identitySeal(id: {
  rubricId: string;
  rubricFingerprint: string;
  applicant: string;
  expert: string;
  stage: string;
  mode: string;
  createdAt: string;
  /** The review round, for a round's workbooks only (absent otherwise, so other seals do not change). */
  roundId?: string | null;
}): string {
  return `sha256:${sha256Hex(
    canonicalJson({
      rubricId: id.rubricId,
      rubricFingerprint: id.rubricFingerprint,
      applicant: id.applicant,
      expert: id.expert,
      stage: id.stage,
      mode: id.mode,
      createdAt: id.createdAt,
      ...(id.roundId ? { roundId: id.roundId } : {}),
    }),
  )}`;
}

/**
 * The cells that say what the workbook is for, as the reference layout (built from the metadata's rubric, stage and
 * mode: it may be shared between workbooks, so no name is taken from it) has them: the cover's stage and rubric and
 * the scoring sheet's title (with the stage). The cover's applicant and expert are compared by interpret's readCover
 * (cover-changed); the header line below the title by headerLine().
 */
function identityCells(layout: WorkbookLayout): { sheet: string; ref: string; what: string; expected: string }[] {
  const out: { sheet: string; ref: string; what: string; expected: string }[] = [];
  const cell = (sheet: string, ref: string) =>
    layout.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.ref === ref);
  const cover = layout.map.cover;
  const stage = cell(cover.sheet, cover.stage);
  if (typeof stage?.value === "string")
    out.push({ sheet: cover.sheet, ref: cover.stage, what: "封面的评审阶段", expected: stage.value });
  const coverSheet = layout.sheets.find((s) => s.name === cover.sheet);
  const rubricCell = coverSheet?.cells.find(
    (c) => typeof c.value === "string" && c.value.endsWith(`（${layout.rubricId}）`),
  );
  if (rubricCell)
    out.push({ sheet: cover.sheet, ref: rubricCell.ref, what: "封面的评价标准", expected: String(rubricCell.value) });
  const scoring = layout.map.scoring.sheet;
  const title = cell(scoring, "A1");
  if (typeof title?.value === "string")
    out.push({ sheet: scoring, ref: "A1", what: "评分表标题（含评审阶段）", expected: title.value });
  return out;
}

/** The scoring sheet's line under the title must name this file's applicant, expert and stage, in that order. */
function headerLine(found: string, parts: string[]): boolean {
  let at = 0;
  const f = norm(found);
  for (const p of parts) {
    const needle = norm(`：${p}`);
    const i = f.indexOf(needle, at);
    if (i < 0) return false;
    at = i + needle.length;
  }
  return true;
}

/** Cover and header against the metadata (through the reference layout built from it), and the seal. */
export function checkIdentity(
  source: CellSource,
  layout: WorkbookLayout,
  meta: {
    seal?: string | null;
    rubricId: string;
    rubricFingerprint: string | null;
    applicant: string | null;
    expert: string | null;
    stage: string | null;
    mode: string | null;
    createdAt: string | null;
    roundId?: string | null;
  },
  stageName: string,
): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = [];
  const file = source.name;
  const present = new Set(source.sheetNames());
  for (const c of identityCells(layout)) {
    if (!present.has(c.sheet)) continue;
    const found = text(source.value(c.sheet, c.ref));
    if (norm(found) === norm(c.expected)) continue;
    const at = `${c.sheet}!${c.ref}`;
    problems.push({
      code: "identity-mismatch",
      zh: `${at}：${c.what}为“${found}”，与元数据（“${c.expected}”）不一致，无法确定评分表的申报者、专家或阶段，不计入`,
      en: `${at}: ${c.what} reads "${found}", the metadata says "${c.expected}"; the workbook is not counted`,
      cell: at,
    });
  }
  const scoring = layout.map.scoring.sheet;
  if (present.has(scoring) && meta.applicant && meta.expert) {
    const found = text(source.value(scoring, "A2"));
    if (!headerLine(found, [meta.applicant, meta.expert, stageName]))
      problems.push({
        code: "identity-mismatch",
        zh: `${scoring}!A2：表头为“${found}”，与元数据（申报者“${meta.applicant}”、评审专家“${meta.expert}”、${stageName}）不一致，不计入`,
        en: `${scoring}!A2: the header reads "${found}", the metadata says ${meta.applicant} / ${meta.expert} / ${meta.stage}; not counted`,
        cell: `${scoring}!A2`,
      });
  }
  const expected = identitySeal({
    rubricId: meta.rubricId,
    rubricFingerprint: meta.rubricFingerprint ?? "",
    applicant: meta.applicant ?? "",
    expert: meta.expert ?? "",
    stage: meta.stage ?? "",
    mode: meta.mode ?? "",
    createdAt: meta.createdAt ?? "",
    roundId: meta.roundId,
  });
  if (meta.seal !== expected)
    problems.push({
      code: "seal-broken",
      zh: `${file}：元数据与生成时的校验值（seal）${meta.seal ? "不符" : "缺失"}：申报者、专家、阶段、评分标准或生成时间被改动过，不计入`,
      en: `${file}: the metadata ${meta.seal ? "does not match" : "lacks"} its generation seal (applicant, expert, stage, rubric or creation time edited); not counted`,
    });
  return problems;
}

/**
 * A view of `source` in which every input cell (unlocked in the reference layout: maturities, bands, points, veto
 * and bonus answers, notes, the declaration and date) that holds a formula reads as empty, and the formula is
 * reported: an input must be a value the reviewer gave, not a cached result (=IF(TODAY()>…,"是","否") changes later).
 */
export function withoutInputFormulas(
  source: CellSource,
  layout: WorkbookLayout,
): { source: CellSource; problems: ConsistencyProblem[] } {
  const problems: ConsistencyProblem[] = [];
  const blocked = new Map<string, Set<string>>();
  const present = new Set(source.sheetNames());
  for (const s of layout.sheets) {
    if (!present.has(s.name)) continue;
    for (const c of s.cells) {
      if (c.locked !== false) continue;
      const f = source.formula(s.name, c.ref);
      if (f === null) continue;
      const at = `${s.name}!${c.ref}`;
      problems.push({
        code: "input-formula",
        zh: `${at}：输入单元格中是公式“=${f.replace(/^=/, "").slice(0, 80)}”，不是填写的值；请直接填写，此格按未填写处理`,
        en: `${at}: the input cell holds a formula (=${f.replace(/^=/, "").slice(0, 80)}), not a value; read as empty`,
        cell: at,
      });
      if (!blocked.has(s.name)) blocked.set(s.name, new Set());
      blocked.get(s.name)!.add(c.ref);
    }
  }
  if (problems.length === 0) return { source, problems };
  const view: CellSource = {
    name: source.name,
    sheetNames: () => source.sheetNames(),
    value: (sheet, ref) => (blocked.get(sheet)?.has(ref) ? null : source.value(sheet, ref)),
    formula: (sheet, ref) => source.formula(sheet, ref),
    definedNames: () => source.definedNames(),
    savedAt: () => source.savedAt?.() ?? null,
  };
  return { source: view, problems };
}
