// The round workbook (评审安排) as layout data, rendered by src/xlsx like every other workbook: the empty template the
// secretariat fills in (说明, 申报者, 专家库, 回避, 参数) and the sheets a draw adds (分组, 抽取记录). No file access.
import {
  COLUMNS,
  keptAudit,
  KEPT_NOTE,
  panelsFingerprint,
  PARAM_ROWS,
  RECORD_HEADER,
  RECORD_LABEL,
  recordFingerprint,
  ROUND_DEFAULTS,
  ROUND_SHEET,
  STAGE_ZH,
  type Assignment,
  type Library,
  type PanelAudit,
  type RoundParams,
} from "../core";
import { SheetBuilder } from "../workbook/sheet-builder";
import { PAGE_NUMBERS, pageSetup } from "../workbook/sheets/common";
import { localDateTime, rowHeight, wrappedLines } from "../workbook/text";
import type { CellStyle, RenderableLayout, SheetLayout, ValidationLayout } from "../workbook/types";

const FONT = "等线";
export const ROUND_STYLES: Record<string, CellStyle> = {
  title: { font: { name: FONT, size: 14, bold: true } },
  text: { font: { name: FONT, size: 11 }, wrap: true, vertical: "top", numFmt: "@" },
  header: {
    font: { name: FONT, size: 11, bold: true, color: "FFFFFF" },
    fill: "1F4E78",
    border: { top: "thin", bottom: "thin", left: "thin", right: "thin", color: "8EA9C1" },
    vertical: "middle",
    wrap: true,
  },
  cell: {
    font: { name: FONT, size: 11 },
    border: { top: "thin", bottom: "thin", left: "thin", right: "thin", color: "BFBFBF" },
    vertical: "top",
    wrap: true,
    numFmt: "@",
  },
  leader: {
    font: { name: FONT, size: 11, bold: true },
    fill: "E2EFDA",
    border: { top: "thin", bottom: "thin", left: "thin", right: "thin", color: "BFBFBF" },
    vertical: "top",
    wrap: true,
    numFmt: "@",
  },
  note: { font: { name: FONT, size: 10, color: "595959" }, wrap: true, vertical: "top", numFmt: "@" },
  num: {
    font: { name: FONT, size: 11 },
    border: { top: "thin", bottom: "thin", left: "thin", right: "thin", color: "BFBFBF" },
    vertical: "top",
    horizontal: "left",
  },
  /** An empty row of an editable sheet: text format (001 and =x stay as typed), no border so that it prints blank. */
  input: { font: { name: FONT, size: 11 }, vertical: "top", wrap: true, numFmt: "@" },
  key: { font: { name: FONT, size: 11, bold: true }, vertical: "top", numFmt: "@" },
};

/** A4 landscape, the header row repeated, page numbers. */
function landscape(area: string): NonNullable<SheetLayout["print"]> {
  return pageSetup({ orientation: "landscape", area, titleRow: 1, footer: { center: PAGE_NUMBERS } });
}

/** A sheet with a header row and data rows (plain text cells), editable unless `protect`. */
function tableSheet(
  name: string,
  headers: { text: string; width: number }[],
  rows: { values: string[]; style?: string }[],
  opts: { protect?: boolean; emptyRows?: number } = {},
): SheetBuilder {
  const s = new SheetBuilder("round", name);
  const cols = headers.map((_, i) => String.fromCharCode(65 + i));
  s.columns = headers.map((h, i) => ({ col: cols[i], width: h.width }));
  headers.forEach((h, i) => s.text(`${cols[i]}1`, h.text, "header"));
  s.height(1, 22);
  rows.forEach((r, k) => r.values.forEach((v, i) => s.text(`${cols[i]}${k + 2}`, v, r.style ?? "cell")));
  // Editable sheets: the first rows are pre-formatted as text, so that a name like 001 or =x stays as typed.
  for (let k = rows.length; k < (opts.emptyRows ?? 0); k++)
    cols.forEach((c) => s.set(`${c}${k + 2}`, { style: "input", locked: false }));
  return s;
}

const first = (xs: readonly string[]) => xs[0];

