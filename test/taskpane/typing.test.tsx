/**
 * @jest-environment jsdom
 */
// Typing in Excel while the pane checks live, over the fake Excel (office-addin-mock): every Excel.run asks Excel to
// wait for the reviewer's cell edit (delayForCellEdit); where Excel still refuses a read in cell-edit mode
// (InvalidOperationInCellEditMode), the check is retried quietly and never shows an alert; and a hidden pane (shared
// runtime: the page lives on) reads nothing on an edit, then checks once when it is shown again.
import { act } from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { library } from "../../src/core";
import { OfficeWorkbookHost } from "../../src/excel/host";
import { App } from "../../src/taskpane/App";
import { LIVE_DELAY_MS } from "../../src/taskpane/usePane";
import { SHEET } from "../../src/workbook";
import { FakeExcel } from "../excel/fake-excel";
import { TextDecoder, TextEncoder } from "util";

Object.assign(globalThis, { TextEncoder, TextDecoder, IS_REACT_ACT_ENVIRONMENT: true });
jest.setTimeout(60_000);

const lib = library();
const panel = (id: string) => document.getElementById(`panel-${id}`)!;
/** Generous: the machine may be busy (waitFor returns as soon as the condition holds). */
const LONG = { timeout: 15_000 };

/** The pane over a fake Excel, with a Hebei organisation scoring set generated into it and checked once. */
async function paneWithScoringSet() {
  const fake = new FakeExcel(["Sheet1"]);
  const host = new OfficeWorkbookHost(fake.api(), [1, 1, 1]);
  // Every alert the pane ever shows, even one that flickers away again.
  const alerts: string[] = [];
  const observer = new MutationObserver(() => {
    for (const a of Array.from(document.querySelectorAll('[role="alert"]'))) alerts.push(a.textContent ?? "");
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  render(<App host={host} lib={lib} env={{ lang: "zh-CN", theme: null }} />);
  const form = within(panel("generate"));
  fireEvent.change(form.getByLabelText("奖项"), { target: { value: "hebei-2022" } });
  fireEvent.change(form.getByLabelText("评价标准", { exact: false }), { target: { value: "hebei-organization" } });
  fireEvent.change(form.getByLabelText(/申报单位/), { target: { value: "河北某某科技股份有限公司" } });
  fireEvent.change(form.getByLabelText(/评审专家/), { target: { value: "李四" } });
  await act(async () => {
    fireEvent.click(form.getByRole("button", { name: "生成评分表" }));
  });
  await waitFor(() => expect(within(panel("check")).getByText("已评分 0 / 23")).toBeTruthy(), LONG);
  // The live check is listening on the scoring sheet.
  await waitFor(() => expect(fake.sheet(SHEET.scoring).handlers.length).toBeGreaterThan(0), LONG);
  return { fake, alerts, stop: () => observer.disconnect() };
}

/** The reviewer types 50% into the first item's input cell, and Excel raises the sheet's change event. */
async function type(fake: FakeExcel, ref = "G5") {
  fake.setCell(SHEET.scoring, ref, { value: 0.5 });
  await act(async () => {
    await fake.edit(SHEET.scoring);
  });
}

describe("typing while the pane checks live", () => {
  it("every batch waits for the cell edit (delayForCellEdit), and a refused read is retried with no alert", async () => {
    const { fake, alerts, stop } = await paneWithScoringSet();
    // Excel refuses the next two syncs in cell-edit mode: within the host's quiet retries.
    fake.cellEditRefusals = 2;
    await type(fake);
    await waitFor(() => expect(within(panel("check")).getByText("已评分 1 / 23")).toBeTruthy(), LONG);
    expect(fake.cellEditRefusals).toBe(0);
    expect(alerts).toEqual([]);
    expect(fake.runOptions.length).toBeGreaterThan(3);
    expect(fake.runOptions.filter((o) => o?.delayForCellEdit !== true)).toEqual([]);
    stop();
  });

  it("refused longer than the host's retries: still no alert, and the check runs again by itself", async () => {
    const { fake, alerts, stop } = await paneWithScoringSet();
    fake.cellEditRefusals = 6; // four attempts fail (the read and three retries), then the pane looks again later
    await type(fake);
    await waitFor(() => expect(within(panel("check")).getByText("已评分 1 / 23")).toBeTruthy(), LONG);
    expect(alerts).toEqual([]);
    expect(screen.queryByText(/出错了/)).toBeNull();
    stop();
  });

  it("another error is still shown", async () => {
    const { fake, alerts, stop } = await paneWithScoringSet();
    fake.failSync = () => true;
    await type(fake);
    await waitFor(() => expect(alerts.join()).toContain("出错了"), LONG);
    stop();
  });
});

describe("the hidden pane", () => {
  it("reads nothing on an edit while hidden, and checks once when shown again", async () => {
    const { fake, alerts, stop } = await paneWithScoringSet();
    expect(fake.visibilityHandlers.length).toBeGreaterThan(0);
    act(() => fake.setVisibility("Hidden"));
    const runs = fake.runs;
    await type(fake);
    await act(async () => {
      await new Promise((r) => setTimeout(r, LIVE_DELAY_MS * 3)); // longer than a live check waits
    });
    expect(fake.runs).toBe(runs); // no Excel.run at all
    expect(within(panel("check")).getByText("已评分 0 / 23")).toBeTruthy();

    act(() => fake.setVisibility("Taskpane"));
    await waitFor(() => expect(within(panel("check")).getByText("已评分 1 / 23")).toBeTruthy(), LONG);
    expect(fake.runs - runs).toBe(2); // one check: the sheet list and one read
    expect(alerts).toEqual([]);
    stop();
  });
});
