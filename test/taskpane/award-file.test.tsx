/**
 * @jest-environment jsdom
 */
// 生成 with an award given as a file: a filled-in award definition workbook (the fictional 梅江 city award of
// test/award/city.ts) or the .json files `award import` stores. A broken one is refused with each problem named by
// sheet, row and column, as `scorebook award check` names them; an accepted one joins the 奖项 list, and its
// workbook is generated into the (in-memory) workbook and checked.
import { act } from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { builtinLibrary } from "../../src/core";
import { awardFiles } from "../../src/award/folder";
import { writeAwardBook } from "../../src/award/workbook";
import { parseAwardBook as parseBook } from "../../src/core/award/book";
import { MemoryWorkbook } from "../../src/host/memory";
import { App } from "../../src/taskpane/App";
import { loadAwardFiles } from "../../src/taskpane/award-file";
import { generateWorkbook } from "../../src/taskpane/flows";
import { SHEET } from "../../src/workbook";
import { CITY_ID, CITY_RUBRIC, cityBook } from "../award/city";
import { TextDecoder, TextEncoder } from "util";

Object.assign(globalThis, { TextEncoder, TextDecoder, IS_REACT_ACT_ENVIRONMENT: true });
jest.setTimeout(60_000);

const panel = () => document.getElementById("panel-generate")!;

function setup() {
  const wb = new MemoryWorkbook({ library: builtinLibrary() });
  wb.addSheet("Sheet1");
  render(<App host={wb} lib={builtinLibrary()} env={{ lang: "zh-CN", theme: null }} newWorkbookIsDownload />);
  return wb;
}

async function pick(...files: File[]) {
  const input = within(panel()).getByLabelText<HTMLInputElement>("选择定义文件");
  expect(input.accept).toBe(".xlsx,.json");
  await act(async () => {
    fireEvent.change(input, { target: { files } });
  });
}

const xlsx = async (book: ReturnType<typeof cityBook>, name: string) =>
  new File([new Uint8Array(await writeAwardBook(book))], name);

describe("an award given to the pane as a file", () => {
  it("refuses a broken definition workbook, naming each problem by sheet, row and column; nothing is added", async () => {
    setup();
    const book = cityBook();
    const step = book["奖项"].findIndex((r) => r[0] === "步长");
    book["奖项"][step][1] = 7; // does not divide the bands
    book["评审规则"].find((r) => r[0] === "阶段权重")![2] = "40%、50%"; // weights add up to 90 %
    const expected = parseBook(book, { file: "梅江.xlsx" }).problems;
    expect(expected.length).toBeGreaterThanOrEqual(2);
    await pick(await xlsx(book, "梅江.xlsx"));
    const alert = await within(panel()).findByRole("alert");
    expect(alert.textContent).toContain(`“梅江.xlsx”有 ${expected.length} 个问题，未载入：`);
    const items = within(alert)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(items.some((t) => /^奖项!B\d+：/.test(t))).toBe(true);
    expect(items.some((t) => /^评审规则!C\d+：/.test(t))).toBe(true);
    const awards = within(panel()).getByLabelText<HTMLSelectElement>("奖项");
    expect(Array.from(awards.options).map((o) => o.value)).not.toContain(CITY_ID);
  });

  it("accepts a filled-in workbook: the award joins the list, selected, and its scoring workbook is generated", async () => {
    const wb = setup();
    await pick(await xlsx(cityBook(), "梅江市政府质量奖评价标准.xlsx"));
    await within(panel()).findByText("已载入“梅江市政府质量奖（2024）”（1 个评价标准），已加入“奖项”列表。");
    const g = within(panel());
    expect(g.getByLabelText<HTMLSelectElement>("奖项").value).toBe(CITY_ID);
    expect(g.getByLabelText<HTMLSelectElement>("评价标准", { exact: false }).value).toBe(CITY_RUBRIC);
    fireEvent.change(g.getByLabelText(/申报单位/), { target: { value: "梅江甲公司" } });
    fireEvent.change(g.getByLabelText(/评审专家/), { target: { value: "王专家" } });
    await act(async () => {
      fireEvent.click(g.getByRole("button", { name: "生成评分表" }));
    });
    await waitFor(() => expect(wb.sheets.has(SHEET.scoring)).toBe(true));
    // The check tab reads it with the same library: every item is open, none unknown.
    const items = parseBook(cityBook()).rubrics[0].items.length;
    await waitFor(() =>
      expect(within(document.getElementById("panel-check")!).getByText(`已评分 0 / ${items}`)).toBeTruthy(),
    );
  });

  it("the award lasts for the pane's session: reopened, a workbook of it asks for the file, then reads", async () => {
    const bytes = new Uint8Array(await writeAwardBook(cityBook()));
    const good = new File([bytes], "梅江.xlsx");
    const loaded = await loadAwardFiles([{ name: good.name, data: bytes }]);
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    // Generated in an earlier session (the workbook keeps it); the pane opens again with the built-in awards only.
    const wb = new MemoryWorkbook({ library: loaded.lib });
    await generateWorkbook(wb, loaded.lib, {
      rubricId: CITY_RUBRIC,
      applicant: "梅江甲公司",
      expert: "王专家",
      stage: "material",
      mode: "native",
      target: "current",
      suffix: "",
    });
    render(<App host={wb} lib={builtinLibrary()} env={{ lang: "zh-CN", theme: null }} newWorkbookIsDownload />);
    const check = () => within(document.getElementById("panel-check")!);
    await waitFor(() => expect(check().getByText(/请在“生成”下方选择该奖项的定义文件/)).toBeTruthy());
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: "生成" }));
    });
    await pick(good);
    await within(panel()).findByText(/^已载入“梅江市政府质量奖（2024）”/);
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: "检查" }));
    });
    const items = loaded.rubrics[0].items.length;
    await waitFor(() => expect(check().getByText(`已评分 0 / ${items}`)).toBeTruthy());
  });

  it("accepts the .json files award import stores, and refuses a rubric file that breaks the schema", async () => {
    setup();
    const r = parseBook(cityBook());
    const files = Object.entries(awardFiles(r.award!, r.rubrics)).map(
      ([name, text]) => new File([new TextEncoder().encode(text)], name),
    );
    const broken = JSON.parse(awardFiles(r.award!, r.rubrics)[`${CITY_RUBRIC}.json`]) as Record<string, unknown>;
    delete broken.items;
    await pick(files[0], new File([new TextEncoder().encode(JSON.stringify(broken))], `${CITY_RUBRIC}.json`));
    const alert = await within(panel()).findByRole("alert");
    expect(alert.textContent).toContain(`${CITY_RUBRIC}.json: (根): 缺少字段“items”`);
    await pick(...files);
    await within(panel()).findByText(/^已载入“梅江市政府质量奖（2024）”/);
    expect(within(panel()).getByLabelText<HTMLSelectElement>("奖项").value).toBe(CITY_ID);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
