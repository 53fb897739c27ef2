// The pictures and command transcripts of the Chinese user guide (docs/zh-CN/), made from the real thing: the built
// task pane in headless Chromium (dist/preview.html from `npm run build`) and the command line run on one fictional
// Hebei review round, whose workbooks are filled, then saved by LibreOffice (recalculating on load) as a reviewer's
// spreadsheet would, and printed by LibreOffice to PDF, then PNG (pdftoppm).
//
//   npm run guide:images          # = npm run build, then this; writes docs/zh-CN/images/*.png and build/guide/
//
// build/guide/transcript.md holds every command with what it printed, for the guide's quoted output.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { main } from "../src/cli/main";
import { cellString, library, vetoAnswerFor } from "../src/core";
import { buildConsensusLayout, buildLayout, toReturnedSheet, type InitialValues } from "../src/workbook";
import { interpretFile } from "../src/aggregate/read";
import { fill, load, rng, save } from "../test/helpers/workbooks";
import { convert } from "../test/helpers/libreoffice";
import { writeXlsx } from "../src/xlsx";
import { servePreview } from "./serve-preview";
import { cityBook, typeInto } from "../test/award/city";

const ROOT = path.join(__dirname, "..");
const IMAGES = path.join(ROOT, "docs/zh-CN/images");
/**
 * Where the round runs and how: the guide's run prints pages and saves the reviewers' workbooks with LibreOffice;
 * test/docs/guide.test.ts runs the same round elsewhere without either (saveAs copies) and compares the outputs.
 */
export const guideRun = {
  work: path.join(ROOT, "build/guide"),
  render: true,
  saveAs: (files: string[], dir: string): string[] => convert(files, "xlsx", dir).outputs,
};
/** What each command of the round printed (keyed as the guide's `<!-- output: key -->` markers name them). */
export const outputs: Record<string, string> = {};
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const lib = library();
const ORG = "hebei-organization";

const APPLICANTS = [
  { name: "河北甲科技股份有限公司", place: "石家庄", parent: "" },
  { name: "河北乙装备制造有限公司", place: "保定", parent: "某某集团" },
  { name: "河北丙食品有限公司", place: "唐山", parent: "" },
];
const POOL = [
  ["王建国", "河北大学", "保定"],
  ["李秀英", "燕山大学", "秦皇岛"],
  ["张志强", "某某集团", "石家庄"],
  ["刘海燕", "河北省标准化研究院", "石家庄"],
  ["陈文华", "邯郸市质量协会", "邯郸"],
  ["杨明", "廊坊市市场监管局", "廊坊"],
  ["赵丽", "沧州市质量协会", "沧州"],
  ["黄伟", "河北工业大学", "天津"],
  ["周敏", "衡水学院", "衡水"],
  ["吴刚", "承德市质量协会", "承德"],
];
const CONFLICT = ["李秀英", "河北丙食品有限公司", "曾为其提供咨询服务"];
/** The expert who has not returned one workbook yet, and the one who returns an incomplete one. */
const LATE = "吴刚";
const INCOMPLETE = "周敏";

const transcript: string[] = [];

/** Runs the command line in guideRun.work, as the guide shows it, and records what it printed. */
async function scorebook(key: string, ...args: string[]): Promise<number> {
  const out: string[] = [];
  const cwd = process.cwd();
  process.chdir(guideRun.work);
  try {
    const code = await main(["node", "scorebook", ...args], {
      out: (s) => out.push(s),
      err: (s) => out.push(s),
    });
    transcript.push(`$ scorebook ${args.join(" ")}`, ...out, `（退出码 ${code}）`, "");
    outputs[key] = out.join("\n");
    return code;
  } finally {
    process.chdir(cwd);
  }
}

