/**
 * @jest-environment jsdom
 */
// The task pane's flows against the in-memory workbook: generate (grouped criteria, required fields, never
// overwriting, a new workbook as .xlsx), check (progress, total, subtotals, problems that select their cell, live
// re-checks), the veto banner, finish (open items block, reminders need a tick, then everything is locked and
// protected), English, and mounting outside Office.
import { act } from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { library } from "../../src/core";
import { MemoryWorkbook } from "../../src/host/memory";
import { App } from "../../src/taskpane/App";
import { isDark, paneTheme } from "../../src/taskpane/theme";
import { paneLanguage } from "../../src/excel/env";
import { interpret, SHEET } from "../../src/workbook";
import { readXlsx } from "../../src/xlsx";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";

import { TextDecoder, TextEncoder } from "util";

// jsdom lacks what browsers and Node have: the rubric fingerprint hashes UTF-8 bytes.
Object.assign(globalThis, { TextEncoder, TextDecoder, IS_REACT_ACT_ENVIRONMENT: true });
jest.setTimeout(60_000);

const lib = library();

function setup(sheets: string[] = ["Sheet1"], lang: "zh-CN" | "en-US" = "zh-CN") {
  const wb = new MemoryWorkbook({ library: lib });
  for (const s of sheets) wb.addSheet(s);
  const view = render(<App host={wb} lib={lib} env={{ lang, theme: null }} newWorkbookIsDownload />);
  return { wb, view };
}

const panel = (id: string) => document.getElementById(`panel-${id}`)!;

async function fillForm(applicant = "河北某某科技股份有限公司", expert = "李四") {
  const g = within(panel("generate"));
  fireEvent.change(g.getByLabelText("奖项"), { target: { value: "hebei-2022" } });
  fireEvent.change(g.getByLabelText("评价标准", { exact: false }), { target: { value: "hebei-organization" } });
  fireEvent.change(g.getByLabelText(/申报单位/), { target: { value: applicant } });
  fireEvent.change(g.getByLabelText(/评审专家/), { target: { value: expert } });
}

async function generate(wb: MemoryWorkbook) {
  await fillForm();
  await act(async () => {
    fireEvent.click(within(panel("generate")).getByRole("button", { name: "生成评分表" }));
  });
  await waitFor(() => expect(wb.sheets.has(SHEET.scoring)).toBe(true));
  await waitFor(() => expect(within(panel("check")).getByText("已评分 0 / 23")).toBeTruthy());
}

const input = (k: number) => `G${5 + k}`;

async function type(wb: MemoryWorkbook, sheet: string, ref: string, text: string) {
  await act(async () => {
    wb.enter(sheet, ref, text);
  });
}

