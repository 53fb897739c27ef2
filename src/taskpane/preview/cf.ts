// A small evaluator for the conditional-format formulas of the scoring workbook, so that the preview grid colours
// cells as Excel would (yellow: not scored, red: invalid). It knows what those formulas use: cell and range
// references ($ fixed or relative to the rule's top-left cell), numbers, strings, comparisons, + - * / &, and LEN,
// LEFT, COUNTIF (exact or compared criteria), AND, OR, NOT. Anything else makes the rule not apply.
import { colIndex, colLetter } from "../../workbook/a1";
import type { CellValue } from "../../workbook/source";

type Val = number | string | boolean | null | Val[];

class Unsupported extends Error {}

interface Tok {
  t: "num" | "str" | "ref" | "id" | "op" | "(" | ")" | "," | ":";
  v: string;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let s = "";
      i++;
      while (i < src.length) {
        if (src[i] === '"' && src[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (src[i] === '"') break;
        else s += src[i++];
      }
      i++;
      out.push({ t: "str", v: s });
      continue;
    }
    const ref = /^\$?[A-Z]{1,3}\$?\d+/.exec(src.slice(i));
    if (ref) {
      out.push({ t: "ref", v: ref[0] });
      i += ref[0].length;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: num[0] });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Z][A-Z0-9.]*/i.exec(src.slice(i));
    if (id) {
      out.push({ t: "id", v: id[0].toUpperCase() });
      i += id[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|[=<>+\-*/&])/.exec(src.slice(i));
    if (op) {
      out.push({ t: "op", v: op[0] });
      i += op[0].length;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === "," || ch === ":") {
      out.push({ t: ch, v: ch });
      i++;
      continue;
    }
    throw new Unsupported(src);
  }
  return out;
}

export type Lookup = (ref: string) => CellValue;

function scalar(v: CellValue): Val {
  if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  throw new Unsupported("error or date value");
}

class Evaluator {
  private i = 0;

  constructor(
    private readonly toks: Tok[],
    private readonly lookup: Lookup,
    private readonly dr: number,
    private readonly dc: number,
  ) {}