function pdfToPng(pdf: string, png: string, page = 1, dpi = 110, crop: string[] = []): void {
  const base = path.join(path.dirname(pdf), `${path.basename(pdf, ".pdf")}-p${page}`);
  const r = spawnSync(
    "pdftoppm",
    ["-r", String(dpi), "-png", "-f", String(page), "-l", String(page), ...crop, "-singlefile", pdf, base],
    {
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  fs.copyFileSync(`${base}.png`, png);
}

const pdfs = new Map<string, string>();

/**
 * Prints a workbook (or document) as LibreOffice does and keeps as PNG the first page whose text contains `marker`
 * (white space ignored). The file itself is printed, never rewritten first, so the page is what a user's print is.
 */
function renderPage(file: string, marker: string | number, png: string, trim = false): void {
  if (!guideRun.render) return;
  const st = fs.statSync(file);
  const key = `${file}|${st.mtimeMs}|${st.size}`; // printed again once the file has changed
  let pdf = pdfs.get(key);
  if (!pdf) {
    const dir = path.join(guideRun.work, "render", String(pdfs.size));
    pdf = convert([file], "pdf", dir).outputs[0];
    pdfs.set(key, pdf);
  }
  const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? 0);
  for (let page = 1; page <= pages; page++) {
    const text = spawnSync("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" });
    if (marker === page || (typeof marker === "string" && text.stdout.replace(/\s+/g, "").includes(marker))) {
      if (!trim) pdfToPng(pdf, png, page);
      else {
        // Only the printed table: the bounding box of the page's words, with a margin, at a higher resolution.
        const dpi = 150;
        const words = spawnSync("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"], {
          encoding: "utf8",
        });
        const box = [...words.stdout.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map(
          (m) => m.slice(1).map(Number),
        );
        const px = (pt: number) => Math.round((pt * dpi) / 72);
        const x = Math.max(0, Math.min(...box.map((b) => b[0])) - 14);
        const y = Math.max(0, Math.min(...box.map((b) => b[1])) - 14);
        const w = Math.max(...box.map((b) => b[2])) + 14 - x;
        const h = Math.max(...box.map((b) => b[3])) + 14 - y;
        pdfToPng(pdf, png, page, dpi, [
          "-x",
          String(px(x)),
          "-y",
          String(px(y)),
          "-W",
          String(px(w)),
          "-H",
          String(px(h)),
        ]);
      }
      return;
    }
  }
  throw new Error(`${file}: no printed page holds ${marker}`);
}

/** An expert's values: a level per applicant, a little spread per expert and item, vetoes answered 符合 / 否. */
function values(applicant: number, stage: "material" | "onsite", expert: string): InitialValues {
  const b = lib.get(ORG)!;
  const r = rng(applicant * 101 + (stage === "onsite" ? 7 : 0) + expert.charCodeAt(0));
  const level = [0.68, 0.6, 0.52][applicant] + (stage === "onsite" ? 0.03 : 0);
  const entries: NonNullable<InitialValues["entries"]> = {};
  b.rubric.items.forEach((item, k) => {
    const v = Math.min(1, Math.max(0, Math.round((level + (r() - 0.5) * 0.1) * 20) / 20));
    entries[item.code] = {
      value: v,
      strengths: k % 4 === 0 ? "方法明确，已在主要部门展开，近三年关键指标持续改进。" : "",
      opportunities: k % 4 === 1 ? "方法尚未覆盖全部业务，缺少与标杆的对比数据。" : "",
    };
  });
  const vetoes: NonNullable<InitialValues["vetoes"]> = {};
  for (const v of b.rules.vetoes)
    vetoes[v.id] = { answer: vetoAnswerFor(v, false), note: "查阅申报材料及信用中国网站" };
  return { entries, vetoes, declaration: { answer: "无利害关系" } };
}

