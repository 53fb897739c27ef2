// A small evaluator for the spreadsheet formulas the scoring workbook uses (a subset of Excel's language), so that
// custom-mode workbooks can be calculated in tests with the real QA.* functions, which LibreOffice cannot run.
// Supported: numbers, text, TRUE/FALSE, {array constants}, A1 references and ranges (with 'sheet'! and $), the
// operators = <> < <= > >= & + - * / and unary minus, and the functions listed in FUNCTIONS below plus QA.*.
import type { RenderableLayout } from "../../src/workbook";
import { colIndex, colLetter } from "../../src/workbook/a1";

export type Err = { error: string };
export type Scalar = number | string | boolean | null | Err;
interface Range {
  sheet: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}
type Value = Scalar | Range | Scalar[];

const isErr = (v: unknown): v is Err => typeof v === "object" && v !== null && "error" in v;
const isRange = (v: unknown): v is Range => typeof v === "object" && v !== null && "r1" in v;

type Token =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "ref"; v: string }
  | { t: "name"; v: string }
  | { t: "op"; v: string };

function tokenize(f: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      let s = "";
      i++;
      for (;;) {
        if (f[i] === '"' && f[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (f[i] === '"') {
          i++;
          break;
        } else s += f[i++];
      }
      out.push({ t: "str", v: s });
    } else if (/[0-9.]/.test(ch)) {
      const m = /^(\d+\.?\d*|\.\d+)(E[+-]?\d+)?/i.exec(f.slice(i))!;
      out.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else if (ch === "'" || /[A-Za-z_$]/.test(ch)) {
      const m = /^(('([^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?(?![\w(.])/.exec(f.slice(i));
      if (m) {
        out.push({ t: "ref", v: m[0] });
        i += m[0].length;
      } else {
        const n = /^[A-Za-z_][\w.]*/.exec(f.slice(i))!;
        out.push({ t: "name", v: n[0].toUpperCase() });
        i += n[0].length;
      }
    } else {
      const two = f.slice(i, i + 2);
      if (["<>", "<=", ">="].includes(two)) {
        out.push({ t: "op", v: two });
        i += 2;
      } else {
        out.push({ t: "op", v: ch });
        i++;
      }
    }
  }
  return out;
}

export type Custom = (name: string, args: (Scalar | Scalar[][])[]) => Scalar;

/**
 * How an empty cell referenced directly in a QA.* argument reaches the function: null as Excel on the web passes
 * it, or 0 as Excel desktop does (OfficeDev/office-js#4702). A formula's "" is passed as "" on both.
 */
export interface HostOptions {
  emptyCellAs?: null | 0;
}

export class FormulaBook {
  private cells = new Map<string, { value?: Scalar; formula?: string }>();
  private cache = new Map<string, Scalar>();

  constructor(
    private readonly custom: Custom = (n) => ({ error: `#NAME? ${n}` }),
    private readonly host: HostOptions = {},
  ) {}

  static fromLayout(layout: RenderableLayout, custom?: Custom, host?: HostOptions): FormulaBook {
    const book = new FormulaBook(custom, host);
    for (const s of layout.sheets)
      for (const c of s.cells)
        book.cells.set(
          `${s.name}!${c.ref}`,
          c.formula !== undefined ? { formula: c.formula } : { value: c.value ?? null },
        );
    return book;
  }

  setFormula(sheet: string, ref: string, formula: string): void {
    this.cells.set(`${sheet}!${ref}`, { formula });
    this.cache.clear();
  }

  set(sheet: string, ref: string, value: Scalar): void {
    this.cells.set(`${sheet}!${ref}`, { value });
    this.cache.clear();
  }

  get(sheet: string, ref: string): Scalar {
    const key = `${sheet}!${ref}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    const c = this.cells.get(key);
    let v: Scalar = null;
    if (c?.formula !== undefined) v = this.evaluate(c.formula, sheet);
    else if (c) v = c.value ?? null;
    this.cache.set(key, v);
    return v;
  }

  evaluate(formula: string, sheet: string): Scalar {
    const toks = tokenize(formula);
    let p = 0;
    const peek = () => toks[p];
    const eat = (v?: string) => {
      const t = toks[p++];
      if (v !== undefined && (t?.t !== "op" || t.v !== v)) throw new Error(`expected ${v} in ${formula} at ${p}`);
      return t;
    };
    const cmp = (): Value => {
      let a = concat();
      while (peek()?.t === "op" && ["=", "<>", "<", "<=", ">", ">="].includes(peek().v as string)) {
        const op = eat().v as string;
        a = compare(this.scalar(a), this.scalar(concat()), op);
      }
      return a;
    };
    const concat = (): Value => {
      let a = add();
      while (peek()?.t === "op" && peek().v === "&") {
        eat();
        const x = this.scalar(a);
        const y = this.scalar(add());
        a = isErr(x) ? x : isErr(y) ? y : text(x) + text(y);
      }
      return a;
    };
    const add = (): Value => {
      let a = mul();
      while (peek()?.t === "op" && (peek().v === "+" || peek().v === "-")) {
        const op = eat().v;
        const x = num(this.scalar(a));
        const y = num(this.scalar(mul()));
        a = isErr(x) ? x : isErr(y) ? y : op === "+" ? x + y : x - y;
      }
      return a;
    };
    const mul = (): Value => {
      let a = unary();
      while (peek()?.t === "op" && (peek().v === "*" || peek().v === "/")) {
        const op = eat().v;
        const x = num(this.scalar(a));
        const y = num(this.scalar(unary()));
        a = isErr(x) ? x : isErr(y) ? y : op === "*" ? x * y : y === 0 ? { error: "#DIV/0!" } : x / y;
      }
      return a;
    };
    const unary = (): Value => {
      if (peek()?.t === "op" && peek().v === "-") {
        eat();
        const x = num(this.scalar(unary()));
        return isErr(x) ? x : -x;
      }
      return primary();
    };
    const primary = (): Value => {
      const t = eat();
      if (t.t === "num") return t.v;
      if (t.t === "str") return t.v;
      if (t.t === "ref") return this.ref(t.v, sheet);
      if (t.t === "op" && t.v === "(") {
        const v = cmp();
        eat(")");
        return v;
      }
      if (t.t === "op" && t.v === "{") {
        const xs: Scalar[] = [];
        for (;;) {
          const neg = peek()?.t === "op" && peek().v === "-" ? (eat(), -1) : 1;
          const v = eat();
          xs.push(v.t === "num" ? neg * v.v : v.t === "str" ? v.v : null);
          if (peek()?.t === "op" && peek().v === ",") eat();
          else break;
        }
        eat("}");
        return xs;
      }
      if (t.t === "name") {
        if (peek()?.t === "op" && peek().v === "(") {
          eat("(");
          const args: Value[] = [];
          if (!(peek()?.t === "op" && peek().v === ")")) {
            for (;;) {
              args.push(cmp());
              if (peek()?.t === "op" && peek().v === ",") eat();
              else break;
            }
          }
          eat(")");
          return this.call(t.v, args);
        }
        if (t.v === "TRUE") return true;
        if (t.v === "FALSE") return false;
      }
      throw new Error(`cannot parse ${formula} at token ${p}: ${JSON.stringify(t)}`);
    };
    const v = cmp();
    if (p !== toks.length) throw new Error(`trailing tokens in ${formula}`);
    return this.scalar(v);
  }

  private ref(text: string, sheet: string): Range {
    const m = /^(?:(?:'((?:[^']|'')+)'|([^!]+))!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(text)!;
    const s = m[1]?.replace(/''/g, "'") ?? m[2] ?? sheet;
    const c1 = colIndex(m[3]);
    const r1 = Number(m[4]);
    return { sheet: s, r1, c1, r2: m[6] ? Number(m[6]) : r1, c2: m[5] ? colIndex(m[5]) : c1 };
  }

  private scalar(v: Value): Scalar {
    if (isRange(v)) {
      if (v.r1 !== v.r2 || v.c1 !== v.c2) return { error: "#VALUE!" };
      return this.get(v.sheet, `${colLetter(v.c1)}${v.r1}`);
    }
    if (Array.isArray(v)) return v[0] ?? null;
    return v;
  }

  private cellsOf(v: Value): Scalar[] {
    if (isRange(v)) {
      const out: Scalar[] = [];
      for (let r = v.r1; r <= v.r2; r++)
        for (let c = v.c1; c <= v.c2; c++) out.push(this.get(v.sheet, `${colLetter(c)}${r}`));
      return out;
    }
    return Array.isArray(v) ? v : [v];
  }

  private grid(v: Value): Scalar[][] {
    if (!isRange(v)) return [[this.scalar(v)]];
    const out: Scalar[][] = [];
    for (let r = v.r1; r <= v.r2; r++) {
      const row: Scalar[] = [];
      for (let c = v.c1; c <= v.c2; c++) row.push(this.get(v.sheet, `${colLetter(c)}${r}`));
      out.push(row);
    }
    return out;
  }

  private call(name: string, args: Value[]): Scalar {
    const s = (i: number) => this.scalar(args[i]);
    if (name.startsWith("QA.")) {
      const fn = name.slice(3);
      const ranged = new Set(["SUBTOTAL:0", "SUBTOTAL:1", "MISSING:0", "VETOED:0", "PANEL:0", "RANK:1", "RANK:2"]);
      const empty = this.host.emptyCellAs ?? null;
      const passed = (a: Value, v: Scalar) => (isRange(a) && v === null ? empty : v);
      return this.custom(
        fn,
        args.map((a, i) =>
          ranged.has(`${fn}:${i}`) ? this.grid(a).map((r) => r.map((v) => passed(a, v))) : passed(a, this.scalar(a)),
        ),
      );
    }
    const firstErr = (...xs: Scalar[]) => xs.find(isErr);
    switch (name) {
      case "IF": {
        const c = s(0);
        if (isErr(c)) return c;
        return truthy(c) ? s(1) : args.length > 2 ? s(2) : false;
      }
      case "IFERROR": {
        const v = s(0);
        return isErr(v) ? s(1) : v;
      }
      case "ISBLANK":
        return isRange(args[0]) && this.scalar(args[0]) === null;
      case "ISNUMBER":
        return typeof s(0) === "number";
      case "N": {
        const v = s(0);
        return isErr(v) ? v : typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : 0;
      }
      case "NOT": {
        const v = s(0);
        return isErr(v) ? v : !truthy(v);
      }
      case "COUNT":
        return args.flatMap((a) => this.cellsOf(a)).filter((v) => typeof v === "number").length;
      case "AVERAGE":
      case "MIN":
      case "MAX":
      case "MEDIAN": {
        const all = args.flatMap((a) => this.cellsOf(a));
        const e = all.find(isErr);
        if (e) return e;
        const xs = all.filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
        if (xs.length === 0) return name === "MIN" || name === "MAX" ? 0 : { error: "#DIV/0!" };
        if (name === "AVERAGE") return xs.reduce((a, b) => a + b, 0) / xs.length;
        if (name === "MIN") return xs[0];
        if (name === "MAX") return xs[xs.length - 1];
        const mid = Math.floor(xs.length / 2);
        return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
      }
      case "AND":
      case "OR": {
        const xs = args.map((_, i) => s(i));
        const e = firstErr(...xs);
        if (e) return e;
        return name === "AND" ? xs.every(truthy) : xs.some(truthy);
      }
      case "ABS": {
        const x = num(s(0));
        return isErr(x) ? x : Math.abs(x);
      }
      case "ROUND": {
        const x = num(s(0));
        const d = num(s(1));
        if (isErr(x)) return x;
        if (isErr(d)) return d;
        const f = 10 ** d;
        return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
      }
      case "ROUNDDOWN": {
        const x = num(s(0));
        const d = num(s(1));
        if (isErr(x)) return x;
        if (isErr(d)) return d;
        const f = 10 ** d;
        return (Math.sign(x) * Math.floor(Math.abs(x) * f + 1e-9)) / f;
      }
      case "MOD": {
        const a = num(s(0));
        const b = num(s(1));
        if (isErr(a)) return a;
        if (isErr(b)) return b;
        const r = a - b * Math.floor(a / b);
        return Math.abs(r) < 1e-9 || Math.abs(r - b) < 1e-9 ? 0 : r;
      }
      case "SUBSTITUTE": {
        const t = s(0);
        if (isErr(t)) return t;
        return text(t)
          .split(text(s(1)))
          .join(text(s(2)));
      }
      case "VALUE": {
        const t = s(0);
        if (isErr(t)) return t;
        if (typeof t === "number") return t;
        const str = text(t).trim();
        const m = /^([+-]?(\d+\.?\d*|\.\d+))(%?)$/.exec(str);
        if (!m) return { error: "#VALUE!" };
        return m[3] ? Number(m[1]) / 100 : Number(m[1]);
      }
      case "MATCH": {
        const x = num(s(0));
        if (isErr(x)) return x;
        const xs = this.cellsOf(args[1]).map((v) => num(v));
        let found = -1;
        xs.forEach((v, i) => {
          if (!isErr(v) && v <= x) found = i;
        });
        return found < 0 ? { error: "#N/A" } : found + 1;
      }
      case "SUM":
        return args
          .flatMap((a) => this.cellsOf(a))
          .reduce<number>((acc, v) => acc + (typeof v === "number" ? v : 0), 0);
      case "SUMIF": {
        const keys = this.cellsOf(args[0]);
        const vals = this.cellsOf(args[2] ?? args[0]);
        const crit = s(1);
        return keys.reduce<number>(
          (acc, k, i) => acc + (matches(k, crit) && typeof vals[i] === "number" ? vals[i] : 0),
          0,
        );
      }
      case "COUNTIF":
        return this.cellsOf(args[0]).filter((k) => matches(k, s(1))).length;
      case "COUNTIFS": {
        const ranges = args.filter((_, i) => i % 2 === 0).map((a) => this.cellsOf(a));
        const crits = args.filter((_, i) => i % 2 === 1).map((_, j) => s(2 * j + 1));
        return ranges[0].filter((_, i) => ranges.every((r, j) => matches(r[i], crits[j]))).length;
      }
      case "COUNTBLANK":
        return this.cellsOf(args[0]).filter((v) => v === null || v === "").length;
      case "LEFT": {
        const t = s(0);
        return isErr(t) ? t : text(t).slice(0, args.length > 1 ? (num(s(1)) as number) : 1);
      }
      case "RIGHT": {
        const t = s(0);
        if (isErr(t)) return t;
        const n = args.length > 1 ? (num(s(1)) as number) : 1;
        return n <= 0 ? "" : text(t).slice(-n);
      }
      case "MID": {
        const t = s(0);
        if (isErr(t)) return t;
        const start = num(s(1)) as number;
        return text(t).slice(start - 1, start - 1 + (num(s(2)) as number));
      }
      case "CHAR": {
        const n = num(s(0));
        return isErr(n) ? n : String.fromCharCode(n);
      }
      case "ISLOGICAL":
        return typeof s(0) === "boolean";
      case "LEN": {
        const t = s(0);
        return isErr(t) ? t : text(t).length;
      }
      default:
        throw new Error(`function ${name} is not supported by the test evaluator`);
    }
  }
}

function text(v: Scalar): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(Number(v.toPrecision(15)));
  return isErr(v) ? v.error : v;
}

function num(v: Scalar): number | Err {
  if (isErr(v)) return v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  return v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : { error: "#VALUE!" };
}

function truthy(v: Scalar): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  return false;
}

/** Excel comparison: blank equals "" and 0; text sorts after numbers; text compares case-insensitively. */
function compare(a: Scalar, b: Scalar, op: string): Scalar {
  if (isErr(a)) return a;
  if (isErr(b)) return b;
  const norm = (x: Scalar, other: Scalar): number | string | boolean =>
    x === null
      ? typeof other === "number"
        ? 0
        : typeof other === "boolean"
          ? false
          : ""
      : (x as number | string | boolean);
  const x = norm(a, b);
  const y = norm(b, a);
  const rank = (v: number | string | boolean) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  let c: number;
  if (rank(x) !== rank(y)) c = rank(x) - rank(y);
  else if (typeof x === "string")
    c = x.toLowerCase() < String(y).toLowerCase() ? -1 : x.toLowerCase() > String(y).toLowerCase() ? 1 : 0;
  else c = Number(x) - Number(y);
  switch (op) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    default:
      return c >= 0;
  }
}

/** COUNTIF / SUMIF criteria: equality only (the workbook never uses operators or wildcards in criteria). */
function matches(v: Scalar, crit: Scalar): boolean {
  if (isErr(v) || isErr(crit)) return false;
  if (typeof crit === "number")
    return typeof v === "number" ? v === crit : typeof v === "string" && v.trim() !== "" && Number(v) === crit;
  const c = text(crit);
  if (typeof v === "number") return c.trim() !== "" && Number(c) === v;
  return text(v).toLowerCase() === c.toLowerCase() && !(v === null && c !== "");
}
