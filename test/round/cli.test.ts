// The round end to end, as a secretariat runs it: template → fill the sheets in a spreadsheet → draw → generate →
// experts fill and return (some missing, some unexpected, one from an expert who was not drawn, one saved by
// LibreOffice) → status → aggregate --round.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { cellString, vetoAnswerFor } from "../../src/core";
import { buildLayout } from "../../src/workbook";
import { readRoundFile } from "../../src/round/files";
import { readXlsxFile, writeXlsx } from "../../src/xlsx";
import { bundle, fill, generate, load, randomValid, rng, save, tmpDir } from "../helpers/workbooks";
import { convert, describeWithLibreOffice, hasLibreOffice, unitOnly } from "../helpers/libreoffice";

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "scorebook", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const APPLICANTS = ["甲有限公司", "乙有限公司", "丙有限公司"];
const POOL = Array.from({ length: 14 }, (_, i) => `专家${String.fromCharCode(0x4e00 + i * 7)}`);

/** Fills the template's sheets as a secretariat would type them. */
async function fillRound(file: string, over: { params?: [string, string | number][]; conflicts?: string[][] } = {}) {
  const wb = await load(fs.readFileSync(file));
  const a = wb.getWorksheet("申报者")!;
  APPLICANTS.forEach((name, i) => {
    a.getCell(`A${i + 2}`).value = name;
    a.getCell(`B${i + 2}`).value = i === 2 ? "河北省政府质量奖组织奖评价标准（2022年版）" : "hebei-organization";
    a.getCell(`D${i + 2}`).value = ["石家庄", "保定", "唐山"][i];
    a.getCell(`E${i + 2}`).value = i === 0 ? "某某集团" : null;
  });
  const e = wb.getWorksheet("专家库")!;
  POOL.forEach((name, i) => {
    e.getCell(`A${i + 2}`).value = name;
    e.getCell(`B${i + 2}`).value = i === 1 ? "某某集团" : `大学${i}`;
    e.getCell(`C${i + 2}`).value = ["石家庄", "邯郸", "廊坊", "沧州"][i % 4];
  });
  const c = wb.getWorksheet("回避")!;
  (over.conflicts ?? [[POOL[5], "乙有限公司", "曾为其提供咨询"]]).forEach((r, i) =>
    r.forEach((v, j) => (c.getCell(`${"ABC"[j]}${i + 2}`).value = v)),
  );
  const p = wb.getWorksheet("参数")!;
  const set: [string, string | number][] = [
    ...(over.params ?? []),
    ["材料评审每组人数", 3],
    ["现场评审每组人数", 3],
    ["每位专家最多评审数", 4],
    ["批次编号", "HB2022-1"],
  ];
  p.eachRow((row) => {
    const hit = set.find(([k]) => k === row.getCell(1).value);
    if (hit) row.getCell(2).value = hit[1];
  });
  fs.writeFileSync(file, await save(wb));
}

async function sheetRows(file: string, sheet: string): Promise<string[][]> {
  const wb = await load(fs.readFileSync(file));
  const ws = wb.getWorksheet(sheet);
  const rows: string[][] = [];
  ws?.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => cellString(v))));
  return rows;
}

const sha = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");

