// The one door out: every file Scorebook writes (a summary, a consensus workbook, reports, a round's folders and .zip
// files, templates, a generated scoring workbook) goes through writeOutputs, so that every writer keeps the same
// promises:
//
// - The target is compared with every input by file identity (device + inode), never by path: a symbolic link to an
//   input, a symlinked folder or a hard link of an input is the input, and is refused.
// - Everything is checked before the first byte: targets that exist (refused unless `force`, and then only what
//   `protect` allows), a folder that is a file, a folder that cannot be written (read-only disk, no permission).
// - Each file is written to a temporary file in its own folder, then linked into place (the link fails if the name
//   was taken meanwhile, so of two runs only one gets a name) or, with `force`, renamed over the old one.
// - All or nothing: a multi-file output is committed only when every file was written; on any failure (a full disk,
//   a name taken by another run, a read-only disk, no permission) every file it wrote, every temporary file and every
//   folder it created is removed, a file it replaced is put back, and one OutputRefused names the folder and the
//   cause from the catalogue (exit 2 on the command line).
import { randomBytes } from "crypto";
import * as fsSync from "fs";
import { promises as fs, constants as fsc } from "fs";
import * as path from "path";
import { outMsg, writeCause, type Message } from "../core";

/** Why an output was not written: a catalogue message (exit 2 on the command line). */
export class OutputRefused extends Error {
  readonly zh: string;
  readonly en: string;
  readonly code: string;
  constructor(readonly reason: Message) {
    super(reason.zh);
    this.name = "OutputRefused";
    this.zh = reason.zh;
    this.en = reason.en;
    this.code = reason.code;
  }
  /** Chinese, then English in brackets: what the command line prints. */
  get text(): string {
    return `${this.zh} (${this.en})`;
  }
}

export interface WriteOptions {
  /** Files the output must never be (compared by device and inode, so links are caught). */
  inputs?: readonly string[];
  /** Replace targets that exist (a protected one is still refused). */
  force?: boolean;
  /** Mentioned in the "exists" refusal: whether the command has a --force to offer. */
  forceOption?: boolean;
  /** For an existing target with `force`: a refusal when it must not be replaced (an expert's filled workbook). */
  protect?: (file: string) => Promise<OutputRefused | null> | OutputRefused | null;
  /** Called after each file is written (before the commit), for a progress bar. */
  onFile?: (done: number, total: number, file: string) => void;
  /** How a path is named in messages (default: as given). */
  shown?: (file: string) => string;
}

