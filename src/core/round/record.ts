// The draw record (抽取记录) checked on every read of the round workbook. The draw writes two fingerprints into it: the
// 分组指纹 (what it wrote into 分组) and the 记录指纹 (the record's own text). A read recomputes both: a 分组 that no
// longer matches is compared with the panels the record lists, and each difference is named by its row — an expert
// not drawn, a changed leader or group, a drawn expert deleted — accepted only with a reason in 调整原因; an edited
// record is named as such (it is the evidence a 纪检 officer re-checks the draw by). A round workbook whose 分组 was
// typed in by hand (no record) is named as unchecked, never refused.
import { msg, type Message } from "../messages";
import { cellString, nameKey } from "../names";
import type { PanelRow } from "./parse";
import { parseStage } from "./params";
import { fingerprint } from "./random";
import type { Assignment, PanelAudit, RoundApplicant, RoundProblem } from "./types";
import type { StageId } from "../types";

/** The labels of the record's fingerprint rows (column A of 抽取记录). */
export const RECORD_LABEL = { panels: "分组指纹", record: "记录指纹" } as const;

/** The header of the record's panel table (one row per panel: the drawn ones, then the kept ones). */
export const RECORD_HEADER = [
  "组别",
  "阶段",
  "申报者",
  "人数",
  "符合条件的专家",
  "排除（原因）",
  "抽中",
  "组长",
  "备注",
];

/** The 备注 of a panel kept from an earlier draw (抽取阶段 left it out). */
export const KEPT_NOTE = "此前抽取，本次保留";

/** What 分组 holds, row order and spelling aside: the fingerprint the draw records. */
export function panelsFingerprint(assignments: readonly Assignment[]): string {
  const rows = assignments
    .map((a) =>
      JSON.stringify([
        nameKey(a.roundId),
        nameKey(a.group),
        nameKey(a.applicant),
        a.rubricId,
        a.stage,
        nameKey(a.expert),
        a.leader,
      ]),
    )
    .sort();
  return fingerprint(rows.join("\n"));
}

const text = (v: unknown) => cellString(v).normalize("NFKC").replace(/\s+/g, " ").trim();

/** The record's text (every non-blank cell, row by row), leaving out the 记录指纹 row itself. */
export function recordFingerprint(rows: readonly (readonly unknown[])[]): string {
  const lines: string[] = [];
  for (const r of rows) {
    const cells = (r ?? []).map(text).filter(Boolean);
    if (!cells.length || cells[0] === RECORD_LABEL.record) continue;
    lines.push(JSON.stringify(cells));
  }
  return fingerprint(lines.join("\n"));
}

/** The panels of the record's table for a draw (the drawn panels, then the kept ones as the record lists them). */
export function keptAudit(kept: readonly Assignment[]): PanelAudit[] {
  const panels = new Map<string, PanelAudit>();
  for (const a of kept) {
    const k = `${a.stage}\u0000${a.group}`;
    const p = panels.get(k) ?? {
      group: a.group,
      stage: a.stage,
      applicants: [],
      size: 0,
      eligible: [],
      excluded: [],
      drawn: [],
      leader: "",
      repeated: [],
    };
    if (!p.applicants.includes(a.applicant)) p.applicants.push(a.applicant);
    if (!p.drawn.includes(a.expert)) p.drawn.push(a.expert);
    if (a.leader) p.leader = a.expert;
    p.size = p.drawn.length;
    panels.set(k, p);
  }
  return [...panels.values()];
}

interface RecordedPanel {
  group: string;
  stage: StageId;
  applicants: string[];
  drawn: string[];
  leader: string;
}

interface ParsedRecord {
  roundId: string;
  panels: string | null;
  record: string | null;
  table: RecordedPanel[];
}

const HEX = /[0-9a-f]{28}/;

function parseRecord(rows: readonly (readonly unknown[])[]): ParsedRecord {
  const out: ParsedRecord = { roundId: "", panels: null, record: null, table: [] };
  let header: number[] | null = null;
  for (const r of rows) {
    const cells = (r ?? []).map(text);
    const label = cells.find(Boolean) ?? "";
    if (header) {
      if (!label) continue;
      const [group, stage, applicants, , , , drawn, leader] = header.map((i) => cells[i] ?? "");
      const s = parseStage(stage);
      if (s)
        out.table.push({
          group,
          stage: s,
          applicants: applicants.split("、").filter(Boolean),
          drawn: drawn.split("、").filter(Boolean),
          leader,
        });
      continue;
    }
    if (label === RECORD_LABEL.panels) out.panels = cells.join(" ").match(HEX)?.[0] ?? null;
    else if (label === RECORD_LABEL.record) out.record = cells.join(" ").match(HEX)?.[0] ?? null;
    else if (label === "批次编号") out.roundId = cells.filter(Boolean)[1] ?? "";
    else if (label === RECORD_HEADER[0] && cells.includes(RECORD_HEADER[6]))
      header = RECORD_HEADER.map((h) => cells.indexOf(h));
  }
  return out;
}

/**
 * 分组 against the draw record. `record` is the 抽取记录 sheet's rows (null: the workbook has none). Problems and
 * accepted adjustments name the row of 分组; `notes` say what could not be checked.
 */
