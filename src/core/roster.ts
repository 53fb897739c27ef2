// The secretariat's roster (名单): per applicant, what the secretariat decides rather than the experts —
// bonus eligibility and, for individuals, the public satisfaction score. Rows come from a .csv or .xlsx file
// (read by an adapter); headers may be Chinese or English.
import { exact } from "./exact";
import { parseYesNo } from "./normalize";
import { cellString, nameKey } from "./names";
import { parseVetoDecision } from "./veto";
import type { RosterEntry } from "./aggregate";
import type { RuleSet } from "./types";
import { msg, type Message } from "./messages";

export interface RosterProblem {
  file: string;
  row: number;
  code: string;
  /** What is wrong with the row, in Chinese and in English (the catalogue's message). */
  reason: string;
  en: string;
}

const rowProblem = (file: string, row: number, m: Message): RosterProblem => ({
  file,
  row,
  code: m.code,
  reason: m.zh,
  en: m.en,
});

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

const norm = (s: unknown) => cellString(s).normalize("NFKC").trim().toLowerCase();

/**
 * Rows (first row = headers) to roster entries. Bonus cells hold 是/否 (yes/no) or condition ids separated by
 * commas or 、 (e.g. "luban、high-tech"); public satisfaction is a number. Problems name the file and row.
 */
export function parseRoster(
  rows: readonly (readonly unknown[])[],
  file: string,
): { entries: RosterEntry[]; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  if (rows.length === 0) return { entries: [], problems: [rowProblem(file, 1, msg.rosterEmpty())] };
  const header = rows[0].map(norm);
  const col = (k: keyof typeof HEADERS) => header.findIndex((h) => HEADERS[k].includes(h));
  const ci = { applicant: col("applicant"), bonus: col("bonus"), public: col("public"), veto: col("veto") };
  if (ci.applicant < 0) {
    problems.push(rowProblem(file, 1, msg.rosterNoApplicantColumn(HEADERS.applicant.slice(0, 4))));
    return { entries: [], problems };
  }
  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((r, i) => {
    const row = i + 2;
    const applicant = cellString(r[ci.applicant]).normalize("NFKC").trim();
    if (!nameKey(applicant)) {
      if (r.some((c) => norm(c) !== "")) problems.push(rowProblem(file, row, msg.rosterNoName()));
      return;
    }
    // One applicant by its canonical key: 甲公司, 甲 公司 and 甲公司 + a zero-width space are one row.
    const k = nameKey(applicant);
    if (seen.has(k)) {
      problems.push(rowProblem(file, row, msg.rosterDuplicate(applicant, seen.get(k) ?? 0)));
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
      const t = norm(r[ci.public]).replace(/分$/, "");
      const v = Number(t);
      // Kept as written (12.9999999999 is not 13): a plain decimal is read exactly, not through a float.
      if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) entry.public = exact(t);
      else if (Number.isFinite(v)) entry.public = exact(v);
      else problems.push(rowProblem(file, row, msg.rosterPublicNotNumber(String(r[ci.public]))));
    }
    if (ci.veto >= 0 && norm(r[ci.veto]) !== "") {
      const d = parseVetoDecision(String(r[ci.veto]));
      if (d.kind === "ok") entry.veto = d.value;
      else if (d.kind === "invalid") problems.push(rowProblem(file, row, msg.rosterCellNotUsed(d.message)));
    }
    entries.push(entry);
  });
  return { entries, problems };
}

/** One thing the roster says that the rule set cannot use, in Chinese with English beside it. */
export interface RosterEntryProblem {
  code: "roster-bonus-unknown" | "roster-bonus-none" | "public-not-applicable";
  zh: string;
  en: string;
}

/**
 * What in a roster row does not apply to the applicant's rule set, so that nothing the secretariat wrote is ignored
 * without a word: a bonus condition id the rule set does not have (it would count as 0), a bonus for a rule set with
 * no bonus, public satisfaction for a rule set without it (organisations). The one place this is decided.
 */
export function checkRosterEntry(rules: RuleSet, entry: RosterEntry): RosterEntryProblem[] {
  const out: RosterEntryProblem[] = [];
  const who = entry.applicant;
  if (entry.bonus !== undefined && entry.bonus !== false && !rules.bonus)
    out.push({
      code: "roster-bonus-none",
      zh: `名单中“${who}”填写了加分，但${rules.name.zh}没有加分项，未使用`,
      en: `the roster gives "${who}" a bonus, but ${rules.id} has no bonus; not used`,
    });
  else if (Array.isArray(entry.bonus) && rules.bonus) {
    const known = new Set(rules.bonus.conditions.map((c) => c.id));
    const unknown = entry.bonus.filter((id) => !known.has(id));
    if (unknown.length)
      out.push({
        code: "roster-bonus-unknown",
        zh: `名单中“${who}”的加分条件“${unknown.join("、")}”不存在（可用：${[...known].join("、")}），该条件未计分`,
        en: `the roster gives "${who}" unknown bonus condition(s) ${unknown.join(", ")} (known: ${[...known].join(", ")}); not counted`,
      });
  }
  if (entry.public !== undefined && !rules.publicSatisfaction)
    out.push({
      code: "public-not-applicable",
      // 河北 "申报个人最终得分包括：…公众满意度测评得分" — only individuals have one; an organisation's is a mistake.
      zh: `名单中“${who}”填写了公众满意度，但${rules.name.zh}没有公众满意度测评，未使用`,
      en: `the roster gives "${who}" public satisfaction, which ${rules.id} does not use; not used`,
    });
  return out;
}
