// Charts in an .xlsx file. ExcelJS writes no charts, so the file it wrote is post-processed (its parts, through a
// PartStore: JSZip's, or the parts src/xlsx/zip-write.ts re-zips with Node's zlib): for every
// sheet with charts (SheetLayout.charts) a drawing part with one anchor per chart, a DrawingML chart part (columns and
// an optional line on shared axes, cached values from the layout so the chart shows before any recalculation), the
// relationships and the content types. Excel and LibreOffice both display the result.
import JSZip from "jszip";
import { colIndex, parseCellRef } from "../workbook/a1";
import type { ChartLayout, RenderableLayout, SheetLayout } from "../workbook/types";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

interface Block {
  categories: { ref: string; values: string[] };
  bars: { name: string; nameRef: string; ref: string; values: (number | null)[] };
  line: { name: string; nameRef: string; ref: string; values: (number | null)[] } | null;
}

/** The chart's ranges and cached values, from the sheet's cells. */
export function chartBlock(sheet: SheetLayout, chart: ChartLayout): Block {
  const [a, b] = chart.data.split(":").map(parseCellRef);
  const col0 = colIndex(a.col);
  const cols = colIndex(b.col) - col0 + 1;
  const letter = (i: number) => String.fromCharCode(64 + col0 + i);
  const cell = (col: string, row: number) => sheet.cells.find((c) => c.ref === `${col}${row}`);
  const shown = (col: string, row: number) => {
    const c = cell(col, row);
    const v = c?.formula !== undefined ? c.result : c?.value;
    return v === null || v === undefined ? "" : String(v);
  };
  const num = (col: string, row: number) => {
    const c = cell(col, row);
    const v = c?.formula !== undefined ? c.result : c?.value;
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  };
  const rows = Array.from({ length: b.row - a.row }, (_, i) => a.row + 1 + i);
  const abs = (col: string) => `${quote(sheet.name)}!$${col}$${a.row + 1}:$${col}$${b.row}`;
  const series = (i: number) => ({
    name: shown(letter(i), a.row),
    nameRef: `${quote(sheet.name)}!$${letter(i)}$${a.row}`,
    ref: abs(letter(i)),
    values: rows.map((r) => num(letter(i), r)),
  });
  return {
    categories: { ref: abs(letter(0)), values: rows.map((r) => shown(letter(0), r)) },
    bars: series(1),
    line: cols >= 3 ? series(2) : null,
  };
}

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numCache(values: (number | null)[]): string {
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values
    .map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`))
    .join("")}</c:numCache>`;
}

function seriesXml(
  idx: number,
  s: Block["bars"],
  cat: Block["categories"],
  spPr: string,
  extra: string,
  after = "",
): string {
  return (
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>` +
    `<c:tx><c:strRef><c:f>${esc(s.nameRef)}</c:f>${strCache([s.name])}</c:strRef></c:tx>${spPr}${extra}` +
    `<c:cat><c:strRef><c:f>${esc(cat.ref)}</c:f>${strCache(cat.values)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(s.ref)}</c:f>${numCache(s.values)}</c:numRef></c:val>${after}</c:ser>`
  );
}

const run = (size: number, bold = false) =>
  `<a:rPr lang="zh-CN" sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="SimSun"/><a:ea typeface="宋体"/></a:rPr>`;

/**
 * A DrawingML chart: columns and an optional dashed line on one category axis and one value axis. Hidden cells are
 * plotted (plotVisOnly 0): the summary keeps the numbers in hidden columns and prints them as the display rule does.
 */
export function chartXml(title: string, block: Block): string {
  const bar = seriesXml(
    0,
    block.bars,
    block.categories,
    `<c:spPr><a:solidFill><a:srgbClr val="2F5597"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`,
    // No value labels: a fixed number format would print 549.995 as 550.00; each category carries its score as
    // the display rule prints it (with the status), from the sheet.
    "",
  );
  const line = block.line
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${seriesXml(
        1,
        block.line,
        block.categories,
        `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="C00000"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr>`,
        `<c:marker><c:symbol val="none"/></c:marker>`,
        `<c:smooth val="0"/>`,
      )}<c:marker val="1"/><c:axId val="500001"/><c:axId val="500002"/></c:lineChart>`
    : "";
  const text = (size: number) =>
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"><a:latin typeface="SimSun"/><a:ea typeface="宋体"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r>${run(1200, true)}<a:t>${esc(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${bar}<c:gapWidth val="80"/><c:axId val="500001"/><c:axId val="500002"/></c:barChart>` +
    line +
    `<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${text(900)}<c:crossAx val="500002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${text(900)}<c:crossAx val="500001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>${text(900)}</c:legend><c:plotVisOnly val="0"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:chartSpace>`
  );
}