describe("generate", () => {
  it("offers the awards and their criteria grouped by rule set, in Chinese", async () => {
    setup();
    const g = within(panel("generate"));
    await waitFor(() => expect(g.getByLabelText("奖项")).toBeTruthy());
    fireEvent.change(g.getByLabelText("奖项"), { target: { value: "hebei-2022" } });
    const rubric = g.getByLabelText<HTMLSelectElement>("评价标准", { exact: false });
    const groups = Array.from(rubric.querySelectorAll("optgroup")).map((o) => [
      o.label,
      Array.from(o.querySelectorAll("option")).map((x) => x.value),
    ]);
    expect(groups).toEqual([
      ["河北省政府质量奖组织奖", ["hebei-organization"]],
      [
        "河北省政府质量奖个人奖",
        ["hebei-individual-senior", "hebei-individual-middle", "hebei-individual-frontline", "hebei-individual-other"],
      ],
    ]);
    expect(g.getByText("河北省政府质量奖组织奖评价标准（2022年版） · 23 个评价项目，共 1000 分")).toBeTruthy();
    // The closed drop-down shows the option's text: the four individual rubrics must read differently (320 px pane).
    const texts = Array.from(rubric.querySelectorAll("option")).map((o) => o.textContent);
    expect(texts.slice(1)).toEqual(["高层领导者", "中层管理者", "一线工作人员", "其他人员"]);
    expect(rubric.querySelector<HTMLOptionElement>('option[value="hebei-individual-senior"]')!.title).toBe(
      "河北省政府质量奖个人奖评价标准（2022年版）——高层领导者",
    );
    fireEvent.change(rubric, { target: { value: "hebei-individual-senior" } });
    expect(g.getByLabelText(/申报人/)).toBeTruthy(); // an individual award asks for the person
  });

  it("asks for the applicant and the expert before writing anything", async () => {
    const { wb } = setup();
    await act(async () => {
      fireEvent.click(within(panel("generate")).getByRole("button", { name: "生成评分表" }));
    });
    expect(within(panel("generate")).getAllByText("必填")).toHaveLength(2);
    expect(wb.calls.writeLayout).toBeUndefined();
  });

  it("writes the scoring sheets into the current workbook, then shows the check", async () => {
    const { wb } = setup();
    await generate(wb);
    expect(wb.order).toEqual(["Sheet1", "封面", "评分", "否决", "加分", "评分指南", "元数据"]);
    expect(screen.getByRole("tab", { name: "检查" }).getAttribute("aria-selected")).toBe("true");
    const c = within(panel("check"));
    expect(c.getByTestId("total").textContent).toBe("0.00");
    expect(c.getByText("1 领导")).toBeTruthy();
    expect(c.getByText("0.00 / 110")).toBeTruthy();
    expect(within(panel("generate")).getByText(/已生成评分表：封面、评分、否决、加分、评分指南/)).toBeTruthy();
  });

  it("the compact print: 评分 without the scoring-points column, portrait; full stays the default", async () => {
    const { wb } = setup();
    const g = within(panel("generate"));
    expect(g.getByLabelText<HTMLInputElement>(/^完整/).checked).toBe(true);
    fireEvent.click(g.getByLabelText(/^简洁/));
    await generate(wb);
    const scoring = wb.sheets.get(SHEET.scoring)!;
    expect(scoring.columns.find((c) => c.col === "E")?.hidden).toBe(true);
    expect(scoring.print?.orientation).toBe("portrait");
    expect(JSON.stringify([...wb.sheets.get(SHEET.guide)!.cells.values()])).toContain("附录：各评价项目的评分要点");
  });

  it("never overwrites: with a sheet named 评分 it offers a suffix and writes 评分 (2)", async () => {
    const { wb } = setup(["Sheet1", "评分"]);
    await waitFor(() => expect(within(panel("generate")).getByText(/不会覆盖/)).toBeTruthy());
    const g = within(panel("generate"));
    const suffix = g.getByLabelText<HTMLInputElement>("工作表名称后缀");
    expect(suffix.value).toBe(" (2)");
    fireEvent.change(suffix, { target: { value: "" } });
    expect(g.getByText("仍与现有工作表重名：评分")).toBeTruthy();
    expect(g.getByRole<HTMLButtonElement>("button", { name: "生成评分表" }).disabled).toBe(true);
    fireEvent.change(suffix, { target: { value: " (2)" } });
    await fillForm();
    await act(async () => {
      fireEvent.click(g.getByRole("button", { name: "生成评分表" }));
    });
    await waitFor(() => expect(wb.sheets.has("评分 (2)")).toBe(true));
    expect(wb.sheets.get("评分")!.cells.size).toBe(0); // the reviewer's own sheet is untouched
    await waitFor(() => expect(within(panel("check")).getByText("已评分 0 / 23")).toBeTruthy());
  });

  it("asks before adding a second set for the same applicant, expert and stage; the scores entered stay", async () => {
    const { wb } = setup();
    await generate(wb);
    await type(wb, SHEET.scoring, input(0), "45%");
    const writes = wb.calls.writeLayout;
    const ask = async (applicant: string) => {
      await act(async () => {
        fireEvent.click(screen.getByRole("tab", { name: "生成" }));
      });
      await fillForm(applicant, " 李四 ");
      await act(async () => {
        fireEvent.click(within(panel("generate")).getByRole("button", { name: "生成评分表" }));
      });
    };
    // The same applicant (spelled with full-width spaces), expert and stage: a dialog, nothing written yet.
    await ask("河北某某科技股份有限公司\u3000");
    const dialog = await screen.findByRole("alertdialog", { name: "已有这份评分表" });
    expect(dialog.textContent).toContain(
      "当前工作簿中已有“河北某某科技股份有限公司”材料评审、评审专家李四的评分表（评分）",
    );
    expect(wb.calls.writeLayout).toBe(writes);
    // Cancel: nothing written.
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "取消" }));
    });
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(wb.calls.writeLayout).toBe(writes);
    // Go to the existing sheets: the check tab shows them, with the score typed before.
    await ask("河北某某科技股份有限公司");
    const go = await screen.findByRole("button", { name: "转到已有的评分表" });
    await act(async () => {
      fireEvent.click(go);
    });
    expect(screen.getByRole("tab", { name: "检查" }).getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(within(panel("check")).getByText("已评分 1 / 23")).toBeTruthy());
    expect(wb.calls.writeLayout).toBe(writes);
    // Add another: 评分 (2), the first set untouched.
    await ask("河北某某科技股份有限公司");
    const add = await screen.findByRole("button", { name: "另外新增（评分 (2)）" });
    await act(async () => {
      fireEvent.click(add);
    });
    await waitFor(() => expect(wb.sheets.has("评分 (2)")).toBe(true));
    expect(wb.sheets.get(SHEET.scoring)!.cells.get(input(0))?.value).toBe(0.45);
    // Another applicant: no question.
    await ask("河北另一公司");
    await waitFor(() => expect(wb.sheets.has("评分 (3)")).toBe(true));
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("makes a new workbook as an .xlsx file (ExcelJS loaded on demand) that reads back as the same scoring workbook", async () => {
    const { wb } = setup();
    await fillForm();
    const g = within(panel("generate"));
    fireEvent.click(g.getByLabelText("新工作簿（下载 .xlsx 文件）"));
    await act(async () => {
      fireEvent.click(g.getByRole("button", { name: "生成评分表" }));
    });
    await waitFor(() => expect(wb.opened).toHaveLength(1), { timeout: 20_000 });
    expect(wb.opened[0].fileName).toBe("河北某某科技股份有限公司_材料评审_李四.xlsx");
    expect(wb.order).toEqual(["Sheet1"]);
    const report = interpret(await readXlsx(Buffer.from(wb.opened[0].base64, "base64"), wb.opened[0].fileName), {
      library: lib,
    });
    expect([report.rubric, report.applicant, report.expert, report.itemCount]).toEqual([
      "hebei-organization",
      "河北某某科技股份有限公司",
      "李四",
      23,
    ]);
    await waitFor(() => expect(g.getByText(/已生成新工作簿/)).toBeTruthy());
  });
});

