// LibreOffice as a real spreadsheet engine for tests: recalculate generated workbooks, convert them to PDF.
// Tests that need it use describeWithLibreOffice: skipped where soffice is missing, except under CI=true where a
// missing LibreOffice fails the run (.ci/run installs it).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { unitOnly } from "./tier";

/** The soffice executable, or null. */
let soffice: string | null | undefined;
export function sofficePath(): string | null {
  if (soffice === undefined) soffice = findSoffice();
  return soffice;
}
function findSoffice(): string | null {
  for (const name of ["soffice", "libreoffice"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

export const hasLibreOffice = sofficePath() !== null;

export { unitOnly };

/**
 * describe() that runs where LibreOffice is installed; under CI=true a missing LibreOffice fails instead of skipping.
 * The unit tier skips it (and says so once, in test/helpers/global-setup.cjs).
 */
export const describeWithLibreOffice: jest.Describe =
  typeof describe === "undefined"
    ? (undefined as unknown as jest.Describe) // loaded outside jest (scripts)
    : unitOnly
      ? describe.skip
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

// One profile per process (a jest worker runs many suites): LibreOffice spends about 6 s initialising a new profile
// and 2 s starting with a warm one, so the first conversion of a worker pays once. Calls are synchronous, so two
// soffice processes never share a profile; another worker, or a second test run beside this one, has its own.
let workerProfile: string | null = null;
function profileForThisProcess(): string {
  if (workerProfile && fs.existsSync(path.join(workerProfile, "user"))) return workerProfile;
  workerProfile = makeProfile();
  const dir = workerProfile;
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
/** After a failed or timed-out call the profile may hold a lock or half-written state: the next call starts afresh. */
function discardProfile(): void {
  if (workerProfile) fs.rmSync(workerProfile, { recursive: true, force: true });
  workerProfile = null;
}

/** Conversions made in this process, for the suite's timing notes. */
export const conversions = { calls: 0, files: 0, ms: 0 };

export interface ConvertResult {
  outputs: string[];
  ms: number;
}

/**
 * Converts files with one soffice call into outDir: format "xlsx" (recalculated, every sheet), "csv" (first sheet)
 * or "pdf". Batch the files of a test into one call: each call starts LibreOffice (about 2 s), each file then takes
 * a fraction of a second. Throws, with soffice's output, when LibreOffice is missing or an output is absent.
 */
export function convert(files: string[], format: string, outDir: string, timeoutMs = 180_000): ConvertResult {
  const exe = sofficePath();
  if (!exe)
    throw new Error(
      "LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui",
    );
  if (unitOnly)
    throw new Error("convert() called in the unit tier (SCOREBOOK_TESTS=unit): use describeWithLibreOffice");
  fs.mkdirSync(outDir, { recursive: true });
  const profile = profileForThisProcess();
  const t0 = Date.now();
  const r = spawnSync(
    exe,
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
  if (r.error || absent.length) {
    discardProfile();
    throw new Error(
      `soffice failed (${r.error?.message ?? `exit ${r.status}`}); missing: ${absent.join(", ")}\n${r.stdout}\n${r.stderr}`,
    );
  }
  const ms = Date.now() - t0;
  conversions.calls++;
  conversions.files += files.length;
  conversions.ms += ms;
  return { outputs, ms };
}

/** Recalculates .xlsx files in LibreOffice and writes them back as .xlsx into outDir (same base names). */
export function recalc(files: string[], outDir: string): ConvertResult {
  return convert(files, "xlsx", outDir);
}
