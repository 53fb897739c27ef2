// `scorebook rubrics` and `scorebook rubric <id>`: the library as text or JSON.
import { library, nearestId, vetoLabel, type RubricBundle } from "../core";
import { secretariatSettings } from "../core/secretariat";

/** The documented JSON shape of one rubric (see README, "scorebook rubric"). */
export function rubricJson(b: RubricBundle) {
  const { rubric: r, scale, rules } = b;
  return {
    id: r.id,
    award: r.award,
    title: r.title.zh,
    titleEn: r.title.en ?? null,
    ruleSet: r.ruleSet,
    scoring: r.scoring,
    scale:
      r.scoring === "points"
        ? { id: "points", kind: "points", step: r.pointsStep ?? 0.5 }
        : {
            id: scale.id,
            kind: "maturity",
            step: scale.step,
            bands: scale.bands.map((x) => ({ band: x.band, min: x.min, max: x.max })),
          },
    totalPoints: r.totalPoints,
    categories: r.categories.map((c) => ({ code: c.code, name: c.name, points: c.points })),
    items: r.items.map((i) => ({
      code: i.code,
      name: i.name,
      points: i.points,
      category: i.category,
      kind: i.kind,
      guidance: i.guidance,
      subitems: (i.subitems ?? []).map((s) => ({ code: s.code, name: s.name, guidance: s.guidance })),
    })),
    vetoes: rules.vetoes.map((v) => ({ id: v.id, text: v.text, ask: v.ask, source: v.source })),
    bonuses: rules.bonus
      ? rules.bonus.conditions.map((c) => ({
          id: c.id,
          text: c.text,
          points: rules.bonus!.points,
          cumulative: rules.bonus!.cumulative,
        }))
      : [],
    fixes: r.fixes ?? [],
    secretariatDefaults: secretariatSettings(rules).map((d) => ({ setting: d.label, value: d.value })),
  };
}

export function listRubrics(json: boolean, out: (s: string) => void): number {
  const lib = library();
  if (json) {
    out(
      JSON.stringify(
        lib.rubrics.map((r) => ({
          id: r.id,
          award: r.award,
          title: r.title.zh,
          titleEn: r.title.en ?? null,
          totalPoints: r.totalPoints,
          items: r.items.length,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const a of lib.awards) {
    out(`${a.title.zh}`);
    for (const r of lib.rubrics.filter((x) => x.award === a.id))
      out(`  ${r.id.padEnd(28)} ${r.title.zh}（${r.items.length} 项，${r.totalPoints} 分）`);
  }
  return 0;
}

export function showRubric(id: string, json: boolean, out: (s: string) => void, err: (s: string) => void): number {
  const lib = library();
  const b = lib.get(id);
  if (!b) {
    err(
      unknownRubricText(
        id,
        lib.rubrics.map((r) => r.id),
      ),
    );
    return 2;
  }
  if (json) {
    out(JSON.stringify(rubricJson(b), null, 2));
    return 0;
  }
  const r = b.rubric;
  out(`${r.title.zh}（${r.id}）`);
  out(`来源：${r.source}`);
  out(
    r.scoring === "points"
      ? `评分方式：直接打分，0 至该项满分，步长 ${r.pointsStep} 分`
      : `评分方式：成熟度百分比 × 分值（${b.scale.name.zh}）`,
  );
  out(`总分：${r.totalPoints}`);
  for (const c of r.categories) {
    out(`\n${c.code} ${c.name}（${c.points} 分）`);
    for (const i of r.items.filter((x) => x.category === c.code)) {
      out(`  ${i.code} ${i.name}（${i.points} 分，${i.kind === "process" ? "过程" : "结果"}）`);
      for (const g of i.guidance) out(`      ${g}`);
      for (const s of i.subitems ?? []) {
        out(`    ${s.code} ${s.name}`);
        for (const g of s.guidance) out(`        ${g}`);
      }
    }
  }
  out(`\n否决事项 / 资格条件：`);
  for (const v of b.rules.vetoes) out(`  [${v.id}] ${vetoLabel(v).zh}`);
  if (b.rules.bonus) out(`\n加分：${b.rules.bonus.text}`);
  const defaults = secretariatSettings(b.rules);
  if (defaults.length) {
    out(`\n质评办可调整的默认设置（评审文件未作规定，${b.rules.name.zh}）：`);
    for (const d of defaults) out(`  ${d.label}${d.value ? ` = ${d.value}` : ""}`);
  }
  return 0;
}

/** An unknown rubric id: the nearest known id suggested (a typo), then every known id. */
export function unknownRubricText(id: string, known: readonly string[]): string {
  const near = nearestId(id, known);
  return `未知的评分标准“${id}”。${near ? `您是否要输入 ${near}？` : ""}可用的评分标准：\n${known.map((k) => `  ${k}`).join("\n")}`;
}
