// The rubric data against the seed documents: every item's code, name and points as the seed lists them, and
// every scoring-point text found verbatim in the seed (whitespace aside) unless a recorded fix explains it.
import { library, type Rubric } from "../../src/core";
import { describeWithSeeds, HEBEI_SEED, JIANGMEN_SEED, readSeed, section, squash } from "../helpers/seeds";

interface Listed {
  code: string;
  name: string;
  points: number;
}

const ITEM = /^\s*(\d\.\d+)\s*(\S.*?)（(\d+)\s*分）\s*$/;
const CATEGORY = /^\s*(\d)\s*[.．]?\s*([^\d\s.].*?)（(\d+)\s*分）\s*$/;

function listed(lines: string[], re: RegExp): Listed[] {
  const seen = new Set<string>();
  const out: Listed[] = [];
  for (const l of lines) {
    const m = re.exec(l);
    if (m && !seen.has(m[1])) {
      seen.add(m[1]);
      out.push({ code: m[1], name: m[2].trim(), points: Number(m[3]) });
    }
  }
  return out;
}

const SECTIONS: Record<string, { seed: string; start: string; end: string }> = {
  "jiangmen-manufacturing": { seed: JIANGMEN_SEED, start: "表 1 江门市政府质量奖", end: "评价指标及分值分布如表 2" },
  "jiangmen-service": { seed: JIANGMEN_SEED, start: "表 1 江门市政府质量奖", end: "评价指标及分值分布如表 2" },
  "jiangmen-construction": { seed: JIANGMEN_SEED, start: "表 1 江门市政府质量奖", end: "评价指标及分值分布如表 2" },
  "jiangmen-medical": { seed: JIANGMEN_SEED, start: "表 2 江门市政府质量奖", end: "教育机构（义务教育阶段小学" },
  "jiangmen-education": { seed: JIANGMEN_SEED, start: "表 3 江门市政府质量奖", end: "二、核心指标" },
  "hebei-organization": { seed: HEBEI_SEED, start: "二、评价要求", end: "三、评分体系" },
  "hebei-individual-senior": { seed: HEBEI_SEED, start: "3 高层领导者评价准则", end: "4 中层管理者评价准则" },
  "hebei-individual-middle": { seed: HEBEI_SEED, start: "4 中层管理者评价准则", end: "5 一线工作人员评价准则" },
  "hebei-individual-frontline": { seed: HEBEI_SEED, start: "5 一线工作人员评价准则", end: "6 其他人员评价准则" },
  "hebei-individual-other": { seed: HEBEI_SEED, start: "6 其他人员评价准则", end: "6.2.9" },
};

/** Is this text in the seed, as it stands or by undoing one of the rubric's recorded fixes? */
function inSeed(seedSquashed: string, text: string, rubric: Rubric): boolean {
  const t = squash(text);
  if (seedSquashed.includes(t)) return true;
  return (rubric.fixes ?? []).some((f) => {
    const c = squash(f.corrected);
    return c.length > 0 && t.includes(c) && seedSquashed.includes(squash(f.original)) && seedSquashed.includes(t.replace(c, squash(f.original)));
  });
}

describeWithSeeds("rubrics match the seed documents", () => {
  const seeds: Record<string, string> = {};
  beforeAll(() => {
    seeds[JIANGMEN_SEED] = readSeed(JIANGMEN_SEED);
    seeds[HEBEI_SEED] = readSeed(HEBEI_SEED);
  });

  it.each(Object.keys(SECTIONS))("%s: items (code, name, points) and categories as listed in the seed", (id) => {
    const { rubric } = library().get(id)!;
    const s = SECTIONS[id];
    const lines = section(seeds[s.seed], s.start, s.end);
    const renamed = (x: Listed) => (rubric.fixes ?? []).find((f) => f.where === x.code && squash(f.original) === squash(x.name))?.corrected ?? x.name;
    const items = listed(lines, ITEM).filter((x) => x.code.split(".")[0] === rubric.categories[0].code || rubric.categories.some((c) => c.code === x.code.split(".")[0]));
    expect(rubric.items.map((i) => ({ code: i.code, name: i.name, points: i.points }))).toEqual(
      items.map((x) => ({ ...x, name: renamed(x) })),
    );
    const cats = listed(lines, CATEGORY);
    if (cats.length > 0) expect(rubric.categories.map((c) => ({ code: c.code, name: c.name, points: c.points }))).toEqual(cats);
  });

  it.each(Object.keys(SECTIONS))("%s: every name and scoring-point text is in the seed (or explained by a fix)", (id) => {
    const { rubric } = library().get(id)!;
    const seed = squash(seeds[SECTIONS[id].seed]);
    const texts = rubric.items.flatMap((i) => [i.name, ...i.guidance, ...(i.subitems ?? []).flatMap((s) => [s.name, ...s.guidance])]);
    const missing = texts.filter((t) => !inSeed(seed, t, rubric));
    expect(missing).toEqual([]);
    for (const f of rubric.fixes ?? []) expect(seed).toContain(squash(f.original));
  });

  it("Jiangmen veto items and Hebei rules quote the seed", () => {
    const jm = squash(seeds[JIANGMEN_SEED]);
    const hb = squash(seeds[HEBEI_SEED]);
    for (const v of library().ruleSet("jiangmen-organization")!.vetoes) expect(jm).toContain(squash(v.text));
    for (const rs of ["hebei-organization", "hebei-individual"]) {
      const rules = library().ruleSet(rs)!;
      // An item asked as an event quotes the seed's sentence after "细则：" (三（三）: 是 means it happened).
      for (const v of rules.vetoes) expect(hb).toContain(squash(/（细则：(.*)）$/.exec(v.text)?.[1] ?? v.text));
      expect(hb).toContain(squash(rules.bonus!.text));
    }
  });
});
