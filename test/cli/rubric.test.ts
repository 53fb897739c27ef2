import { main } from "../../src/cli/main";

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "scorebook", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("scorebook rubrics / rubric", () => {
  it("lists the ten rubric ids with titles", async () => {
    const r = await run("rubrics", "--json");
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out);
    expect(list).toHaveLength(10);
    expect(list[0]).toMatchObject({ id: "jiangmen-manufacturing", title: "江门市政府质量奖评分要点（制造业）" });
    const text = await run("rubrics");
    expect(text.out).toContain("hebei-individual-other");
  });

  it("prints the documented JSON shape", async () => {
    const r = await run("rubric", "jiangmen-manufacturing", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining([
        "id",
        "award",
        "title",
        "scale",
        "totalPoints",
        "categories",
        "items",
        "vetoes",
        "bonuses",
      ]),
    );
    expect(j.totalPoints).toBe(1000);
    expect(j.categories[0]).toEqual({ code: "1", name: "领导", points: 150 });
    expect(j.items[0]).toMatchObject({ code: "1.1", name: "企业家精神", points: 30, category: "1", kind: "process" });
    expect(j.items[0].guidance[0]).toMatch(/^a\. 如何弘扬企业家精神/);
    expect(j.vetoes).toHaveLength(3);
    expect(j.vetoes[0]).toMatchObject({ id: "major-incident", text: expect.stringContaining("重大质量") });
    expect(j.bonuses).toEqual([]);
  });

  it("Hebei organisation JSON has sub-items and the bonus list", async () => {
    const j = JSON.parse((await run("rubric", "hebei-organization", "--json")).out);
    expect(j.items[0].subitems[0]).toMatchObject({ code: "1.1.1", name: "组织文化" });
    expect(j.items[0].subitems[0].guidance[0]).toMatch(/^①/);
    expect(j.bonuses).toHaveLength(5);
    expect(j.bonuses[0]).toMatchObject({ points: 10, cumulative: false });
  });

  it("an unknown id exits non-zero and lists the known ids", async () => {
    const r = await run("rubric", "hebei-organisation");
    expect(r.code).toBe(2);
    expect(r.err).toContain("未知的评分标准");
    expect(r.err).toContain("hebei-organization");
  });

  it("every command has --help", async () => {
    for (const cmd of [[], ["rubrics"], ["rubric"]]) {
      const r = await run(...cmd, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/用法 \(Usage\): scorebook/);
    }
  });
});
