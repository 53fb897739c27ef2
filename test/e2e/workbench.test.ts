// The Chinese guide's example round (scripts/guide-screenshots.ts: three Hebei applicants, ten experts, one conflict,
// seed 20220601, one workbook not returned, one incomplete) driven through the workbench in headless Chromium: every
// step is a click on the page, the returned workbooks are picked in its file input. Its outputs are then compared with
// the command line's on the same inputs: the ranking as shown, every cell of the summary workbook, the reports' text.
// Screenshots go to test/output/ (git-ignored).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { startServer, type Server } from "../../src/serve/server";
import { fillReturns, fillRoundWorkbook, panelRows } from "../../scripts/guide-screenshots";

jest.setTimeout(240_000);

const ROOT = path.join(__dirname, "..", "..");
const OUT = path.join(ROOT, "test", "output");
const PAGE_DIR = path.join(ROOT, "build", "workbench");
const SCOREBOOK = path.join(ROOT, "bin", "scorebook.js");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ready = fs.existsSync(CHROMIUM) && fs.existsSync(path.join(PAGE_DIR, "workbench.js"));
if (process.env.CI === "true" && !ready)
  throw new Error(
    `${CHROMIUM} or build/workbench/workbench.js is missing (.ci/run installs chromium; npm test builds)`,
  );

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Runs the built command line in `cwd`. */
function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [SCOREBOOK, ...args], { cwd, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout };
}

/** Every cell of every sheet as "sheet!A1=value" (formulas by their cached result), creation times left out. */
async function cells(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value as unknown;
        const shown: unknown =
          v && typeof v === "object" && "result" in v ? v.result : v instanceof Date ? "<date>" : v;
        const text =
          typeof shown === "string" || typeof shown === "number" || typeof shown === "boolean"
            ? String(shown)
            : JSON.stringify(shown);
        out.push(
          `${ws.name}!${c.address}=${text.replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?Z?)?/g, "<time>")}`,
        );
      }),
    ),
  );
  return out;
}

/** A .docx's text, with dates and times left out. */
async function docText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file("word/document.xml")!.async("string");
  return xml
    .replace(/<[^>]+>/g, " ")
    .replace(/\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/g, "<date>")
    .replace(/\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?/g, "<date>")
    .replace(/\s+/g, " ");
}

