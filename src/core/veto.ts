// Veto items (否决事项 / 申报条件): any item answered 是 disqualifies; keep which and why.
import { msg, type Message } from "./messages";
import { parseYesNo, type RawInput } from "./normalize";
import type { Veto } from "./types";

export interface VetoAnswer {
  answer: RawInput;
  note?: string;
}

/**
 * What a 是 on a veto item means, in words: the event happened (occurred), or the eligibility condition is not met
 * (unmet — the seed states the condition positively, e.g. "拥护党的路线、方针、政策").
 */
export function vetoLabel(v: Pick<Veto, "text" | "ask">): { zh: string; en: string } {
  return v.ask === "unmet"
    ? { zh: `不符合申报条件：${v.text}`, en: `eligibility condition not met: ${v.text}` }
    : { zh: v.text, en: v.text };
}

export interface VetoResult {
  id: string;
  text: string;
  /** The item as a flag reads (vetoLabel, Chinese). */
  label: string;
  flagged: boolean;
  answered: boolean;
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

export function evaluateVetoes(vetoes: readonly Veto[], answers: Record<string, VetoAnswer | undefined>): VetoSummary {
  const items = vetoes.map((v): VetoResult => {
    const a = answers[v.id];
    const parsed = parseYesNo(a?.answer);
    const note = (a?.note ?? "").trim();
    const base = { id: v.id, text: v.text, label: vetoLabel(v).zh, note };
    if (parsed.kind === "ok") return { ...base, flagged: parsed.value, answered: true, message: null };
    if (parsed.kind === "missing") return { ...base, flagged: false, answered: false, message: msg.vetoUnanswered() };
    return { ...base, flagged: false, answered: false, message: parsed.message };
  });
  const flagged = items.filter((i) => i.flagged);
  return {
    items,
    vetoed: flagged.length > 0,
    flagged,
    unanswered: items.filter((i) => !i.answered && i.message?.code === "veto-unanswered").map((i) => i.id),
    invalid: items.filter((i) => !i.answered && i.message?.code === "veto-answer-invalid").map((i) => i.id),
  };
}

/** TRUE when any answer is 是 / Y / yes / TRUE / 1 (the QA.VETOED rule); blanks and other text are not flags. */
export function anyYes(answers: readonly RawInput[]): boolean {
  return answers.some((a) => {
    const p = parseYesNo(a);
    return p.kind === "ok" && p.value;
  });
}
