// The preview's stand-in for Excel: a simple grid of the in-memory workbook's visible sheets. Click a cell, type in
// the formula bar, press Enter (Excel's rules for what is stored; locked cells of a protected sheet refuse edits).
// Cell styles, merges and conditional formats come from what the renderer wrote, so the grid looks like the sheet.
import { useEffect, useMemo, useReducer, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { colIndex, colLetter, parseCellRef } from "../../workbook/a1";
import type { CellStyle } from "../../workbook/types";
import type { CellValue } from "../../workbook/source";
import { CellProtectedError, type MemoryWorkbook, type MemSheet } from "../../host/memory";
import { cellsOf } from "../../host/ranges";
import { ruleHolds } from "./cf";
import { display, editText } from "./format";

const MAX_ROW_PX = 96;
const px = (chars: number) => Math.round(chars * 7 + 5);
/** A cell value as part of a change key (an error value by its text, not "[object Object]"). */
const valueKey = (v: CellValue | undefined) =>
  v !== null && typeof v === "object" && "error" in v ? v.error : String(v);

interface Span {
  rowSpan: number;
  colSpan: number;
}

function inRange(range: string, ref: string): { dr: number; dc: number } | null {
  const [a, b = a] = range.split(":");
  const p = parseCellRef(a);
  const q = parseCellRef(b);
  const c = parseCellRef(ref);
  const ci = colIndex(c.col);
  if (c.row < p.row || c.row > q.row || ci < colIndex(p.col) || ci > colIndex(q.col)) return null;
  return { dr: c.row - p.row, dc: ci - colIndex(p.col) };
}

function cellCss(style: CellStyle | undefined): CSSProperties {
  if (!style) return {};
  const css: CSSProperties = {};
  if (style.font?.bold) css.fontWeight = 600;
  if (style.font?.italic) css.fontStyle = "italic";
  if (style.font?.size) css.fontSize = `${Math.round(style.font.size * 1.2)}px`;
  if (style.font?.color) css.color = `#${style.font.color}`;
  if (style.fill) css.backgroundColor = `#${style.fill}`;
  if (style.horizontal) css.textAlign = style.horizontal;
  if (style.vertical) css.verticalAlign = style.vertical;
  css.whiteSpace = style.wrap ? "pre-wrap" : "nowrap";
  const b = style.border;
  if (b) {
    const line = (w?: string) => (w ? `${w === "medium" ? 2 : 1}px solid #${b.color ?? "000000"}` : undefined);
    css.borderTop = line(b.top);
    css.borderBottom = line(b.bottom);
    css.borderLeft = line(b.left);
    css.borderRight = line(b.right);
  }
  return css;
}

function conditional(sheet: MemSheet, ref: string): CSSProperties {
  const css: CSSProperties = {};
  const lookup = (r: string) => sheet.cells.get(r)?.value ?? null;
  for (const cf of [...sheet.conditionalFormats].sort((a, b) => b.priority - a.priority)) {
    const at = inRange(cf.ref, ref);
    if (!at || !ruleHolds(cf.formula, lookup, at.dr, at.dc)) continue;
    if (cf.fill) css.backgroundColor = `#${cf.fill}`;
    if (cf.fontColor) css.color = `#${cf.fontColor}`;
    if (cf.bold) css.fontWeight = 600;
  }
  return css;
}

export function Grid({ wb }: { wb: MemoryWorkbook }) {
  const [, redraw] = useReducer((x: number) => x + 1, 0);
  useEffect(() => wb.subscribe(redraw), [wb]);
  const sheetName = wb.active;
  const sheet = sheetName ? wb.sheets.get(sheetName) : undefined;
  const selected = wb.selection && wb.selection.sheet === sheetName ? wb.selection.ref.split(":")[0] : null;
  const input = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const fromGrid = useRef(false);
  const [draft, setDraft] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const selectedCell = sheet && selected ? sheet.cells.get(selected) : undefined;
  const numFmt = wb.styleOf(selectedCell)?.numFmt;
  const editable = !!(sheetName && selected && wb.editable(sheetName, selected));

  const textOf = (ref: string | null): string => {
    const c = sheet && ref ? sheet.cells.get(ref) : undefined;
    return c?.formula !== undefined ? `=${c.formula}` : editText(c?.value ?? null, wb.styleOf(c)?.numFmt);
  };
  // The grid's own moves set the formula bar at once (typing may follow immediately); this follows the rest.
  const synced = useRef<string | null>(null);
  const key = `${sheetName}!${selected}!${valueKey(selectedCell?.value)}`;

  // The formula bar follows the selection; a selection made by the pane scrolls the cell into view.
  useEffect(() => {
    if (synced.current !== key) setDraft(textOf(selected));
    synced.current = null;
    setNote(null);
    if (!selected) return;
    const td = scroller.current?.querySelector(`[data-ref="${selected}"]`);
    if (td && "scrollIntoView" in td) (td as HTMLElement).scrollIntoView({ block: "nearest", inline: "nearest" });
    if (fromGrid.current && editable) input.current?.focus();
    fromGrid.current = false;
  }, [key]);

  const layout = useMemo(() => {
    if (!sheet) return null;
    let maxRow = 0;
    let maxCol = 0;
    for (const ref of sheet.cells.keys()) {
      const { col, row } = parseCellRef(ref);
      maxRow = Math.max(maxRow, row);
      maxCol = Math.max(maxCol, colIndex(col));
    }
    for (const c of sheet.columns) maxCol = Math.max(maxCol, colIndex(c.col));
    maxRow = Math.max(maxRow + 2, 20);
    maxCol = Math.max(maxCol, 8);
    const width = new Map(sheet.columns.map((c) => [c.col, c]));
    const cols = Array.from({ length: maxCol }, (_, i) => colLetter(i + 1)).filter((c) => !width.get(c)?.hidden);
    const spans = new Map<string, Span>();
    const covered = new Set<string>();
    for (const m of sheet.merges) {
      const cells = cellsOf(m);
      const [a, b] = m.split(":");
      const p = parseCellRef(a);
      const q = parseCellRef(b ?? a);
      const visible = cols.filter((c) => colIndex(c) >= colIndex(p.col) && colIndex(c) <= colIndex(q.col)).length;
      spans.set(a, { rowSpan: q.row - p.row + 1, colSpan: Math.max(1, visible) });
      for (const c of cells.slice(1)) covered.add(c);
    }
    return { maxRow, cols, width, spans, covered };
  }, [sheet, sheet?.cells.size, sheet?.merges.length]);

  const commit = (move: boolean) => {
    if (!sheetName || !selected || !editable) return;
    try {
      wb.enter(sheetName, selected, draft);
      if (move) {
        const { col, row } = parseCellRef(selected);
        const next = `${col}${row + 1}`;
        moveTo(next);
      } else setDraft(textOf(selected));
    } catch (e) {
      setNote(e instanceof CellProtectedError ? "受保护的单元格不能修改" : String(e));
    }
  };

  /** Selects a cell from the grid: the formula bar shows it at once and takes the keyboard. */
  const moveTo = (ref: string) => {
    if (!sheetName) return;
    const c = sheet?.cells.get(ref);
    fromGrid.current = true;
    synced.current = `${sheetName}!${ref}!${valueKey(c?.value)}`;
    setDraft(textOf(ref));
    void wb.select(sheetName, ref);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      commit(true);
    } else if (e.key === "Escape") {
      setDraft(editText(selectedCell?.value ?? null, numFmt));
    }
  };

  const listFor =
    sheet && selected ? sheet.validations.find((v) => v.type === "list" && inRange(v.ref, selected)) : undefined;
  const tabs = wb.order.filter((n) => wb.sheets.get(n)?.visibility === "visible");

  return (
    <div className="grid-area">
      <div className="formula-bar">
        <span className="name-box" aria-label="所选单元格">
          {selected ?? ""}
        </span>
        <input
          ref={input}
          aria-label={selected ? `编辑单元格 ${selected}` : "编辑单元格"}
          value={draft}
          readOnly={!editable}
          list={listFor ? "cell-choices" : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          placeholder={selected && !editable ? "（受保护或公式单元格）" : ""}
        />
        {listFor && (
          <datalist id="cell-choices">
            {listFor.list?.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        )}
        {sheet?.protection && <span className="locked">已保护</span>}
      </div>
      {note && <div className="note">{note}</div>}
      <div className="grid-scroll" ref={scroller}>
        {sheet && layout ? (
          <table className="grid" aria-label={`工作表 ${sheet.name}`}>
            <colgroup>
              <col style={{ width: 36 }} />
              {layout.cols.map((c) => (
                <col key={c} style={{ width: px(layout.width.get(c)?.width ?? 8.43) }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th />
                {layout.cols.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: layout.maxRow }, (_, i) => i + 1).map((row) => {
                const h = sheet.rows.get(row);
                return (
                  <tr key={row} style={h ? { height: Math.min(MAX_ROW_PX, Math.round(h * 1.33)) } : undefined}>
                    <th scope="row">{row}</th>
                    {layout.cols.map((col) => {
                      const ref = `${col}${row}`;
                      if (layout.covered.has(ref)) return null;
                      const cell = sheet.cells.get(ref);
                      const style = wb.styleOf(cell);
                      const span = layout.spans.get(ref);
                      const css = { ...cellCss(style), ...conditional(sheet, ref) };
                      return (
                        <td
                          key={ref}
                          data-ref={ref}
                          rowSpan={span?.rowSpan}
                          colSpan={span?.colSpan}
                          style={css}
                          className={ref === selected ? "selected" : cell && !cell.locked ? "input" : undefined}
                          onClick={() => moveTo(ref)}
                        >
                          <div className="cell" style={{ maxHeight: MAX_ROW_PX - 4 }}>
                            {display(cell?.value ?? null, style?.numFmt)}
                          </div>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="empty">（空工作簿）</p>
        )}
      </div>
      <div className="sheet-tabs" role="tablist" aria-label="工作表">
        {tabs.map((n) => (
          <button
            key={n}
            type="button"
            role="tab"
            aria-selected={n === sheetName}
            className={n === sheetName ? "active" : undefined}
            onClick={() => wb.activate(n)}
          >
            {n}
          </button>
        ))}
      </div>
    </div>
  );
}