describe("check", () => {
  it("re-checks as the reviewer types: progress, total, subtotals and problems", async () => {
    const { wb } = setup();
    await generate(wb);
    await type(wb, SHEET.scoring, input(0), "45%");
    await type(wb, SHEET.scoring, input(1), "47%");
    await type(wb, SHEET.scoring, input(2), "100");
    const c = within(panel("check"));
    await waitFor(() => expect(c.getByText("已评分 2 / 23")).toBeTruthy(), { timeout: 3000 });
    expect(c.getByTestId("total").textContent).toBe("57.00");
    expect(c.getByText("57.00 / 110")).toBeTruthy();
    const invalid = c.getByRole("region", { name: /输入无效/ });
    expect(
      within(invalid).getByText("1.2 组织治理：成熟度 47% 不是 5% 的整数倍（允许 0%、5%、10% … 100%）"),
    ).toBeTruthy();
    const comment = c.getByRole("region", { name: /缺少评语/ });
    expect(within(comment).getByText("1.3 社会责任：成熟度 100% 在最高档：请在“优势”栏写明依据")).toBeTruthy();
    expect(c.getByRole("region", { name: /未评分（20）/ })).toBeTruthy();
    // A click selects the cell in the workbook.
    await act(async () => {
      fireEvent.click(c.getByRole("button", { name: /^定位到 评分!G6：/ }));
    });
    expect(wb.selection).toEqual({ sheet: SHEET.scoring, ref: "G6" });
    await act(async () => {
      fireEvent.click(c.getByRole("button", { name: /^定位到 评分!J7：/ }));
    });
    expect(wb.selection).toEqual({ sheet: SHEET.scoring, ref: "J7" });
    await type(wb, SHEET.scoring, "J7", "领导层社会责任体系完善");
    await waitFor(() => expect(c.queryByRole("region", { name: /缺少评语/ })).toBeNull(), { timeout: 3000 });
  });

  it("shows a veto banner naming the condition answered 不符合, and the declared conflict", async () => {
    const { wb } = setup();
    await generate(wb);
    expect(screen.queryByTestId("veto-banner")).toBeNull();
    // 河北 三、申报条件（一）1 "拥护党的路线、方针、政策" is a condition: 不符合 flags it.
    await type(wb, SHEET.vetoes, "E5", "不符合");
    const banner = await screen.findByTestId("veto-banner", {}, { timeout: 3000 });
    expect(banner.textContent).toContain("否决");
    expect(banner.textContent).toContain("不符合申报条件：拥护党的路线、方针、政策");
    await act(async () => {
      fireEvent.click(within(banner).getByRole("button", { name: /拥护党的路线/ }));
    });
    expect(wb.selection).toEqual({ sheet: SHEET.vetoes, ref: "E5" });
    await type(wb, SHEET.cover, "C16", "存在利害关系，申请回避");
    await waitFor(() => expect(screen.getByText(/你在封面声明与申报者存在利害关系/)).toBeTruthy(), { timeout: 3000 });
    await type(wb, SHEET.vetoes, "E5", "符合");
    await waitFor(() => expect(screen.queryByTestId("veto-banner")).toBeNull(), { timeout: 3000 });
  });
});

