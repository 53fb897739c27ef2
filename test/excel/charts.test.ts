// The summary's 得分图 as a real Excel chart in the task pane (Office.js, ExcelApi 1.7): the calls queued for it.
import { queueCharts } from "../../src/excel/render";
import type { SheetLayout } from "../../src/workbook/types";

function recorder() {
  const calls: string[] = [];
  const series: { chartType?: string }[] = [{}, {}];
  const chart = {
    title: { text: "" },
    legend: { position: "" },
    series: { getItemAt: (i: number) => series[i] },
    setPosition: (from: string, to: string) => calls.push(`setPosition ${from} ${to}`),
  };
  const ws = {
    getRange: (a: string) => ({ address: a }),
    charts: {
      add: (type: string, range: { address: string }, by: string) => {
        calls.push(`add ${type} ${range.address} ${by}`);
        return chart;
      },
    },
  };
  return { ws: ws as unknown as Excel.Worksheet, calls, chart, series };
}

describe("Office.js charts", () => {
  it("adds columns over the data with the threshold column as a line, titled and placed as the layout says", () => {
    const r = recorder();
    const sheet = {
      charts: [{ title: "组织奖：综合得分与提名分数线", data: "A5:C9", from: "E4", to: "N22" }],
    } as unknown as SheetLayout;
    queueCharts(r.ws, sheet);
    expect(r.calls).toEqual(["add ColumnClustered A5:C9 Columns", "setPosition E4 N22"]);
    expect(r.chart.title.text).toBe("组织奖：综合得分与提名分数线");
    expect(r.chart.legend.position).toBe("Bottom");
    expect(r.series[1].chartType).toBe("Line");
    expect(r.series[0].chartType).toBeUndefined();
  });
});