/** Types the example round's applicants, experts, conflict and settings into a round template. */
export async function fillRoundWorkbook(file: string): Promise<void> {
  const wb = await load(fs.readFileSync(file));
  const a = wb.getWorksheet("申报者")!;
  APPLICANTS.forEach((x, i) => {
    a.getCell(`A${i + 2}`).value = x.name;
    a.getCell(`B${i + 2}`).value = "河北省政府质量奖组织奖评价标准（2022年版）";
    a.getCell(`D${i + 2}`).value = x.place;
    if (x.parent) a.getCell(`E${i + 2}`).value = x.parent;
  });
  const e = wb.getWorksheet("专家库")!;
  POOL.forEach((row, i) => row.forEach((v, j) => (e.getCell(`${"ABC"[j]}${i + 2}`).value = v)));
  const c = wb.getWorksheet("回避")!;
  CONFLICT.forEach((v, j) => (c.getCell(`${"ABC"[j]}2`).value = v));
  const p = wb.getWorksheet("参数")!;
  const set: [string, string | number][] = [
    ["材料评审每组人数", 3],
    ["现场评审每组人数", 3],
    ["每位专家最多评审数", 4],
    ["批次编号", "HB2022-01"],
  ];
  p.eachRow((row) => {
    const hit = set.find(([k]) => k === row.getCell(1).value);
    if (hit) row.getCell(2).value = hit[1];
  });
  fs.writeFileSync(file, await save(wb));
}

/** The 分组 sheet's rows (批次编号, 组别, 申报者, 评分标准, 阶段, 专家, 组长) of a drawn round workbook. */
export async function panelRows(roundFile: string): Promise<string[][]> {
  const rwb = await load(fs.readFileSync(roundFile));
  const panels: string[][] = [];
  rwb.getWorksheet("分组")!.eachRow((row, n) => {
    if (n > 1) panels.push((row.values as unknown[]).slice(1).map((v) => cellString(v)));
  });
  return panels;
}

/**
 * Each expert fills in the round's workbooks (from `sheetsDir`/<expert>/, as `round generate` wrote them) into
 * `outDir`: one on-site workbook of LATE is not returned, INCOMPLETE leaves two items of a material one unscored.
 */
export async function fillReturns(panels: string[][], sheetsDir: string, outDir: string): Promise<string[]> {
  const b = lib.get(ORG)!;
  fs.mkdirSync(outDir, { recursive: true });
  const filled: string[] = [];
  let lateSkipped = false;
  for (const [, , applicant, , stageZh, expert] of panels) {
    const stage = stageZh === "现场评审" ? "onsite" : "material";
    const file = path.join(sheetsDir, expert, `${applicant}_${stageZh}_${expert}.xlsx`);
    if (expert === LATE && stage === "onsite" && !lateSkipped) {
      lateSkipped = true;
      continue;
    }
    const v = values(
      APPLICANTS.findIndex((a) => a.name === applicant),
      stage,
      expert,
    );
    if (expert === INCOMPLETE && stage === "material") {
      delete v.entries!["5.2"];
      delete v.entries!["7.1"];
    }
    const layout = buildLayout(b, { applicant, expert, stage, mode: "native", createdAt: "x" });
    const out = path.join(outDir, path.basename(file));
    fs.writeFileSync(out, await fill(fs.readFileSync(file), layout, v));
    filled.push(out);
  }
  return filled;
}

export async function secretariat(): Promise<{ returns: string[]; panels: string[][] }> {
  await scorebook("template", "round", "template", "-o", "评审安排.xlsx");
  await fillRoundWorkbook(path.join(guideRun.work, "评审安排.xlsx"));
  renderPage(
    path.join(guideRun.work, "评审安排.xlsx"),
    "姓名工作单位所在地王建国",
    path.join(IMAGES, "round-pool.png"),
  );
  await scorebook("draw", "round", "draw", "评审安排.xlsx", "--seed", "20220601");
  renderPage(path.join(guideRun.work, "评审安排.xlsx"), "批次编号组别申报者", path.join(IMAGES, "round-panels.png"));
  await scorebook("generate", "round", "generate", "评审安排.xlsx", "-o", "评分表");

  // Each expert fills in the workbooks, Excel-style: values typed, then saved by a spreadsheet that recalculates.
  const panels = await panelRows(path.join(guideRun.work, "评审安排.xlsx"));
  const filled = await fillReturns(panels, path.join(guideRun.work, "评分表"), path.join(guideRun.work, "已填写"));
  const returns = guideRun.saveAs(filled, path.join(guideRun.work, "回收"));
  await scorebook("status", "round", "status", "评审安排.xlsx", "回收");
  await scorebook("score", "score", `回收/${APPLICANTS[2].name}_材料评审_${INCOMPLETE}.xlsx`);
  await scorebook("material", "aggregate", "回收", "--stage", "material", "-o", "材料评审汇总.xlsx");
  return { returns, panels };
}

