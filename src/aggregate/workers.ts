// A small pool of reader threads (worker_threads): reading and interpreting a workbook is CPU work, so on a machine
// with several cores the files are shared among threads. From the built command line (build/cli/main.js) a thread
// runs build/cli/worker-main.js beside it; from the sources (tests, scripts run with tsx) it loads worker-main.ts
// through tsx, resolved from this file, not from the current directory, so that both work from any folder.
import * as path from "path";
import { Worker } from "worker_threads";
import { exact, extraAwardData } from "../core";
import type { ReadResult } from "../summary/secretariat";
import type { ReadLimits } from "./read";
import type { WireResult } from "./worker-main";

const BOOT = `
const { parentPort, workerData } = require("worker_threads");
if (workerData.loader) require(workerData.loader);
require(workerData.module).workerMain(parentPort, workerData.limits, workerData.awards);
`;

/** The reader thread's module, and the TypeScript loader it needs when this code runs from the sources. */
function workerModule(): { module: string; loader: string | null } {
  if (__filename.endsWith(".js")) return { module: path.join(__dirname, "worker-main.js"), loader: null };
  return { module: path.join(__dirname, "worker-main.ts"), loader: require.resolve("tsx/cjs") };
}

function fromWire(w: WireResult): ReadResult {
  if ("problem" in w) return { problem: w.problem };
  if ("consensus" in w)
    return {
      consensus: {
        ...w.consensus,
        total: exact(w.consensus.total),
        categories: w.consensus.categories.map((c) => ({ code: c.code, score: exact(c.score) })),
      },
    };
  return { sheet: { ...w.sheet, total: exact(w.sheet.total) } };
}

export class WorkerPool {
  private readonly workers: Worker[];

  constructor(size: number, limits: ReadLimits = {}) {
    const { module, loader } = workerModule();
    this.workers = Array.from(
      { length: size },
      // The awards imported into this process (an awards folder) are the threads' too: one library everywhere.
      () => new Worker(BOOT, { eval: true, workerData: { module, loader, limits, awards: extraAwardData() } }),
    );
  }

  /**
   * Reads files until `take` gives −1 (files are shared with other readers through it); `each` gets a file's
   * index and result as they come back.
   */
  run(files: readonly string[], take: () => number, each: (i: number, r: ReadResult) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      let inFlight = 0;
      const send = (w: Worker) => {
        const i = take();
        if (i < 0) return false;
        inFlight++;
        w.postMessage({ i, file: files[i] });
        return true;
      };
      let started = false;
      for (const w of this.workers) {
        w.on("message", (m: { i: number; result: WireResult }) => {
          inFlight--;
          each(m.i, fromWire(m.result));
          send(w);
          if (inFlight === 0) resolve();
        });
        w.on("error", reject);
        // Two files in flight per thread: one being parsed while the next is read from disk.
        started = send(w) || started;
        send(w);
      }
      if (!started) resolve();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
