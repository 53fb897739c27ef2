/**
 * @jest-environment jsdom
 */
// The 汇总 tab's problem list in the pane's language: a returned workbook with an invalid maturity and an item not
// scored is named with its cells, in English in en-US and in Chinese in zh-CN (the catalogue's two texts).
import { act } from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { library, vetoAnswerFor } from "../../src/core";
import { MemoryWorkbook } from "../../src/host/memory";
import { App } from "../../src/taskpane/App";
import { buildLayout, type InitialValues } from "../../src/workbook";
import { writeXlsx } from "../../src/xlsx/write";
import { bundle, meta, randomValid, rng } from "../helpers/workbooks";

import { TextDecoder, TextEncoder } from "util";

Object.assign(globalThis, { TextEncoder, TextDecoder, IS_REACT_ACT_ENVIRONMENT: true });
jest.setTimeout(120_000);

const lib = library();
const b = bundle("hebei-organization");

/** A complete fill, then 1.2 given 47 % (off the 5 % step) and 1.3 left blank. */
function faulty(): InitialValues {
  const v = randomValid(b, rng(7));
  for (const code of Object.keys(v.entries!)) v.entries![code] = { value: 0.8 };
  v.entries!["1.2"] = { value: 0.47 };
  delete v.entries!["1.3"];
  for (const id of Object.keys(v.vetoes!))
    v.vetoes![id] = {
      answer: vetoAnswerFor(
        b.rules.vetoes.find((x) => x.id === id)!,
        false,
      ),
      note: "",
    };
  return v;
}

async function problemsIn(lang: "zh-CN" | "en-US"): Promise<string[]> {
  const wb = new MemoryWorkbook({ library: lib });
  wb.addSheet("Sheet1");
  await act(async () => {
    render(<App host={wb} lib={lib} env={{ lang, theme: null }} newWorkbookIsDownload />);
  });
  const en = lang === "en-US";
  await act(async () => {
    fireEvent.click(screen.getByRole("tab", { name: en ? "Summary" : "汇总" }));
  });
  const panel = document.getElementById("panel-summary")!;
  await act(async () => {
    fireEvent.click(within(panel).getByRole("radio", { name: en ? /Pick files/ : /选择文件/ }));
  });
  const layout = buildLayout(b, meta({ applicant: "甲公司", expert: "张三", stage: "material" }), faulty());
  const file = new File([new Uint8Array(await writeXlsx(layout))], "甲公司_张三.xlsx");
  await act(async () => {
    fireEvent.change(within(panel).getByLabelText(en ? "Choose scoring workbooks" : "选择评分表文件"), {
      target: { files: [file] },
    });
  });
  await act(async () => {
    fireEvent.click(within(panel).getByRole("button", { name: en ? "Aggregate" : "汇总" }));
  });
  const list = await waitFor(() => within(panel).getByRole("heading", { name: en ? /^Problems/ : /^问题/ }), {
    timeout: 60_000,
  });
  return within(list.parentElement!)
    .getAllByRole("listitem")
    .map((li) => li.textContent ?? "");
}

describe("the 汇总 tab's problems in the pane's language", () => {
  it("reads in English in en-US, naming the cells", async () => {
    const problems = await problemsIn("en-US");
    const sheet = problems.find((p) => p.includes("甲公司_张三.xlsx"))!;
    expect(sheet).toMatch(/^Incomplete/);
    expect(sheet).toContain("expert 张三's workbook is not complete (2 item(s) not scored or invalid:");
    // Each item by its cell: 1.2 off the 5 % step, 1.3 blank.
    expect(sheet).toMatch(/评分!G\d+ \(1\.2\): maturity 47% is not a multiple of 5%/);
    expect(sheet).toMatch(/评分!G\d+ \(1\.3\): not scored/);
    expect(sheet).toMatch(/: not counted$/);
    expect(problems).toContainEqual(expect.stringMatching(/甲公司 has no usable material-review workbook$/));
    // No Chinese in the reasons but the award's own names (sheet, applicant, expert).
    for (const p of problems) expect(p.replace(/评分|甲公司|张三|专家组/g, "")).not.toMatch(/\p{Script=Han}/u);
  });

  it("reads in Chinese in zh-CN", async () => {
    const problems = await problemsIn("zh-CN");
    const sheet = problems.find((p) => p.includes("甲公司_张三.xlsx"))!;
    expect(sheet).toMatch(
      /^未填写完整甲公司_张三\.xlsx（甲公司）：专家 张三 的评分表未填写完整（2 项未评分或输入无效：/,
    );
    expect(sheet).toMatch(/评分!G\d+（1\.2）：成熟度 47% 不是 5% 的整数倍/);
    expect(sheet).toMatch(/评分!G\d+（1\.3）：未评分/);
    expect(sheet).not.toMatch(/not counted|maturity/);
  });
});