(ready ? describe : describe.skip)("the workbench in Chromium: the guide's round", () => {
  let tmp: string;
  let dir: string;
  let server: Server;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scorebook-workbench-"));
    dir = path.join(tmp, "2022 第一批");
    fs.mkdirSync(dir);
    fs.mkdirSync(OUT, { recursive: true });
    server = await startServer({ dir, pageDir: PAGE_DIR, scorebookJs: SCOREBOOK });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ locale: "zh-CN", viewport: { width: 1000, height: 900 } });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Waits for a step's command to end; its exit code. */
  async function finished(step: string): Promise<number> {
    const done = page.locator(`[data-testid="job-${step}"] [data-exit]`);
    await done.waitFor({ timeout: 120_000 });
    return Number(await done.getAttribute("data-exit"));
  }
  const section = (step: string) => page.locator(`section[data-step="${step}"]`);
  const stateOf = (step: string) => section(step).locator("[data-state]").first().getAttribute("data-state");

  it("runs the round step by step, as the guide does on the command line", async () => {
    await page.getByRole("heading", { name: "Scorebook 评审助手" }).waitFor();
    expect(await stateOf("plan")).toBe("todo");
    await page.screenshot({ path: path.join(OUT, "workbench-start.png"), fullPage: true });

    // 评审安排: the template, filled "in Excel", then re-read; an empty one names its problem.
    await page.getByRole("button", { name: "新建评审安排" }).click();
    expect(await finished("plan")).toBe(0);
    await section("plan").getByText("“申报者”中没有申报者").waitFor();
    expect(await stateOf("plan")).toBe("problem");
    await fillRoundWorkbook(path.join(dir, "评审安排.xlsx"));
    await page.getByRole("button", { name: "重新读取" }).click();
    await section("plan").getByText("申报者 3 个，专家库 10 人。").waitFor();
    expect(await stateOf("plan")).toBe("ok");

    // 抽取专家组 with the guide's seed.
    await page.getByLabel(/随机种子/).fill("20220601");
    await page.getByRole("button", { name: "抽取", exact: true }).click();
    expect(await finished("draw")).toBe(0);
    await section("draw")
      .getByText(/随机种子 20220601/)
      .waitFor();
    expect(await stateOf("draw")).toBe("ok");

    // 发出评分表: a folder and a zip per expert.
    await page.getByRole("button", { name: "生成全部评分表" }).click();
    expect(await finished("send")).toBe(0);
    await section("send").getByText("王建国.zip").waitFor();

    // 回收: the experts' returns picked in the page, then the status (one missing: 吴刚).
    const panels = await panelRows(path.join(dir, "评审安排.xlsx"));
    const filled = await fillReturns(panels, path.join(dir, "评分表"), path.join(tmp, "专家交回"));
    const before = filled.map((f) => fs.readFileSync(f));
    await page.locator('[data-testid="collect-files"]').setInputFiles(filled);
    expect(await finished("collect")).toBe(1);
    await section("collect")
      .getByText(`应交 ${panels.length} 份，已交 ${panels.length - 1} 份`, { exact: false })
      .waitFor();
    await section("collect")
      .getByText(/吴刚（1）/)
      .waitFor();
    expect(await stateOf("collect")).toBe("problem");
    expect(filled.map((f) => fs.readFileSync(f))).toEqual(before); // the originals untouched
    for (const f of filled)
      expect(fs.readFileSync(path.join(dir, "回收", path.basename(f)))).toEqual(fs.readFileSync(f));

    // 合议 for the first applicant's on-site panel.
    const a = "河北甲科技股份有限公司";
    await section("consensus")
      .locator("li", { hasText: `${a} · 现场评审` })
      .getByRole("button", { name: "生成合议表" })
      .click();
    expect(await finished("consensus")).toBe(0);
    expect(fs.existsSync(path.join(dir, "合议", `${a}_现场评审_合议表.xlsx`))).toBe(true);

    // 汇总排名 and 评审报告.
    await page.getByRole("button", { name: "汇总排名" }).click();
    expect(await finished("summary")).toBe(1); // problems named (the incomplete and the missing workbooks)
    await page.locator('[data-testid="ranking"] table').first().waitFor();
    await page.getByRole("button", { name: "生成评审报告" }).click();
    expect(await finished("reports")).toBe(0);
    await section("committee").getByText("汇总", { exact: true }).waitFor();
    await page.screenshot({ path: path.join(OUT, "workbench-done.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("wrote what the command line writes on the same inputs, figure for figure", async () => {
    const c = path.join(tmp, "cli");
    fs.mkdirSync(c);
    fs.copyFileSync(path.join(dir, "评审安排.xlsx"), path.join(c, "评审安排.xlsx"));
    fs.cpSync(path.join(dir, "回收"), path.join(c, "回收"), { recursive: true });
    const agg = cli(c, "aggregate", "回收", "--round", "评审安排.xlsx", "-o", "汇总.xlsx", "--json");
    expect(agg.status).toBe(1);
    const json = JSON.parse(agg.stdout) as {
      applicants: {
        applicant: string;
        rank: number | null;
        statusText: string;
        shown: Record<string, string | null>;
      }[];
    };
    expect(cli(c, "report", "汇总.xlsx", "-o", "评审报告").status).toBe(0);

    // The ranking on the page: the command's figures as shown, rank and status.
    const rows = await page
      .locator('[data-testid="ranking"] tbody') // one row group per applicant: the figures, then the status
      .evaluateAll((groups) =>
        groups.map((g) => Array.from(g.querySelectorAll("th, td"), (td) => (td.textContent ?? "").trim())),
      );
    expect(rows).toEqual(
      json.applicants.map((x) => [
        x.rank === null ? "—" : String(x.rank),
        x.applicant,
        x.shown.material ?? "—",
        x.shown.onsite ?? "—",
        x.shown.final ?? "—",
        expect.stringContaining(x.statusText),
      ]),
    );
    expect(rows.length).toBe(3);

    // The summary workbook, every cell; the reports, every word and figure.
    expect(await cells(path.join(dir, "汇总.xlsx"))).toEqual(await cells(path.join(c, "汇总.xlsx")));
    const mine = fs.readdirSync(path.join(dir, "评审报告")).sort();
    expect(mine).toEqual(fs.readdirSync(path.join(c, "评审报告")).sort());
    expect(mine.length).toBeGreaterThanOrEqual(5);
    for (const f of mine)
      expect(await docText(path.join(dir, "评审报告", f))).toBe(await docText(path.join(c, "评审报告", f)));
    // And one .zip of them to send, holding the same reports.
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "评审报告.zip")));
    expect(Object.keys(zip.files).sort()).toEqual(mine);
    for (const f of mine)
      expect(Buffer.from(await zip.file(f)!.async("uint8array"))).toEqual(
        fs.readFileSync(path.join(dir, "评审报告", f)),
      );
  });

  it("speaks English to an English browser, and stops on 退出", async () => {
    const en = await browser.newPage({ locale: "en-US" });
    await en.goto(server.url);
    await en.getByRole("heading", { name: "Scorebook workbench" }).waitFor();
    await en.getByRole("heading", { name: /Collect/ }).waitFor();
    await en.close();
    await page.getByRole("button", { name: "退出" }).click();
    await page.getByText("评审助手已退出").waitFor();
    await server.closed;
  });
});
