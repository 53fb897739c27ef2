// Veto items (否决事项 / 申报条件), asked the way the source states them. An eligibility condition (ask "unmet",
// stated positively: "拥护党的路线、方针、政策") is answered 符合 / 不符合; an event (ask "occurred": "申报材料弄虚
// 作假") 是 / 否 (存在 / 不存在). 不符合 and 是 flag the item. A condition that applies only to some applicants
// (appliesTo, e.g. "申报个人为所属组织高层领导者的") may be answered 不适用. A flag is a finding for the
// secretariat to confirm (资格审查), not a verdict: see vetoStateOf.
import { msg, type Message } from "./messages";
import { cellText, parseYesNo, type RawInput } from "./normalize";
import type { Veto } from "./types";

export interface VetoAnswer {
  answer: RawInput;
  note?: string;
}

/** The answers a reviewer chooses from. */
export const VETO_ANSWER = {
  met: "符合",
  unmet: "不符合",
  occurred: "是",
  notOccurred: "否",
  notApplicable: "不适用",
} as const;

/** The drop-down of one item: 符合 / 不符合 (+ 不适用 when the condition has an appliesTo), or 是 / 否. */
export function vetoChoices(v: Pick<Veto, "ask" | "appliesTo">): string[] {
  const base =
    v.ask === "unmet" ? [VETO_ANSWER.met, VETO_ANSWER.unmet] : [VETO_ANSWER.occurred, VETO_ANSWER.notOccurred];
  return v.appliesTo ? [...base, VETO_ANSWER.notApplicable] : base;
}

/** The question printed beside the item, in the form its answers take. */
export function vetoQuestion(v: Pick<Veto, "ask" | "appliesTo">): { zh: string; en: string } {
  const q =
    v.ask === "unmet"
      ? { zh: "是否符合该条件？", en: "Is the condition met?" }
      : { zh: "是否存在该情形？", en: "Did this occur?" };
  if (!v.appliesTo) return q;
  return {
    zh: `${q.zh}（仅适用于：${v.appliesTo}；不适用的选“不适用”）`,
    en: `${q.en} (applies only where: ${v.appliesTo}; otherwise "不适用")`,
  };
}

/**
 * What a flag on a veto item means, in words: the event happened (occurred), or the eligibility condition is not met
 * (unmet).
 */
export function vetoLabel(v: Pick<Veto, "text" | "ask">): { zh: string; en: string } {
  return v.ask === "unmet"
    ? { zh: `不符合申报条件：${v.text}`, en: `eligibility condition not met: ${v.text}` }
    : { zh: v.text, en: v.text };
}

export type VetoAnswerKind = "met" | "unmet" | "occurred" | "not-occurred" | "not-applicable";

const norm = (raw: RawInput) => String(raw).normalize("NFKC").replace(/\s+/g, "").toLowerCase();
const MET = new Set(["符合", "符合条件", "met"]);
const UNMET = new Set(["不符合", "不符合条件", "unmet", "notmet"]);
const EXISTS = new Set(["存在", "存在该情形"]);
const NOT_EXISTS = new Set(["不存在", "不存在该情形"]);
const NOT_APPLICABLE = new Set(["不适用", "n/a", "na"]);

/**
 * The answers a veto item takes (layout 2), and nothing else: the words of its drop-down, and 存在 / 不存在 for an
 * event. The spaces of CELL_TEXT_SPACES around or inside are ignored (the native formulas remove the same ones, so
 * that the veto sheet and the engine read every answer alike). Any other text, a number or a logical value (Y, yes,
 * 1, TRUE, 有, √ …) is an invalid answer, named at its cell by the engine and marked in the same cell by the sheet.
 */
export const VETO_WORDS: Readonly<Record<VetoAnswerKind, readonly string[]>> = {
  met: [VETO_ANSWER.met],
  unmet: [VETO_ANSWER.unmet],
  occurred: [VETO_ANSWER.occurred, "存在"],
  "not-occurred": [VETO_ANSWER.notOccurred, "不存在"],
  "not-applicable": [VETO_ANSWER.notApplicable],
};

