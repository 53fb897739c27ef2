// Access to the seed documents (../shared/seeds) for tests that compare the rubric data with its source.
import * as fs from "fs";
import * as path from "path";

export const SEEDS_DIR = path.resolve(__dirname, "../../../shared/seeds");
export const JIANGMEN_SEED = path.join(SEEDS_DIR, "000_dec861e7eb0a68ef.txt");
export const HEBEI_SEED = path.join(SEEDS_DIR, "003_1119e082dd170de7.txt");

export function seedsAvailable(): boolean {
  return fs.existsSync(JIANGMEN_SEED) && fs.existsSync(HEBEI_SEED);
}

/** describe() that runs where the seeds are; in CI (CI=true) a missing seed folder fails instead of skipping. */
export const describeWithSeeds: jest.Describe =
  seedsAvailable() || process.env.CI === "true" ? describe : describe.skip;

export function readSeed(file: string): string {
  return fs.readFileSync(file, "utf8");
}

/** The lines of a seed between the first line containing `start` and the next line containing `end`. */
export function section(seed: string, start: string, end: string): string[] {
  const lines = seed.split(/\r?\n/);
  const i = lines.findIndex((l) => l.includes(start));
  if (i < 0) throw new Error(`seed has no line with "${start}"`);
  const j = lines.findIndex((l, k) => k > i && l.includes(end));
  if (j < 0) throw new Error(`seed has no line with "${end}" after "${start}"`);
  return lines.slice(i, j);
}

export const squash = (s: string) => s.replace(/\s+/g, "");
