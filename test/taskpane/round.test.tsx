/**
 * @jest-environment jsdom
 */
// The 批次 tab against the in-memory workbook holding a round workbook (评审安排 with its 分组): the return status of
// picked workbooks (the same rules as `scorebook round status`), and one expert's workbooks generated from 分组, each
// carrying the round's id, opened as new workbooks through the host.
import { act } from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { draw, library, vetoAnswerFor, ROUND_DEFAULTS, STAGE_ZH, type RoundInput } from "../../src/core";
import { MemoryWorkbook } from "../../src/host/memory";
import { auditSheet, panelsSheet, ROUND_STYLES, templateLayout } from "../../src/round/layout";
import { App } from "../../src/taskpane/App";
import { buildLayout, interpret } from "../../src/workbook";
import { readXlsx, writeXlsx } from "../../src/xlsx";
import { bundle, randomValid, rng } from "../helpers/workbooks";

import { TextDecoder, TextEncoder } from "util";

Object.assign(globalThis, { TextEncoder, TextDecoder, IS_REACT_ACT_ENVIRONMENT: true });
jest.setTimeout(120_000);

const lib = library();
const b = bundle("hebei-organization");

function roundInput(): RoundInput {
  return {
    applicants: ["甲公司", "乙公司"].map((name, i) => ({
      name,
      rubricId: "hebei-organization",
      at: { sheet: "申报者", row: i + 2 },
    })),
    experts: Array.from({ length: 8 }, (_, i) => ({
      name: `专家${i + 1}`,
      specialties: [],
      stages: [],
      at: { sheet: "专家库", row: i + 2 },
    })),
    conflicts: [],
    params: { ...ROUND_DEFAULTS, panelSize: { material: 2, onsite: 2 }, roundId: "R-PANE", seed: "3" },
  };
}

async function setup(lang: "zh-CN" | "en-US" = "zh-CN") {
  const r = draw(roundInput(), lib);
  if (!r.ok) throw new Error("draw failed");
  const wb = new MemoryWorkbook({ library: lib });
  const template = templateLayout(lib, "2026-01-01T00:00:00Z");
  await wb.writeLayout({
    ...template,
    styles: ROUND_STYLES,
    sheets: [
      ...template.sheets,
      panelsSheet(r.assignments, lib),
      auditSheet(
        {
          roundId: "R-PANE",
          seed: "3",
          drawnAt: "x",
          params: roundInput().params,
          experts: 8,
          applicants: 2,
          fingerprint: "0",
        },
        r.audit,
        r.assignments,
      ),
    ],
  });
  const en = lang === "en-US";
  render(<App host={wb} lib={lib} env={{ lang, theme: null }} newWorkbookIsDownload />);
  fireEvent.click(screen.getByRole("tab", { name: en ? "Round" : "批次" }));
  const panel = within(document.getElementById("panel-round")!);
  await act(async () => {
    fireEvent.click(panel.getByRole("button", { name: en ? "Read the round workbook" : "读取评审安排" }));
  });
  const loaded = en ? "Round R-PANE: 8 workbooks, 8 experts." : "批次 R-PANE：8 份评分表，8 位专家。";
  await waitFor(() => expect(panel.getByText(loaded, { exact: false })).toBeTruthy());
  return { wb, panel, assignments: r.assignments };
}

async function filled(
  applicant: string,
  expert: string,
  stage: "material" | "onsite",
  seed: number,
  roundId = "R-PANE",
  blank: string[] = [],
) {
  const v = randomValid(b, rng(seed));
  for (const code of blank) delete v.entries![code];
  for (const vt of b.rules.vetoes) v.vetoes![vt.id] = { answer: vetoAnswerFor(vt, false) };
  const layout = buildLayout(b, { applicant, expert, stage, mode: "native", createdAt: "x", roundId }, v);
  return new File([new Uint8Array(await writeXlsx(layout))], `${applicant}_${STAGE_ZH[stage]}_${expert}.xlsx`);
}