/** The answer kinds an item takes, flags first: 不符合 / 符合 (a condition) or 是 / 否 (an event), 不适用 where it applies. */
export function vetoAnswerKinds(v: Pick<Veto, "ask" | "appliesTo">): VetoAnswerKind[] {
  const base: VetoAnswerKind[] = v.ask === "unmet" ? ["unmet", "met"] : ["occurred", "not-occurred"];
  return v.appliesTo ? [...base, "not-applicable"] : base;
}

/** Whether an answer of this kind flags the item. */
export const isFlagKind = (k: VetoAnswerKind) => k === "unmet" || k === "occurred";

export interface ParseVetoOptions {
  /**
   * Layout version 1 asked every item with 是 / 否 ("是否不符合该条件？" for a condition): there 是 on a
   * condition means not met. From version 2 a 是 / 否 on a condition is ambiguous and reported.
   */
  legacyYesNo?: boolean;
}

export type ParsedVeto =
  | { kind: "ok"; answer: VetoAnswerKind; flagged: boolean }
  | { kind: "missing" }
  | { kind: "invalid"; message: Message };

/** One answer read against its item's question. */
export function parseVetoAnswer(
  v: Pick<Veto, "ask" | "appliesTo">,
  raw: RawInput,
  options: ParseVetoOptions = {},
): ParsedVeto {
  if (!options.legacyYesNo) {
    if (raw === null || raw === undefined || (typeof raw === "string" && cellText(raw) === ""))
      return { kind: "missing" };
    const text = typeof raw === "string" ? cellText(raw) : null;
    const kind = vetoAnswerKinds(v).find((k) => text !== null && VETO_WORDS[k].includes(text));
    if (kind) return { kind: "ok", answer: kind, flagged: isFlagKind(kind) };
    const shown = String(raw).trim();
    if (text !== null && VETO_WORDS["not-applicable"].includes(text))
      return { kind: "invalid", message: msg.vetoNotApplicableRefused(shown) };
    return {
      kind: "invalid",
      message:
        v.ask === "unmet" ? msg.vetoConditionAnswer(shown, vetoChoices(v)) : msg.vetoEventAnswer(shown, vetoChoices(v)),
    };
  }
  // Layout 1 (every item 是 / 否): the forms it was read with.
  const yn = parseYesNo(raw);
  if (yn.kind === "missing") return yn;
  const s = typeof raw === "string" ? norm(raw) : "";
  const shown = String(raw).trim();
  if (NOT_APPLICABLE.has(s)) {
    if (v.appliesTo) return { kind: "ok", answer: "not-applicable", flagged: false };
    return { kind: "invalid", message: msg.vetoNotApplicableRefused(shown) };
  }
  if (v.ask === "unmet") {
    if (MET.has(s)) return { kind: "ok", answer: "met", flagged: false };
    if (UNMET.has(s)) return { kind: "ok", answer: "unmet", flagged: true };
    if (options.legacyYesNo && yn.kind === "ok")
      return yn.value ? { kind: "ok", answer: "unmet", flagged: true } : { kind: "ok", answer: "met", flagged: false };
    return { kind: "invalid", message: msg.vetoConditionAnswer(shown, vetoChoices(v)) };
  }
  if (EXISTS.has(s)) return { kind: "ok", answer: "occurred", flagged: true };
  if (NOT_EXISTS.has(s)) return { kind: "ok", answer: "not-occurred", flagged: false };
  if (yn.kind === "ok")
    return yn.value
      ? { kind: "ok", answer: "occurred", flagged: true }
      : { kind: "ok", answer: "not-occurred", flagged: false };
  return { kind: "invalid", message: msg.vetoEventAnswer(shown, vetoChoices(v)) };
}

export interface VetoResult {
  id: string;
  text: string;
  /** The item as a flag reads (vetoLabel, Chinese). */
  label: string;
  flagged: boolean;
  answered: boolean;
  /** What the answer says (null when missing or invalid). */
  kind: VetoAnswerKind | null;
  note: string;
  message: Message | null;
}

export interface VetoSummary {
  items: VetoResult[];
  vetoed: boolean;
  flagged: VetoResult[];
  unanswered: string[];
  invalid: string[];
}