export async function consensusAndSummary(panels: string[][]): Promise<void> {
  const a = APPLICANTS[0].name;
  const onsite = panels.filter((p) => p[2] === a && p[4] === "现场评审").map((p) => `回收/${a}_现场评审_${p[5]}.xlsx`);
  fs.mkdirSync(path.join(guideRun.work, "合议"), { recursive: true });
  const consensusFile = `合议/${a}_现场评审_合议表.xlsx`;
  await scorebook("consensus", "consensus", ...onsite, "--round", "评审安排.xlsx", "-o", consensusFile);
  // The group leader types the agreed maturity (the panel mean, to the 5 % step) and a reason for each item.
  const sheets = [];
  for (const f of onsite) {
    const r = await interpretFile(path.join(guideRun.work, f));
    if (!r.ok) throw new Error(r.problem.reason);
    sheets.push(toReturnedSheet(r.report));
  }
  const layout = buildConsensusLayout(lib.get(ORG)!, sheets, { createdAt: "x" });
  const wb = await load(fs.readFileSync(path.join(guideRun.work, consensusFile)));
  const ws = wb.getWorksheet(layout.map.sheet)!;
  for (const { code, row } of layout.map.items) {
    // Values are in percent; the cell takes a fraction (45 % is 0.45).
    const vals = sheets.map((s) => s.items.find((e) => e.code === code)?.value ?? 0);
    const mean = vals.reduce((x, y) => x + y, 0) / vals.length;
    ws.getCell(`${layout.map.columns.input}${row}`).value = Math.round(mean / 5) / 20;
    ws.getCell(`${layout.map.columns.reason}${row}`).value = "经合议，按现场查证情况确定";
  }
  const typed = path.join(guideRun.work, "render", path.basename(consensusFile));
  fs.mkdirSync(path.dirname(typed), { recursive: true });
  fs.writeFileSync(typed, await save(wb));
  const [saved] = guideRun.saveAs([typed], path.join(guideRun.work, "合议-保存"));
  fs.copyFileSync(saved, path.join(guideRun.work, "回收", path.basename(consensusFile)));
  renderPage(saved, 1, path.join(IMAGES, "consensus-sheet.png"));

  await scorebook("aggregate", "aggregate", "回收", "--round", "评审安排.xlsx", "-o", "汇总.xlsx");
  const summary = path.join(guideRun.work, "汇总.xlsx");
  renderPage(summary, "评审结果汇总", path.join(IMAGES, "summary-ranking.png"));
  renderPage(summary, "问题清单", path.join(IMAGES, "summary-problems.png"));
  renderPage(summary, "综合得分与提名分数线", path.join(IMAGES, "summary-chart.png"));
  renderPage(summary, "评审委员会表决记录表", path.join(IMAGES, "summary-vote.png"));
  renderPage(summary, "专家组评分诊断", path.join(IMAGES, "summary-expert-review.png"));
  renderPage(summary, "反馈意见汇总", path.join(IMAGES, "summary-feedback.png"));

  await scorebook("report", "report", "汇总.xlsx", "-o", "评审报告", "--documents", "--round", "评审安排.xlsx");
  const reports = path.join(guideRun.work, "评审报告");
  const doc = path.join(reports, `${a}_现场评审报告.docx`);
  renderPage(doc, 1, path.join(IMAGES, "report-page1.png"));
  renderPage(doc, "四、现场评审意见", path.join(IMAGES, "report-onsite-opinion.png"));
  renderPage(path.join(reports, `${a}_现场评审记录表.docx`), 1, path.join(IMAGES, "report-record.png"));
  renderPage(path.join(reports, "现场-01_评审得分排序表.docx"), 1, path.join(IMAGES, "report-ranking-sheet.png"));
  renderPage(path.join(reports, "综合评审工作报告.docx"), 1, path.join(IMAGES, "report-work-report.png"));
  renderPage(
    path.join(reports, "综合评审工作报告.docx"),
    "五、存在的问题",
    path.join(IMAGES, "report-work-report-2.png"),
  );
}

