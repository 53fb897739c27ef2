// The awards folder as commands meet it: found through --awards or SCOREBOOK_AWARDS, refused with one clear message
// when missing or holding bad data, and written by `award import` only when the award is new, unchanged or --force.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { setExtraAwardData } from "../../src/core";
import { writeAwardBook } from "../../src/award/workbook";
import { tmpDir } from "../helpers/workbooks";
import { CITY_RUBRIC, cityBook } from "./city";

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "scorebook", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = tmpDir("award-folder-");
const awards = path.join(dir, "awards");
const city = path.join(dir, "city.xlsx");

beforeAll(async () => fs.writeFileSync(city, await writeAwardBook(cityBook())));
afterAll(() => {
  setExtraAwardData(null);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the awards folder", () => {
  it("is refused by name when --awards names no folder (exit 2, before the command runs)", async () => {
    const r = await run("rubrics", "--awards", path.join(dir, "nowhere"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("奖项文件夹不存在或无法读取");
    expect(r.out).toBe("");
  });

  it("imports once, leaves an identical import alone, refuses a different one without --force", async () => {
    expect((await run("award", "import", city, "--dir", awards)).code).toBe(0);
    const again = await run("award", "import", city, "--dir", awards);
    expect(again.code).toBe(0);
    expect(again.out).toContain("相同，未改动");
    const book = cityBook();
    book["评分标准"][1][1] = "梅江市政府质量奖评价标准（组织，修订）";
    const changed = path.join(dir, "changed.xlsx");
    fs.writeFileSync(changed, await writeAwardBook(book));
    const refused = await run("award", "import", changed, "--dir", awards);
    expect(refused.code).toBe(2);
    const stored = path.join(awards, "meijiang-2024", `${CITY_RUBRIC}.json`);
    expect(fs.readFileSync(stored, "utf8")).not.toContain("修订");
    expect((await run("award", "import", changed, "--dir", awards, "--force")).code).toBe(0);
    expect(fs.readFileSync(stored, "utf8")).toContain("修订");
    expect(fs.readdirSync(path.join(awards, "meijiang-2024")).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("is found through SCOREBOOK_AWARDS as through --awards", async () => {
    const before = process.env.SCOREBOOK_AWARDS;
    process.env.SCOREBOOK_AWARDS = awards;
    try {
      const r = await run("rubrics", "--json");
      expect((JSON.parse(r.out) as { id: string }[]).map((x) => x.id)).toContain(CITY_RUBRIC);
    } finally {
      if (before === undefined) delete process.env.SCOREBOOK_AWARDS;
      else process.env.SCOREBOOK_AWARDS = before;
    }
  });

  it("refuses an award that takes a built-in id", async () => {
    const file = path.join(dir, "hebei.xlsx");
    expect((await run("award", "export", "hebei-2022", "-o", file)).code).toBe(0);
    const r = await run("award", "import", file, "--dir", awards);
    expect(r.code).toBe(2);
    expect(r.out).toContain("奖项!B2：编号“hebei-2022”已被程序自带的奖项或评分标准使用");
    expect(fs.existsSync(path.join(awards, "hebei-2022"))).toBe(false);
  });

  it("names the file and field of bad data in the folder (exit 2, no stack trace)", async () => {
    const bad = path.join(dir, "bad");
    fs.mkdirSync(path.join(bad, "broken-2024"), { recursive: true });
    const award = JSON.parse(fs.readFileSync(path.join(awards, "meijiang-2024", "award.json"), "utf8")) as {
      id: string;
      ruleSets: { stages: { weight: { numerator: number } }[] }[];
    };
    award.ruleSets[0].stages[0].weight.numerator = 3; // 3/10 + 3/5: the weights no longer add up to 1
    fs.writeFileSync(path.join(bad, "broken-2024", "award.json"), JSON.stringify(award));
    const r = await run("rubrics", "--awards", bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken-2024[\\/]award\.json: ruleSets\[0\]\.stages: 各阶段权重之和应为 1/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });
});