/** The drop-down or number rule of each setting in 参数 (what parseRound accepts, offered as the choices). */
const PARAM_CHOICES: Partial<
  Record<(typeof PARAM_ROWS)[number]["key"], Pick<ValidationLayout, "type" | "list" | "min" | "max" | "error">>
> = {
  materialSize: { type: "whole", min: 1, max: 99, error: { title: "人数无效", message: "请填写不小于 1 的整数。" } },
  onsiteSize: { type: "whole", min: 1, max: 99, error: { title: "人数无效", message: "请填写不小于 1 的整数。" } },
  maxLoad: { type: "whole", min: 0, max: 999, error: { title: "份数无效", message: "请填写整数；0 表示不限。" } },
  groupSize: { type: "whole", min: 1, max: 99, error: { title: "数目无效", message: "请填写不小于 1 的整数。" } },
  sameEmployer: { type: "list", list: ["是", "否"], error: { title: "请选择是或否", message: "请选择“是”或“否”。" } },
  samePlace: { type: "list", list: ["是", "否"], error: { title: "请选择是或否", message: "请选择“是”或“否”。" } },
  freshOnsite: { type: "list", list: ["是", "否"], error: { title: "请选择是或否", message: "请选择“是”或“否”。" } },
  stages: {
    type: "list",
    list: ["材料评审、现场评审", "材料评审", "现场评审"],
    error: { title: "阶段无效", message: "请选择：材料评审、现场评审，或其中之一。" },
  },
};
const yes = (b: boolean) => (b ? "是" : "否");

/** The value a setting shows in 参数. */
function paramValue(p: Partial<RoundParams>, key: (typeof PARAM_ROWS)[number]["key"]): string | number {
  const d = { ...ROUND_DEFAULTS, roundId: "", seed: "", ...p };
  switch (key) {
    case "roundId":
      return d.roundId;
    case "seed":
      return d.seed;
    case "materialSize":
      return d.panelSize.material;
    case "onsiteSize":
      return d.panelSize.onsite;
    case "maxLoad":
      return d.maxLoad;
    case "sameEmployer":
      return yes(d.sameEmployer);
    case "samePlace":
      return yes(d.samePlace);
    case "freshOnsite":
      return yes(d.freshOnsite);
    case "groupSize":
      return d.groupSize;
    case "stages":
      return d.stages.map((s) => STAGE_ZH[s]).join("、");
  }
}

const README_LINES = [
  "本工作簿是一个评审批次的安排：质评办填写“申报者”“专家库”“回避”“参数”四张表，由 scorebook 抽取专家组并生成全部评分表。",
  "",
  "1. 申报者：每行一个申报者。“评分标准”填评分标准编号或名称（见下表）；行业、所在地、工作单位（上级单位）用于专业匹配和回避，可不填。",
  "2. 专家库：每行一位专家。工作单位、所在地用于同单位、同地回避；专业领域填行业、评分标准编号或名称，多个用顿号分隔，空白或“不限”表示可评审任何申报者；可参加阶段填 材料评审、现场评审 或留空（两者均可）。同名专家请加以区分。",
  "3. 回避：专家本人申报的利害关系（专家、申报者、原因），抽取时一律回避。",
  "4. 参数：每组人数、每位专家最多评审数、同单位回避、同地回避、随机种子等；细则未规定的取值为默认值，质评办可修改。",
  "",
  "抽取：scorebook round draw 评审安排.xlsx --seed 20250601 — 写入“分组”（申报者、阶段、专家、组长）和“抽取记录”（种子、时间、规则，以及每个专家组符合条件和被排除的专家及原因）。相同的种子和相同的表格内容得到相同的结果，与行的顺序无关，纪检人员可复核。无法满足全部条件时不写入任何内容，并说明是哪个专家组、为什么。",
  "生成：scorebook round generate 评审安排.xlsx -o 评分表/ — 每位专家一个文件夹和一个 .zip，评分表中记有批次编号；已存在的文件不会被覆盖。",
  "回收：scorebook round status 评审安排.xlsx 回收/ — 应交、已交、已计入；未交的按专家列出（催收清单）；不在专家组中的评分表和有问题的评分表及原因。",
  "汇总：scorebook aggregate 回收/ --round 评审安排.xlsx — 未经抽取的专家的评分表不计入；未交回和人数不足的专家组在“问题”中列出。",
  "",
  "可用的评分标准：",
];

