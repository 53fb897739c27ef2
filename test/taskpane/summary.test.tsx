/**
 * @jest-environment jsdom
 */
// The secretariat's 汇总 tab against the in-memory workbook: the scoring sets of the open workbook → ranking →
// the summary sheets written as new sheets (never over existing ones); picked files (one not an .xlsx, one a
// summary) → ranking plus a problem naming each bad file; a roster (.csv); English.
import { act } from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { library, vetoAnswerFor, type StageId } from "../../src/core";
import { MemoryWorkbook } from "../../src/host/memory";
import { nameScopeSheet } from "../../src/host/types";
import { renameLayout } from "../../src/host/sets";
import { App } from "../../src/taskpane/App";
import { readRoster, summaryForHost } from "../../src/taskpane/secretariat";
import { csvRows } from "../../src/summary/roster-file";
import { secretariatSummary, SUMMARY_SHEET } from "../../src/summary";
import { buildLayout, type InitialValues } from "../../src/workbook";
import { writeXlsx } from "../../src/xlsx/write";
import { bundle, meta, randomValid, rng } from "../helpers/workbooks";

import { TextDecoder, TextEncoder } from "util";

Object.assign(globalThis, { TextEncoder, TextDecoder, IS_REACT_ACT_ENVIRONMENT: true });
jest.setTimeout(120_000);

const lib = library();
const b = bundle("hebei-organization");

/** A complete, valid fill scoring well (70–90 %), no veto flagged unless asked. */
function values(seed: number, veto = false): InitialValues {
  const r = rng(seed);
  const v = randomValid(b, r);
  for (const code of Object.keys(v.entries!)) v.entries![code] = { value: [0.7, 0.8, 0.9][Math.floor(r() * 3)] };
  for (const [i, id] of Object.keys(v.vetoes!).entries())
    v.vetoes![id] = {
      answer: vetoAnswerFor(
        b.rules.vetoes.find((x) => x.id === id)!,
        veto && i === 0,
      ),
      note: "核查申报材料",
    };
  return v;
}

const APPLICANTS = ["甲公司", "乙公司", "丙公司"];
const STAGES: StageId[] = ["material", "onsite"];
const EXPERTS = ["张三", "李四", "王五"];

function layouts(opts: { vetoed?: string } = {}) {
  let n = 0;
  return APPLICANTS.flatMap((applicant) =>
    STAGES.flatMap((stage) =>
      EXPERTS.map((expert) =>
        buildLayout(
          b,
          meta({ applicant, expert, stage }),
          values(++n, applicant === opts.vetoed && stage === "onsite" && expert === "张三"),
        ),
      ),
    ),
  );
}

async function setup(lang: "zh-CN" | "en-US" = "zh-CN") {
  const wb = new MemoryWorkbook({ library: lib });
  wb.addSheet("Sheet1");
  await act(async () => {
    render(<App host={wb} lib={lib} env={{ lang, theme: null }} newWorkbookIsDownload />);
  });
  return wb;
}

const panel = () => document.getElementById("panel-summary")!;

async function openTab(name = "汇总") {
  await act(async () => {
    fireEvent.click(screen.getByRole("tab", { name }));
  });
  expect(panel().hidden).toBe(false);
}

async function click(name: string | RegExp) {
  await act(async () => {
    fireEvent.click(within(panel()).getByRole("button", { name }));
  });
}

const rankingRows = () =>
  // One table per ranking, named after its rule set (organisations here), never by an id.
  within(within(panel()).getByRole("table", { name: /^河北省政府质量奖组织奖$|^Hebei award, organisations$/ }))
    .getAllByRole("rowgroup")
    .slice(1) // the header
    .map((r) => Array.from(r.querySelectorAll("td,th")).map((c) => c.textContent));

