// Loading rubric and award data safely: the JSON Schema (rubrics/schema/) checks shape, then the arithmetic the
// schema cannot express: unique codes, points summing to category and rubric totals, bands covering 0–100 %
// without gap or overlap, stage weights summing to 1. Every error names the file, the field and what is wrong.
import type { ErrorObject, ValidateFunction } from "ajv";
import { compileValidators } from "./validators";
import { exact, sum } from "../exact";
import type { Award, Rubric } from "../types";

export interface DataError {
  file: string;
  field: string;
  message: string;
}

export class RubricDataError extends Error {
  constructor(public readonly errors: DataError[]) {
    super(errors.map(formatDataError).join("\n"));
    this.name = "RubricDataError";
  }
}

export function formatDataError(e: DataError): string {
  return `${e.file}: ${e.field || "(根)"}: ${e.message}`;
}

let validators: { rubric: ValidateFunction; award: ValidateFunction } | null = null;

function compiled() {
  if (!validators) validators = compileValidators();
  return validators;
}

function schemaErrors(file: string, errors: ErrorObject[] | null | undefined): DataError[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== "if")
    .map((e) => ({ file, field: pointerToField(e.instancePath), message: schemaMessage(e) }));
}

function pointerToField(pointer: string): string {
  return pointer
    .split("/")
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join("")
    .replace(/^\./, "");
}

function schemaMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `缺少字段“${String(p.missingProperty)}”`;
    case "additionalProperties":
      return `不认识的字段“${String(p.additionalProperty)}”`;
    case "type":
      return `类型应为 ${String(p.type)}`;
    case "enum":
      return `取值应为 ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(" / ")}`;
    case "pattern":
      return `格式不符（应匹配 ${String(p.pattern)}）`;
    default:
      return e.message ?? e.keyword;
  }
}

/** Checks one rubric file's content; returns every error found (empty when valid). */
export function checkRubric(data: unknown, file: string): DataError[] {
  const v = compiled().rubric;
  if (!v(data)) return schemaErrors(file, v.errors);
  const r = data as Rubric;
  const errors: DataError[] = [];
  const err = (field: string, message: string) => errors.push({ file, field, message });

  dupes(r.categories.map((c) => c.code)).forEach((c) => err("categories", `一级指标编号“${c}”重复`));
  dupes(r.items.map((i) => i.code)).forEach((c) => err("items", `评价项目编号“${c}”重复`));
  const subs = r.items.flatMap((i) => (i.subitems ?? []).map((s) => s.code));
  dupes(subs).forEach((c) => err("items", `三级条款编号“${c}”重复`));

  r.items.forEach((item, i) => {
    if (!r.categories.some((c) => c.code === item.category))
      err(`items[${i}].category`, `一级指标“${item.category}”不存在`);
    if (!item.code.startsWith(item.category + "."))
      err(`items[${i}].code`, `编号“${item.code}”与所属一级指标“${item.category}”不符`);
    (item.subitems ?? []).forEach((s, j) => {
      if (!s.code.startsWith(item.code + "."))
        err(`items[${i}].subitems[${j}].code`, `编号“${s.code}”与所属项目“${item.code}”不符`);
    });
    if (r.scoring === "points" && r.pointsStep && !exact(item.points).divisible(exact(r.pointsStep)))
      err(`items[${i}].points`, `分值 ${item.points} 不是步长 ${r.pointsStep} 的整数倍`);
  });
  r.categories.forEach((c, i) => {
    const items = r.items.filter((it) => it.category === c.code);
    if (items.length === 0) err(`categories[${i}]`, `一级指标“${c.code} ${c.name}”下没有评价项目`);
    const s = sum(items.map((it) => exact(it.points)));
    if (!s.equals(c.points))
      err(
        `categories[${i}].points`,
        `一级指标“${c.code} ${c.name}”分值为 ${c.points}，但其评价项目分值之和为 ${s.valueOf()}`,
      );
  });
  const total = sum(r.categories.map((c) => exact(c.points)));
  if (!total.equals(r.totalPoints))
    err("totalPoints", `总分为 ${r.totalPoints}，但各一级指标分值之和为 ${total.valueOf()}`);
  return errors;
}

/** Checks one award file's content; returns every error found (empty when valid). */
export function checkAward(data: unknown, file: string): DataError[] {
  const v = compiled().award;
  if (!v(data)) return schemaErrors(file, v.errors);
  const a = data as Award;
  const errors: DataError[] = [];
  const err = (field: string, message: string) => errors.push({ file, field, message });
  const { step, bands } = a.scale;

  const sorted = [...bands].sort((x, y) => x.min - y.min);
  sorted.forEach((b, i) => {
    const f = `scale.bands[${bands.indexOf(b)}]`;
    if (b.band !== i + 1) err(`${f}.band`, `档次编号应按从低到高依次为 1、2、3…（此处为 ${b.band}）`);
    if (b.min > b.max) err(f, `下限 ${b.min}% 大于上限 ${b.max}%`);
    if (b.min % step !== 0 || b.max % step !== 0) err(f, `上下限应为 ${step}% 的整数倍`);
    if (i === 0 && b.min !== 0) err(`${f}.min`, `最低一档应从 0% 开始（此处为 ${b.min}%）`);
    if (i === sorted.length - 1 && b.max !== 100) err(`${f}.max`, `最高一档应到 100% 为止（此处为 ${b.max}%）`);
    if (i > 0) {
      const prev = sorted[i - 1];
      if (b.min <= prev.max) err(f, `与第 ${prev.band} 档重叠（${prev.min}%–${prev.max}% 与 ${b.min}%–${b.max}%）`);
      else if (b.min !== prev.max + step)
        err(f, `与第 ${prev.band} 档之间有空缺（${prev.max + step}%–${b.min - step}%）`);
    }
    for (const kind of ["process", "results"] as const) {
      for (const d of a.scale.dimensions[kind]) {
        if (!b[kind][d.code]) err(`${f}.${kind}.${d.code}`, `缺少“${d.name.zh}”的描述`);
      }
    }
  });

  dupes(a.ruleSets.map((r) => r.id)).forEach((id) => err("ruleSets", `规则集“${id}”重复`));
  a.ruleSets.forEach((rs, i) => {
    dupes(rs.stages.map((s) => s.id)).forEach((id) => err(`ruleSets[${i}].stages`, `评审阶段“${id}”重复`));
    const w = sum(rs.stages.map((s) => exact(s.weight.numerator).div(s.weight.denominator)));
    if (!w.equals(1)) err(`ruleSets[${i}].stages`, `各阶段权重之和应为 1（此处为 ${w.toFraction()}）`);
    dupes(rs.vetoes.map((v) => v.id)).forEach((id) => err(`ruleSets[${i}].vetoes`, `否决项“${id}”重复`));
    if (rs.bonus)
      dupes(rs.bonus.conditions.map((c) => c.id)).forEach((id) => err(`ruleSets[${i}].bonus`, `加分条件“${id}”重复`));
  });
  return errors;
}

function dupes(values: string[]): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const v of values) (seen.has(v) ? out : seen).add(v);
  return [...out];
}