function anchorXml(chart: ChartLayout, rid: string, id: number): string {
  const from = parseCellRef(chart.from);
  const to = parseCellRef(chart.to);
  const pos = (col: string, row: number) =>
    `<xdr:col>${colIndex(col) - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${pos(from.col, from.row)}</xdr:from><xdr:to>${pos(to.col, to.row)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="${esc(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The parts of an .xlsx file as the chart writer reads and changes them. */
export interface PartStore {
  names(): string[];
  /** A part's text, or null when there is none. */
  read(name: string): Promise<string | null>;
  write(name: string, text: string): void;
}

/** A JSZip archive as a PartStore. */
function jszipStore(zip: JSZip): PartStore {
  return {
    names: () => Object.keys(zip.files),
    read: async (name) => (zip.file(name) ? await zip.file(name)!.async("string") : null),
    write: (name, text) => void zip.file(name, text),
  };
}

/** The worksheet part of each sheet name, from xl/workbook.xml and its relationships. */
async function sheetParts(zip: PartStore): Promise<Map<string, string>> {
  const wb = (await zip.read("xl/workbook.xml"))!;
  const rels = (await zip.read("xl/_rels/workbook.xml.rels"))!;
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const t = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.replace(/^\/?xl\//, ""));
  }
  const unesc = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const id = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && id && target.has(id)) out.set(unesc(name), `xl/${target.get(id)}`);
  }
  return out;
}

/** Adds the charts of every sheet that has some to the .xlsx bytes ExcelJS wrote. */
export async function addCharts(xlsx: Uint8Array, layout: RenderableLayout): Promise<Buffer> {
  if (!layout.sheets.some((s) => s.charts?.length)) return Buffer.from(xlsx);
  const zip = await JSZip.loadAsync(xlsx);
  await addChartParts(jszipStore(zip), layout);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** Adds the charts of every sheet that has some to the parts of an .xlsx file. */
export async function addChartParts(zip: PartStore, layout: RenderableLayout): Promise<void> {
  const withCharts = layout.sheets.filter((s) => s.charts?.length);
  if (!withCharts.length) return;
  const parts = await sheetParts(zip);
  let types = (await zip.read("[Content_Types].xml"))!;
  let chartNo = zip.names().filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).length;
  let drawingNo = zip.names().filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n)).length;
  const overrides: string[] = [];
  for (const s of withCharts) {
    const part = parts.get(s.name);
    if (!part) throw new Error(`addCharts: no worksheet part for ${s.name}`);
    const d = ++drawingNo;
    const anchors: string[] = [];
    const drawingRels: string[] = [];
    s.charts!.forEach((c, i) => {
      const n = ++chartNo;
      zip.write(`xl/charts/chart${n}.xml`, chartXml(c.title, chartBlock(s, c)));
      overrides.push(
        `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
      drawingRels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/chart" Target="../charts/chart${n}.xml"/>`);
      anchors.push(anchorXml(c, `rId${i + 1}`, i + 1));
    });
    zip.write(
      `xl/drawings/drawing${d}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">${anchors.join("")}</xdr:wsDr>`,
    );
    zip.write(
      `xl/drawings/_rels/drawing${d}.xml.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${drawingRels.join("")}</Relationships>`,
    );
    overrides.push(
      `<Override PartName="/xl/drawings/drawing${d}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`,
    );
    // The worksheet's relationship to its drawing, and the <drawing> element in its schema position.
    const relsPath = part.replace(/([^/]+)$/, "_rels/$1.rels");
    const existing = await zip.read(relsPath);
    const used = existing ? [...existing.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1])) : [];
    const rid = `rId${Math.max(0, ...used) + 1}`;
    const rel = `<Relationship Id="${rid}" Type="${REL}/drawing" Target="../drawings/drawing${d}.xml"/>`;
    zip.write(
      relsPath,
      existing
        ? existing.replace("</Relationships>", `${rel}</Relationships>`)
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
    );
    let xml = (await zip.read(part))!;
    if (!/xmlns:r=/.test(xml.slice(0, 600))) xml = xml.replace("<worksheet ", `<worksheet xmlns:r="${REL}" `);
    const drawing = `<drawing r:id="${rid}"/>`;
    const before =
      /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(xml);
    xml = before
      ? xml.slice(0, before.index) + drawing + xml.slice(before.index)
      : xml.replace("</worksheet>", `${drawing}</worksheet>`);
    zip.write(part, xml);
  }
  types = types.replace("</Types>", `${overrides.join("")}</Types>`);
  zip.write("[Content_Types].xml", types);
}