/** The empty round workbook (`scorebook round template`). */
export function templateLayout(lib: Library, createdAt: string): RenderableLayout {
  const readme = new SheetBuilder("round", ROUND_SHEET.readme);
  readme.columns = [
    { col: "A", width: 30 },
    { col: "B", width: 90 },
  ];
  readme.text("A1", "评审安排（评审批次）", "title");
  readme.height(1, 24);
  let row = 3;
  for (const line of README_LINES) {
    if (line) {
      readme.text(`A${row}`, line, "text");
      readme.merge(`A${row}:B${row}`);
      readme.height(row, Math.max(15, Math.ceil(line.length / 60) * 15));
    }
    row++;
  }
  for (const r of lib.rubrics) {
    readme.text(`A${row}`, r.id, "key");
    readme.text(`B${row}`, r.title.zh, "text");
    row++;
  }

  const a = COLUMNS.applicants;
  const applicants = tableSheet(
    ROUND_SHEET.applicants,
    [
      { text: first(a.name), width: 34 },
      { text: first(a.rubric), width: 26 },
      { text: first(a.sector), width: 14 },
      { text: first(a.place), width: 14 },
      { text: first(a.employer), width: 28 },
      { text: first(a.stages), width: 20 },
    ],
    [],
    { emptyRows: 200 },
  );
  const e = COLUMNS.experts;
  const experts = tableSheet(
    ROUND_SHEET.experts,
    [
      { text: first(e.name), width: 14 },
      { text: first(e.employer), width: 30 },
      { text: first(e.place), width: 14 },
      { text: first(e.specialties), width: 30 },
      { text: first(e.stages), width: 20 },
    ],
    [],
    { emptyRows: 400 },
  );
  // Drop-downs for every choice, so a clerk picks rather than types (a value outside them is still refused on read,
  // by sheet and row: "Y" is not 是). The rubric by its Chinese title, when the titles fit an inline list.
  const STAGE_CHOICES = ["材料评审", "现场评审", "材料评审、现场评审"];
  const titles = lib.rubrics.map((r) => r.title.zh);
  if (titles.join(",").length <= 255 && titles.every((t) => !t.includes(",")))
    applicants.validations.push({
      ref: "B2:B201",
      type: "list",
      list: titles,
      allowBlank: true,
      error: { title: "评分标准无效", message: "请从下拉列表中选择评分标准（也可填写评分标准编号）。" },
    });
  for (const [sheet, ref] of [
    [applicants, "F2:F201"],
    [experts, "E2:E401"],
  ] as const)
    sheet.validations.push({
      ref,
      type: "list",
      list: STAGE_CHOICES,
      allowBlank: true,
      error: { title: "阶段无效", message: "请选择：材料评审、现场评审，或两者（留空表示两个阶段都可）。" },
    });
  const c = COLUMNS.conflicts;
  const conflicts = tableSheet(
    ROUND_SHEET.conflicts,
    [
      { text: first(c.expert), width: 14 },
      { text: first(c.applicant), width: 34 },
      { text: first(c.reason), width: 50 },
    ],
    [],
    { emptyRows: 100 },
  );
  const params = new SheetBuilder("round", ROUND_SHEET.params);
  params.columns = [
    { col: "A", width: 22 },
    { col: "B", width: 22 },
    { col: "C", width: 80 },
  ];
  ["参数", "值", "说明"].forEach((h, i) => params.text(`${"ABC"[i]}1`, h, "header"));
  PARAM_ROWS.forEach((p, i) => {
    const r = i + 2;
    params.text(`A${r}`, p.zh, "key");
    const v = paramValue({}, p.key);
    params.set(`B${r}`, {
      value: v === "" ? null : v,
      style: typeof v === "number" ? "num" : "cell",
      locked: false,
    });
    params.text(`C${r}`, p.note + (["roundId", "seed"].includes(p.key) ? "" : "（默认值，细则未规定）"), "note");
    const choice = PARAM_CHOICES[p.key];
    if (choice) params.validations.push({ ref: `B${r}`, allowBlank: true, ...choice });
    params.height(r, 30);
  });

  const printed = (cols: number, rows: number) => landscape(`A1:${String.fromCharCode(64 + cols)}${rows}`);
  return {
    properties: {
      title: "评审安排",
      subject: "评审批次",
      creator: "Scorebook",
      created: createdAt,
      keywords: "scorebook round",
    },
    styles: ROUND_STYLES,
    sheets: [
      readme.build({ protect: false, showGridLines: false, print: { ...printed(2, row), titleRows: undefined } }),
      applicants.build({
        protect: false,
        showGridLines: true,
        freeze: { rows: 1, columns: 0 },
        print: printed(6, 201),
      }),
      experts.build({ protect: false, showGridLines: true, freeze: { rows: 1, columns: 0 }, print: printed(5, 401) }),
      conflicts.build({ protect: false, showGridLines: true, freeze: { rows: 1, columns: 0 }, print: printed(3, 101) }),
      params.build({ protect: false, showGridLines: true, print: printed(3, PARAM_ROWS.length + 1) }),
    ],
    names: [],
  };
}