describe("finish", () => {
  it("lists what is open, needs the reminders acknowledged, then locks and protects every sheet", async () => {
    const { wb } = setup();
    await generate(wb);
    fireEvent.click(screen.getByRole("tab", { name: "完成" }));
    const f = within(panel("finish"));
    await act(async () => {
      fireEvent.click(f.getByRole("button", { name: "最终检查" }));
    });
    await waitFor(() => expect(f.getByText(/尚未完成（/)).toBeTruthy());
    expect(f.getByRole<HTMLButtonElement>("button", { name: "锁定并保护工作表" }).disabled).toBe(true);

    await act(async () => {
      for (let k = 0; k < 23; k++) wb.enter(SHEET.scoring, input(k), k === 0 ? "95%" : "50%");
      // 符合 for the five conditions, 否 for the two events (河北 三（三）, 七（一）).
      for (let r = 5; r <= 11; r++) wb.enter(SHEET.vetoes, `E${r}`, r <= 9 ? "符合" : "否");
      wb.enter(SHEET.cover, "C16", "无利害关系");
    });
    await act(async () => {
      fireEvent.click(f.getByRole("button", { name: "最终检查" }));
    });
    await waitFor(() => expect(f.getByText("全部评价项目已有效评分，可以完成。")).toBeTruthy(), { timeout: 3000 });
    expect(f.getByText(/提醒（2）/)).toBeTruthy(); // 1.1 at 95 % without strengths, and no review date
    const protect = f.getByRole<HTMLButtonElement>("button", { name: "锁定并保护工作表" });
    expect(protect.disabled).toBe(true);
    fireEvent.click(f.getByLabelText("我已看过上面的提醒，仍要完成"));
    expect(protect.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(protect);
    });
    await waitFor(() => expect(f.getByText(/已完成：封面、评分、否决、加分、评分指南 已锁定并保护/)).toBeTruthy());
    expect(wb.editable(SHEET.scoring, "G5")).toBe(false);
    expect(wb.editable(SHEET.cover, "C16")).toBe(false);
    expect(f.getAllByText(/文件 → 打印/)).toHaveLength(2);
    // Spoken to a reviewer: no internal sheet, no command line.
    expect(panel("finish").textContent).not.toMatch(/元数据|scorebook/);
  });
});

