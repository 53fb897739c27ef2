// The review documents the award's procedure names, as Word documents (.docx): 评审记录表 (one applicant's on-site
// panel: who, each expert's entry per item, totals, signatures), 评审得分排序表 (one on-site group's applicants by the
// group's score, with the leader's and members' signature lines) — 河北 四（五）3 — and the 综合评审工作报告 (四（六）3:
// rules applied, counts, ranking, 授奖候选名单, problems). Every figure under the one display rule (formatFigure) or as
// the summary printed it. Node only.
import { AlignmentType, Document, PageOrientation, Packer, Paragraph, Table, TableRow, TextRun, WidthType } from "docx";
import { formatFigure } from "../core";
import { STAGE_NAME } from "../workbook/labels";
import { borders, cell, FONT, heading, pageFooter, para } from "./docx";
import type { RankingBlock, RankingSheet, ReviewRecord, WorkReport, WorkReportPart } from "./documents";

/** Tied on the last place inside the limit: listed, and the committee decides (the tool breaks no tie). */
export const TIE_NOTE = "末位并列，超出名额，由评审委员会决定";

const f2 = (x: number | null, line: number | null = null) => formatFigure(x, [line]);
/** An entry as the expert typed it: 45 → "45", 12.5 → "12.5" (the display rule's figure without trailing zeros). */
const entry = (x: number | null) => (x === null ? "—" : formatFigure(x).replace(/\.?0+$/, ""));

const title = (t: string, size = 40, after = 240) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after },
    children: [new TextRun({ text: t, bold: true, size })],
  });
/** A rule set's or ranking's name above its table, kept on the table's page. */
const label = (t: string) =>
  new Paragraph({ keepNext: true, spacing: { after: 60 }, children: [new TextRun({ text: t, bold: true, size: 22 })] });
const centred = (t: string, size = 22) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 160 },
    children: [new TextRun({ text: t, size })],
  });
const sign = (label: string, before = 360) =>
  new Paragraph({
    spacing: { before },
    children: [new TextRun({ text: `${label}________________\u3000\u3000日期：____________`, size: 22 })],
  });

function table(
  header: string[],
  rows: string[][],
  widths: number[],
  opts: { size?: number; tall?: number[]; left?: number[] } = {},
) {
  // Names and sentences read from the left; codes and figures are centred.
  const left = opts.left ?? [1];
  const size = opts.size ?? 20;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) =>
          cell(h, { bold: true, shade: "DCE6F1", align: "center", width: widths[i], size }),
        ),
      }),
      ...rows.map(
        (r, k) =>
          new TableRow({
            height: opts.tall?.includes(k) ? { value: 700, rule: "atLeast" } : undefined,
            cantSplit: true,
            children: r.map((t, i) => cell(t, { width: widths[i], size, align: left.includes(i) ? "left" : "center" })),
          }),
      ),
    ],
  });
}

function infoTable(info: [string, string][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: info.map(
      ([k, v]) =>
        new TableRow({ children: [cell(k, { bold: true, width: 22, shade: "F2F2F2" }), cell(v, { width: 78 })] }),
    ),
  });
}

