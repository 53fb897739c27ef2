// The secretariat's roster (名单): per applicant, what the secretariat decides rather than the experts —
// bonus eligibility and, for individuals, the public satisfaction score. Rows come from a .csv or .xlsx file
// (read by an adapter); headers may be Chinese or English.
import { exact } from "./exact";
import { parseYesNo } from "./normalize";
import { parseVetoDecision } from "./veto";
import type { RosterEntry } from "./aggregate";

export interface RosterProblem {
  file: string;
  row: number;
  reason: string;
}

const HEADERS: Record<"applicant" | "bonus" | "public" | "veto", string[]> = {
  applicant: [
    "申报者",
    "申报单位",
    "申报组织",
    "申报个人",
    "申报人",
    "单位名称",
    "姓名",
    "名称",
    "applicant",
    "name",
    "organization",
    "organisation",
  ],
  bonus: ["加分", "加分项", "加分条件", "是否加分", "bonus", "bonus eligibility", "bonus conditions"],
  public: ["公众满意度", "公众满意度测评得分", "公众满意度得分", "满意度", "public", "public satisfaction"],
  // The secretariat's decision on an expert's veto flag (资格审查): 确认否决 / 不予否决, blank while pending.
  veto: ["否决核实", "否决核实结论", "资格审查", "资格审查结论", "否决", "veto", "veto decision"],
};

const norm = (s: unknown) =>
  String(s ?? "")
    .normalize("NFKC")
    .trim()
    .toLowerCase();

/**
 * Rows (first row = headers) to roster entries. Bonus cells hold 是/否 (yes/no) or condition ids separated by
 * commas or 、 (e.g. "luban、high-tech"); public satisfaction is a number. Problems name the file and row.
 */
export function parseRoster(
  rows: readonly (readonly unknown[])[],
  file: string,
): { entries: RosterEntry[]; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  if (rows.length === 0) return { entries: [], problems: [{ file, row: 1, reason: "名单为空" }] };
  const header = rows[0].map(norm);
  const col = (k: keyof typeof HEADERS) => header.findIndex((h) => HEADERS[k].includes(h));
  const ci = { applicant: col("applicant"), bonus: col("bonus"), public: col("public"), veto: col("veto") };
  if (ci.applicant < 0) {
    problems.push({
      file,
      row: 1,
      reason: `名单缺少“申报者”列（可用列名：${HEADERS.applicant.slice(0, 4).join("、")} 或 applicant）`,
    });
    return { entries: [], problems };
  }
  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((r, i) => {
    const row = i + 2;
    const applicant = String(r[ci.applicant] ?? "")
      .normalize("NFKC")
      .trim();
    if (!applicant) {
      if (r.some((c) => norm(c) !== "")) problems.push({ file, row, reason: "申报者名称为空，此行未使用" });
      return;
    }
    const k = applicant.toLowerCase();
    if (seen.has(k)) {
      problems.push({ file, row, reason: `申报者“${applicant}”在名单中重复（第 ${seen.get(k)} 行），此行未使用` });
      return;
    }
    seen.set(k, row);
    const entry: RosterEntry = { applicant };
    if (ci.bonus >= 0 && norm(r[ci.bonus]) !== "") {
      const raw = String(r[ci.bonus]);
      const yn = parseYesNo(raw);
      if (yn.kind === "ok") entry.bonus = yn.value;
      else
        entry.bonus = raw
          .split(/[,，、;；\s]+/)
          .map((s) => s.trim())
          .filter(Boolean);
    }
    if (ci.public >= 0 && norm(r[ci.public]) !== "") {
      const v = Number(norm(r[ci.public]).replace(/分$/, ""));
      if (Number.isFinite(v)) entry.public = exact(v);
      else problems.push({ file, row, reason: `公众满意度“${String(r[ci.public])}”不是数字，未使用` });
    }
    if (ci.veto >= 0 && norm(r[ci.veto]) !== "") {
      const d = parseVetoDecision(String(r[ci.veto]));
      if (d.kind === "ok") entry.veto = d.value;
      else if (d.kind === "invalid") problems.push({ file, row, reason: `${d.message.zh}，未使用` });
    }
    entries.push(entry);
  });
  return { entries, problems };
}