describe("scorebook round", () => {
  let dir: string;
  let roundFile: string;
  beforeAll(async () => {
    dir = tmpDir("scorebook-round-");
    roundFile = path.join(dir, "评审安排.xlsx");
    expect((await run("round", "template", "-o", roundFile)).code).toBe(0);
    await fillRound(roundFile);
  });

  it("writes a template with the sheets and headers a secretariat fills in, and never overwrites it", async () => {
    const t = path.join(dir, "空白.xlsx");
    expect((await run("round", "template", "-o", t)).code).toBe(0);
    const wb = await load(fs.readFileSync(t));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["说明", "申报者", "专家库", "回避", "参数"]);
    expect((await sheetRows(t, "专家库"))[0]).toEqual(["姓名", "工作单位", "所在地", "专业领域", "可参加阶段"]);
    expect((await sheetRows(t, "参数")).map((r) => r[0])).toContain("同地回避");
    const again = await run("round", "template", "-o", t);
    expect(again.code).toBe(2);
    expect(again.err).toContain("文件已存在");
  });

  it("refuses an impossible draw, naming the panel and why, and writes nothing", async () => {
    const f = path.join(dir, "不可行.xlsx");
    expect((await run("round", "template", "-o", f)).code).toBe(0);
    await fillRound(f, { params: [["材料评审每组人数", 14]] });
    const before = sha(f);
    const r = await run("round", "draw", f, "--seed", "1");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /无法抽取 材料-0\d（乙有限公司，材料评审）：符合条件的专家只有 13 位，需要 14 位（排除：声明回避 1 位）/,
    );
    expect(r.err).toContain("未写入任何内容");
    expect(sha(f)).toBe(before);
  });

  it("names the row of a bad entry in the round workbook", async () => {
    const f = path.join(dir, "有误.xlsx");
    expect((await run("round", "template", "-o", f)).code).toBe(0);
    await fillRound(f, { conflicts: [["不存在的专家", "甲有限公司", ""]], params: [["同地回避", "也许"]] });
    const r = await run("round", "draw", f);
    expect(r.code).toBe(1);
    expect(r.err).toContain("回避!第 2 行：专家“不存在的专家”不在专家库中");
    expect(r.err).toMatch(/参数!第 \d+ 行：同地回避“也许”无效/);
  });

  it("draws the same panels for the same seed, and records the audit", async () => {
    const a = path.join(dir, "a.xlsx");
    const b = path.join(dir, "b.xlsx");
    expect((await run("round", "draw", roundFile, "--seed", "2022", "-o", a)).code).toBe(0);
    expect((await run("round", "draw", roundFile, "--seed", "2022", "-o", b)).code).toBe(0);
    const pa = await sheetRows(a, "分组");
    expect(pa[0]).toEqual(["批次编号", "组别", "申报者", "评分标准", "阶段", "专家", "组长"]);
    expect(pa).toHaveLength(1 + 3 * 2 * 3);
    // The secretariat reads the rubric's title, not its id.
    expect(new Set(pa.slice(1).map((r) => r[3]))).toEqual(new Set(["河北省政府质量奖组织奖评价标准（2022年版）"]));
    expect(pa).toEqual(await sheetRows(b, "分组"));
    // A 纪检 re-check: the drawn workbook, drawn again with the recorded seed into a copy, gives the same panels.
    const c = path.join(dir, "复核.xlsx");
    expect((await run("round", "draw", a, "--seed", "2022", "-o", c)).code).toBe(0);
    expect(await sheetRows(c, "分组")).toEqual(pa);
    const print = async (f: string) => (await sheetRows(f, "抽取记录")).find((r) => r[0] === "输入指纹")?.[2];
    expect(await print(a)).toMatch(/^[0-9a-f]{28}（/);
    expect(await print(c)).toBe(await print(a));
    const audit = (await sheetRows(a, "抽取记录")).map((r) => r.join("|")).join("\n");
    expect(audit).toContain("随机种子|2022");
    // Both stages drawn at once: the record says the on-site panels were drawn ahead of the material results.
    expect(audit).toMatch(
      /现场评审专家组\|本次在材料评审结果产生之前同时预先抽取了现场评审专家组.*未达到者的现场评审专家组作废/,
    );
    expect(audit).toMatch(new RegExp(`${POOL[5]}：声明回避（乙有限公司：曾为其提供咨询`));
    expect(audit).toContain(`${POOL[1]}：与 甲有限公司 同单位（某某集团）`);
    expect(audit).toContain(`${POOL[0]}：与 甲有限公司 同地（石家庄）`);
    // The other sheets come through as the secretariat typed them.
    expect((await sheetRows(a, "申报者"))[1].slice(0, 2)).toEqual(["甲有限公司", "hebei-organization"]);
  });

  it("writes the 受理名单 the Hebei rules publicise (四（三）2) beside the draw, replaced by a redraw", async () => {
    const f = path.join(dir, "受理.xlsx");
    expect((await run("round", "draw", roundFile, "--seed", "7", "-o", f)).code).toBe(0);
    const list = await sheetRows(f, "受理名单");
    expect(list[0][0]).toBe("河北省政府质量奖组织奖受理名单");
    const header = list.findIndex((r) => r[0] === "序号");
    expect(list[header]).toEqual(["序号", "申报者", "评分标准", "行业", "所在地"]);
    // As the secretariat listed them in 申报者, each with its rubric's title and place.
    expect(list.slice(header + 1, header + 4)).toEqual(
      APPLICANTS.map((name, i) => [
        String(i + 1),
        name,
        "河北省政府质量奖组织奖评价标准（2022年版）",
        "",
        ["石家庄", "保定", "唐山"][i],
      ]),
    );
    const text = list.map((r) => r.join("|")).join("\n");
    expect(text).toContain("共 3 个申报者。");
    expect(text).toMatch(/公示期：/);
    expect(text).toMatch(/质评办（盖章）/);
    // A redraw into the same file (a new seed) keeps one list, following 申报者.
    const wb = await load(fs.readFileSync(f));
    wb.getWorksheet("申报者")!.getCell("A5").value = "丁有限公司";
    wb.getWorksheet("申报者")!.getCell("B5").value = "hebei-organization";
    fs.writeFileSync(f, await save(wb));
    const redraw = await run("round", "draw", f, "--seed", "8", "--force");
    expect(redraw.err).toBe("");
    expect(redraw.code).toBe(0);
    const again = await load(fs.readFileSync(f));
    expect(again.worksheets.filter((w) => w.name.startsWith("受理名单")).map((w) => w.name)).toEqual(["受理名单"]);
    expect((await sheetRows(f, "受理名单")).map((r) => r[1])).toContain("丁有限公司");
  });

  it("writes no 受理名单 for an award whose rules do not name one (江门)", async () => {
    const f = path.join(dir, "江门.xlsx");
    expect((await run("round", "template", "-o", f)).code).toBe(0);
    await fillRound(f);
    const wb = await load(fs.readFileSync(f));
    for (let r = 2; r <= 4; r++) wb.getWorksheet("申报者")!.getCell(`B${r}`).value = "jiangmen-manufacturing";
    fs.writeFileSync(f, await save(wb));
    expect((await run("round", "draw", f, "--seed", "7")).code).toBe(0);
    expect((await load(fs.readFileSync(f))).getWorksheet("受理名单")).toBeUndefined();
  });

  it("draws the on-site panels later, keeping the material ones and drawing fresh experts against them", async () => {
    const f = path.join(dir, "分两次.xlsx");
    expect((await run("round", "template", "-o", f)).code).toBe(0);
    await fillRound(f, { params: [["抽取阶段", "材料评审"]] });
    expect((await run("round", "draw", f, "--seed", "11")).code).toBe(0);
    const material = (await sheetRows(f, "分组")).slice(1);
    expect(new Set(material.map((r) => r[4]))).toEqual(new Set(["材料评审"]));
    const wb = await load(fs.readFileSync(f));
    wb.getWorksheet("参数")!.eachRow((row) => {
      if (row.getCell(1).value === "抽取阶段") row.getCell(2).value = "现场评审";
    });
    fs.writeFileSync(f, await save(wb));
    expect((await sheetRows(f, "抽取记录")).some((r) => r[0] === "现场评审专家组")).toBe(false);
    const second = await run("round", "draw", f, "--seed", "12");
    expect(second.code).toBe(0);
    const rows = (await sheetRows(f, "分组")).slice(1);
    expect(rows.filter((r) => r[4] === "材料评审")).toEqual(material);
    for (const app of APPLICANTS) {
      const m = rows.filter((r) => r[2] === app && r[4] === "材料评审").map((r) => r[5]);
      const o = rows.filter((r) => r[2] === app && r[4] === "现场评审").map((r) => r[5]);
      expect(o).toHaveLength(3);
      expect(o.filter((e) => m.includes(e))).toEqual([]);
    }
  });

  it("exits 0 from status once every expected workbook is back and counted", async () => {
    const f = path.join(dir, "全部交回.xlsx");
    expect((await run("round", "template", "-o", f)).code).toBe(0);
    await fillRound(f, {
      params: [
        ["抽取阶段", "材料评审"],
        ["材料评审每组人数", 2],
      ],
    });
    expect((await run("round", "draw", f, "--seed", "3")).code).toBe(0);
    const out = path.join(dir, "全部");
    expect((await run("round", "generate", f, "-o", out)).code).toBe(0);
    const b = bundle("hebei-organization");
    const files = fs
      .readdirSync(out, { recursive: true, encoding: "utf8" })
      .filter((x) => x.endsWith(".xlsx"))
      .map((x) => path.join(out, x));
    expect(files).toHaveLength(6);
    const back = path.join(dir, "全部回收");
    fs.mkdirSync(back);
    for (const [i, file] of files.entries()) {
      const [applicant, , expert] = path.basename(file, ".xlsx").split("_");
      const layout = buildLayout(b, { applicant, expert, stage: "material", mode: "native", createdAt: "x" });
      const values = randomValid(b, rng(i + 40));
      for (const vt of b.rules.vetoes) values.vetoes![vt.id] = { answer: vetoAnswerFor(vt, false) };
      fs.writeFileSync(path.join(back, path.basename(file)), await fill(fs.readFileSync(file), layout, values));
    }
    const st = await run("round", "status", f, back);
    expect(st.out).toContain("应交 6 份，已交 6 份，已计入 6 份");
    expect(st.code).toBe(0);
    const ag = JSON.parse(
      (await run("aggregate", back, "--round", f, "-o", path.join(dir, "全部.xlsx"), "--json")).out,
    );
    expect(
      ag.problems.filter((p: { code: string }) =>
        ["unassigned", "missing-return", "panel-below-size"].includes(p.code),
      ),
    ).toEqual([]);
    // The consensus workbook of one panel names the 组长 the draw chose, and the members present are to be recorded.
    const panelFiles = fs.readdirSync(back).filter((x) => x.startsWith(`${APPLICANTS[0]}_`));
    const lead = (await readRoundFile(f)).assignments!.find((a) => a.leader && a.applicant === APPLICANTS[0])!;
    const cons = path.join(dir, "合议", "甲合议表.xlsx");
    const c = await run("consensus", ...panelFiles.map((x) => path.join(back, x)), "--round", f, "-o", cons);
    expect(c.code).toBe(0);
    expect(c.out).toContain(`组长：${lead.expert}`);
    const texts: string[] = [];
    (await load(fs.readFileSync(cons))).getWorksheet("合议")!.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") texts.push(cell.value);
      }),
    );
    expect(texts.some((t) => t.includes(`组长：${lead.expert}`))).toBe(true);
    expect(texts).toContain(`评审专家组组长 ${lead.expert} 签名：`);
    expect(texts.some((t) => t.startsWith("应到 2 人，实到"))).toBe(true);
    // Without a draw for the applicant's panel the line is left to fill in, and the command says so.
    const none = await run(
      "consensus",
      ...panelFiles.map((x) => path.join(back, x)),
      "--round",
      path.join(dir, "无.xlsx"),
      "-o",
      path.join(dir, "合议", "乙.xlsx"),
    );
    expect(none.code).toBe(0);
    expect(none.out).toContain("留出组长一栏待填写");
  });

  it("generate → status → aggregate --round over a round with missing, unexpected and unassigned returns", async () => {
    expect((await run("round", "draw", roundFile, "--seed", "2022")).code).toBe(0);
    const redraw = await run("round", "draw", roundFile, "--seed", "5");
    expect(redraw.code).toBe(2);
    expect(redraw.err).toContain("--force");

    const out = path.join(dir, "评分表");
    const g = await run("round", "generate", roundFile, "-o", out);
    expect(g.code).toBe(0);
    const panels = (await sheetRows(roundFile, "分组")).slice(1);
    const experts = [...new Set(panels.map((r) => r[5]))];
    expect(fs.readdirSync(out).filter((f) => f.endsWith(".zip"))).toHaveLength(experts.length);
    const oneZip = await JSZip.loadAsync(fs.readFileSync(path.join(out, `${experts[0]}.zip`)));
    expect(Object.keys(oneZip.files).length).toBe(panels.filter((r) => r[5] === experts[0]).length);
    // Generating again overwrites nothing.
    const again = await run("round", "generate", roundFile, "-o", out);
    expect(again.code).toBe(2);
    expect(again.err).toContain("以下文件已存在，未写入任何文件");

    const files = fs
      .readdirSync(out, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".xlsx"))
      .map((f) => path.join(out, f));
    expect(files).toHaveLength(18);
    const src = await readXlsxFile(files[0]);
    expect(src.value("元数据", "A15")).toBe("roundId");
    expect(src.value("元数据", "B15")).toBe("HB2022-1");
    // --print compact: the same workbooks, 评分 without the scoring-points column; a wrong style writes nothing.
    const compactOut = path.join(dir, "评分表-简洁");
    expect((await run("round", "generate", roundFile, "-o", compactOut, "--print", "wide")).code).toBe(2);
    expect(fs.existsSync(compactOut)).toBe(false);
    expect((await run("round", "generate", roundFile, "-o", compactOut, "--print", "compact")).code).toBe(0);
    const compactFile = path.join(compactOut, path.relative(out, files[0]));
    const ws = (await load(fs.readFileSync(compactFile))).getWorksheet("评分")!;
    expect([ws.getColumn("E").hidden, ws.pageSetup.orientation]).toEqual([true, "portrait"]);

    // Returns: every material workbook of 甲 and 乙 and the on-site ones of 甲, filled; the rest missing.
    const back = path.join(dir, "回收");
    fs.mkdirSync(back);
    const b = bundle("hebei-organization");
    const returned = panels.filter((r) => r[2] !== "丙有限公司" && (r[4] === "材料评审" || r[2] === "甲有限公司"));
    let k = 0;
    for (const r of returned) {
      const stage = r[4] === "材料评审" ? "material" : "onsite";
      const file = files.find((f) => path.basename(f) === `${r[2]}_${r[4]}_${r[5]}.xlsx`)!;
      const layout = buildLayout(b, { applicant: r[2], expert: r[5], stage, mode: "native", createdAt: "x" });
      const values = randomValid(b, rng(++k));
      for (const vt of b.rules.vetoes) values.vetoes![vt.id] = { answer: vetoAnswerFor(vt, false) };
      fs.writeFileSync(path.join(back, path.basename(file)), await fill(fs.readFileSync(file), layout, values));
    }
    // Unexpected: an expert who was not drawn for 甲's material panel, and an applicant not in the round.
    const drawnA = panels.filter((r) => r[2] === "甲有限公司" && r[4] === "材料评审").map((r) => r[5]);
    const stranger = POOL.find((e) => !drawnA.includes(e) && e !== POOL[0] && e !== POOL[1])!;
    for (const [applicant, expert, name] of [
      ["甲有限公司", stranger, "未抽取.xlsx"],
      ["丁有限公司", drawnA[0], "外来.xlsx"],
    ]) {
      const x = await generate("hebei-organization", { applicant, expert, stage: "material" });
      const values = randomValid(b, rng(99));
      for (const vt of b.rules.vetoes) values.vetoes![vt.id] = { answer: vetoAnswerFor(vt, false) };
      fs.writeFileSync(path.join(back, name), await fill(x.buffer, x.layout, values));
    }
    // A workbook of another round, for a drawn expert of 丙's material panel.
    const bing = panels.find((r) => r[2] === "丙有限公司" && r[4] === "材料评审")!;
    {
      const layout = buildLayout(b, {
        applicant: bing[2],
        expert: bing[5],
        stage: "material",
        mode: "native",
        createdAt: "x",
        roundId: "HB2021-9",
      });
      const values = randomValid(b, rng(98));
      for (const vt of b.rules.vetoes) values.vetoes![vt.id] = { answer: vetoAnswerFor(vt, false) };
      fs.writeFileSync(path.join(back, "去年.xlsx"), await fill(await writeXlsx(layout), layout, values));
    }
    // As they come back from experts who use LibreOffice: filled, then saved by it (where it is installed).
    if (hasLibreOffice && !unitOnly) {
      const xlsx = fs.readdirSync(back).map((f) => path.join(back, f));
      const saved = path.join(dir, "回收-LibreOffice");
      convert(xlsx, "xlsx", saved);
      for (const f of xlsx) fs.copyFileSync(path.join(saved, path.basename(f)), f);
      const app = await (await JSZip.loadAsync(fs.readFileSync(xlsx[0]))).file("docProps/app.xml")!.async("string");
      expect(app).toContain("LibreOffice");
    }
    // A Word file dropped in by mistake.
    fs.writeFileSync(path.join(back, "说明.docx"), "not a workbook");

    const st = await run("round", "status", roundFile, back, "--json");
    expect(st.code).toBe(1);
    const status = JSON.parse(st.out);
    expect(Object.keys(status)).toEqual([
      "expected",
      "returned",
      "counted",
      "missing",
      "unexpected",
      "invalid",
      "consensus",
    ]);
    expect(status).toMatchObject({ expected: 18, returned: 9, counted: 9 });
    expect(status.missing).toHaveLength(9);
    expect(
      status.missing.every(
        (m: { applicant: string; stage: string }) =>
          m.applicant === "丙有限公司" || (m.applicant === "乙有限公司" && m.stage === "onsite"),
      ),
    ).toBe(true);
    expect(status.unexpected.map((u: { file: string }) => path.basename(u.file)).sort()).toEqual([
      "去年.xlsx",
      "外来.xlsx",
      "未抽取.xlsx",
    ]);
    const notDrawn = status.unexpected.find((u: { expert: string }) => u.expert === stranger);
    expect(Object.keys(notDrawn)).toEqual(["file", "applicant", "expert", "stage", "reason", "en", "code"]);
    expect(notDrawn.reason).toContain("不在 甲有限公司 的材料评审专家组中");
    expect(notDrawn).toMatchObject({
      code: "unassigned",
      en: `expert ${stranger} is not on 甲有限公司's material review panel (not drawn): not counted`,
    });
    expect(status.invalid.map((i: { file: string }) => path.basename(i.file))).toEqual(["说明.docx"]);
    expect(Object.keys(status.invalid[0])).toEqual(["file", "reason", "en", "code"]);
    expect(status.invalid[0]).toMatchObject({ code: "skipped", en: "not an .xlsx file: skipped" });

    const text = await run("round", "status", roundFile, back);
    expect(text.out).toContain("未交（催收清单，9 份）");

    const summary = path.join(dir, "汇总.xlsx");
    const ag = await run("aggregate", back, "--round", roundFile, "-o", summary, "--json");
    expect(ag.code).toBe(1);
    const agg = JSON.parse(ag.out);
    const jia = agg.applicants.find((a: { applicant: string }) => a.applicant === "甲有限公司");
    expect(jia.material.experts.sort()).toEqual([...drawnA].sort());
    const problems = agg.problems as { file: string; code: string; applicant: string; reason: string }[];
    expect(problems.find((p) => path.basename(p.file) === "未抽取.xlsx")?.code).toBe("unassigned");
    expect(problems.find((p) => path.basename(p.file) === "外来.xlsx")?.code).toBe("unassigned");
    expect(problems.find((p) => path.basename(p.file) === "去年.xlsx")?.reason).toContain("另一评审批次（HB2021-9）");
    expect(problems.filter((p) => p.code === "missing-return")).toHaveLength(9);
    expect(problems.find((p) => p.code === "panel-below-size" && p.applicant === "乙有限公司")?.reason).toMatch(
      /乙有限公司 的现场评审专家组抽取了 3 位专家，只计入 0 位/,
    );
    // The round workbook itself is not read as a returned workbook, even inside the folder given.
    expect(problems.some((p) => p.file.includes("评审安排"))).toBe(false);
  });
});

