// The name a person reads for a ranking (one per rule set, or per rubric where sectors are ranked apart): Chinese
// names only, never the ids that src/core/aggregate.ts (rankingGroup) keys them by.
import type { Library } from "../core";

export function groupTitle(lib: Library, group: string): { zh: string; en: string } {
  const [ruleSetId, rubricId] = group.split("/");
  const rules = lib.ruleSet(ruleSetId);
  if (!rules) return { zh: "（评分标准未知）", en: "(unknown criteria)" };
  const en = rules.name.en ?? rules.name.zh;
  const rubric = rubricId ? lib.get(rubricId)?.rubric : undefined;
  if (!rubric) return { zh: rules.name.zh, en };
  const sector = rubricShortName(rubric.title.zh);
  const sectorEn = rubric.title.en ? (rubric.title.en.split(/ — |: /).pop() ?? sector) : sector;
  return { zh: `${rules.name.zh} · ${sector}`, en: `${en} · ${sectorEn}` };
}

/** A rubric's title as the 评分标准 column shows it: the sector or kind of person, else the whole title. */
export function rubricShortName(title: string): string {
  const m = /——\s*([^—]+)$/.exec(title) ?? /（([^（）]+)）\s*$/.exec(title);
  return m && !/年版/.test(m[1]) ? m[1].trim() : title;
}