export function recheckRecord(
  assignments: readonly Assignment[],
  rows: readonly PanelRow[],
  record: readonly (readonly unknown[])[] | null,
  applicants: readonly RoundApplicant[],
  sheets: { panels: string; record: string },
): { problems: RoundProblem[]; adjustments: RoundProblem[]; notes: RoundProblem[] } {
  const problems: RoundProblem[] = [];
  const adjustments: RoundProblem[] = [];
  const notes: RoundProblem[] = [];
  const parsed = record ? parseRecord(record) : null;
  if (!parsed?.panels) {
    notes.push({ ...msg.drawNoRecord(sheets.panels, sheets.record), sheet: sheets.record });
    return { problems, adjustments, notes };
  }
  const sheet = sheets.panels;
  if (parsed.record) {
    const found = recordFingerprint(record!);
    if (found !== parsed.record)
      problems.push({ ...msg.drawRecordEdited(sheets.record, parsed.record, found), sheet: sheets.record });
  }
  const now = panelsFingerprint(assignments);
  if (now === parsed.panels) return { problems, adjustments, notes };

  const byGroup = new Map(parsed.table.map((p) => [`${p.stage}\u0000${nameKey(p.group)}`, p]));
  const hasApplicant = (p: RecordedPanel, applicant: string) =>
    p.applicants.some((x) => nameKey(x) === nameKey(applicant)) ||
    nameKey(p.applicants.join("、")) === nameKey(applicant);
  const rubricOf = new Map(applicants.map((a) => [nameKey(a.name), a.rubricId]));
  // A reason given on any row of an applicant's panel (for a deleted row, which has no row of its own, too).
  const reasons = new Map<string, string>();
  assignments.forEach((a, i) => {
    const reason = rows[i]?.adjustment.trim();
    const k = `${a.stage}\u0000${nameKey(a.applicant)}`;
    if (reason && !reasons.has(k)) reasons.set(k, reason);
  });
  const named = (m: Message, row: number | undefined, a: { applicant: string; stage: StageId }, reason?: string) => {
    const where = row !== undefined ? `${sheet}!第 ${row} 行：` : "";
    const whereEn = row !== undefined ? `${sheet} row ${row}: ` : "";
    const p: RoundProblem = {
      code: m.code,
      sheet,
      row,
      applicant: a.applicant,
      stage: a.stage,
      zh: `${where}${m.zh}`,
      en: `${whereEn}${m.en}`,
    };
    if (reason) {
      const ok = msg.drawAccepted(reason);
      adjustments.push({ ...p, code: ok.code, zh: `${p.zh}；${ok.zh}`, en: `${p.en}; ${ok.en}` });
    } else {
      const hint = msg.drawEditHint();
      problems.push({ ...p, zh: `${p.zh}（${hint.zh}）`, en: `${p.en} (${hint.en})` });
    }
  };

  const present = new Set<string>();
  let localised = 0;
  assignments.forEach((a, i) => {
    const at = rows[i];
    present.add(`${a.stage}\u0000${nameKey(a.applicant)}\u0000${nameKey(a.expert)}`);
    // A change of a panel (a leader moved changes two rows) is accepted by a reason on any of its rows.
    const reason = at?.adjustment.trim() || reasons.get(`${a.stage}\u0000${nameKey(a.applicant)}`);
    const found: Message[] = [];
    const p = byGroup.get(`${a.stage}\u0000${nameKey(a.group)}`);
    if (!p) {
      const other = parsed.table.find((x) => x.stage === a.stage && hasApplicant(x, a.applicant));
      found.push(other ? msg.drawOtherGroup(a.group, other.group) : msg.drawNoPanel(a.applicant, a.stage, a.group));
    } else if (!hasApplicant(p, a.applicant)) found.push(msg.drawNoPanel(a.applicant, a.stage, a.group));
    else if (!p.drawn.some((e) => nameKey(e) === nameKey(a.expert)))
      found.push(msg.drawNotDrawn(a.expert, p.group, a.applicant, a.stage, p.drawn));
    else if (a.leader !== (nameKey(p.leader) === nameKey(a.expert)))
      found.push(msg.drawLeader(p.group, p.leader || "（无）"));
    if (parsed.roundId && nameKey(a.roundId) !== nameKey(parsed.roundId))
      found.push(msg.drawRoundId(a.roundId, parsed.roundId));
    const rubric = rubricOf.get(nameKey(a.applicant));
    if (rubric && rubric !== a.rubricId) found.push(msg.drawRubric(a.rubricId, rubric));
    for (const m of found) named(m, at?.row, a, reason);
    localised += found.length;
  });
  for (const p of parsed.table)
    for (const applicant of p.applicants)
      for (const expert of p.drawn) {
        if (present.has(`${p.stage}\u0000${nameKey(applicant)}\u0000${nameKey(expert)}`)) continue;
        // A panel recorded with one applicant whose name holds 、 was split above: compare it whole.
        if (
          p.applicants.length > 1 &&
          assignments.some((a) => nameKey(a.applicant) === nameKey(p.applicants.join("、")))
        )
          continue;
        named(
          msg.drawDropped(expert, p.group, applicant, p.stage),
          undefined,
          { applicant, stage: p.stage },
          reasons.get(`${p.stage}\u0000${nameKey(applicant)}`),
        );
        localised++;
      }
  if (!localised) {
    const m = msg.drawPanelsChanged(parsed.panels, now);
    problems.push({ ...m, sheet });
  }
  return { problems, adjustments, notes };
}
