// Gnumeric as a second, independent spreadsheet engine for agreement tests: `ssconvert --recalc` recalculates every
// formula of an .xlsx and writes it back. Tests that need it use describeWithGnumeric: skipped where ssconvert is
// missing, except under CI=true where a missing Gnumeric fails the run (.ci/run installs it).
import { spawnSync } from "child_process";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { unitOnly } from "./tier";

export const hasGnumeric = spawnSync("sh", ["-c", "command -v ssconvert"], { encoding: "utf8" }).status === 0;

/** describe() that runs where Gnumeric is installed; under CI=true a missing Gnumeric fails instead of skipping. */
export const describeWithGnumeric: jest.Describe =
  typeof describe === "undefined"
    ? (undefined as unknown as jest.Describe)
    : unitOnly
      ? describe.skip
      : hasGnumeric || process.env.CI === "true"
        ? describe
        : describe.skip;

/**
 * Gnumeric stores a formula's text result as a shared string (t="s" with an index), which ExcelJS reads as the
 * index: rewrite those cells as t="str" with the text, so that a test reads what Gnumeric computed.
 */
async function inlineFormulaStrings(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const sst = await zip.file("xl/sharedStrings.xml")?.async("string");
  if (!sst) return;
  const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(""),
  );
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    const fixed = xml.replace(
      /<c ([^>]*?)t="s"([^>]*)>(\s*<f>[\s\S]*?<\/f>\s*)<v>(\d+)<\/v>/g,
      (_m, a: string, b: string, f: string, i: string) => `<c ${a}t="str"${b}>${f}<v>${strings[Number(i)]}</v>`,
    );
    zip.file(name, fixed);
  }
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
}

/** Recalculates each .xlsx in Gnumeric and writes it back as .xlsx into outDir (same base names). */
export async function gnumericRecalc(files: string[], outDir: string, timeoutMs = 120_000): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const outs = files.map((f) => {
    const out = path.join(outDir, path.basename(f));
    const r = spawnSync("ssconvert", ["--recalc", "-T", "Gnumeric_Excel:xlsx2", f, out], {
      encoding: "utf8",
      timeout: timeoutMs,
    });
    if (r.error || r.status !== 0 || !fs.existsSync(out))
      throw new Error(
        `ssconvert failed (${r.error?.message ?? `exit ${r.status}`}) for ${f}\n${r.stdout}\n${r.stderr}`,
      );
    return out;
  });
  for (const o of outs) await inlineFormulaStrings(o);
  return outs;
}
