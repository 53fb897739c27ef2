// The secretariat's aggregation over files (Node): collect the workbooks, read every one (read only; one bad file
// never stops the rest), aggregate with the engine and build the summary layout. No process.exit, no printing: the
// command line (src/cli/aggregate.ts) does the talking, the task pane calls src/summary/secretariat.ts instead.
import * as os from "os";
import type { AggregateOptions, AggregateResult, Library } from "../core";
import { composeSummary, type ReadResult, type RoundCheck, type SummaryLayout } from "../summary";
import { interpretCache, type FormulaMode } from "../workbook";
import { collectInputs, type Inputs } from "./files";
import { readFileResult, shownPath, type ReadLimits } from "./read";
import type { Roster } from "./roster";
import { WorkerPool } from "./workers";

export interface AggregateFilesOptions {
  /** Files and folders, as given. */
  inputs: readonly string[];
  roster?: Roster;
  options?: AggregateOptions;
  mode?: FormulaMode;
  /** Never read as input (the summary being written). */
  exclude?: readonly string[];
  /** The inputs already collected (collectInputs over `inputs`), so that the caller could check them first. */
  collected?: Inputs;
  /** Called after each file is read. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Reader threads besides the main thread (0: the main thread only); default defaultWorkers(). */
  workers?: number;
  limits?: ReadLimits;
  createdAt?: string;
  library?: Library;
  /** A review round (--round, src/round/aggregate.ts): screens what was read, then adds its own problems. */
  round?: RoundCheck;
  /** Filled with the milliseconds each step took (read, aggregate, layout): the benchmark's breakdown. */
  timings?: Record<string, number>;
}

/** Checks of a review round around the aggregation (defined beside the one composition). */
export type { RoundCheck };

export interface AggregateFilesResult {
  /** The workbooks found (shown paths). */
  files: string[];
  /** Paths that do not exist. */
  missing: string[];
  result: AggregateResult;
  layout: SummaryLayout;
  /** Workbooks read into a panel or left out for a reason of their own (everything but unreadable files). */
  read: number;
}

/**
 * Reads every file into a ReadResult (in the order given). The main thread reads too; reader threads, when there are
 * any (defaultWorkers(), and only for runs long enough to repay their start-up), share the files with it.
 */
export async function readAll(
  files: readonly string[],
  opts: {
    workers?: number;
    limits?: ReadLimits;
    onProgress?: (done: number, total: number, file: string) => void;
  } = {},
): Promise<ReadResult[]> {
  const out = new Array<ReadResult>(files.length);
  let done = 0;
  let next = 0;
  const tick = (i: number) => opts.onProgress?.(++done, files.length, files[i]);
  const take = () => (next < files.length ? next++ : -1);
  const wanted = opts.workers ?? defaultWorkers();
  const workers =
    files.length >= MIN_FILES_FOR_THREADS || opts.workers !== undefined ? Math.min(wanted, files.length) : 0;
  const pool = workers > 0 ? new WorkerPool(workers, opts.limits) : null;
  const cache = interpretCache();
  // Two files in flight on this thread, so that reading the disk overlaps parsing.
  const lane = async () => {
    for (let i = take(); i >= 0; i = take()) {
      out[i] = await readFileResult(files[i], cache, opts.limits);
      tick(i);
    }
  };
  try {
    await Promise.all([
      lane(),
      lane(),
      pool?.run(files, take, (i, r) => {
        out[i] = r;
        tick(i);
      }),
    ]);
  } finally {
    await pool?.close();
  }
  return out;
}

/** Below this many files, starting reader threads costs more than it saves. */
const MIN_FILES_FOR_THREADS = 64;

/**
 * Reader threads by default: none on a machine with fewer than 4 cores. Reading is allocation-heavy, and V8's
 * garbage collector already works on a second core beside the main thread: on the 2-core development machine a
 * reader thread made 1,000 files slower, not faster (docs/benchmarks.md). With more cores, two fewer than there are.
 */
export function defaultWorkers(cores = os.availableParallelism()): number {
  return cores >= 4 ? Math.min(cores - 2, 6) : 0;
}

export async function aggregateFiles(o: AggregateFilesOptions): Promise<AggregateFilesResult> {
  const inputs = o.collected ?? (await collectInputs(o.inputs, o.exclude));
  const files = inputs.files.map((f) => shownPath(f));
  const t0 = performance.now();
  const read = await readAll(files, { workers: o.workers, limits: o.limits, onProgress: o.onProgress });
  if (o.timings) o.timings.read = performance.now() - t0;
  const skipped: ReadResult[] = inputs.skipped.map((p) => ({ problem: { ...p, file: shownPath(p.file) } }));
  // The one composition (src/summary/compose.ts), as the task pane and the workbench call it.
  const { result, layout } = composeSummary({
    read: [...skipped, ...read],
    roster: o.roster,
    options: o.options,
    mode: o.mode,
    createdAt: o.createdAt,
    files: inputs.files.length + inputs.skipped.length,
    library: o.library,
    round: o.round,
    timings: o.timings,
  });
  return { files, missing: inputs.missing, result, layout, read: read.filter((r) => "sheet" in r).length };
}