  run(): Val {
    const v = this.comparison();
    if (this.i !== this.toks.length) throw new Unsupported("trailing");
    return v;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private take(t?: Tok["t"], v?: string): Tok {
    const tok = this.toks[this.i];
    if (!tok || (t && tok.t !== t) || (v && tok.v !== v)) throw new Unsupported("syntax");
    this.i++;
    return tok;
  }

  private comparison(): Val {
    const left = this.additive();
    const p = this.peek();
    if (p?.t === "op" && ["=", "<>", "<", ">", "<=", ">="].includes(p.v)) {
      this.i++;
      return compare(left, this.additive(), p.v);
    }
    return left;
  }

  private additive(): Val {
    let v = this.term();
    for (let p = this.peek(); p?.t === "op" && ["+", "-", "&"].includes(p.v); p = this.peek()) {
      this.i++;
      const r = this.term();
      v = p.v === "&" ? text(v) + text(r) : p.v === "+" ? num(v) + num(r) : num(v) - num(r);
    }
    return v;
  }

  private term(): Val {
    let v = this.primary();
    for (let p = this.peek(); p?.t === "op" && ["*", "/"].includes(p.v); p = this.peek()) {
      this.i++;
      const r = this.primary();
      v = p.v === "*" ? num(v) * num(r) : num(v) / num(r);
    }
    return v;
  }

  private shift(ref: string): string {
    const m = /^(\$?)([A-Z]+)(\$?)(\d+)$/.exec(ref)!;
    const col = m[1] ? m[2] : colLetter(colIndex(m[2]) + this.dc);
    const row = m[3] ? Number(m[4]) : Number(m[4]) + this.dr;
    return `${col}${row}`;
  }

  private primary(): Val {
    const tok = this.take();
    if (tok.t === "num") return Number(tok.v);
    if (tok.t === "str") return tok.v;
    if (tok.t === "op" && tok.v === "-") return -num(this.primary());
    if (tok.t === "(") {
      const v = this.comparison();
      this.take(")");
      return v;
    }
    if (tok.t === "ref") {
      if (this.peek()?.t === ":") {
        this.i++;
        const end = this.take("ref");
        return this.range(this.shift(tok.v), this.shift(end.v));
      }
      return scalar(this.lookup(this.shift(tok.v)));
    }
    if (tok.t === "id") {
      if (tok.v === "TRUE" || tok.v === "FALSE") {
        if (this.peek()?.t === "(") {
          this.take("(");
          this.take(")");
        }
        return tok.v === "TRUE";
      }
      this.take("(");
      const args: Val[] = [];
      if (this.peek()?.t !== ")")
        for (;;) {
          args.push(this.comparison());
          if (this.peek()?.t === ",") this.i++;
          else break;
        }
      this.take(")");
      return call(tok.v, args);
    }
    throw new Unsupported("token");
  }

  private range(a: string, b: string): Val[] {
    const pa = /^([A-Z]+)(\d+)$/.exec(a)!;
    const pb = /^([A-Z]+)(\d+)$/.exec(b)!;
    const out: Val[] = [];
    for (let r = Number(pa[2]); r <= Number(pb[2]); r++)
      for (let c = colIndex(pa[1]); c <= colIndex(pb[1]); c++) out.push(scalar(this.lookup(`${colLetter(c)}${r}`)));
    return out;
  }
}

function num(v: Val): number {
  if (Array.isArray(v)) throw new Unsupported("range as number");
  if (v === null || v === "") return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Unsupported("#VALUE!");
  return n;
}

function text(v: Val): string {
  if (Array.isArray(v)) throw new Unsupported("range as text");
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

function compare(a: Val, b: Val, op: string): boolean {
  const blankA = a === null ? (typeof b === "number" ? 0 : "") : a;
  const blankB = b === null ? (typeof a === "number" ? 0 : "") : b;
  let c: number;
  if (typeof blankA === "number" && typeof blankB === "number") c = blankA - blankB;
  else if (typeof blankA === "string" && typeof blankB === "string")
    c = blankA.toLowerCase() < blankB.toLowerCase() ? -1 : blankA.toLowerCase() > blankB.toLowerCase() ? 1 : 0;
  else if (typeof blankA === "boolean" && typeof blankB === "boolean") c = Number(blankA) - Number(blankB);
  else c = typeof blankA === "number" ? -1 : typeof blankB === "number" ? 1 : text(blankA).localeCompare(text(blankB));
  switch (op) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    default:
      return c >= 0;
  }
}

function criterion(cell: Val, crit: Val): boolean {
  if (typeof crit === "string") {
    const m = /^(<>|<=|>=|=|<|>)(.*)$/.exec(crit);
    if (m) {
      const rhs = m[2] !== "" && !Number.isNaN(Number(m[2])) ? Number(m[2]) : m[2];
      if (typeof rhs === "number" && typeof cell !== "number") return m[1] === "<>";
      return compare(cell, rhs, m[1]);
    }
    if (crit !== "" && !Number.isNaN(Number(crit))) return typeof cell === "number" && cell === Number(crit);
    return typeof cell === "string" && cell.toLowerCase() === crit.toLowerCase();
  }
  return compare(cell, crit, "=");
}

function call(name: string, args: Val[]): Val {
  switch (name) {
    case "LEN":
      return text(args[0]).length;
    case "LEFT":
      return text(args[0]).slice(0, args.length > 1 ? num(args[1]) : 1);
    case "COUNTIF": {
      const range = Array.isArray(args[0]) ? args[0] : [args[0]]; // a one-cell range reads as its value
      return range.filter((c) => criterion(c, args[1])).length;
    }
    case "AND":
      return args.every((a) => num(a) !== 0);
    case "OR":
      return args.some((a) => num(a) !== 0);
    case "NOT":
      return num(args[0]) === 0;
    default:
      throw new Unsupported(name);
  }
}

/**
 * Whether a conditional format's formula holds for a cell: `dr`/`dc` are the cell's offset from the rule range's
 * top-left cell. An unsupported formula or an error value gives false (the rule does not apply).
 */
export function ruleHolds(formula: string, lookup: Lookup, dr: number, dc: number): boolean {
  try {
    const v = new Evaluator(tokenize(formula), lookup, dr, dc).run();
    if (Array.isArray(v)) return false;
    return typeof v === "boolean" ? v : typeof v === "number" ? v !== 0 : false;
  } catch (e) {
    if (e instanceof Unsupported) return false;
    throw e;
  }
}

/** Whether the evaluator knows a formula's syntax and functions (it evaluates with some cell value). */
export function understood(formula: string): boolean {
  for (const value of [0, "", "x"]) {
    try {
      new Evaluator(tokenize(formula), () => value, 0, 0).run();
      return true;
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
    }
  }
  return false;
}
