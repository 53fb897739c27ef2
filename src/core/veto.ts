// Veto items (否决事项 / 申报条件): any item answered 是 disqualifies; keep which and why.
import { msg, type Message } from "./messages";
import { parseYesNo, type RawInput } from "./normalize";
import type { Veto } from "./types";

export interface VetoAnswer {
  answer: RawInput;
  note?: string;
}

export interface VetoResult {
  id: string;
  text: string;
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
    if (parsed.kind === "ok") return { id: v.id, text: v.text, flagged: parsed.value, answered: true, note, message: null };
    if (parsed.kind === "missing") return { id: v.id, text: v.text, flagged: false, answered: false, note, message: msg.vetoUnanswered() };
    return { id: v.id, text: v.text, flagged: false, answered: false, note, message: parsed.message };
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
