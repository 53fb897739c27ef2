// The awards folder: imported awards as rubric and rule data, one sub-folder per award (<id>/award.json and
// <id>/<rubric id>.json, the same shapes as rubrics/awards/*.json and rubrics/*.json). Commands find it through
// --awards, SCOREBOOK_AWARDS or the per-user default; the library (src/core/rubric/registry.ts) adds its data to the
// built-in awards.
import * as fsSync from "fs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { Award, Rubric } from "../core";
import { writeOutputs } from "../output";

export const AWARD_FILE = "award.json";

/** The per-user folder for imported awards (Windows: %APPDATA%\Scorebook\awards; elsewhere the XDG data folder). */
export function defaultAwardsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === "win32" && env.APPDATA) return path.join(env.APPDATA, "Scorebook", "awards");
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), ".local", "share");
  return path.join(base, "scorebook", "awards");
}

/** Where imported awards are looked for: --awards, else SCOREBOOK_AWARDS, else the per-user default. */
export function awardsDir(option?: string, env: NodeJS.ProcessEnv = process.env): { dir: string; explicit: boolean } {
  if (option) return { dir: path.resolve(option), explicit: true };
  if (env.SCOREBOOK_AWARDS) return { dir: path.resolve(env.SCOREBOOK_AWARDS), explicit: true };
  return { dir: defaultAwardsDir(env), explicit: false };
}

export class AwardsFolderError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
    this.name = "AwardsFolderError";
  }
}

/**
 * The data of an awards folder, file name → parsed JSON, for setExtraAwardData. A folder that does not exist gives
 * nothing when it is only the default, and an error when it was asked for.
 */
export function loadAwardsFolder(
  dir: string,
  explicit: boolean,
): { awards: Record<string, unknown>; rubrics: Record<string, unknown> } {
  const out = { awards: {} as Record<string, unknown>, rubrics: {} as Record<string, unknown> };
  let entries: fsSync.Dirent[];
  try {
    entries = fsSync.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (!explicit && (e as NodeJS.ErrnoException).code === "ENOENT") return out;
    throw new AwardsFolderError(`奖项文件夹不存在或无法读取：${dir}`, `no such awards folder, or unreadable: ${dir}`);
  }
  for (const ent of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!ent.isDirectory() || ent.name.startsWith(".")) continue;
    const sub = path.join(dir, ent.name);
    const awardFile = path.join(sub, AWARD_FILE);
    if (!fsSync.existsSync(awardFile)) continue;
    out.awards[awardFile] = readJson(awardFile);
    for (const f of fsSync.readdirSync(sub).sort())
      if (f.endsWith(".json") && f !== AWARD_FILE) out.rubrics[path.join(sub, f)] = readJson(path.join(sub, f));
  }
  return out;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fsSync.readFileSync(file, "utf8"));
  } catch (e) {
    throw new AwardsFolderError(
      `无法读取奖项数据 ${file}：${(e as Error).message}`,
      `cannot read award data ${file}: ${(e as Error).message}`,
    );
  }
}

const json = (x: unknown) => JSON.stringify(x, null, 2) + "\n";

/** The files an award is stored as (name → text). */
export function awardFiles(award: Award, rubrics: readonly Rubric[]): Record<string, string> {
  const files: Record<string, string> = { [AWARD_FILE]: json(award) };
  for (const r of rubrics) files[`${r.id}.json`] = json(r);
  return files;
}

/**
 * Stores an award in `dir/<id>/` through the one door out (src/output: temp + rename, all or nothing, a replaced file
 * put back on failure). "same" when the stored award is identical; "differs" (nothing written) when another version
 * is there and `force` is not given. A rubric file the new version no longer has is removed after the commit.
 */
export async function storeAward(
  dir: string,
  award: Award,
  rubrics: readonly Rubric[],
  force = false,
): Promise<"stored" | "same" | "differs"> {
  const files = awardFiles(award, rubrics);
  const target = path.join(dir, award.id);
  const existing = await readFolder(target);
  if (existing) {
    const same =
      Object.keys(existing).length === Object.keys(files).length &&
      Object.entries(files).every(([n, t]) => existing[n] === t);
    if (same) return "same";
    if (!force) return "differs";
  }
  const names = Object.keys(files);
  await writeOutputs(
    names.map((n) => path.join(target, n)),
    (i) => Buffer.from(files[names[i]], "utf8"),
    { force: true },
  );
  for (const n of Object.keys(existing ?? {})) if (!(n in files)) await fs.rm(path.join(target, n), { force: true });
  return "stored";
}

async function readFolder(dir: string): Promise<Record<string, string> | null> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return null;
  }
  const out: Record<string, string> = {};
  for (const n of names) if (n.endsWith(".json")) out[n] = await fs.readFile(path.join(dir, n), "utf8");
  return out;
}
