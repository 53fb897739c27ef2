// A reader thread: reads and interprets the files the pool sends (src/aggregate/workers.ts) and posts back what the
// aggregation needs, with exact totals as fraction text (structured clone would drop the Fraction class).
import type { MessagePort } from "worker_threads";
import type { ReturnedSheet, SheetProblem } from "../core";
import { interpretCache } from "../workbook";
import { traceReport, type ReadResult } from "../summary/secretariat";
import { interpretFile, type ReadLimits } from "./read";

export type WireResult = { problem: SheetProblem } | { sheet: Omit<ReturnedSheet, "total"> & { total: string } };

export function toWire(r: ReadResult): WireResult {
  if ("problem" in r) return { problem: r.problem };
  return { sheet: { ...r.sheet, total: r.sheet.total.toFraction() } };
}

export function workerMain(port: MessagePort, limits: ReadLimits): void {
  const cache = interpretCache();
  port.on("message", async (m: { i: number; file: string } | { close: true }) => {
    if ("close" in m) {
      port.close();
      return;
    }
    let result: WireResult;
    try {
      const r = await interpretFile(m.file, cache, limits);
      result = toWire(r.ok ? traceReport(r.report) : { problem: r.problem });
    } catch (e) {
      result = { problem: { file: m.file, code: "unreadable", reason: `无法读取（${(e as Error).message}）` } };
    }
    port.postMessage({ i: m.i, result });
  });
}