describeWithLibreOffice("a round workbook and returns saved by LibreOffice", () => {
  it("draws from a round workbook saved by LibreOffice and counts a return saved by LibreOffice", async () => {
    const dir = tmpDir("scorebook-round-lo-");
    const raw = path.join(dir, "raw", "评审安排.xlsx");
    fs.mkdirSync(path.dirname(raw));
    expect((await run("round", "template", "-o", raw)).code).toBe(0);
    await fillRound(raw);
    const [saved] = convert([raw], "xlsx", path.join(dir, "lo")).outputs;
    expect((await run("round", "draw", saved, "--seed", "9")).code).toBe(0);
    const gen = path.join(dir, "gen");
    expect((await run("round", "generate", saved, "-o", gen)).code).toBe(0);
    const panels = (await sheetRows(saved, "分组")).slice(1);
    const r = panels[0];
    const file = path.join(gen, r[5], `${r[2]}_${r[4]}_${r[5]}.xlsx`);
    const b = bundle("hebei-organization");
    const layout = buildLayout(b, { applicant: r[2], expert: r[5], stage: "material", mode: "native", createdAt: "x" });
    const values = randomValid(b, rng(3));
    for (const vt of b.rules.vetoes) values.vetoes![vt.id] = { answer: vetoAnswerFor(vt, false) };
    const filled = path.join(dir, "filled", path.basename(file));
    fs.mkdirSync(path.dirname(filled));
    fs.writeFileSync(filled, await fill(fs.readFileSync(file), layout, values));
    // The drawn round workbook saved by LibreOffice again (in the same call): its 分组 and 抽取记录 still check.
    const [round, back] = convert([saved, filled], "xlsx", path.join(dir, "back")).outputs;
    const status = await run("round", "status", round, back, "--json");
    expect(JSON.parse(status.out)).toMatchObject({
      expected: 18,
      returned: 1,
      counted: 1,
      unexpected: [],
      invalid: [],
    });
    expect(status.err).not.toMatch(/改动|抽取记录|分组/);
  }, 120_000);
});
