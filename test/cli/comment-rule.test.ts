// The comment rule (a score at the top or the bottom of the scale needs its reasons written down) is the engine's:
// `scorebook score` reports it in the same words and at the same cells as the task pane.
import * as fs from "fs";
import * as path from "path";
import { main, type Io } from "../../src/cli/main";
import { library } from "../../src/core";
import { findSets, SetSource } from "../../src/host/sets";
import { reviewReport } from "../../src/taskpane/review";
import { interpret, type InitialValues } from "../../src/workbook";
import { readXlsx } from "../../src/xlsx";
import { generate, tmpDir } from "../helpers/workbooks";

async function score(file: string) {
  const out: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => out.push(s) };
  const code = await main(["node", "scorebook", "score", file], io);
  const json: string[] = [];
  await main(["node", "scorebook", "score", file, "--json"], { out: (s) => json.push(s), err: (s) => json.push(s) });
  return { code, text: out.join("\n"), json: JSON.parse(json.join("\n")) };
}

describe.each(["hebei-organization", "hebei-individual-senior"])("the comment rule in %s", (id) => {
  const b = library().get(id)!;
  const [top, bottom, middle, written] = b.rubric.items;
  const maturity = b.rubric.scoring === "maturity";
  const values: InitialValues = {
    entries: {
      [top.code]: { value: maturity ? 0.95 : top.points },
      [bottom.code]: { value: 0 },
      [middle.code]: { value: maturity ? 0.5 : middle.points / 2 },
      // A top score with its strengths written: no warning.
      ...(written ? { [written.code]: { value: 1, strengths: "体系完整，成效显著" } } : {}),
    },
    vetoes: Object.fromEntries(b.rules.vetoes.map((v) => [v.id, { answer: "否" }])),
    declaration: { answer: "无利害关系" },
  };

  it("score and the pane name the same items, in the same words, at the same cells", async () => {
    const { buffer } = await generate(id, {}, values);
    const file = path.join(tmpDir(), "评分表.xlsx");
    fs.writeFileSync(file, buffer);
    const cli = await score(file);
    const fromCli = cli.json.warnings
      .filter((w: { code: string }) => w.code.startsWith("comment-"))
      .map((w: { message: string; cell: string }) => [w.message, w.cell]);

    const source = await readXlsx(buffer, "评分表.xlsx");
    const set = findSets(source.sheetNames())[0];
    // The pane reads the open workbook through its host; a file read back serves the same cells (no sheet names).
    const host = Object.assign(Object.create(source) as typeof source, { scopedNames: () => ({}) });
    const review = reviewReport(interpret(new SetSource(host, set)), set);
    const fromPane = review.problems
      .filter((p) => p.kind === "comment")
      .map((p) => [p.message.zh, `${p.cell!.sheet}!${p.cell!.ref}`]);

    expect(fromCli).toEqual(fromPane);
    // The top score without strengths and the bottom one without opportunities; not the middle, not the written one.
    const m = review.layout!.map.scoring;
    const row = (code: string) => m.items.find((i) => i.code === code)!.row;
    expect(fromCli).toEqual([
      [
        expect.stringMatching(new RegExp(`^${top.code} ${top.name}：.*请在“优势”栏写明依据$`)),
        `评分!${m.columns.strengths}${row(top.code)}`,
      ],
      [
        expect.stringMatching(new RegExp(`^${bottom.code} ${bottom.name}：.*请在“改进机会”栏写明依据$`)),
        `评分!${m.columns.opportunities}${row(bottom.code)}`,
      ],
    ]);
    // The terminal prints them under 提醒 with the cell first.
    expect(cli.text).toContain(`提醒（2）：`);
    expect(cli.text).toContain(`  - 评分!${m.columns.strengths}${row(top.code)}：${fromCli[0][0]}`);
  });
});
