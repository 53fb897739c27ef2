// The offline package and the workbench, measured (docs/benchmarks.md):
//   npm run bench:workbench     # = npm run package, then this
// - the two zips' sizes;
// - cold start to first page: the Linux package unzipped into a fresh folder, 评审助手.sh --no-open started with
//   `env -i` (no Node on the PATH), until headless Chromium shows the page's first step (median of 5);
// - the Chinese guide's example round end to end in the workbench, every step a click (as test/e2e/workbench.test.ts).
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser } from "playwright-core";
import { startServer } from "../src/serve/server";
import { fillReturns, fillRoundWorkbook, panelRows } from "./guide-screenshots";

const ROOT = path.join(__dirname, "..");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const TOP = `scorebook-${VERSION}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function coldStart(browser: Browser, zip: string): Promise<{ toAddress: number; toPage: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "评审 bench-"));
  spawnSync("unzip", ["-q", zip, "-d", dir]);
  const t0 = performance.now();
  const child = spawn("env", ["-i", path.join(dir, TOP, "评审助手.sh"), "--no-open"]);
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  let url: string | undefined;
  while (!(url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out)?.[0]))
    await new Promise((r) => setTimeout(r, 5));
  const toAddress = performance.now() - t0;
  const page = await browser.newPage({ locale: "zh-CN" });
  await page.goto(url);
  await page.getByRole("button", { name: "新建评审安排" }).waitFor();
  const toPage = performance.now() - t0;
  await page.close();
  child.kill("SIGINT");
  await new Promise((r) => child.on("exit", r));
  fs.rmSync(dir, { recursive: true, force: true });
  return { toAddress, toPage };
}

async function guideRound(browser: Browser): Promise<Record<string, number>> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scorebook-bench-round-"));
  const dir = path.join(tmp, "round");
  fs.mkdirSync(dir);
  const server = await startServer({
    dir,
    pageDir: path.join(ROOT, "build", "workbench"),
    scorebookJs: path.join(ROOT, "bin", "scorebook.js"),
  });
  const page = await browser.newPage({ locale: "zh-CN", viewport: { width: 1000, height: 900 } });
  const times: Record<string, number> = {};
  const step = async (name: string, key: string, act: () => Promise<void>) => {
    const t = performance.now();
    await act();
    await page.locator(`[data-testid="job-${key}"] [data-exit]`).waitFor({ timeout: 300_000 });
    times[name] = (performance.now() - t) / 1000;
  };
  const t0 = performance.now();
  await page.goto(server.url);
  await step("评审安排（新建）", "plan", () => page.getByRole("button", { name: "新建评审安排" }).click());
  await fillRoundWorkbook(path.join(dir, "评审安排.xlsx"));
  await page.getByRole("button", { name: "重新读取" }).click();
  await page.getByText("申报者 3 个，专家库 10 人。").waitFor();
  await page.getByLabel(/随机种子/).fill("20220601");
  await step("抽取专家组", "draw", () => page.getByRole("button", { name: "抽取", exact: true }).click());
  await step("发出评分表（18 份）", "send", () => page.getByRole("button", { name: "生成全部评分表" }).click());
  const filled = await fillReturns(
    await panelRows(path.join(dir, "评审安排.xlsx")),
    path.join(dir, "评分表"),
    path.join(tmp, "filled"),
  );
  await step(`回收（${filled.length} 份上传并核对）`, "collect", () =>
    page.locator('[data-testid="collect-files"]').setInputFiles(filled),
  );
  await step("合议表（1 份）", "consensus", () =>
    page
      .locator('section[data-step="consensus"] li', { hasText: "河北甲科技股份有限公司 · 现场评审" })
      .getByRole("button", { name: "生成合议表" })
      .click(),
  );
  await step("汇总排名", "summary", () => page.getByRole("button", { name: "汇总排名" }).click());
  await step("评审报告", "reports", () => page.getByRole("button", { name: "生成评审报告" }).click());
  times["全程（含填写示例评分表）"] = (performance.now() - t0) / 1000;
  await page.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  return times;
}

async function run(): Promise<void> {
  const zips = ["linux-x64", "win-x64"].map((p) => path.join(ROOT, "release", `${TOP}-${p}.zip`));
  for (const z of zips) {
    if (!fs.existsSync(z)) throw new Error(`${z} is missing: npm run package`);
    console.log(`${path.basename(z)}: ${(fs.statSync(z).size / 1e6).toFixed(1)} MB`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await coldStart(browser, zips[0]));
    console.log(
      `cold start (Linux package, env -i): address printed ${median(runs.map((r) => r.toAddress)).toFixed(0)} ms, ` +
        `first page shown ${median(runs.map((r) => r.toPage)).toFixed(0)} ms (median of 5; ` +
        `each ${runs.map((r) => r.toPage.toFixed(0)).join(" / ")} ms)`,
    );
    const times = await guideRound(browser);
    for (const [k, v] of Object.entries(times)) console.log(`guide round in the workbench: ${k} ${v.toFixed(1)} s`);
  } finally {
    await browser.close();
  }
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