async function reviewerSheets(returns: string[]): Promise<void> {
  const mine = returns.find((f) => path.basename(f).startsWith(`${APPLICANTS[0].name}_材料评审_`))!;
  renderPage(mine, "回避声明", path.join(IMAGES, "sheet-cover.png"));
  renderPage(mine, "评分表（材料评审）评审阶段：材料评审填写说明", path.join(IMAGES, "sheet-scoring.png"));
  renderPage(mine, "否决事项/申报条件核查", path.join(IMAGES, "sheet-vetoes.png"));
  await compactSheet(path.basename(mine, ".xlsx").split("_").pop()!);
}

/** The compact print (generate --print compact) of the first applicant's material workbook, filled like the guide's. */
export async function compactSheet(expert: string): Promise<void> {
  const layout = buildLayout(
    lib.get(ORG)!,
    { applicant: APPLICANTS[0].name, expert, stage: "material", mode: "native", createdAt: "2026-06-01T08:00:00Z" },
    values(0, "material", expert),
    { print: "compact" },
  );
  const file = path.join(guideRun.work, "render", "简洁打印.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await writeXlsx(layout));
  renderPage(file, "评分表（材料评审）评审阶段：材料评审填写说明", path.join(IMAGES, "sheet-scoring-compact.png"));
}

type Enter = { scorebookPreview: { enter(s: string, r: string, t: string): void; addSheet(n: string): unknown } };

async function pane(returns: string[], panels: string[][]): Promise<void> {
  const { chromium } = await import("playwright-core");
  const server = await servePreview(path.join(ROOT, "dist"));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--lang=zh-CN"],
  });
  const shot = (p: Page, name: string) => p.locator("#pane").screenshot({ path: path.join(IMAGES, name) });
  const open = async (query = "", height = 820) => {
    const page = await browser.newPage({ viewport: { width: 1280, height }, locale: "zh-CN" });
    await page.goto(`${server.url}/preview.html${query}`);
    await page.locator("#pane h1").waitFor();
    return page;
  };
  try {
    // Installing: an Excel that lacks requirement sets (volume-licensed 2019) is told what it lacks.
    let page = await open("?pane-only&excelApi=1.8");
    await page.locator("#pane").getByText("此版本的 Excel 缺少以下功能").waitFor();
    await shot(page, "install-startup-check.png");
    await page.close();

    // The reviewer: generate, type, check, veto, finish.
    page = await open();
    const p = page.locator("#pane");
    await p.getByLabel("奖项").selectOption("hebei-2022");
    await p.getByLabel("评价标准").selectOption(ORG);
    await p.getByLabel("申报单位").fill(APPLICANTS[0].name);
    await p.getByLabel("评审专家").fill("王建国");
    await shot(page, "reviewer-generate.png");
    await p.getByRole("button", { name: "生成评分表" }).click();
    await p.getByText("已评分 0 / 23").waitFor();
    await page.locator(".sheet-tabs").getByRole("tab", { name: "评分", exact: true }).click();
    await page.locator('td[data-ref="G5"]').click();
    for (const v of ["45%", "47%", "95%", "60%"]) {
      await page.keyboard.type(v);
      await page.keyboard.press("Enter");
    }
    await p.getByText("已评分 3 / 23").waitFor();
    await page.screenshot({ path: path.join(IMAGES, "reviewer-check.png") });
    await page.locator(".sheet-tabs").getByRole("tab", { name: "否决", exact: true }).click();
    await page.locator('td[data-ref="E5"]').click();
    await page.keyboard.type("不符合");
    await page.keyboard.press("Enter");
    await p.getByTestId("veto-banner").waitFor();
    await shot(page, "reviewer-veto.png");
    await p.getByRole("tab", { name: "完成" }).click();
    await p.getByRole("button", { name: "最终检查" }).click();
    await p.getByText(/还有 \d+ 个问题需要处理/).waitFor();
    await shot(page, "reviewer-finish-open.png");
    await page.evaluate(() => {
      const wb = (window as unknown as Enter).scorebookPreview;
      for (let row = 5; row <= 27; row++) wb.enter("评分", `G${row}`, row === 7 ? "95%" : "60%");
      wb.enter("评分", "J7", "质量安全追溯体系覆盖全部产品，近三年投诉率持续下降。");
      for (let row = 5; row <= 11; row++) wb.enter("否决", `E${row}`, row <= 9 ? "符合" : "否");
      wb.enter("封面", "C16", "无利害关系");
      wb.enter("封面", "C9", "2022-06-30");
    });
    await p.getByRole("button", { name: "最终检查" }).click();
    await p.getByText("全部评价项目已有效评分，可以完成。").waitFor();
    const ack = p.getByLabel("我已看过上面的提醒，仍要完成");
    if (await ack.count()) await ack.check();
    await p.getByRole("button", { name: "锁定并保护工作表" }).click();
    await p.getByText(/已完成：/).waitFor();
    await shot(page, "reviewer-finish-done.png");
    await page.close();

    // The secretariat: the 批次 tab over the round's 分组, with the returns picked.
    page = await open();
    await page.evaluate((rows) => {
      const wb = (window as unknown as Enter).scorebookPreview;
      wb.addSheet("分组");
      const head = ["批次编号", "组别", "申报者", "评分标准", "阶段", "专家", "组长"];
      [head, ...rows].forEach((row, i) => row.forEach((v, j) => v && wb.enter("分组", `${"ABCDEFG"[j]}${i + 1}`, v)));
    }, panels);
    let q = page.locator("#pane");
    await q.getByRole("tab", { name: "批次" }).click();
    await q.getByRole("button", { name: "读取评审安排" }).click();
    await q.getByText(/批次 HB2022-01：\d+ 份评分表/).waitFor();
    await q.getByTestId("round-files").setInputFiles(returns);
    await q
      .getByText(/应交 \d+ 份，已交 \d+ 份/)
      .first()
      .waitFor();
    await page.locator(".sheet-tabs").getByRole("tab", { name: "分组", exact: true }).click();
    await page.screenshot({ path: path.join(IMAGES, "secretariat-round-tab.png") });

    await page.close();

    // 汇总 over the same returned files (a tall pane, so that the ranking shows too).
    page = await open("", 1200);
    q = page.locator("#pane");
    await q.getByRole("tab", { name: "汇总" }).click();
    await q.getByLabel("选择文件（.xlsx，可多选）").check();
    await q.locator("#summary-files").setInputFiles(returns);
    await q.getByRole("button", { name: "汇总", exact: true }).click();
    await q.getByText(/共 \d+ 份评分表/).waitFor();
    await shot(page, "secretariat-summary-tab.png");
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * The guide's quoted outputs, from this run: the ```text block after each `<!-- output: key -->` marker becomes what
 * that command printed. `cut=A..B` shortens what follows the line starting with A, up to the line starting with B
 * (B omitted: the next blank line; `$`: the end), to "……", keeping the lines that contain `keep=text`.
 * test/docs/guide.test.ts checks that the guide is what this gives for a fresh run of the same round.
 */
export function quoteOutputs(md: string, printed: Record<string, string>): string {
  return md.replace(
    /(<!-- output: ([\w-]+)(?: cut=(\S+?)(?:\.\.(\S+))?)?(?: keep=(\S+))? -->\n```text\n)[\s\S]*?(\n```)/g,
    (...m: string[]) => {
      const [, head, key, from, to, keep] = m;
      const tail = m[6];
      if (!(key in printed)) throw new Error(`the guide quotes "${key}", which the example round does not run`);
      const lines = printed[key].split("\n");
      const at = from ? lines.findIndex((l) => l.startsWith(from)) : -1;
      if (at < 0) return `${head}${lines.join("\n")}${tail}`;
      let stop = lines.findIndex((l, i) => i > at && (to === undefined ? l.trim() === "" : l.startsWith(to)));
      if (stop < 0 || to === "$") stop = lines.length;
      const kept: string[] = [];
      for (const l of lines.slice(at + 1, stop))
        if (keep && l.includes(keep)) kept.push(l);
        else if (kept[kept.length - 1] !== "……") kept.push("……");
      return `${head}${[...lines.slice(0, at + 1), ...kept, ...lines.slice(stop)].join("\n")}${tail}`;
    },
  );
}

/**
 * The workbench (评审助手) as the clerk meets it: the page a double-click opens on an empty round folder, then the
 * example round's folder after the round, its return status and ranking shown by the page's own buttons.
 */
async function workbench(): Promise<void> {
  const { chromium } = await import("playwright-core");
  const { startServer } = await import("../src/serve/server");
  const pageDir = path.join(ROOT, "build", "workbench");
  const scorebookJs = path.join(ROOT, "bin", "scorebook.js");
  const empty = path.join(guideRun.work, "..", "guide-empty", "评审工作");
  fs.mkdirSync(empty, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--lang=zh-CN"],
  });
  try {
    const first = await startServer({ dir: empty, pageDir, scorebookJs });
    let page = await browser.newPage({ viewport: { width: 1000, height: 760 }, locale: "zh-CN" });
    await page.goto(first.url);
    await page.getByRole("button", { name: "新建评审安排" }).waitFor();
    await page.screenshot({ path: path.join(IMAGES, "workbench-start.png") });
    await page.close();
    await first.close();

    const round = await startServer({ dir: guideRun.work, pageDir, scorebookJs });
    page = await browser.newPage({ viewport: { width: 1000, height: 900 }, locale: "zh-CN" });
    await page.goto(round.url);
    const section = (step: string) => page.locator(`section[data-step="${step}"]`);
    await section("draw").getByText("批次 HB2022-01：已抽取").waitFor();
    await page.screenshot({ path: path.join(IMAGES, "workbench-round.png") });
    await page.getByRole("button", { name: "查看回收情况" }).click();
    await section("collect").locator("[data-exit]").waitFor({ timeout: 120_000 });
    await section("collect").screenshot({ path: path.join(IMAGES, "workbench-collect.png") });
    await page.getByLabel("替换已有的汇总表").check();
    await page.getByRole("button", { name: "汇总排名" }).click();
    await section("summary").locator('[data-testid="ranking"]').waitFor({ timeout: 120_000 });
    await section("summary").screenshot({ path: path.join(IMAGES, "workbench-summary.png") });
    await page.close();
    await round.close();
  } finally {
    await browser.close();
  }
}