describe("批次 tab", () => {
  it("shows the return status of picked workbooks: missing by expert, unexpected, invalid", async () => {
    const { panel, assignments } = await setup();
    const first = assignments[0];
    const drawnFirst = assignments.filter((a) => a.applicant === first.applicant && a.stage === first.stage);
    const stranger = ["专家1", "专家2", "专家3", "专家4", "专家5", "专家6", "专家7", "专家8"].find(
      (e) => !drawnFirst.some((a) => a.expert === e),
    )!;
    const files = [
      await filled(first.applicant, first.expert, first.stage, 1),
      await filled(first.applicant, stranger, first.stage, 2),
      await filled(first.applicant, drawnFirst[1].expert, first.stage, 3, "R-OTHER"),
      new File([new TextEncoder().encode("不是工作簿")], "坏文件.xlsx"),
    ];
    await act(async () => {
      fireEvent.change(panel.getByTestId("round-files"), { target: { files } });
    });
    await waitFor(() => expect(panel.getAllByText("应交 8 份，已交 1 份，已计入 1 份。").length).toBeGreaterThan(0));
    expect(panel.getByText("未交（7）")).toBeTruthy();
    // One line per expert to chase, with how many and which.
    const second = assignments.find((a) => a.expert !== first.expert && a.applicant === first.applicant)!;
    const mine = assignments.filter((a) => a.expert === second.expert);
    expect(panel.getByText(new RegExp(`^${second.expert}（${mine.length}）：`))).toBeTruthy();
    expect(panel.getByText("不在本批次专家组中（2，不计入）")).toBeTruthy();
    expect(panel.getByText(new RegExp(`${stranger} 不在 ${first.applicant} 的`))).toBeTruthy();
    expect(panel.getByText(/另一评审批次（R-OTHER）/)).toBeTruthy();
    expect(panel.getByText(/坏文件\.xlsx/)).toBeTruthy();
  });

  it("gives each reason in English when the pane runs in English", async () => {
    const { panel, assignments } = await setup("en-US");
    const first = assignments[0];
    const drawnFirst = assignments.filter((a) => a.applicant === first.applicant && a.stage === first.stage);
    const stranger = ["专家1", "专家2", "专家3", "专家4", "专家5", "专家6", "专家7", "专家8"].find(
      (e) => !drawnFirst.some((a) => a.expert === e),
    )!;
    const incomplete = await filled(first.applicant, drawnFirst[1].expert, first.stage, 3, "R-PANE", ["1.2", "1.3"]);
    const files = [
      await filled(first.applicant, first.expert, first.stage, 1),
      await filled(first.applicant, stranger, first.stage, 2),
      incomplete,
    ];
    await act(async () => {
      fireEvent.change(panel.getByTestId("round-files"), { target: { files } });
    });
    await waitFor(() => expect(panel.getAllByText("Expected 8, returned 2, counted 1.").length).toBeGreaterThan(0));
    const stage = first.stage === "material" ? "material review" : "on-site review";
    const file = `${first.applicant}_${STAGE_ZH[first.stage]}_${stranger}.xlsx`;
    expect(panel.getByText("Not on a panel of this round (1, not counted)")).toBeTruthy();
    expect(
      panel.getByText(
        `${file}: expert ${stranger} is not on ${first.applicant}'s ${stage} panel (not drawn): not counted`,
      ),
    ).toBeTruthy();
    expect(panel.getByText("With problems (1, not counted)")).toBeTruthy();
    expect(panel.getByText(`${incomplete.name}: not complete (2 item(s) not scored or invalid)`)).toBeTruthy();
    // Not the Chinese texts.
    expect(panel.queryByText(/不在 .* 专家组中|未填写完整/)).toBeNull();
  });

  it("opens an expert's workbooks, generated from 分组 with the round's id, as new workbooks", async () => {
    const { wb, panel, assignments } = await setup();
    const expert = assignments[0].expert;
    const mine = assignments.filter((a) => a.expert === expert);
    fireEvent.change(panel.getByLabelText("专家"), { target: { value: expert } });
    await act(async () => {
      fireEvent.click(panel.getByRole("button", { name: `生成该专家的评分表（${mine.length} 份，各为新工作簿）` }));
    });
    await waitFor(() => expect(wb.opened).toHaveLength(mine.length));
    for (const o of wb.opened) {
      const report = interpret(await readXlsx(Buffer.from(o.base64, "base64"), o.fileName));
      expect(report.expert).toBe(expert);
      expect(report.meta.roundId).toBe("R-PANE");
      expect(mine.some((a) => a.applicant === report.applicant && a.stage === report.stage)).toBe(true);
    }
  });

  it("says so when the open workbook is not a round workbook", async () => {
    const wb = new MemoryWorkbook({ library: lib });
    wb.addSheet("Sheet1");
    render(<App host={wb} lib={lib} env={{ lang: "zh-CN", theme: null }} />);
    fireEvent.click(screen.getAllByRole("tab", { name: "批次" })[0]);
    const panel = within(document.getElementById("panel-round")!);
    await act(async () => {
      fireEvent.click(panel.getByRole("button", { name: "读取评审安排" }));
    });
    await waitFor(() => expect(panel.getByText(/当前工作簿不是评审安排/)).toBeTruthy());
  });
});
