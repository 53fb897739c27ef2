// `scorebook score` (ExcelJS) and the task pane's file reading refuse zip bombs with the same guard as the
// aggregation's lean reader (src/xlsx/zip-cells.ts guardZip), before ExcelJS sees the bytes. The proof is memory:
// `score` runs in a child process with a small heap and its peak resident memory is measured; a bomb that inflates to
// 1 GB could not be read within it. Sources are byte-identical afterwards.
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { interpretPicked, type PickedFile } from "../../src/taskpane/secretariat";
import { PICK_LIMIT_BYTES } from "../../src/taskpane/SummaryPanel";
import { library } from "../../src/core";
import { MAX_FILE_BYTES } from "../../src/xlsx/zip-cells";
import { generate, tmpDir } from "../helpers/workbooks";
import { addPart, deflatedFill } from "../helpers/zip-bomb";
import { convert, hasLibreOffice, unitOnly } from "../helpers/libreoffice";

const ROOT = path.join(__dirname, "..", "..");
const GB = 1024 * 1024 * 1024;
const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

/** Runs `scorebook score` in a child with a 96 MB heap; the exit code, its JSON and its peak memory in MB. */
function scoreChild(file: string) {
  const r = spawnSync(
    process.execPath,
    [
      "--max-old-space-size=96",
      "--require",
      path.join(ROOT, "test/helpers/report-rss.cjs"),
      path.join(ROOT, "bin/scorebook.js"),
      "score",
      file,
      "--json",
    ],
    { encoding: "utf8", timeout: 120_000, cwd: ROOT },
  );
  const rss = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  let json: { ok: boolean; problems: { code: string; message: string; en: string }[] } | null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = null;
  }
  return { status: r.status, json, rss, stderr: r.stderr };
}

describe("zip bombs: score and the task pane refuse them with bounded memory", () => {
  const dir = tmpDir("scorebook-bomb-");
  let plain: Buffer;
  let honest: string;
  let lying: string;
  let baseline: ReturnType<typeof scoreChild>;

  beforeAll(async () => {
    plain = (await generate("jiangmen-manufacturing")).buffer;
    if (hasLibreOffice && !unitOnly) {
      // As a returned workbook reaches the secretariat: saved by a real spreadsheet, then the bomb part added.
      const raw = path.join(dir, "raw.xlsx");
      fs.writeFileSync(raw, plain);
      plain = fs.readFileSync(convert([raw], "xlsx", path.join(dir, "lo")).outputs[0]);
    }
    const stream = deflatedFill(GB);
    // States its true size: 1 GB from about 1 MB (refused by the ratio before anything is inflated).
    honest = path.join(dir, "炸弹-如实.xlsx");
    fs.writeFileSync(honest, addPart(plain, "xl/media/image1.bin", stream, GB));
    // States 100 KB: the directory looks harmless, only inflating against the stated size stops it.
    lying = path.join(dir, "炸弹-谎报.xlsx");
    fs.writeFileSync(lying, addPart(plain, "xl/worksheets/sheet9.xml", stream, 100 * 1024));
    const normal = path.join(dir, "正常.xlsx");
    fs.writeFileSync(normal, plain);
    baseline = scoreChild(normal);
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["a part stating its 1 GB size", () => honest],
    ["a part lying about its size", () => lying],
  ])(
    "score: %s is refused (exit 1, zip-bomb), peak memory stays bounded",
    (_what, file) => {
      const f = file();
      const before = sha(f);
      const r = scoreChild(f);
      expect(r.status).toBe(1);
      expect(r.json?.ok).toBe(false);
      expect(r.json?.problems[0].code).toBe("zip-bomb");
      expect(r.json?.problems[0].message).toContain("压缩炸弹");
      // Reading 1 GB (or the XML of it) needs well over 1 GB; a clean workbook needs ~baseline.
      expect(r.rss).toBeLessThan(Math.max(300, baseline.rss + 150));
      expect(sha(f)).toBe(before);
      process.stdout.write(
        `zip bomb (${_what}): peak RSS ${r.rss.toFixed(0)} MB; a clean workbook ${baseline.rss.toFixed(0)} MB\n`,
      );
    },
    120_000,
  );

  it("the task pane's reader refuses the stated bomb, and never inflates the lying part it does not need", async () => {
    const read = async (f: string) => {
      const pickedFile: PickedFile = { name: path.basename(f), data: new Uint8Array(fs.readFileSync(f)) };
      return interpretPicked(pickedFile, library());
    };
    const h = await read(honest);
    expect("problem" in h && h.problem.code).toBe("zip-bomb");
    // The lean reader inflates only the parts the workbook refers to, each capped at its stated size.
    const before = process.memoryUsage().rss;
    const l = await read(lying);
    expect("report" in l && l.report.rubric).toBe("jiangmen-manufacturing");
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it("the task pane never reads a picked file over the limit: it is refused by its size", async () => {
    expect(PICK_LIMIT_BYTES).toBe(MAX_FILE_BYTES);
    const r = await interpretPicked(
      { name: "大文件.xlsx", data: new Uint8Array(0), size: MAX_FILE_BYTES + 1 },
      library(),
    );
    expect("problem" in r && r.problem.code).toBe("too-large");
  });
});
