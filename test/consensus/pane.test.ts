// The group leader's consensus sheet from the task pane: the picked workbooks of one panel → the consensus layout,
// written into the open workbook through WorkbookHost (here the in-memory host), read back with the same reader.
import * as fs from "fs";
import * as path from "path";
import { consensusCommand } from "../../src/cli/consensus";
import { library, toNumber } from "../../src/core";
import { MemoryWorkbook } from "../../src/host/memory";
import { consensusFromFiles, summaryFromFiles, writeConsensus } from "../../src/taskpane/secretariat";
import { interpretConsensus } from "../../src/workbook";
import { tmpDir } from "../helpers/workbooks";
import { fillConsensus, writeExpert } from "./fixtures";

const picked = (file: string) => ({ name: file.split("/").pop()!, data: new Uint8Array(fs.readFileSync(file)) });

describe("consensus in the task pane", () => {
  it("writes the 合议 sheet with its names into the open workbook, and refuses a mixed panel", async () => {
    const dir = tmpDir();
    const files = [
      await writeExpert(dir, "某公司", "onsite", "张三", 0.5),
      await writeExpert(dir, "某公司", "onsite", "李四", 0.7),
    ];
    const lib = library();
    const made = await consensusFromFiles(files.map(picked), lib);
    if (!("layout" in made)) throw new Error(made.errors.map((e) => e.zh).join());
    const host = new MemoryWorkbook({ library: lib });
    const written = await writeConsensus(host, made.layout);
    expect(written).toEqual(["合议"]);
    const source = await host.read(["合议", "元数据"]);
    const r = interpretConsensus(source);
    expect(r.experts).toEqual(["张三", "李四"]);
    expect(r.problems.filter((p) => p.code !== "missing")).toEqual([]);
    expect(Object.keys(source.definedNames())).toEqual(
      expect.arrayContaining(["Codes", "Points", "Consensus", "Total"]),
    );
    // A second consensus in the same workbook gets its own sheet names.
    expect(await writeConsensus(host, made.layout)).toEqual(["合议 (2)"]);

    const other = await writeExpert(dir, "另一公司", "onsite", "王五", 0.5);
    const bad = await consensusFromFiles([...files, other].map(picked), lib);
    expect("errors" in bad && bad.errors[0]).toMatchObject({
      zh: expect.stringContaining("不属于同一申报者"),
      en: expect.stringContaining("not all of one applicant"),
    });
  });

  it("counts a picked consensus workbook when the secretariat aggregates files", async () => {
    const dir = tmpDir();
    const files = [
      await writeExpert(dir, "某公司", "material", "张三", 0.5),
      await writeExpert(dir, "某公司", "onsite", "张三", 0.5),
    ];
    const output = path.join(dir, "合议表.xlsx");
    expect(
      await consensusCommand(
        [files[1]],
        { output },
        () => {},
        () => {},
      ),
    ).toBe(0);
    const made = await consensusFromFiles([picked(files[1])], library());
    if (!("layout" in made)) throw new Error(made.errors.map((e) => e.zh).join());
    await fillConsensus(output, made.layout, () => 0.8);
    const o = await summaryFromFiles([...files, output].map(picked), {
      method: "mean",
      mode: "native",
      library: library(),
    });
    expect(o.result.applicants[0].onsite.method).toBe("consensus");
    expect(toNumber(o.result.applicants[0].onsite.score!)).toBe(800);
  });
});
