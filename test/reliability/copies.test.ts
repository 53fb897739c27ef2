// One decision for copies of one workbook, and a returned consensus workbook recognised as what it is, on the
// commands a secretariat runs over one folder of returns: `round status` and `aggregate --round` must agree (issue 20:
// they decided by file name vs refusing both). Each case is a folder built as returns reach the secretariat: one
// expert's workbook returned twice (saved at the same time, as a copy edited on another machine keeps the save time),
// the copies' file times set as a file manager or a mail client leaves them.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { cellString } from "../../src/core";
import { bundle, generate, load, save, tmpDir } from "../helpers/workbooks";
import { filled } from "../consensus/fixtures";

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "scorebook", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const ORG = "hebei-organization";
let root: string;
let roundFile: string;
let panel: { applicant: string; expert: string }[];

beforeAll(async () => {
  root = tmpDir("scorebook-copies-");
  roundFile = path.join(root, "评审安排.xlsx");
  expect((await cli("round", "template", "-o", roundFile)).code).toBe(0);
  const wb = await load(fs.readFileSync(roundFile));
  wb.getWorksheet("申报者")!.getCell("A2").value = "甲有限公司";
  wb.getWorksheet("申报者")!.getCell("B2").value = ORG;
  const e = wb.getWorksheet("专家库")!;
  ["专家一", "专家二", "专家三", "专家四"].forEach((n, i) => {
    e.getCell(`A${i + 2}`).value = n;
    e.getCell(`B${i + 2}`).value = `大学${i}`;
  });
  const set: [string, string | number][] = [
    ["抽取阶段", "材料评审"],
    ["材料评审每组人数", 3],
    ["批次编号", "HB-C"],
  ];
  wb.getWorksheet("参数")!.eachRow((row) => {
    const hit = set.find(([k]) => k === row.getCell(1).value);
    if (hit) row.getCell(2).value = hit[1];
  });
  fs.writeFileSync(roundFile, await save(wb));
  expect((await cli("round", "draw", roundFile, "--seed", "5")).code).toBe(0);
  const rows: string[][] = [];
  (await load(fs.readFileSync(roundFile)))
    .getWorksheet("分组")!
    .eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => cellString(v))));
  panel = rows.slice(1).map((r) => ({ applicant: r[2], expert: r[5] }));
  expect(panel).toHaveLength(3);
}, 120_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Generated once per expert and level (shared by every case: generating is the slow part). */
const built = new Map<string, Buffer>();
async function workbook(p: { applicant: string; expert: string }, level: number): Promise<Buffer> {
  const key = `${p.expert}\u0000${level}`;
  if (!built.has(key)) {
    const meta = { ...p, stage: "material" as const, roundId: "HB-C", createdAt: "2026-05-01T08:00:00.000Z" };
    built.set(key, (await generate(ORG, meta, filled(bundle(ORG), level, p.expert))).buffer);
  }
  return built.get(key)!;
}

/** The panel's workbooks (all filled at 60 %) in a new folder; `copy` adds a second copy of the first at 70 %. */
async function returns(name: string, copy?: { sameContent?: boolean; times: [string, string] }) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  for (const [i, p] of panel.entries()) {
    const buffer = await workbook(p, 0.6);
    fs.writeFileSync(path.join(dir, `${i === 0 ? "a" : `x${i}`}.xlsx`), buffer);
    if (i === 0 && copy) {
      const second = copy.sameContent ? buffer : await workbook(p, 0.7);
      fs.writeFileSync(path.join(dir, "b.xlsx"), second);
      fs.utimesSync(path.join(dir, "a.xlsx"), new Date(copy.times[0]), new Date(copy.times[0]));
      fs.utimesSync(path.join(dir, "b.xlsx"), new Date(copy.times[1]), new Date(copy.times[1]));
    }
  }
  return dir;
}

/** What each command made of a.xlsx and b.xlsx: the problem code it named each with (none: counted). */
async function decisions(dir: string) {
  const status = await cli("round", "status", roundFile, dir, "--json");
  const s = JSON.parse(status.out);
  const statusOf = (f: string) =>
    (s.invalid as { file: string; code: string }[]).find((x) => path.basename(x.file) === f)?.code ?? "counted";
  const agg = await cli(
    "aggregate",
    dir,
    "--round",
    roundFile,
    "--json",
    "-o",
    path.join(root, `${path.basename(dir)}-汇总.xlsx`),
  );
  const a = JSON.parse(agg.out);
  const aggOf = (f: string) =>
    (a.problems as { file: string; code: string }[]).find((x) => path.basename(x.file) === f)?.code ?? "counted";
  return { status: [statusOf("a.xlsx"), statusOf("b.xlsx")], aggregate: [aggOf("a.xlsx"), aggOf("b.xlsx")], s, a };
}