export interface DrawRecord {
  roundId: string;
  seed: string;
  /** ISO time of the draw. */
  drawnAt: string;
  params: RoundParams;
  experts: number;
  applicants: number;
  /** inputFingerprint() of what the draw read. */
  fingerprint: string;
}

/** 分组: one row per expected workbook; the leader's rows are marked. Protected (no password) against slips. */
export function panelsSheet(assignments: readonly Assignment[], lib: Library): SheetLayout {
  const p = COLUMNS.panels;
  // The rubric by its Chinese title, as the secretariat reads it (分组 is read back by id or title: resolveRubric).
  const title = (id: string) => lib.get(id)?.rubric.title.zh ?? id;
  const s = tableSheet(
    ROUND_SHEET.panels,
    [
      { text: first(p.roundId), width: 18 },
      { text: first(p.group), width: 10 },
      { text: first(p.applicant), width: 30 },
      { text: first(p.rubric), width: 44 }, // a title on one line: rows keep one line's height
      { text: first(p.stage), width: 10 },
      { text: first(p.expert), width: 14 },
      { text: first(p.leader), width: 6 },
    ],
    assignments.map((a) => ({
      values: [a.roundId, a.group, a.applicant, title(a.rubricId), STAGE_ZH[a.stage], a.expert, a.leader ? "是" : ""],
      style: a.leader ? "leader" : "cell",
    })),
  );
  return s.build({
    protect: true,
    showGridLines: true,
    freeze: { rows: 1, columns: 0 },
    tabColor: "548235",
    print: landscape(`A1:G${assignments.length + 1}`),
  });
}

/**
 * 抽取记录: the seed, time and rules, then per panel who was eligible, who was excluded and why, who was drawn (the
 * panels kept from an earlier draw listed after them). Two fingerprints make it checkable on every read: of 分组 as
 * written (`assignments`) and of the record's own text (recordFingerprint, which leaves out its own row).
 */