const identity = async (file: string): Promise<string | null> => {
  try {
    const st = await fs.stat(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
};

/** The input `target` is (the same device and inode: the file itself, a symbolic link or a hard link of it), or null. */
export async function inputAt(target: string, inputs: readonly string[]): Promise<string | null> {
  const id = await identity(target);
  if (!id) return null;
  for (const f of inputs) if ((await identity(f)) === id) return f;
  return null;
}

const errCode = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

/** What an output in progress has put on disk so far: what an interrupt must take back. */
interface InProgress {
  temps: string[];
  placed: string[];
  backups: { backup: string; target: string }[];
  created: string[];
}
const inProgress = new Set<InProgress>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const onSignal = (sig: NodeJS.Signals) => {
  abandonOutputs();
  process.exit(sig === "SIGINT" ? 130 : 143);
};

/**
 * Takes back every output still being written (synchronously: an interrupt, Ctrl+C, gives no time to wait):
 * temporary files and files already placed removed, replaced files put back, folders created removed when empty.
 */
export function abandonOutputs(): void {
  for (const w of inProgress) {
    for (const t of w.temps) if (t) fsSync.rmSync(t, { force: true });
    for (const p of w.placed) fsSync.rmSync(p, { force: true });
    for (const b of w.backups)
      try {
        fsSync.renameSync(b.backup, b.target);
      } catch {
        // the backup is gone already
      }
    for (const d of [...w.created].reverse()) removeEmptyTreeSync(d);
  }
  inProgress.clear();
}

function removeEmptyTreeSync(dir: string): void {
  let entries: string[];
  try {
    entries = fsSync.readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const sub = path.join(dir, e);
    if (fsSync.lstatSync(sub, { throwIfNoEntry: false })?.isDirectory()) removeEmptyTreeSync(sub);
  }
  try {
    fsSync.rmdirSync(dir);
  } catch {
    // not empty: someone else's files
  }
}

function track(w: InProgress): void {
  if (inProgress.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  inProgress.add(w);
}

function untrack(w: InProgress): void {
  inProgress.delete(w);
  if (inProgress.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
}

/** A failure of the file system while writing, carried to the rollback with the folder it happened in. */
class WriteFailure extends Error {
  constructor(
    readonly folder: string,
    readonly cause: unknown,
  ) {
    super(String((cause as Error)?.message ?? cause));
  }
}

/**
 * Writes every target (in order; `produce(i)` gives the bytes of targets[i], called once each, after every check
 * passed) all or nothing. Missing folders are created. Throws OutputRefused; any other error (a bug in `produce`) is
 * rethrown after the same cleanup.
 */
export async function writeOutputs(
  targets: readonly string[],
  produce: (index: number, file: string) => Promise<Uint8Array> | Uint8Array,
  opts: WriteOptions = {},
): Promise<void> {
  const shown = opts.shown ?? ((f: string) => f);
  const abs = targets.map((t) => path.resolve(t));

  // 1. Checks before the first byte.
  const seen = new Map<string, string>();
  for (let i = 0; i < abs.length; i++) {
    const key = abs[i].normalize("NFC").toLowerCase();
    if (seen.has(key)) throw new OutputRefused(outMsg.sameTarget(shown(targets[i])));
    seen.set(key, targets[i]);
  }
  const inputIds = new Map<string, string>();
  for (const f of opts.inputs ?? []) {
    const id = await identity(f);
    if (id) inputIds.set(id, f);
  }
  const existing: string[] = [];
  const replaced = new Set<number>();
  for (let i = 0; i < abs.length; i++) {
    const id = await identity(abs[i]);
    if (id && inputIds.has(id)) throw new OutputRefused(outMsg.isInput(shown(targets[i]), inputIds.get(id)!));
    let st;
    try {
      st = await fs.lstat(abs[i]);
    } catch (e) {
      if (errCode(e) === "ENOENT") continue;
      throw refusal(path.dirname(abs[i]), e, 0, shown);
    }
    if (!opts.force) existing.push(shown(targets[i]));
    else if (!st.isFile() && !st.isSymbolicLink()) throw new OutputRefused(outMsg.notAFile(shown(targets[i])));
    else {
      const refused = await opts.protect?.(targets[i]);
      if (refused) throw refused;
      replaced.add(i);
    }
  }
  if (existing.length) throw new OutputRefused(outMsg.exist(existing, opts.forceOption ?? true));
  const folders = [...new Set(abs.map((f) => path.dirname(f)))];
  for (const dir of folders) {
    const probe = await nearestExisting(dir);
    try {
      const st = await fs.stat(probe);
      if (!st.isDirectory()) throw Object.assign(new Error("ENOTDIR"), { code: "ENOTDIR" });
      await fs.access(probe, fsc.W_OK);
    } catch (e) {
      throw refusal(dir, e, 0, shown);
    }
  }

  // 2. Write: folders, then every file to a temporary name beside its target.
  const created: string[] = [];
  const temps: string[] = [];
  const placed: string[] = [];
  const backups: { backup: string; target: string }[] = [];
  // An interrupt (Ctrl+C) while writing takes everything back too (abandonOutputs).
  const progress: InProgress = { temps, placed, backups, created };
  track(progress);
  try {
    for (const dir of folders) {
      try {
        const first = await fs.mkdir(dir, { recursive: true });
        if (first) created.push(first);
      } catch (e) {
        throw new WriteFailure(dir, e);
      }
    }
    for (let i = 0; i < abs.length; i++) {
      const data = await produce(i, targets[i]);
      const tmp = tempName(abs[i]);
      temps[i] = tmp;
      try {
        const fh = await fs.open(tmp, "wx");
        try {
          await fh.writeFile(data);
          await fh.sync();
        } finally {
          await fh.close();
        }
      } catch (e) {
        throw new WriteFailure(path.dirname(abs[i]), e);
      }
      opts.onFile?.(i + 1, abs.length, targets[i]);
    }

    // 3. Commit: link each into place (refused if the name was taken meanwhile), or replace with force.
    for (let i = 0; i < abs.length; i++) {
      const dir = path.dirname(abs[i]);
      try {
        if (replaced.has(i) || opts.force) {
          const refused = replaced.has(i) ? await opts.protect?.(targets[i]) : null;
          if (refused) throw refused;
          if (await exists(abs[i])) {
            const backup = tempName(abs[i]);
            await fs.link(abs[i], backup).then(
              () => backups.push({ backup, target: abs[i] }),
              () => undefined,
            );
          } else placed.push(abs[i]);
          await fs.rename(temps[i], abs[i]);
        } else {
          await placeNew(temps[i], abs[i]);
          placed.push(abs[i]);
        }
      } catch (e) {
        if (e instanceof OutputRefused) throw e;
        throw new WriteFailure(dir, e);
      }
    }
  } catch (e) {
    const written = temps.filter(Boolean).length;
    await rollback(temps, placed, backups, created);
    untrack(progress);
    if (e instanceof WriteFailure) throw refusal(e.folder, e.cause, written, shown);
    throw e;
  }
  // Committed: an interrupt from here on must not take the output back, only the leftovers.
  const leftovers = [...temps, ...backups.map((b) => b.backup)];
  progress.placed = [];
  progress.backups = [];
  progress.created = [];
  progress.temps = leftovers;
  await Promise.all(leftovers.map((t) => fs.rm(t, { force: true })));
  untrack(progress);
}

/** One file, all or nothing (writeOutputs of one target). */
export async function writeOutput(file: string, data: Uint8Array, opts: WriteOptions = {}): Promise<void> {
  await writeOutputs([file], () => data, opts);
}

/** A short name of its own beside the target: the target's name may already be near the 255-byte limit. */
const tempName = (file: string) =>
  path.join(path.dirname(file), `.scorebook-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);

const exists = (file: string) =>
  fs.lstat(file).then(
    () => true,
    () => false,
  );

/** Links the temporary file to a new name; where hard links are not supported, an exclusive create then rename. */
async function placeNew(tmp: string, target: string): Promise<void> {
  try {
    await fs.link(tmp, target);
    return;
  } catch (e) {
    const code = errCode(e);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "ENOSYS" && code !== "EOPNOTSUPP")
      throw e;
  }
  // FAT and exFAT (a USB stick) have no hard links: the exclusive create still decides which run gets the name.
  const fh = await fs.open(target, "wx");
  await fh.close();
  await fs.rename(tmp, target);
}

/** The folder itself, or the nearest of its parents that exists (what mkdir would create under). */
async function nearestExisting(dir: string): Promise<string> {
  let d = dir;
  for (;;) {
    try {
      await fs.lstat(d);
      return d;
    } catch (e) {
      const parent = path.dirname(d);
      if (errCode(e) !== "ENOENT" || parent === d) return d;
      d = parent;
    }
  }
}

async function rollback(
  temps: readonly string[],
  placed: readonly string[],
  backups: readonly { backup: string; target: string }[],
  created: readonly string[],
): Promise<void> {
  for (const t of temps) if (t) await fs.rm(t, { force: true }).catch(() => undefined);
  for (const p of placed) await fs.rm(p, { force: true }).catch(() => undefined);
  for (const b of backups) await fs.rename(b.backup, b.target).catch(() => undefined);
  // Folders this run created, deepest first; a folder someone else wrote into meanwhile stays.
  for (const top of [...created].reverse()) await removeEmptyTree(top);
}

async function removeEmptyTree(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const sub = path.join(dir, e);
    if ((await fs.lstat(sub).catch(() => null))?.isDirectory()) await removeEmptyTree(sub);
  }
  await fs.rmdir(dir).catch(() => undefined);
}

function refusal(folder: string, e: unknown, written: number, shown: (f: string) => string): OutputRefused {
  if (e instanceof OutputRefused) return e;
  return new OutputRefused(outMsg.failed(shown(folder), writeCause(errCode(e), (e as Error)?.message), written));
}