describe("copies of one workbook: one decision for round status and aggregate", () => {
  it("saved at the same time: the later file time counts, whatever the names", async () => {
    // a.xlsx has the later file time; deciding by name (b.xlsx sorts later) would pick the other.
    const dir = await returns("later-file", { times: ["2026-05-03T10:00:00Z", "2026-05-02T10:00:00Z"] });
    const d = await decisions(dir);
    expect(d.status).toEqual(["counted", "duplicate"]);
    expect(d.aggregate[0]).toBe("counted");
    expect(d.aggregate[1]).toMatch(/^duplicate/);
  }, 60_000);

  it("the same save and file time, different content: neither counts, both named, in both commands", async () => {
    const t = "2026-05-02T10:00:00Z";
    const d = await decisions(await returns("undecided", { times: [t, t] }));
    expect(d.status).toEqual(["duplicate-undecided", "duplicate-undecided"]);
    expect(d.aggregate).toEqual(["duplicate-undecided", "duplicate-undecided"]);
    expect(d.s.counted).toBe(2);
  }, 60_000);

  it("the same save and file time, the same content (copied twice): counted once, in both commands", async () => {
    const t = "2026-05-02T10:00:00Z";
    const d = await decisions(await returns("identical", { sameContent: true, times: [t, t] }));
    expect(d.status[0]).toBe("counted");
    expect(d.status[1]).toBe("duplicate");
    expect(d.aggregate[0]).toBe("counted");
    expect(d.aggregate[1]).toMatch(/^duplicate/);
    expect(d.s.counted).toBe(3);
  }, 60_000);
});

describe("a returned consensus workbook (合议表) is what it is", () => {
  it("round status lists it as a consensus workbook, not a bad return; aggregate uses it", async () => {
    const dir = await returns("with-consensus");
    const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
    const consensus = path.join(dir, "合议表.xlsx");
    expect((await cli("consensus", ...files, "-o", consensus)).code).toBe(0);
    const status = await cli("round", "status", roundFile, dir, "--json");
    const s = JSON.parse(status.out);
    expect(s.invalid).toEqual([]);
    expect(s.consensus).toEqual([
      expect.objectContaining({
        file: expect.stringContaining("合议表.xlsx"),
        applicant: "甲有限公司",
        stage: "material",
      }),
    ]);
    expect(s.counted).toBe(3);
    const text = await cli("round", "status", roundFile, dir);
    expect(text.out).toContain("交回的合议表（1");
  }, 60_000);

  it("the round workbook given where returns are expected is named as the round workbook", async () => {
    const dir = await returns("with-round");
    fs.copyFileSync(roundFile, path.join(dir, "评审安排副本.xlsx"));
    const r = await cli("aggregate", dir, "--json", "-o", path.join(root, "with-round-汇总.xlsx"));
    const a = JSON.parse(r.out);
    expect(a.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "round-workbook", reason: expect.stringContaining("这是评审安排") }),
      ]),
    );
  }, 60_000);
});

describe("a wrong-kind argument is answered in Chinese, naming what it is (exit 2, no English word in the Chinese)", () => {
  /** The Chinese text of a message with what may be Latin in it taken out: paths, ids, command names. */
  const chineseOnly = (line: string) =>
    line
      .split(" (")[0]
      .replace(/\/tmp\/\S+|\S+\.xlsx/g, "")
      .replace(/[a-z0-9]+(-[a-z0-9]+)+/g, "")
      .replace(/\b(scorebook|round|template|draw|generate|status|aggregate|report|consensus|score)\b/g, "");
  const cases: [string, () => Promise<string[]>, string][] = [
    [
      "arguments swapped: a folder where the round workbook goes",
      async () => ["round", "status", await returns("swapped"), roundFile],
      "是文件夹，不是评审安排工作簿",
    ],
    [
      "a scoring workbook where the round workbook goes",
      async () => ["round", "generate", path.join(await returns("as-round"), "a.xlsx"), "-o", path.join(root, "g")],
      "是专家评分表，不是评审安排工作簿",
    ],
    ["a round workbook given to score", async () => ["score", roundFile], "这是评审安排"],
    [
      "a consensus workbook given to score",
      async () => {
        const dir = await returns("score-consensus");
        const out = path.join(dir, "合议表.xlsx");
        await cli("consensus", ...fs.readdirSync(dir).map((f) => path.join(dir, f)), "-o", out);
        return ["score", out];
      },
      "这是合议表",
    ],
    [
      "a mistyped rubric id gets the nearest one suggested",
      async () => [
        "generate",
        "hebei-organisation",
        "--applicant",
        "甲",
        "--expert",
        "乙",
        "--stage",
        "material",
        "-o",
        path.join(root, "x.xlsx"),
      ],
      "您是否要输入 hebei-organization",
    ],
  ];
  it.each(cases)(
    "%s",
    async (_name, args, words) => {
      const r = await cli(...(await args()));
      expect(r.code).toBe(2);
      expect(r.err).toContain(words);
      expect(r.err).not.toMatch(/\n\s+at |Error:/);
      // The Chinese part (before the English in brackets) holds no English word but command names and ids.
      expect(chineseOnly(r.err.split("\n")[0])).not.toMatch(/[A-Za-z]{2,}/);
    },
    60_000,
  );
});

