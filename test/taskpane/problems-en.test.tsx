/**
 * @jest-environment jsdom
 */
// The 汇总 tab's problem list in the pane's language: a returned workbook with an invalid maturity and an item not
// scored is named with its cells, in English in en-US and in Chinese in zh-CN (the catalogue's two texts).
import { act } from "react";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
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

async function workbook(rubric: string, expert: string, values?: InitialValues): Promise<File> {
  const layout = buildLayout(bundle(rubric), meta({ applicant: "甲公司", expert, stage: "material" }), values);
  return new File([new Uint8Array(await writeXlsx(layout))], `甲公司_${expert}.xlsx`);
}

async function problemsIn(lang: "zh-CN" | "en-US", files?: File[]): Promise<string[]> {
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
  const picked = files ?? [await workbook("hebei-organization", "张三", faulty())];
  await act(async () => {
    fireEvent.change(within(panel).getByLabelText(en ? "Choose scoring workbooks" : "选择评分表文件"), {
      target: { files: picked },
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

  it("names mixed rubrics by their names, in the pane's language", async () => {
    const files = async () => [
      await workbook("hebei-organization", "王一", randomValid(b, rng(1))),
      await workbook("hebei-organization", "王二", randomValid(b, rng(2))),
      await workbook("jiangmen-manufacturing", "王三", randomValid(bundle("jiangmen-manufacturing"), rng(3))),
    ];
    const en = (await problemsIn("en-US", await files())).find((p) => p.includes("甲公司_王三.xlsx"))!;
    expect(en).toContain(
      'this one uses "Jiangmen Government Quality Award scoring points — Manufacturing", not ' +
        '"Hebei Provincial Government Quality Award — Organisation standard (2022)" as most do; not counted',
    );
    cleanup();
    const zh = (await problemsIn("zh-CN", await files())).find((p) => p.includes("甲公司_王三.xlsx"))!;
    expect(zh).toContain("本表使用“江门市政府质量奖评分要点（制造业）”");
    for (const text of [en, zh]) expect(text).not.toMatch(/hebei-organization|jiangmen-manufacturing/);
  });
});