describe("汇总 tab", () => {
  it("aggregates the scoring sets of the open workbook and writes the summary sheets, never over existing ones", async () => {
    const wb = await setup();
    const all = layouts({ vetoed: "乙公司" });
    for (const [i, layout] of all.entries()) await wb.writeLayout(renameLayout(layout, i === 0 ? "" : ` (${i + 1})`));
    // A sheet named 汇总 exists already: the summary takes the next free suffix.
    wb.addSheet(SUMMARY_SHEET.ranking);
    const before = new Map([...wb.sheets].map(([k, v]) => [k, JSON.stringify([...v.cells])]));

    await openTab();
    expect(within(panel()).getByRole("radio", { name: "当前工作簿中的评分表" })).toHaveProperty("checked", true);
    await click("汇总");
    await waitFor(() => expect(within(panel()).getByText("共 18 份评分表，18 份计入，3 个申报者")).toBeTruthy());
    const rows = rankingRows();
    expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining(APPLICANTS));
    const vetoed = rows.find((r) => r[1] === "乙公司")!;
    expect(vetoed[0]).toBe("—");
    // Per applicant (a row group: the figures, then the status on its own line): rank, applicant, material, on-site,
    // final, status. One expert's flag awaits the secretariat.
    expect(vetoed[5]).toMatch(/^否决待核实（原应排第 [1-3] 名）$/);
    expect(vetoed[2]).toMatch(/^\d+\.\d{2,}$/);
    expect(
      rows
        .filter((r) => r[1] !== "乙公司")
        .map((r) => r[0])
        .sort(),
    ).toEqual(["1", "2"]);
    expect(within(panel()).getByRole("heading", { name: /^问题（\d+）$/ })).toBeTruthy();

    await click("写入汇总表");
    await waitFor(() => expect(within(panel()).getByText(/^已写入汇总表：/)).toBeTruthy());
    for (const name of Object.values(SUMMARY_SHEET)) expect(wb.sheets.has(`${name} (2)`)).toBe(true);
    // Nothing that existed changed.
    for (const [k, v] of before) expect([k, JSON.stringify([...wb.sheets.get(k)!.cells])]).toEqual([k, v]);
    // The formulas follow the new names: 汇总 (2) refers to 专家分 (2) and 参数 (2), never to the bare names.
    const formulas = [...wb.sheets.get("汇总 (2)")!.cells.values()]
      .map((c) => c.formula)
      .filter((f): f is string => !!f);
    expect(formulas.some((f) => f.includes("'专家分 (2)'!"))).toBe(true);
    expect(formulas.some((f) => /(^|[^(\w'])专家分!|'专家分'!/.test(f))).toBe(false);
    expect(wb.active).toBe("汇总 (2)");
    // The applicants are in the written 汇总 sheet.
    const texts = [...wb.sheets.get("汇总 (2)")!.cells.values()].map((c) => c.value);
    for (const a of APPLICANTS) expect(texts).toContain(a);

    // Writing again takes the next suffix.
    await click("写入汇总表");
    await waitFor(() => expect(wb.sheets.has("汇总 (3)")).toBe(true));
  });

  it("aggregates picked files; a file that is not a workbook and a summary given back are problems named by file", async () => {
    await setup();
    const picks = await Promise.all(
      layouts()
        .slice(0, 12)
        .map(async (l, i) => new File([new Uint8Array(await writeXlsx(l))], `评分表_${i + 1}.xlsx`)),
    );
    const bad = new File([new TextEncoder().encode("这不是工作簿")], "坏文件.xlsx");
    const summary = new File(
      [new Uint8Array(await writeXlsx(secretariatSummary({ sources: [], createdAt: "2025-06-01T00:00:00Z" }).layout))],
      "上次的汇总表.xlsx",
    );
    const roster = new File([new TextEncoder().encode("申报者,加分\n甲公司,是\n甲公司,否\n")], "名单.csv");
    await openTab();
    await act(async () => {
      fireEvent.click(within(panel()).getByRole("radio", { name: /选择文件/ }));
    });
    const input = within(panel()).getByLabelText<HTMLInputElement>("选择评分表文件");
    expect(input.multiple).toBe(true);
    expect(input.accept).toContain(".xlsx");
    await act(async () => {
      fireEvent.change(input, { target: { files: [...picks, bad, summary] } });
      fireEvent.change(within(panel()).getByLabelText(/^名单/), { target: { files: [roster] } });
    });
    expect(within(panel()).getByText("已选择 14 个文件")).toBeTruthy();
    // The summary's method and formula options.
    fireEvent.change(within(panel()).getByLabelText("专家组得分"), { target: { value: "median" } });
    await click("汇总");
    await waitFor(() => expect(within(panel()).getByText("共 14 份评分表，12 份计入，2 个申报者")).toBeTruthy(), {
      timeout: 60_000,
    });
    expect(rankingRows().map((r) => [r[0], r[1]])).toEqual(
      expect.arrayContaining([expect.arrayContaining(["甲公司"]), expect.arrayContaining(["乙公司"])]),
    );
    const problems = within(panel())
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(problems).toContainEqual(expect.stringMatching(/^文件无法读取坏文件\.xlsx：不是 \.xlsx 工作簿文件/));
    expect(problems).toContainEqual("不是评分表上次的汇总表.xlsx：这是 Scorebook 汇总表，不是专家评分表，未计入");
    expect(problems).toContainEqual(expect.stringMatching(/^名单名单\.csv：第 3 行：申报者“甲公司”在名单中重复/));
  });

  it("reads a roster (.csv, UTF-8 with BOM, quoted fields) and reports its bad rows", async () => {
    expect(csvRows('\uFEFF申报者,加分\r\n"甲公司, 分公司",是\r\n\r\n乙公司,"否"\n')).toEqual([
      ["申报者", "加分"],
      ["甲公司, 分公司", "是"],
      ["乙公司", "否"],
    ]);
    const roster = await readRoster({
      name: "名单.csv",
      data: new TextEncoder().encode("申报者,加分\n甲公司,是\n甲公司,否\n"),
    });
    expect(roster.entries.map((e) => e.applicant)).toContain("甲公司");
    expect(roster.problems).toEqual([expect.objectContaining({ file: "名单.csv", row: 3 })]);
    expect((await readRoster({ name: "名单.pdf", data: new Uint8Array([1, 2]) })).problems[0].reason).toMatch(
      /\.csv 或 \.xlsx/,
    );
  });

  it("summaryForHost renames the sheets and the references, and leaves a layout without suffix as it is", () => {
    const layout = {
      properties: {},
      styles: {},
      names: [],
      sheets: [
        { name: "汇总", cells: [{ ref: "A1", formula: "SUM('专家分'!B2,参数!C3)" }], conditionalFormats: [] },
        { name: "专家分", cells: [], conditionalFormats: [] },
        { name: "参数", cells: [], conditionalFormats: [] },
      ],
    };
    const out = summaryForHost(layout as never, " (2)");
    expect(out.sheets.map((s) => s.name)).toEqual(["汇总 (2)", "专家分 (2)", "参数 (2)"]);
    expect(out.sheets[0].cells[0].formula).toBe("SUM('专家分 (2)'!B2,'参数 (2)'!C3)");
    expect(nameScopeSheet(out)).toBe("汇总 (2)"); // colliding defined names would be scoped to 汇总 (2)
    expect(summaryForHost(layout as never, "").sheets[0].cells[0].formula).toBe("SUM('专家分'!B2,参数!C3)");
  });

  it("speaks English", async () => {
    await setup("en-US");
    await openTab("Summary");
    await click("Aggregate");
    await waitFor(() =>
      expect(within(panel()).getByRole("alert").textContent).toBe("This workbook has no scoring sheets."),
    );
    expect(within(panel()).getByRole("radio", { name: /Pick files/ })).toBeTruthy();
  });
});