describe("finish on sheets protected with a password", () => {
  it("asks for the password, says a wrong one changed nothing, then protects again with it", async () => {
    const { wb } = setup();
    await generate(wb);
    await act(async () => {
      for (let k = 0; k < 23; k++) wb.enter(SHEET.scoring, input(k), "50%");
      for (let r = 5; r <= 11; r++) wb.enter(SHEET.vetoes, `E${r}`, r <= 9 ? "符合" : "否");
      wb.enter(SHEET.cover, "C16", "无利害关系");
      wb.enter(SHEET.cover, "C9", "2025-06-30");
    });
    // The reviewer protected the sheets with a password of their own.
    for (const sheet of wb.sheets.values())
      if (sheet.protection) sheet.protection = { ...sheet.protection, password: "评审2025" };
    fireEvent.click(screen.getByRole("tab", { name: "完成" }));
    const f = within(panel("finish"));
    await act(async () => {
      fireEvent.click(f.getByRole("button", { name: "最终检查" }));
    });
    await waitFor(() => expect(f.getByText("全部评价项目已有效评分，可以完成。")).toBeTruthy(), { timeout: 3000 });
    const protect = () => f.getByRole<HTMLButtonElement>("button", { name: "锁定并保护工作表" });
    const ack = f.queryByLabelText("我已看过上面的提醒，仍要完成");
    if (ack) fireEvent.click(ack);
    await act(async () => {
      fireEvent.click(protect());
    });
    await waitFor(() => expect(f.getByText(/设有保护密码：请输入密码/)).toBeTruthy());
    expect(protect().disabled).toBe(true); // no password typed yet
    expect(wb.editable(SHEET.scoring, "G5")).toBe(true); // nothing changed
    fireEvent.change(f.getByLabelText("工作表保护密码"), { target: { value: "猜一个" } });
    await act(async () => {
      fireEvent.click(protect());
    });
    await waitFor(() => expect(f.getByText(/密码不正确/)).toBeTruthy());
    fireEvent.change(f.getByLabelText("工作表保护密码"), { target: { value: "评审2025" } });
    await act(async () => {
      fireEvent.click(protect());
    });
    await waitFor(() => expect(f.getByText(/已完成：.*已锁定并保护/)).toBeTruthy());
    expect(wb.editable(SHEET.scoring, "G5")).toBe(false);
    expect(wb.sheets.get(SHEET.scoring)!.protection!.password).toBe("评审2025");
  });
});

describe("language, theme, mounting", () => {
  it("speaks English when Office does", async () => {
    setup(["Sheet1"], "en-US");
    expect(await screen.findByRole("button", { name: "Create scoring workbook" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Check" })).toBeTruthy();
    expect(paneLanguage("en-GB")).toBe("en-US");
    expect(paneLanguage("zh-TW")).toBe("zh-CN");
    expect(paneLanguage(undefined)).toBe("zh-CN");
    expect(paneLanguage("fr-FR")).toBe("zh-CN");
  });

  it("follows Office's theme", () => {
    expect(isDark({ bodyBackgroundColor: "#1F1F1F" })).toBe(true);
    expect(isDark({ bodyBackgroundColor: "#FFFFFF" })).toBe(false);
    expect(isDark(null)).toBe(false);
    expect(paneTheme({ bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF" })).toEqual({
      ...webDarkTheme,
      colorNeutralBackground1: "#1F1F1F",
      colorNeutralForeground1: "#FFFFFF",
    });
    expect(paneTheme(null)).toEqual(webLightTheme);
  });

  it("mounts into #root with an in-memory workbook when office.js is absent, and says so", async () => {
    document.body.innerHTML = '<div id="root"></div>';
    await act(async () => {
      await import("../../src/taskpane/index");
    });
    expect(document.querySelector("#root h1")?.textContent).toBe("Scorebook 评审助手");
    expect(document.querySelector("#root")?.textContent).toContain("未在 Excel 中运行");
  });
});
