// A reader thread: reads and interprets the files the pool sends (src/aggregate/workers.ts) and posts back what the
// aggregation needs, with exact totals as fraction text (structured clone would drop the Fraction class).
import type { MessagePort } from "worker_threads";
import {
  msg,
  setExtraAwardData,
  sheetProblem,
  type ConsensusSheet,
  type ReturnedSheet,
  type SheetProblem,
} from "../core";
import { interpretCache } from "../workbook";
import type { ReadResult } from "../summary/secretariat";
import { readFileResult, type ReadLimits } from "./read";

type Wired<T extends { total: unknown }> = Omit<T, "total"> & { total: string };
/** Consensus subtotals travel as fraction text too. */
type WiredConsensus = Omit<Wired<ConsensusSheet>, "categories"> & { categories: { code: string; score: string }[] };

export type WireResult = { problem: SheetProblem } | { sheet: Wired<ReturnedSheet> } | { consensus: WiredConsensus };

export function toWire(r: ReadResult): WireResult {
  if ("problem" in r) return { problem: r.problem };
  if ("consensus" in r)
    return {
      consensus: {
        ...r.consensus,
        total: r.consensus.total.toFraction(),
        categories: r.consensus.categories.map((c) => ({ code: c.code, score: c.score.toFraction() })),
      },
    };
  return { sheet: { ...r.sheet, total: r.sheet.total.toFraction() } };
}

export function workerMain(
  port: MessagePort,
  limits: ReadLimits,
  awards: Parameters<typeof setExtraAwardData>[0] = null,
): void {
  setExtraAwardData(awards);
  const cache = interpretCache();
  const answer = async (m: { i: number; file: string }) => {
    let result: WireResult;
    try {
      result = toWire(await readFileResult(m.file, cache, limits));
    } catch (e) {
      result = { problem: sheetProblem(m.file, msg.unreadable((e as Error).message)) };
    }
    port.postMessage({ i: m.i, result });
  };
  port.on("message", (m: { i: number; file: string } | { close: true }) => {
    if ("close" in m) port.close();
    else void answer(m); // answer() catches a reading failure itself and posts it as a problem
  });
}
