// LibreOffice as a real spreadsheet engine for tests: recalculate generated workbooks, convert them to PDF.
// Tests that need it use describeWithLibreOffice: skipped where soffice is missing, except under CI=true where a
// missing LibreOffice fails the run (.ci/run installs it).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The soffice executable, or null. */
export function sofficePath(): string | null {
  for (const name of ["soffice", "libreoffice"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

export const hasLibreOffice = sofficePath() !== null;

/** describe() that runs where LibreOffice is installed; under CI=true a missing LibreOffice fails instead of skipping. */
export const describeWithLibreOffice: jest.Describe =
  typeof describe === "undefined"
    ? (undefined as unknown as jest.Describe) // loaded outside jest (scripts)
    : hasLibreOffice || process.env.CI === "true"
      ? describe
      : describe.skip;

const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A fresh LibreOffice profile that recalculates every formula when a file is loaded (never trusts cached values). */
export function makeProfile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorebook-lo-"));
  fs.mkdirSync(path.join(dir, "user"), { recursive: true });
  fs.writeFileSync(path.join(dir, "user", "registrymodifications.xcu"), RECALC_XCU);
  return dir;
}

export interface ConvertResult {
  outputs: string[];
  ms: number;
}

/**
 * Converts files with one soffice call (about 0.7 s a file) into outDir: format "xlsx" (recalculated, every sheet),
 * "csv" (first sheet) or "pdf". Throws, with soffice's output, when LibreOffice is missing or an output is absent.
 */
export function convert(files: string[], format: string, outDir: string, timeoutMs = 180_000): ConvertResult {
  const soffice = sofficePath();
  if (!soffice)
    throw new Error(
      "LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui",
    );
  fs.mkdirSync(outDir, { recursive: true });
  const profile = makeProfile();
  const t0 = Date.now();
  try {
    const r = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        format,
        "--outdir",
        outDir,
        ...files,
      ],
      { encoding: "utf8", timeout: timeoutMs },
    );
    const ext = format.split(":")[0];
    const outputs = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${ext}`));
    const absent = outputs.filter((o) => !fs.existsSync(o));
    if (r.error || absent.length)
      throw new Error(
        `soffice failed (${r.error?.message ?? `exit ${r.status}`}); missing: ${absent.join(", ")}\n${r.stdout}\n${r.stderr}`,
      );
    return { outputs, ms: Date.now() - t0 };
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Recalculates .xlsx files in LibreOffice and writes them back as .xlsx into outDir (same base names). */
export function recalc(files: string[], outDir: string): ConvertResult {
  return convert(files, "xlsx", outDir);
}
