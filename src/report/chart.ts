// The category chart of a review report: score against the maximum per category, rendered by ECharts on the server
// (SVG, no canvas, no network) and turned into PNG by resvg with the system's fonts (fonts-wqy-zenhei gives the
// Chinese glyphs). Node only.
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import { formatFigure } from "../core";
import type { StageReport } from "./model";

const FONT = "WenQuanYi Zen Hei, Noto Sans CJK SC, Source Han Sans SC, SimSun, sans-serif";

/** The chart as an SVG string. */
export function categoryChartSvg(
  r: StageReport,
  width = 640,
  height = 40 + 34 * Math.max(3, r.categories.length),
): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    const names = r.categories.map((c) => `${c.code} ${c.name}`).reverse();
    const cats = [...r.categories].reverse();
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      grid: { left: 150, right: 90, top: 30, bottom: 20 },
      legend: { top: 0, right: 10, data: ["得分", "分值"], textStyle: { fontFamily: FONT, fontSize: 12 } },
      xAxis: {
        type: "value",
        axisLabel: { fontFamily: FONT, fontSize: 11 },
        splitLine: { lineStyle: { color: "#e0e0e0" } },
      },
      yAxis: { type: "category", data: names, axisLabel: { fontFamily: FONT, fontSize: 12, color: "#333" } },
      series: [
        {
          name: "分值",
          type: "bar",
          data: cats.map((c) => c.max),
          barWidth: 18,
          itemStyle: { color: "#dce6f1" },
          z: 1,
        },
        {
          name: "得分",
          type: "bar",
          data: cats.map((c) => Number(c.score.toFixed(2))),
          barWidth: 18,
          barGap: "-100%",
          itemStyle: { color: "#2f5597" },
          label: {
            show: true,
            position: "right",
            fontFamily: FONT,
            fontSize: 11,
            color: "#333",
            formatter: (p: { dataIndex: number }) => {
              const c = cats[p.dataIndex];
              return `${formatFigure(c.score)} / ${c.max}`;
            },
          },
          z: 2,
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    // Without dispose() ECharts keeps a timer and the process alive.
    chart.dispose();
  }
}

/** The chart as PNG bytes (twice the SVG's size, for print). */
export function categoryChartPng(r: StageReport): { png: Buffer; width: number; height: number } {
  const svg = categoryChartSvg(r);
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: "WenQuanYi Zen Hei" },
    fitTo: { mode: "zoom", value: 2 },
    background: "white",
  });
  const img = resvg.render();
  return { png: Buffer.from(img.asPng()), width: img.width / 2, height: img.height / 2 };
}