/**
 * 添加其他奖项的评价标准: the blank definition workbook filled in with the fictional 梅江 award (test/award/city.ts),
 * checked with one mistake, corrected, imported, exported again and printed by LibreOffice, sheet by sheet.
 */
async function awardPictures(): Promise<void> {
  const dir = path.join(guideRun.work, "奖项定义");
  fs.mkdirSync(dir, { recursive: true });
  await scorebook("award-template", "award", "template", "-o", "奖项定义/评价标准.xlsx");
  const book = cityBook();
  book["评价项目"][1][9] = 110; // one slip of the pen: 1.1 typed as 110 points (the category says 200 = 120 + 80)
  fs.writeFileSync(
    path.join(dir, "梅江-有误.xlsx"),
    await typeInto(fs.readFileSync(path.join(dir, "评价标准.xlsx")), book),
  );
  await scorebook("award-check", "award", "check", "奖项定义/梅江-有误.xlsx");
  fs.writeFileSync(
    path.join(dir, "梅江.xlsx"),
    await typeInto(fs.readFileSync(path.join(dir, "评价标准.xlsx")), cityBook()),
  );
  await scorebook("award-check", "award", "check", "奖项定义/梅江.xlsx");
  await scorebook("award-import", "award", "import", "奖项定义/梅江.xlsx", "--dir", "奖项");
  await scorebook("award-rubrics", "rubrics", "--awards", "奖项");
  await scorebook(
    "award-export",
    "award",
    "export",
    "meijiang-2024",
    "--awards",
    "奖项",
    "-o",
    "奖项定义/梅江-导出.xlsx",
  );
  const file = path.join(dir, "梅江-导出.xlsx");
  renderPage(file, "成熟度档次", path.join(IMAGES, "award-settings.png"), true);
  renderPage(file, "规则集编号", path.join(IMAGES, "award-rules.png"), true);
  renderPage(file, "评分要点（每行一条）", path.join(IMAGES, "award-items.png"), true);
  renderPage(file, "维度编号", path.join(IMAGES, "award-guide.png"), true);
}

