// A review report (材料评审报告 / 现场评审报告) as a Word document (.docx, the format Chinese offices exchange), written
// with the `docx` library: the award, applicant and stage, the score per category against its maximum with a chart,
// the final score and status where known, key themes, and per item the band, strengths and opportunities for
// improvement (deduplicated, without expert names). Node only (the chart is rendered with resvg).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { applicantStatusText, formatFigure } from "../core";
import { categoryChartPng } from "./chart";
import { keyThemes, type StageReport } from "./model";

export const FONT = { ascii: "SimSun", eastAsia: "宋体", hAnsi: "SimSun" };
/** Every figure under the one display rule (src/core formatFigure): two decimals, more near a line it is compared with. */
const f2 = (x: number | null, line: number | null = null) => formatFigure(x, [line]);

/** Every report's footer: what the document is, then 第 n 页，共 m 页 (a printed page is traced to its document). */
export function pageFooter(name: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: [`${name}\u3000第 `, PageNumber.CURRENT, " 页，共 ", PageNumber.TOTAL_PAGES, " 页"],
            size: 18,
          }),
        ],
      }),
    ],
  });
}

export function cell(
  t: string,
  opts: { bold?: boolean; width?: number; shade?: string; align?: "left" | "center"; size?: number } = {},
) {
  return new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    shading: opts.shade ? { fill: opts.shade } : undefined,
    children: [
      new Paragraph({
        alignment: opts.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text: t, bold: opts.bold, size: opts.size ?? 21 })],
      }),
    ],
  });
}

export const borders = {
  top: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
  left: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
  right: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
  insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
  insideVertical: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
};

export const heading = (t: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    // Never the last line of a page: a heading stays with what it heads.
    keepNext: true,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text: t, bold: true, size: 28 })],
  });
export const para = (t: string, opts: { bold?: boolean; indent?: number; size?: number } = {}) =>
  new Paragraph({
    indent: opts.indent ? { left: opts.indent } : undefined,
    spacing: { after: 60 },
    children: [new TextRun({ text: t, bold: opts.bold, size: opts.size ?? 22 })],
  });

/** How many ruled lines the 现场评审意见 leaves for the group's text. */
const OPINION_LINES = 8;

/** Ruled lines for handwriting: a table of empty rows (paragraph borders would merge into one box when printed). */
export const ruledBox = (lines: number) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      ...borders,
      left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
      right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
      insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
    },
    rows: Array.from(
      { length: lines },
      () => new TableRow({ height: { value: 520, rule: "exact" }, children: [cell("")] }),
    ),
  });