async function pack(
  name: string,
  body: (Paragraph | Table)[],
  opts: { landscape?: boolean; date?: string } = {},
): Promise<Buffer> {
  if (opts.date)
    body.push(
      new Paragraph({
        spacing: { before: 240 },
        children: [new TextRun({ text: `本表生成于 ${opts.date}。`, size: 18, color: "7F7F7F" })],
      }),
    );
  const doc = new Document({
    creator: "Scorebook",
    title: name,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: {
          page: {
            // A4 (the library swaps width and height for landscape itself).
            size: {
              width: 11906,
              height: 16838,
              orientation: opts.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: { top: 1200, bottom: 1200, left: 1100, right: 1100 },
          },
        },
        footers: { default: pageFooter(name) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** 评审记录表 of one applicant's on-site panel (A4 landscape: one column per expert). */
export async function recordDocx(rec: ReviewRecord, options: { date?: string } = {}): Promise<Buffer> {
  const r = rec.report;
  const who = r.rubricId.includes("individual") ? "申报人" : "申报单位";
  const stage = STAGE_NAME[r.stage];
  const consensus = r.method === "合议";
  const maturity = r.scoring === "maturity";
  const n = rec.experts.length;
  const body: (Paragraph | Table)[] = [
    title(r.award, 28, 60),
    title(`${stage}记录表`, 36),
    infoTable([
      [who, r.applicant],
      ["评价标准", r.rubricTitle],
      ["评审阶段", stage],
      [
        "评审专家组",
        `${rec.group ? `${rec.group}：` : ""}${rec.experts.map((e) => e.name).join("、")}（${n} 位）${rec.leader ? `；组长 ${rec.leader}` : ""}`,
      ],
      ["专家组得分", `${f2(r.score, r.line)} 分（满分 ${r.max} 分；${r.method}）`],
      ["评审日期", "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"],
    ]),
    para(
      `各专家的评分（${maturity ? "成熟度 %" : "得分"}）${consensus ? "、专家组合议的成熟度" : ""}与项目得分${consensus ? "（按合议成熟度计算）" : `（专家组${r.method}）`}：`,
      { size: 20 },
    ),
  ];
  // Column widths (percent of the row): code, item, points, one per expert, (agreed), item score.
  const fixed = 6 + 22 + 6 + (consensus ? 8 : 0) + 9;
  const each = Math.max(5, Math.floor((100 - fixed) / Math.max(1, n)));
  const widths = [6, 22, 6, ...rec.experts.map(() => each), ...(consensus ? [8] : []), 9];
  const header = [
    "编号",
    "评价项目",
    "分值",
    ...rec.experts.map((e) => e.name),
    ...(consensus ? ["合议"] : []),
    "项目得分",
  ];
  const unit = maturity ? "%" : "";
  const rows: string[][] = r.items.map((item, i) => [
    item.code,
    item.name,
    String(item.points),
    ...rec.experts.map((e) => (e.values[i] === null ? "—" : `${entry(e.values[i])}${unit}`)),
    ...(consensus ? [item.value === null ? "—" : `${entry(item.value)}${unit}`] : []),
    f2(item.score),
  ]);
  rows.push([
    "",
    "总分",
    String(r.max),
    ...rec.experts.map((e) => f2(e.total)),
    ...(consensus ? [""] : []),
    f2(r.score, r.line),
  ]);
  rows.push(["", "签名", "", ...rec.experts.map(() => ""), ...(consensus ? [""] : []), ""]);
  body.push(table(header, rows, widths, { size: n > 5 ? 18 : 20, tall: [rows.length - 1] }));
  body.push(sign("评审专家组组长（签名）："));
  return pack(`${r.applicant} ${stage}记录表`, body, { landscape: true, date: options.date });
}

/** 评审得分排序表 of one on-site group: its applicants by the group's score, with signature lines. */
export async function rankingSheetDocx(g: RankingSheet, options: { date?: string } = {}): Promise<Buffer> {
  const signers = g.leader
    ? [["组长", g.leader, ""], ...g.experts.filter((e) => e !== g.leader).map((e) => ["成员", e, ""])]
    : [["组长", "", ""], ...g.experts.map((e) => ["成员", e, ""])];
  const body: (Paragraph | Table)[] = [
    title(g.award, 28, 60),
    title("现场评审得分排序表", 36, 80),
    centred(`（${g.ruleSet}·现场评审专家组 ${g.group ?? g.number}）`),
    infoTable([
      ["评审专家组", `${g.experts.join("、")}（${g.experts.length} 位）${g.leader ? `；组长 ${g.leader}` : ""}`],
      ["排序依据", "本专家组现场评审得分，由高到低；得分相同者名次相同"],
    ]),
    para("", { size: 12 }),
    table(
      ["名次", "申报者", "评价标准", "现场评审得分", "得分方式"],
      g.rows.map((row) => [String(row.rank), row.applicant, row.rubricTitle, f2(row.score), row.method]),
      [8, 34, 26, 17, 15],
    ),
    para("", { size: 12 }),
    heading("评审专家组签名"),
    // The draw names the leader; without it the leader writes their name in the 组长 row.
    table(["职责", "姓名", "签名"], signers, [16, 34, 50], { tall: signers.map((_, i) => i) }),
    ...(g.leader ? [] : [para("组长在“组长”一行填写姓名并签名，并在本人的“成员”一行签名。", { size: 20 })]),
    new Paragraph({
      spacing: { before: 240 },
      children: [new TextRun({ text: "日期：____________", size: 22 })],
    }),
  ];
  return pack(`现场评审专家组 ${g.group ?? g.number} 评审得分排序表`, body, { date: options.date });
}

function rankingTable(b: RankingBlock, withPublic: boolean) {
  return table(
    ["名次", "申报者", "材料评审", "现场评审", "加分", ...(withPublic ? ["满意度"] : []), "综合得分", "结论"],
    b.rows.map((row) => [
      row.rank === null ? "—" : String(row.rank),
      row.applicant,
      row.material || "—",
      row.onsite || "—",
      row.bonus || "—",
      ...(withPublic ? [row.public || "—"] : []),
      row.final || "—",
      row.status,
    ]),
    withPublic ? [7, 29, 11, 11, 8, 9, 11, 14] : [7, 33, 12, 12, 8, 12, 16],
    { size: 18 },
  );
}

function rulesSection(p: WorkReportPart): (Paragraph | Table)[] {
  const r = p.rules;
  const out: (Paragraph | Table)[] = [label(`（${r.name.zh}）`)];
  if (p.source) out.push(para(`评审依据：${p.source}`, { indent: 240, size: 21 }));
  const lines = [
    ...(r.notes ?? []).filter((x) => x.includes("得分 =")),
    r.advance?.note ?? "",
    r.vote ? `评审委员会表决：${r.vote.text}` : "",
  ].filter(Boolean);
  for (const l of lines) out.push(para(`· ${l}`, { indent: 240, size: 21 }));
  const q = p.params;
  if (q) {
    const pct = (x: number | null) => (x === null ? "—" : `${formatFigure(x * 100).replace(/\.?0+$/, "")}%`);
    const none = (x: number | null, unit: string, empty: string) =>
      x === null ? empty : `${formatFigure(x).replace(/\.?0+$/, "")}${unit}`;
    const settings: [string, string][] = [
      [
        "材料评审权重 / 现场评审权重",
        `${pct(q.materialWeight)} / ${pct(q.materialWeight === null ? null : 1 - q.materialWeight)}`,
      ],
      ["专家组合成方法", q.method || "—"],
      ["进入现场评审分数线", none(q.advance, " 分", "不设")],
      ["提名分数线", none(q.final, " 分", "不设")],
      ["候选名额", none(q.topN, " 名", "不限")],
      ["专家分歧阈值", none(q.divergence, " 个百分点（或相差两档及以上）", "—")],
    ];
    out.push(para("本次评审采用的参数（汇总表“参数”）：", { indent: 240, size: 21 }));
    out.push(
      table(
        ["参数", "取值"],
        settings.map(([k, v]) => [k, v]),
        [40, 60],
        { size: 20 },
      ),
    );
    // Where 参数 departs from the award's own figure, say so.
    const changed: string[] = [];
    if (r.advance && q.advance !== r.advance.min) changed.push(`进入现场评审分数线（规则 ${r.advance.min} 分）`);
    if (r.finalThreshold !== null && q.final !== r.finalThreshold)
      changed.push(`提名分数线（规则 ${r.finalThreshold} 分）`);
    if (r.topN !== null && q.topN !== r.topN) changed.push(`候选名额（规则 ${r.topN} 名）`);
    if (changed.length)
      out.push(
        para(`注意：以下参数与奖项规则不同，由质评办在“参数”中修改：${changed.join("、")}。`, {
          indent: 240,
          size: 21,
        }),
      );
  }
  out.push(
    para(
      p.settings.length
        ? "评审规则未作规定、由质评办设定的事项（奖项数据中的默认值，可在“参数”中修改）："
        : "评审规则未留由质评办设定的事项。",
      { indent: 240, size: 21 },
    ),
  );
  if (p.settings.length)
    out.push(
      table(
        ["质评办设定", "取值"],
        p.settings.map((s) => [s.label, s.value || "—"]),
        [40, 60],
        { size: 20 },
      ),
    );
  return out;
}

/** The 综合评审工作报告 (四（六）3): rules applied, counts, ranking, the candidate list and the problems. */
export async function workReportDocx(w: WorkReport, options: { date?: string } = {}): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    title(w.title, 28, 60),
    title("综合评审工作报告", 40),
    para(
      "质评办依据材料评审、现场评审的评审结果，汇总进入现场评审的申报者的最终得分，形成本报告，提出授奖候选名单，提请评审委员会审议。",
    ),
    heading("一、评审依据与规则"),
  ];
  for (const p of w.parts) body.push(...rulesSection(p));
  body.push(heading("二、评审工作情况"));
  body.push(
    table(
      ["奖项类别", "申报者", "材料评审", "进入现场评审", "完成现场评审", "评审专家", "计入评分表"],
      w.parts.map((p) => [
        p.rules.name.zh,
        `${p.applicants}`,
        `${p.material}`,
        `${p.advanced}`,
        `${p.onsite}`,
        `${p.experts.people} 人`,
        `${p.sheets} 份`,
      ]),
      [26, 10, 11, 14, 14, 12, 13],
      { size: 20 },
    ),
  );
  for (const p of w.parts)
    body.push(
      para(
        `${p.rules.name.zh}：申报者 ${p.applicants} 个，材料评审 ${p.material} 个，进入现场评审 ${p.advanced} 个，完成现场评审 ${p.onsite} 个；评审专家 ${p.experts.people} 人，材料评审 ${p.experts.material} 人次、现场评审 ${p.experts.onsite} 人次。`,
        { indent: 240, size: 21 },
      ),
    );
  body.push(heading("三、评审结果排序"));
  for (const p of w.parts)
    for (const b of p.rankings) {
      body.push(label(`（${b.title || p.rules.name.zh}）`));
      body.push(rankingTable(b, p.rules.publicSatisfaction !== null));
    }
  body.push(heading("四、授奖候选名单"));
  for (const p of w.parts) {
    body.push(label(`（${p.rules.name.zh}）`));
    if (p.rules.finalThreshold === null) {
      body.push(para("本奖项评审规则未设提名分数线，不提出授奖候选名单。", { indent: 240, size: 21 }));
      continue;
    }
    const basis = p.rules.notes?.find((n) => n.includes("候选")) ?? "";
    if (basis) body.push(para(basis, { indent: 240, size: 21 }));
    if (!p.candidates.length) {
      body.push(para("（无达到提名分数线的申报者）", { indent: 240, size: 21 }));
      continue;
    }
    const tie = p.candidates.some((c) => c.tie);
    body.push(
      table(
        ["序号", "申报者", "名次", "综合得分", "备注"],
        [...p.candidates]
          .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
          .map((c, k) => [
            String(k + 1),
            c.applicant,
            c.rank === null ? "—" : String(c.rank),
            c.final,
            c.tie ? TIE_NOTE : "",
          ]),
        [8, 38, 9, 15, 30],
        { size: 20 },
      ),
    );
    const limit = p.params ? p.params.topN : p.rules.topN;
    if (tie)
      body.push(
        para(
          `末位并列：第 ${p.candidates.find((c) => c.tie)!.rank} 名并列者全部列出，超出候选名额（${limit} 名），由评审委员会决定。`,
          { indent: 240, size: 21 },
        ),
      );
    if (p.rules.vote)
      body.push(
        para(`授奖候选名单提请评审委员会审议表决（${p.rules.vote.text.replace(/。$/, "")}）。`, {
          indent: 240,
          size: 21,
        }),
      );
  }
  body.push(heading("五、存在的问题"));
  if (!w.pending.length && !w.problems.length) body.push(para("未发现问题：全部评分表均已计入。", { indent: 240 }));
  if (w.pending.length)
    body.push(
      para(`否决待核实（专家标记了否决事项，质评办尚未核实，不列入候选名单）：${w.pending.join("、")}。`, {
        indent: 240,
        size: 21,
      }),
    );
  if (w.problems.length) {
    body.push(para(`汇总时发现的问题 ${w.problems.length} 个（详见汇总表“问题”）：`, { indent: 240, size: 21 }));
    body.push(
      table(
        ["序号", "文件 / 申报者", "类别", "说明"],
        w.problems.map((x, k) => [
          String(k + 1),
          [x.file, x.applicant].filter(Boolean).join("；") || "—",
          x.kind,
          x.reason,
        ]),
        [7, 30, 12, 51],
        { size: 18, left: [1, 3] },
      ),
    );
  }
  body.push(sign("质评办（盖章）：", 480));
  return pack(`${w.title} 综合评审工作报告`, body, { date: options.date });
}