async function run(): Promise<void> {
  if (process.argv.includes("award")) {
    // Only the award definition pictures (no build needed): npx tsx scripts/guide-screenshots.ts award
    fs.mkdirSync(guideRun.work, { recursive: true });
    await awardPictures();
    fs.writeFileSync(path.join(guideRun.work, "transcript-award.md"), transcript.join("\n"));
    return;
  }
  if (!fs.existsSync(path.join(ROOT, "dist/preview.html")) || !fs.existsSync(path.join(ROOT, "build/workbench")))
    throw new Error("dist/preview.html or build/workbench is missing: npm run build");
  fs.rmSync(guideRun.work, { recursive: true, force: true });
  fs.mkdirSync(guideRun.work, { recursive: true });
  fs.mkdirSync(IMAGES, { recursive: true });
  const { returns, panels } = await secretariat();
  await reviewerSheets(returns);
  await consensusAndSummary(panels);
  await pane(returns, panels);
  await awardPictures();
  await workbench();
  fs.writeFileSync(path.join(guideRun.work, "transcript.md"), transcript.join("\n"));
  for (const page of ["secretariat.md", "README.md"]) {
    const file = path.join(ROOT, "docs/zh-CN", page);
    fs.writeFileSync(file, quoteOutputs(fs.readFileSync(file, "utf8"), outputs));
  }
  process.stdout.write(`images in ${path.relative(ROOT, IMAGES)}/, commands in build/guide/transcript.md\n`);
}

/** saveAs without LibreOffice: the files copied as they are (the command line reads inputs, never cached values). */
export function copyInto(files: string[], dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    fs.copyFileSync(f, path.join(dir, path.basename(f)));
    return path.join(dir, path.basename(f));
  });
}

/** Only the guide's quoted outputs, from a run without LibreOffice or a browser (seconds; no build of the pane). */
async function quotes(): Promise<void> {
  Object.assign(guideRun, { work: path.join(ROOT, "build/guide-quotes"), render: false, saveAs: copyInto });
  fs.rmSync(guideRun.work, { recursive: true, force: true });
  fs.mkdirSync(guideRun.work, { recursive: true });
  const { panels } = await secretariat();
  await consensusAndSummary(panels);
  for (const page of ["secretariat.md", "README.md"]) {
    const file = path.join(ROOT, "docs/zh-CN", page);
    fs.writeFileSync(file, quoteOutputs(fs.readFileSync(file, "utf8"), outputs));
  }
}

if (require.main === module)
  // --workbench: only the workbench's pictures, on the round already run in build/guide; --quotes: only the quotes.
  (process.argv.includes("--workbench") ? workbench() : process.argv.includes("--quotes") ? quotes() : run()).catch(
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