export function evaluateVetoes(
  vetoes: readonly Veto[],
  answers: Record<string, VetoAnswer | undefined>,
  options: ParseVetoOptions = {},
): VetoSummary {
  const items = vetoes.map((v): VetoResult => {
    const a = answers[v.id];
    const parsed = parseVetoAnswer(v, a?.answer, options);
    const note = (a?.note ?? "").trim();
    const base = { id: v.id, text: v.text, label: vetoLabel(v).zh, note };
    if (parsed.kind === "ok")
      return { ...base, flagged: parsed.flagged, kind: parsed.answer, answered: true, message: null };
    if (parsed.kind === "missing")
      return { ...base, flagged: false, kind: null, answered: false, message: msg.vetoUnanswered() };
    return { ...base, flagged: false, kind: null, answered: false, message: parsed.message };
  });
  const flagged = items.filter((i) => i.flagged);
  return {
    items,
    vetoed: flagged.length > 0,
    flagged,
    unanswered: items.filter((i) => !i.answered && i.message?.code === "veto-unanswered").map((i) => i.id),
    invalid: items.filter((i) => !i.answered && i.message?.code !== "veto-unanswered").map((i) => i.id),
  };
}

/**
 * TRUE when any answer flags its item (the QA.VETOED rule): 不符合, or 是 / 存在 / Y / yes / TRUE / 1. The answers
 * say which form they take, so no item list is needed; 符合, 否, 不存在, 不适用, blanks and other text are no flag.
 */
export function anyFlagged(answers: readonly RawInput[]): boolean {
  return answers.some((a) => {
    if (typeof a === "string" && (UNMET.has(norm(a)) || EXISTS.has(norm(a)))) return true;
    if (typeof a === "string" && (MET.has(norm(a)) || NOT_APPLICABLE.has(norm(a)) || NOT_EXISTS.has(norm(a))))
      return false;
    const p = parseYesNo(a);
    return p.kind === "ok" && p.value;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The secretariat's decision on a flag (资格审查): 确认否决 or 不予否决.

/** null: nothing flagged nor decided; flagged: awaiting the secretariat; confirmed / cleared: decided. */
export type VetoState = null | "flagged" | "confirmed" | "cleared";
export type VetoDecision = "confirmed" | "cleared";

export const VETO_DECISION_TEXT: Record<VetoDecision, { zh: string; en: string }> = {
  confirmed: { zh: "确认否决", en: "Veto confirmed" },
  cleared: { zh: "不予否决", en: "Veto cleared" },
};

/** A decision as the secretariat types it in a roster or the summary (确认否决 / 不予否决, confirmed / cleared). */
export function parseVetoDecision(
  raw: RawInput,
): { kind: "ok"; value: VetoDecision } | { kind: "missing" } | { kind: "invalid"; message: Message } {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return { kind: "missing" };
  const s = norm(raw);
  if (["确认否决", "确认", "否决", "confirmed", "confirm"].includes(s)) return { kind: "ok", value: "confirmed" };
  if (["不予否决", "不否决", "撤销", "cleared", "clear"].includes(s)) return { kind: "ok", value: "cleared" };
  return { kind: "invalid", message: msg.vetoDecisionInvalid(String(raw).trim()) };
}

/**
 * The veto state of an applicant: any expert's flag awaits the secretariat (flagged) until it records 确认否决 or
 * 不予否决. The secretariat may also confirm a veto nobody flagged (its own 资格审查). Clearing what was never
 * flagged changes nothing.
 */
export function vetoStateOf(flagged: boolean, decision: VetoDecision | undefined): VetoState {
  if (decision === "confirmed") return "confirmed";
  if (!flagged) return null;
  return decision === "cleared" ? "cleared" : "flagged";
}

/** Excluded from the candidates: flagged (until cleared) or confirmed. */
export function isVetoed(state: VetoState): boolean {
  return state === "flagged" || state === "confirmed";
}

/** The answer that flags an item (不符合 / 是) or clears it (符合 / 否): for sample files and tests. */
export function vetoAnswerFor(v: Pick<Veto, "ask">, flag: boolean): string {
  if (v.ask === "unmet") return flag ? VETO_ANSWER.unmet : VETO_ANSWER.met;
  return flag ? VETO_ANSWER.occurred : VETO_ANSWER.notOccurred;
}