/** The report as .docx bytes. */
export async function reportDocx(r: StageReport, options: { date?: string } = {}): Promise<Buffer> {
  const who = r.rubricId.includes("individual") ? "申报人" : "申报单位";
  const info: [string, string][] = [
    [who, r.applicant],
    ["评价标准", r.rubricTitle],
    ["评审阶段", r.title.replace(/报告$/, "")],
    ["专家组", `${r.experts} 位专家；专家组得分：${r.method}`],
    [`${r.title.replace(/报告$/, "")}得分`, `${f2(r.score, r.line)} 分（满分 ${r.max} 分）`],
  ];
  // The status beside the score it rests on; a working state of the secretariat (否决待核实, a missing score) is not
  // a verdict and is not told to the applicant.
  const status = applicantStatusText(r.status);
  if (r.final !== null) info.push(["最终得分", `${f2(r.final, r.finalLine)} 分${status ? `（${status}）` : ""}`]);
  if (status) info.push(["评审结论", status]);
  const chart = categoryChartPng(r);
  const maturity = r.scoring === "maturity";
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 80 },
      children: [new TextRun({ text: r.award, bold: true, size: 32 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: r.title, bold: true, size: 40 })],
    }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders,
      rows: info.map(
        ([k, v]) =>
          new TableRow({ children: [cell(k, { bold: true, width: 24, shade: "F2F2F2" }), cell(v, { width: 76 })] }),
      ),
    }),
    heading("一、得分概况"),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders,
      rows: [
        new TableRow({
          tableHeader: true,
          children: ["一级指标", "分值", "得分", "得分率"].map((h, i) =>
            cell(h, { bold: true, shade: "DCE6F1", align: "center", width: i === 0 ? 52 : 16 }),
          ),
        }),
        ...r.categories.map(
          (c) =>
            new TableRow({
              children: [
                cell(`${c.code} ${c.name}`),
                cell(String(c.max), { align: "center" }),
                cell(f2(c.score), { align: "center" }),
                cell(c.max ? `${Math.round((c.score / c.max) * 100)}%` : "—", { align: "center" }),
              ],
            }),
        ),
        new TableRow({
          children: [
            cell("合计", { bold: true }),
            cell(String(r.max), { bold: true, align: "center" }),
            cell(f2(r.score, r.line), { bold: true, align: "center" }),
            cell(r.max && r.score !== null ? `${Math.round((r.score / r.max) * 100)}%` : "—", {
              bold: true,
              align: "center",
            }),
          ],
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 160, after: 60 },
      children: [
        new ImageRun({
          type: "png",
          data: chart.png,
          transformation: { width: Math.round(chart.width * 0.9), height: Math.round(chart.height * 0.9) },
          altText: { title: "各一级指标得分", description: "各一级指标得分与分值对比图", name: "category-chart" },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: "图 1\u3000各一级指标得分与分值", size: 18, color: "595959" })],
    }),
    heading("二、关键主题"),
    ...keyThemes(r).map((t) => para(`· ${t}`, { indent: 240 })),
    heading("三、各评价项目的优势与改进机会"),
  ];
  for (const i of r.items) {
    // The band only: a mean of the experts' maturities is no maturity anyone gave (not shown to the applicant); the
    // group's agreed maturity (合议) is.
    const agreed =
      r.method === "合议" && i.value !== null ? `（合议成熟度 ${formatFigure(i.value).replace(/\.?0+$/, "")}%）` : "";
    const level = maturity ? (i.band !== null ? `第 ${i.band} 档${agreed}` : "未评定") : "";
    body.push(
      new Paragraph({
        spacing: { before: 160, after: 60 },
        children: [
          new TextRun({ text: `${i.code} ${i.name}`, bold: true, size: 23 }),
          new TextRun({
            text: `（${i.points} 分）\u3000${level ? `${level}\u3000` : ""}得分 ${f2(i.score)}`,
            size: 21,
            color: "404040",
          }),
        ],
      }),
    );
    body.push(para("优势：", { bold: true, indent: 240, size: 21 }));
    if (i.strengths.length) for (const t of i.strengths) body.push(para(`· ${t}`, { indent: 480, size: 21 }));
    else body.push(para("（无）", { indent: 480, size: 21 }));
    body.push(para("改进机会：", { bold: true, indent: 240, size: 21 }));
    if (i.opportunities.length) for (const t of i.opportunities) body.push(para(`· ${t}`, { indent: 480, size: 21 }));
    else body.push(para("（无）", { indent: 480, size: 21 }));
  }
  if (r.opinion !== null && r.opinion !== undefined) {
    // 现场评审意见 (四（五）3): the group's own judgement, written by hand on the printed report — the tool states
    // what the rules ask and leaves the lines.
    body.push(heading("四、现场评审意见"));
    if (r.opinion) body.push(para(r.opinion, { size: 20 }));
    body.push(para("（由评审专家组填写）", { size: 20 }));
    body.push(ruledBox(OPINION_LINES));
  }
  body.push(
    new Paragraph({
      spacing: { before: 480 },
      children: [
        new TextRun({
          text: `${r.title.replace(/报告$/, "")}专家组组长（签名）：________________\u3000\u3000日期：____________`,
          size: 22,
        }),
      ],
    }),
    new Paragraph({
      spacing: { before: 240 },
      children: [new TextRun({ text: "质评办（盖章）：________________\u3000\u3000日期：____________", size: 22 })],
    }),
  );
  if (options.date)
    body.push(
      new Paragraph({
        spacing: { before: 240 },
        children: [new TextRun({ text: `本报告生成于 ${options.date}。`, size: 18, color: "7F7F7F" })],
      }),
    );
  const doc = new Document({
    creator: "Scorebook",
    title: `${r.applicant} ${r.title}`,
    description: `${r.award} ${r.title}`,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1300, right: 1300 } },
        },
        footers: { default: pageFooter(`${r.applicant} ${r.title}`) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