export function auditSheet(
  record: DrawRecord,
  audit: readonly PanelAudit[],
  assignments: readonly Assignment[],
): SheetLayout {
  const s = new SheetBuilder("round", ROUND_SHEET.audit);
  s.columns = [
    { col: "A", width: 10 },
    { col: "B", width: 10 },
    { col: "C", width: 30 },
    { col: "D", width: 8 },
    { col: "E", width: 40 },
    { col: "F", width: 56 },
    { col: "G", width: 30 },
    { col: "H", width: 10 },
    { col: "I", width: 24 },
  ];
  const p = record.params;
  const drawnPanels = new Set(audit.map((a) => `${a.stage}\u0000${a.group}`));
  const kept = keptAudit(assignments.filter((a) => !drawnPanels.has(`${a.stage}\u0000${a.group}`)));
  const facts: [string, string | number][] = [
    ["批次编号", record.roundId],
    ["随机种子", record.seed],
    ["抽取时间", `${localDateTime(record.drawnAt)}（北京时间）`],
    ["输入指纹", `${record.fingerprint}（申报者、专家库、回避、参数的内容，与行的顺序无关；复核时应相同）`],
    [
      RECORD_LABEL.panels,
      `${panelsFingerprint(assignments)}（“分组”的内容；每次读取评审安排时核对，分组的手工改动须在“调整原因”列写明原因）`,
    ],
    [RECORD_LABEL.record, ""],
    ["专家库", `${record.experts} 位专家`],
    ["申报者", `${record.applicants} 个`],
    ...PARAM_ROWS.filter((r) => !["roundId", "seed"].includes(r.key)).map(
      (r) => [r.zh, paramValue(p, r.key)] as [string, string | number],
    ),
    ...(p.stages.includes("material") && p.stages.includes("onsite")
      ? ([
          [
            "现场评审专家组",
            "本次在材料评审结果产生之前同时预先抽取了现场评审专家组。只有材料评审得分达到进入现场评审分数线的申报者进入现场评审；未达到者的现场评审专家组作废，其现场评审评分表不计入汇总（汇总时列为问题）。如需在材料评审之后只为进入现场评审的申报者抽取，请把“抽取阶段”设为“现场评审”，并在“申报者”的评审阶段中将未进入者标为“材料评审”后重新抽取。",
          ],
        ] as [string, string][])
      : []),
    [
      "方法",
      "每位专家在每个专家组的抽取次序由“随机种子 + 组别 + 专家姓名”的散列值（cyrb53）决定，与行的顺序无关；在尚有余量的符合条件的专家中，评审份数少者优先，其次按散列值；可选专家最少的专家组先抽；组长为组内担任组长次数最少者（同数按散列值）。以同一随机种子重新抽取，结果相同。",
    ],
  ];
  const table = [
    ...audit.map((a) => [
      a.group,
      STAGE_ZH[a.stage],
      a.applicants.join("、"),
      String(a.size),
      `${a.eligible.length} 位：${a.eligible.join("、")}`,
      a.excluded.map((x) => `${x.expert}：${x.reason}`).join("\n") || "无",
      a.drawn.join("、"),
      a.leader,
      a.repeated.length ? `${a.repeated.join("、")} 也参加了材料评审（专家不足）` : "",
    ]),
    ...kept.map((a) => [
      a.group,
      STAGE_ZH[a.stage],
      a.applicants.join("、"),
      String(a.size),
      "—",
      "—",
      a.drawn.join("、"),
      a.leader,
      KEPT_NOTE,
    ]),
  ];
  // The record's text as it is written (the fingerprint row left out), then its fingerprint.
  const own = recordFingerprint([["抽取记录"], ...facts.map(([k, v]) => [k, String(v)]), RECORD_HEADER, ...table]);
  s.text("A1", "抽取记录", "title");
  let row = 3;
  for (const [k, v] of facts) {
    s.text(`A${row}`, k, "key");
    s.merge(`A${row}:B${row}`);
    const value =
      k === RECORD_LABEL.record
        ? `${own}（本表其余内容的指纹：抽取记录在抽取后被改动时，读取评审安排会指出）`
        : String(v);
    s.set(`C${row}`, { value, style: "text" });
    s.merge(`C${row}:I${row}`);
    // The value is merged over C:I: as tall as its wrapped lines there.
    const across = s.columns.slice(2).reduce((t, c) => t + c.width, 0);
    s.height(row, Math.max(15, rowHeight(wrappedLines(value, across, 11), 11)));
    row++;
  }
  row++;
  const headerRow = row;
  RECORD_HEADER.forEach((h, i) => s.text(`${"ABCDEFGHI"[i]}${row}`, h, "header"));
  row++;
  for (const values of table) {
    values.forEach((v, i) => s.text(`${"ABCDEFGHI"[i]}${row}`, v, "cell"));
    // Every column wraps within its printed width: the row is as tall as its longest cell (none cut off).
    const lines = Math.max(1, ...values.map((v, i) => wrappedLines(String(v), s.columns[i].width, 11)));
    s.height(row, Math.min(409, rowHeight(lines, 11)));
    row++;
  }
  return s.build({
    protect: true,
    showGridLines: true,
    tabColor: "548235",
    print: { ...landscape(`A1:I${row - 1}`), titleRows: { first: headerRow, last: headerRow } },
  });
}
