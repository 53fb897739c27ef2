// `scorebook generate` and `scorebook score`: files, messages and exit codes (0 ok, 1 problems, 2 usage).
import * as fs from "fs";
import * as path from "path";
import { vetoAnswerFor } from "../../src/core";
import { main } from "../../src/cli/main";
import { defaultFileName } from "../../src/cli/workbook";
import { buildLayout, interpret, SHEET } from "../../src/workbook";
import { readXlsxFile, writeXlsx } from "../../src/xlsx";
import { bundle, fill, load, tmpDir } from "../helpers/workbooks";

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "scorebook", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("scorebook generate", () => {
  it("writes the workbook, never overwrites without --force", async () => {
    const file = path.join(tmpDir(), "a.xlsx");
    const r = await run(
      "generate",
      "hebei-organization",
      "--applicant",
      "某某有限公司",
      "--expert",
      "张三",
      "--stage",
      "material",
      "-o",
      file,
    );
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain(`已生成评分表：${file}`);
    const wb = await load(fs.readFileSync(file));
    expect(wb.getWorksheet(SHEET.meta)!.getCell("B3").value).toBe("hebei-organization");
    expect(wb.getWorksheet(SHEET.meta)!.getCell("B8").value).toBe("native");
    const before = fs.readFileSync(file);
    const again = await run(
      "generate",
      "hebei-organization",
      "--applicant",
      "别的公司",
      "--expert",
      "李四",
      "--stage",
      "onsite",
      "-o",
      file,
    );
    expect(again.code).toBe(2);
    expect(again.err).toContain(`文件已存在：${file}`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    const forced = await run(
      "generate",
      "hebei-organization",
      "--applicant",
      "别的公司",
      "--expert",
      "李四",
      "--stage",
      "onsite",
      "--formulas",
      "custom",
      "-o",
      file,
      "--force",
    );
    expect(forced.code).toBe(0);
    const meta = (await load(fs.readFileSync(file))).getWorksheet(SHEET.meta)!;
    expect([meta.getCell("B8").value, meta.getCell("B9").value, meta.getCell("B11").value]).toEqual([
      "custom",
      "别的公司",
      "onsite",
    ]);
  });

  it("protects the sheets with a password only when asked", async () => {
    const file = path.join(tmpDir(), "p.xlsx");
    const r = await run(
      "generate",
      "hebei-individual-other",
      "--applicant",
      "王五",
      "--expert",
      "张三",
      "--stage",
      "onsite",
      "--password",
      "s3cret",
      "-o",
      file,
    );
    expect(r.code).toBe(0);
    const wb = await load(fs.readFileSync(file));
    for (const ws of wb.worksheets) {
      const p = (ws as unknown as { sheetProtection: { sheet?: boolean; algorithmName?: string; hashValue?: string } })
        .sheetProtection;
      expect([ws.name, p.sheet, p.algorithmName, typeof p.hashValue]).toEqual([ws.name, true, "SHA-512", "string"]);
    }
    expect(interpret(await readXlsxFile(file)).rubric).toBe("hebei-individual-other");
  });

  it("--print compact: 评分 without the scoring points, portrait; a wrong style refused with the choices", async () => {
    const dir = tmpDir();
    const args = (file: string, style: string) => [
      "generate",
      "hebei-organization",
      "--applicant",
      "某某有限公司",
      "--expert",
      "张三",
      "--stage",
      "material",
      "--print",
      style,
      "-o",
      file,
    ];
    const file = path.join(dir, "compact.xlsx");
    expect((await run(...args(file, "compact"))).code).toBe(0);
    const ws = (await load(fs.readFileSync(file))).getWorksheet(SHEET.scoring)!;
    expect(ws.getCell("E4").value).toBe("评分要点");
    expect(ws.getColumn("E").hidden).toBe(true);
    expect(ws.pageSetup.orientation).toBe("portrait");
    expect(interpret(await readXlsxFile(file)).rubric).toBe("hebei-organization");
    const bad = await run(...args(path.join(dir, "bad.xlsx"), "wide"));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("打印样式“wide”无效：应为 full");
    expect(fs.existsSync(path.join(dir, "bad.xlsx"))).toBe(false);
  });

  it("names the file after applicant, stage and expert, safely", () => {
    expect(defaultFileName("某某有限公司", "material", "张三")).toBe("某某有限公司_材料评审_张三.xlsx");
    expect(defaultFileName("A/B:公司*", "onsite", "王 五")).toBe("A_B_公司__现场评审_王 五.xlsx");
    expect(defaultFileName("=cmd|' /C calc'!A0", "material", "x")).toBe("_cmd_' _C calc'!A0_材料评审_x.xlsx");
    expect(defaultFileName("-rf", "material", "x")).toBe("_rf_材料评审_x.xlsx");
  });

  it("writes names starting with = + - @ as text", async () => {
    const dir = tmpDir();
    for (const [i, name] of ["=1+1", "+SUM(A1)", "-3", "@foo"].entries()) {
      const file = path.join(dir, `n${i}.xlsx`);
      const r = await run(
        "generate",
        "jiangmen-service",
        `--applicant=${name}`,
        "--expert",
        name,
        "--stage",
        "onsite",
        "-o",
        file,
      );
      expect([name, r.code]).toEqual([name, 0]);
      const report = interpret(await readXlsxFile(file));
      expect([report.applicant, report.expert]).toEqual([name, name]);
      const cover = (await load(fs.readFileSync(file))).getWorksheet(SHEET.cover)!;
      expect(cover.getCell("C6").value).toBe(name);
      expect(cover.getCell("C6").type).toBe(3); // ExcelJS ValueType.String
    }
  });

  it("usage errors exit 2 with a message", async () => {
    const file = path.join(tmpDir(), "x.xlsx");
    expect(
      await run(
        "generate",
        "hebei-organisation",
        "--applicant",
        "a",
        "--expert",
        "b",
        "--stage",
        "material",
        "-o",
        file,
      ),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining("未知的评分标准“hebei-organisation”"),
    });
    expect(
      await run("generate", "hebei-organization", "--expert", "b", "--stage", "material", "-o", file),
    ).toMatchObject({ code: 2, err: expect.stringContaining("缺少参数：--applicant") });
    expect(
      await run(
        "generate",
        "hebei-organization",
        "--applicant",
        " ",
        "--expert",
        "b",
        "--stage",
        "material",
        "-o",
        file,
      ),
    ).toMatchObject({ code: 2 });
    expect(
      await run("generate", "hebei-organization", "--applicant", "a", "--expert", "b", "--stage", "final", "-o", file),
    ).toMatchObject({ code: 2, err: expect.stringContaining("评审阶段“final”无效") });
    expect(
      await run(
        "generate",
        "hebei-organization",
        "--applicant",
        "a",
        "--expert",
        "b",
        "--stage",
        "现场评审",
        "--formulas",
        "vba",
        "-o",
        file,
      ),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining("公式模式“vba”无效"),
    });
    expect(
      await run(
        "generate",
        "hebei-organization",
        "--applicant",
        "a",
        "--expert",
        "b",
        "--stage",
        "material",
        "-o",
        path.join(tmpDir(), "x.csv"),
      ),
    ).toMatchObject({ code: 2 });
    expect(
      await run(
        "generate",
        "hebei-organization",
        "--applicant",
        "a",
        "--expert",
        "b",
        "--stage",
        "material",
        "-o",
        // A folder in the path is a file: refused before anything is written (a missing folder is created).
        path.join(__filename, "x.xlsx"),
      ),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining("路径中有一项是文件而不是文件夹"),
    });
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("scorebook score", () => {
  async function filledFile(
    values: (b: ReturnType<typeof bundle>) => Parameters<typeof fill>[2],
    id = "hebei-individual-senior",
  ) {
    const b = bundle(id);
    const layout = buildLayout(b, {
      applicant: "王五",
      expert: "张三",
      stage: "onsite",
      mode: "native",
      createdAt: "2025-06-01T00:00:00Z",
    });
    const file = path.join(tmpDir(), "w.xlsx");
    fs.writeFileSync(file, await fill(await writeXlsx(layout), layout, values(b)));
    return file;
  }
  const complete = (b: ReturnType<typeof bundle>) => ({
    entries: Object.fromEntries(b.rubric.items.map((i) => [i.code, { value: i.points - 2.5 }])),
    vetoes: Object.fromEntries(b.rules.vetoes.map((v) => [v.id, { answer: vetoAnswerFor(v, false) }])),
    declaration: { answer: "无利害关系" },
  });

  it("a clean, complete workbook exits 0 and prints the documented JSON", async () => {
    const file = await filledFile(complete);
    const r = await run("score", file, "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      rubric: "hebei-individual-senior",
      applicant: "王五",
      expert: "张三",
      stage: "onsite",
      total: 72.5,
      complete: true,
      vetoed: false,
      problems: [],
      ok: true,
    });
    // A valid item: its input, value and score, no message in either language, and its cell.
    const ok = (code: string, points: number, value: number, row: number) => ({
      ...{ code, points, input: value, value, score: value, status: "ok" },
      ...{ message: null, en: null, cell: `评分!F${row}` },
    });
    expect(j.items).toEqual([ok("3.1", 30, 27.5, 5), ok("3.2", 30, 27.5, 6), ok("3.3", 20, 17.5, 7)]);
    expect(j.categories).toEqual([{ code: "3", name: "高层领导者评价准则", points: 80, score: 72.5 }]);
    expect(j.vetoes[0]).toEqual({ id: "party-line", flagged: false, answer: "符合", note: "", cell: "否决!E5" });
    const text = await run("score", file);
    expect(text.code).toBe(0);
    expect(text.out).toContain("总分：72.50 / 80（已评 3 / 3 项，已完成）");
    expect(text.out).toContain("结论：评分表完整、无异常，可以计入。");
  });

  it("a flagged veto prints as the item reads and as a flag for the secretariat, not an id or a verdict", async () => {
    const file = await filledFile((b) => {
      const v = complete(b);
      v.vetoes["party-line"] = {
        answer: vetoAnswerFor(
          b.rules.vetoes.find((x) => x.id === "party-line")!,
          true,
        ),
      };
      return v;
    });
    const r = await run("score", file);
    expect(r.out).toMatch(/否决标记（待质评办核实）：.*拥护党的路线、方针、政策/);
    expect(r.out).not.toContain("party-line");
    expect(r.out).not.toMatch(/否决：是/);
  });

  it("problems exit 1: an invalid entry, an unanswered veto, a rubric other than expected", async () => {
    const file = await filledFile((b) => {
      const v = complete(b);
      v.entries["3.1"] = { value: 31 };
      v.vetoes["party-line"] = { answer: "" };
      return v;
    });
    const r = await run("score", file);
    expect(r.code).toBe(1);
    expect(r.out).toContain("评分!F5（3.1）：得分 31 超出 0–30 分的范围");
    expect(r.out).toContain("否决!E5：否决事项“拥护党的路线、方针、政策”未作答");
    // In --json the item's message has its English beside it.
    const item = (JSON.parse((await run("score", file, "--json")).out) as { items: Record<string, unknown>[] })
      .items[0];
    expect(item).toMatchObject({
      status: "invalid",
      cell: "评分!F5",
      message: expect.stringContaining("超出 0–30 分"),
    });
    expect(item.en).toMatch(/31.*0.*30/);
    const other = await run("score", await filledFile(complete), "--rubric", "hebei-organization", "--json");
    expect(other.code).toBe(1);
    expect(JSON.parse(other.out).problems[0]).toMatchObject({ code: "wrong-rubric" });
  });

  it("a file that is not an .xlsx exits 1 naming the file; a missing file or unknown --rubric exits 2", async () => {
    const dir = tmpDir();
    const notXlsx = path.join(dir, "评分.xlsx");
    fs.writeFileSync(notXlsx, "这不是工作簿");
    const r = await run("score", notXlsx);
    expect(r.code).toBe(1);
    expect(r.err).toContain("评分.xlsx：不是 .xlsx 工作簿文件");
    const j = await run("score", notXlsx, "--json");
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, problems: [{ code: "not-xlsx" }] });
    expect(await run("score", path.join(dir, "none.xlsx"))).toMatchObject({
      code: 2,
      err: expect.stringContaining("文件不存在"),
    });
    expect(await run("score", notXlsx, "--rubric", "nope")).toMatchObject({ code: 2 });
    expect(await run("score")).toMatchObject({ code: 2 });
  });

  it("both commands have --help in Chinese and English", async () => {
    for (const cmd of ["generate", "score"]) {
      const r = await run(cmd, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/用法 \(Usage\): scorebook/);
      expect(r.out).toMatch(/退出码 \(exit codes\)/);
    }
  });
});
