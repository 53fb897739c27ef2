// Progress on a terminal for the long steps (reading returned workbooks, writing a round's workbooks or the reports):
// a bar on stderr when it is a terminal, nothing otherwise (pipes, CI logs, tests).
import * as path from "path";
import { terminalSafe } from "./escape";

/** A progress display for a long run (a bar on a terminal); null when there is nothing to show it on. */
export interface Progress {
  start(total: number): void;
  update(done: number, file: string): void;
  stop(): void;
}

/** A writer's onFile callback that drives a progress display (started at the first file, stopped at the last). */
export function progressOf(p: Progress | null): ((done: number, total: number, file: string) => void) | undefined {
  if (!p) return undefined;
  return (done, total, file) => {
    if (done === 1) p.start(total);
    p.update(done, file);
    if (done === total) p.stop();
  };
}

/** A progress bar on stderr when it is a terminal (cli-progress); null otherwise (pipes, CI logs, tests). */
export function terminalProgress(label = "读取评分表"): Progress | null {
  // Run by the workbench (scorebook serve): progress as lines it reads, at most ten a second.
  if (process.env.SCOREBOOK_PROGRESS === "lines") {
    let last = 0;
    let total = 0;
    return {
      start: (n) => {
        total = n;
        process.stderr.write(`@progress 0/${n} ${label}\n`);
      },
      update: (done, file) => {
        const now = Date.now();
        if (done < total && now - last < 100) return;
        last = now;
        process.stderr.write(`@progress ${done}/${total} ${label}：${terminalSafe(path.basename(file))}\n`);
      },
      stop: () => {},
    };
  }
  if (!process.stderr.isTTY) return null;
  // Loaded only when shown: the command line starts faster without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SingleBar, Presets } = require("cli-progress") as typeof import("cli-progress");
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {percentage}% | {file}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(total, 0, { file: "" }),
    update: (done, file) => bar.update(done, { file: terminalSafe(path.basename(file).slice(0, 40)) }),
    stop: () => bar.stop(),
  };
}