describe("分组 re-checked on every read: a hand edit against 回避 is named, accepted only with a 调整原因", () => {
  /** A copy of the drawn round with `edit` applied (ExcelJS, as a clerk's spreadsheet would save it). */
  async function edited(name: string, edit: (wb: Awaited<ReturnType<typeof load>>) => void): Promise<string> {
    const wb = await load(fs.readFileSync(roundFile));
    edit(wb);
    const f = path.join(root, `${name}.xlsx`);
    fs.writeFileSync(f, await save(wb));
    return f;
  }
  const conflict = (wb: Awaited<ReturnType<typeof load>>) => {
    const c = wb.getWorksheet("回避")!;
    c.getCell("A2").value = panel[0].expert;
    c.getCell("B2").value = "甲有限公司";
    c.getCell("C2").value = "曾任其顾问";
  };

  it("a declared conflict on a panel is named with the row, and status, generate and aggregate --round refuse it", async () => {
    const f = await edited("conflict", conflict);
    const dir = await returns("recheck");
    const st = await cli("round", "status", f, dir);
    expect(st.code).toBe(1);
    expect(st.err).toMatch(new RegExp(`分组!第 \\d 行：${panel[0].expert} 与 甲有限公司 有回避关系`));
    expect(st.err).toContain("调整原因");
    const g = await cli("round", "generate", f, "-o", path.join(root, "recheck-out"));
    expect(g.code).toBe(1);
    expect(fs.existsSync(path.join(root, "recheck-out"))).toBe(false);
    const a = await cli("aggregate", dir, "--round", f, "-o", path.join(root, "recheck-汇总.xlsx"));
    expect(a.code).toBe(2);
    expect(a.err).toContain("有回避关系");
    expect(fs.existsSync(path.join(root, "recheck-汇总.xlsx"))).toBe(false);
  }, 60_000);

  it("an expert typed into 分组 who is not in 专家库 is named", async () => {
    const f = await edited("unknown", (wb) => {
      wb.getWorksheet("分组")!.getCell("F2").value = "王某某";
    });
    const st = await cli("round", "status", f, await returns("unknown-returns"));
    expect(st.code).toBe(1);
    expect(st.err).toContain("分组!第 2 行：专家 王某某 不在专家库中");
  }, 60_000);

  /** The 分组 row (1-based) of an expert, and the pool expert the draw left out. */
  const rowOf = (expert: string) => 2 + panel.findIndex((p) => p.expert === expert);
  const outsider = () => ["专家一", "专家二", "专家三", "专家四"].find((n) => !panel.some((p) => p.expert === n))!;
  const replaced = (reason?: string) => (wb: Awaited<ReturnType<typeof load>>) => {
    const p = wb.getWorksheet("分组")!;
    p.getCell(`F${rowOf(panel[1].expert)}`).value = outsider();
    if (reason) {
      p.getCell("H1").value = "调整原因";
      p.getCell(`H${rowOf(panel[1].expert)}`).value = reason;
    }
  };

  it("an expert of the pool put on a panel by hand (no rule broken) is named against the draw record", async () => {
    const f = await edited("replaced", replaced());
    const dir = await returns("replaced-returns");
    const row = rowOf(panel[1].expert);
    const st = await cli("round", "status", f, dir);
    expect(st.code).toBe(1);
    expect(st.err).toContain(
      `分组!第 ${row} 行：专家 ${outsider()} 不是抽取记录中 材料-01（甲有限公司，材料评审）抽中的专家`,
    );
    expect(st.err).toContain(`抽中的专家 ${panel[1].expert} 不在“分组”中`);
    expect(st.err).toContain("调整原因");
    const g = await cli("round", "generate", f, "-o", path.join(root, "replaced-out"));
    expect(g.code).toBe(1);
    expect(g.err).toContain("不是抽取记录中");
    expect(fs.existsSync(path.join(root, "replaced-out"))).toBe(false);
    const a = await cli("aggregate", dir, "--round", f, "-o", path.join(root, "replaced-汇总.xlsx"));
    expect(a.code).toBe(2);
    expect(a.err).toContain("不是抽取记录中");
    expect(fs.existsSync(path.join(root, "replaced-汇总.xlsx"))).toBe(false);
    // A new draw replaces the edited 分组: the remedy is never blocked by the edit it replaces.
    const redrawn = path.join(root, "replaced-redrawn.xlsx");
    expect((await cli("round", "draw", f, "--seed", "5", "-o", redrawn)).code).toBe(0);
    expect((await cli("round", "status", redrawn, dir)).err).not.toContain("抽取记录");
  }, 60_000);

  it("a leader moved by hand is named; accepted with a 调整原因 it is listed by status and in the summary's problems", async () => {
    const leaderRow = (wb: Awaited<ReturnType<typeof load>>) => {
      let at = 0;
      wb.getWorksheet("分组")!.eachRow((r, n) => {
        if (n > 1 && r.getCell(7).value === "是") at = n;
      });
      return at;
    };
    const move = (reason?: string) => (wb: Awaited<ReturnType<typeof load>>) => {
      const p = wb.getWorksheet("分组")!;
      const from = leaderRow(wb);
      const to = from === 2 ? 3 : 2;
      p.getCell(`G${from}`).value = "";
      p.getCell(`G${to}`).value = "是";
      if (reason) {
        p.getCell("H1").value = "调整原因";
        p.getCell(`H${to}`).value = reason;
      }
    };
    const bare = await cli("round", "status", await edited("leader", move()), await returns("leader-returns"));
    expect(bare.code).toBe(1);
    expect(bare.err).toMatch(/分组!第 \d 行：组长与抽取记录不同（抽取记录中 材料-01 的组长是 专家.）/);
    const f = await edited("leader-ok", move("组长因公出差，经主任同意更换"));
    const dir = await returns("leader-ok-returns");
    const st = await cli("round", "status", f, dir);
    expect(st.code).toBe(0);
    expect(st.err).toContain("经说明原因接受的人工调整");
    expect(st.err).toContain("已按“调整原因”接受：组长因公出差");
    const a = await cli("aggregate", dir, "--round", f, "--json", "-o", path.join(root, "leader-ok-汇总.xlsx"));
    // Listed among the summary's problems (the audit), as everything the secretariat must see: exit 1.
    expect(a.code).toBe(1);
    const problems = JSON.parse(a.out).problems as { code: string; reason: string }[];
    expect(problems.find((p) => p.code === "round-panel-adjusted")?.reason).toContain("组长与抽取记录不同");
  }, 60_000);

  it("an edit of the draw record itself is named on every read", async () => {
    // The seed shown in 抽取记录 changed (C4: 随机种子), as someone covering a redraw might.
    const f = await edited("record", (wb) => {
      const seed = wb.getWorksheet("抽取记录")!.getCell("C4");
      expect(seed.value).toBe("5");
      seed.value = "6";
    });
    const st = await cli("round", "status", f, await returns("record-returns"));
    expect(st.code).toBe(1);
    expect(st.err).toContain("“抽取记录”在抽取后被改动");
    const g = await cli("round", "generate", f, "-o", path.join(root, "record-out"));
    expect(g.code).toBe(1);
    expect(g.err).toContain("“抽取记录”在抽取后被改动");
  }, 60_000);

  it("with a reason in 调整原因 the edit is accepted and listed, never silent", async () => {
    const f = await edited("adjusted", (wb) => {
      conflict(wb);
      const p = wb.getWorksheet("分组")!;
      const col = p.getRow(1).cellCount + 1;
      p.getRow(1).getCell(col).value = "调整原因";
      p.eachRow((row, n) => {
        if (n > 1 && row.getCell(6).value === panel[0].expert) row.getCell(col).value = "原定专家因病替换，经主任批准";
      });
    });
    const st = await cli("round", "status", f, await returns("adjusted-returns"));
    expect(st.code).toBe(0);
    expect(st.err).toContain("经说明原因接受的人工调整（1）");
    // (read as the cell text is read: NFKC, so the full-width comma is a comma)
    expect(st.err).toContain("已按“调整原因”接受：原定专家因病替换");
  }, 60_000);
});
