// The consensus workbook (合议表) end to end: `scorebook consensus` over a panel's returned workbooks, the group
// leader's agreed maturities typed in, and `scorebook aggregate` taking its total as the stage's panel score — or
// naming the problem when the consensus was built from other experts than the ones counted.
import * as fs from "fs";
import * as path from "path";
import { interpretFile } from "../../src/aggregate/read";
import { aggregateFiles } from "../../src/aggregate/run";
import { consensusCommand } from "../../src/cli/consensus";
import { main, type Io } from "../../src/cli/main";
import { cellString, formatScore, toNumber } from "../../src/core";
import { summaryJson } from "../../src/summary";
import { buildConsensusLayout, interpretConsensus, toReturnedSheet } from "../../src/workbook";
import { readXlsxFile } from "../../src/xlsx";
import { describeWithLibreOffice, recalc } from "../helpers/libreoffice";
import { bundle, tmpDir } from "../helpers/workbooks";
import { fillConsensus, ORG, writeExpert } from "./fixtures";

const APPLICANT = "河北某某装备制造有限公司";

function io(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (s) => lines.push(s), err: (s) => errors.push(s), lines, errors };
}

async function panel(dir: string) {
  const material = [
    await writeExpert(dir, APPLICANT, "material", "张三", 0.6),
    await writeExpert(dir, APPLICANT, "material", "李四", 0.6),
    await writeExpert(dir, APPLICANT, "material", "王五", 0.6),
  ];
  // On site: 55 %, 60 %, 65 % everywhere (one band, mean 600); item 1.1 is divergent (30 %, 60 %, 90 %).
  const onsite = [
    await writeExpert(dir, APPLICANT, "onsite", "张三", (c) => (c === "1.1" ? 0.3 : 0.55)),
    await writeExpert(dir, APPLICANT, "onsite", "李四", 0.6),
    await writeExpert(dir, APPLICANT, "onsite", "王五", (c) => (c === "1.1" ? 0.9 : 0.65)),
  ];
  return { material, onsite };
}

async function sheetsOf(files: string[]) {
  const out = [];
  for (const f of files) {
    const r = await interpretFile(f);
    if (!r.ok) throw new Error(r.problem.reason);
    out.push(toReturnedSheet(r.report));
  }
  return out;
}

describe("scorebook consensus", () => {
  it("writes one row per item with the experts side by side, the divergence flag and the input names", async () => {
    const dir = tmpDir();
    const { onsite } = await panel(dir);
    const output = path.join(dir, "合议表.xlsx");
    const t = io();
    expect(await main(["node", "scorebook", "consensus", ...onsite, "-o", output], t)).toBe(0);
    expect(t.lines.join("\n")).toContain("分歧项目");
    const source = await readXlsxFile(output);
    const layout = buildConsensusLayout(bundle(ORG), await sheetsOf(onsite), { createdAt: "x" });
    const m = layout.map;
    const row11 = m.items.find((i) => i.code === "1.1")!.row;
    const row12 = m.items.find((i) => i.code === "1.2")!.row;
    expect(source.value(m.sheet, `${m.columns.experts[0].value}4`)).toBe("张三");
    expect(source.value(m.sheet, `${m.columns.experts[0].value}${row11}`)).toBeCloseTo(0.3);
    expect(source.value(m.sheet, `${m.columns.experts[0].band!}${row11}`)).toBe(3);
    expect(source.value(m.sheet, `${m.columns.experts[2].band!}${row11}`)).toBe(6);
    expect(source.value(m.sheet, `${m.columns.divergent}${row11}`)).toBe("分歧");
    expect(source.value(m.sheet, `${m.columns.divergent}${row12}`)).toBeNull();
    expect(source.value(m.sheet, `${m.columns.mean}${row12}`)).toBeCloseTo(0.6);
    const names = source.definedNames();
    for (const n of ["Codes", "Points", "Consensus", "Total"]) expect(names[n]).toContain("合议");
    // The printed total follows the live number under the display rule; after the material review it is compared
    // with the advance line (500), so its text is chosen against that line.
    const shownTotal = layout.sheets[0].cells.find((c) => c.ref === m.totalShown)!;
    expect(shownTotal.formula).toContain(m.total);
    expect(shownTotal.formula).not.toContain("500");
    const mat = buildConsensusLayout(bundle(ORG), await sheetsOf((await panel(tmpDir())).material), { createdAt: "x" });
    expect(mat.sheets[0].cells.find((c) => c.ref === mat.map.totalShown)!.formula).toContain(">=500");
    // The strengths of the experts are gathered once each, without names of their own.
    expect(cellString(source.value(m.sheet, `${m.columns.strengths}${row11}`))).toBe("高层领导亲自推动卓越绩效管理");
    // Not filled in yet: the consensus reads as incomplete, naming a cell.
    const r = interpretConsensus(source);
    expect(r.complete).toBe(false);
    expect(r.problems[0].zh).toContain(`合议!${m.columns.input}${m.items[0].row}`);
  });

  it("refuses a workbook with problems and workbooks of two applicants, writing nothing", async () => {
    const dir = tmpDir();
    const a = await writeExpert(dir, APPLICANT, "onsite", "张三", 0.5);
    const b = await writeExpert(dir, "另一家公司", "onsite", "李四", 0.5);
    const t = io();
    const output = path.join(dir, "合议表.xlsx");
    expect(await consensusCommand([a, b], { output }, t.out, t.err)).toBe(1);
    expect(t.errors.join("\n")).toContain("不属于同一申报者");
    expect(fs.existsSync(output)).toBe(false);
  });
});

describe("aggregate with a consensus workbook", () => {
  it("takes the consensus total as the on-site panel score, overriding the mean", async () => {
    const dir = tmpDir();
    const { onsite } = await panel(dir);
    const output = path.join(dir, "合议表.xlsx");
    expect(
      await consensusCommand(
        onsite,
        { output },
        () => {},
        () => {},
      ),
    ).toBe(0);
    const layout = buildConsensusLayout(bundle(ORG), await sheetsOf(onsite), { createdAt: "x" });
    await fillConsensus(output, layout, () => 0.8);
    const run = await aggregateFiles({ inputs: [dir], createdAt: "2025-07-01T00:00:00Z" });
    const a = run.result.applicants[0];
    expect(a.onsite.method).toBe("consensus");
    expect(toNumber(a.onsite.score!)).toBe(800); // not the mean of 600
    expect(a.onsite.experts).toEqual(["张三", "李四", "王五"]); // the individual workbooks stay counted (明细)
    expect(a.material.method).toBe("mean");
    expect(toNumber(a.final!)).toBe(600 * 0.3 + 800 * 0.7);
    const json = summaryJson(run.result).applicants[0];
    expect(json.onsite).toMatchObject({ method: "consensus", score: 800, consensusFile: output });
    expect(run.result.problems).toEqual([]);
    // 明细 still shows every expert's inputs.
    expect(run.layout.map.details.blocks.find((b) => b.stage === "onsite")!.columns.inputs).toHaveLength(3);
  });

  it("names a consensus built from other experts than the ones counted, and keeps the panel method", async () => {
    const dir = tmpDir();
    const { onsite } = await panel(dir);
    const output = path.join(dir, "合议表.xlsx");
    // The consensus was drawn up before 王五's workbook came in.
    expect(
      await consensusCommand(
        onsite.slice(0, 2),
        { output },
        () => {},
        () => {},
      ),
    ).toBe(0);
    const layout = buildConsensusLayout(bundle(ORG), await sheetsOf(onsite.slice(0, 2)), { createdAt: "x" });
    await fillConsensus(output, layout, () => 0.8);
    const run = await aggregateFiles({ inputs: [dir], createdAt: "2025-07-01T00:00:00Z" });
    const a = run.result.applicants[0];
    expect(a.onsite.method).toBe("mean");
    expect(toNumber(a.onsite.score!)).toBe(600);
    const p = run.result.problems.find((x) => x.code === "consensus-experts")!;
    expect(p.file).toBe(output);
    expect(p.reason).toContain("张三、李四");
    expect(p.reason).toContain("王五");
  });

  it("does not use a consensus with an invalid agreed maturity, and says which cell", async () => {
    const dir = tmpDir();
    const { onsite } = await panel(dir);
    const output = path.join(dir, "合议表.xlsx");
    expect(
      await consensusCommand(
        onsite,
        { output },
        () => {},
        () => {},
      ),
    ).toBe(0);
    const layout = buildConsensusLayout(bundle(ORG), await sheetsOf(onsite), { createdAt: "x" });
    await fillConsensus(output, layout, (c) => (c === "2.1" ? 0.47 : 0.8));
    const run = await aggregateFiles({ inputs: [dir], createdAt: "2025-07-01T00:00:00Z" });
    expect(run.result.applicants[0].onsite.method).toBe("mean");
    const p = run.result.problems.find((x) => x.code === "consensus-invalid")!;
    const row = layout.map.items.find((i) => i.code === "2.1")!.row;
    expect(p.reason).toContain(`合议!${layout.map.columns.input}${row}`);
    expect(p.reason).toContain("47%");
  });
});

describeWithLibreOffice("a consensus saved by LibreOffice with recalculation", () => {
  it("reads back complete, with LibreOffice's total equal to the engine's, and counts in aggregate", async () => {
    const dir = tmpDir();
    const { onsite } = await panel(dir);
    const output = path.join(dir, "work", "合议表.xlsx");
    fs.mkdirSync(path.dirname(output));
    expect(
      await consensusCommand(
        onsite,
        { output },
        () => {},
        () => {},
      ),
    ).toBe(0);
    const layout = buildConsensusLayout(bundle(ORG), await sheetsOf(onsite), { createdAt: "x" });
    await fillConsensus(output, layout, (c) => (c === "1.1" ? "60%" : 0.65));
    const saved = path.join(dir, "lo");
    recalc([output], saved);
    const source = await readXlsxFile(path.join(saved, "合议表.xlsx"));
    const r = interpretConsensus(source);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    const shown = source.value(layout.map.sheet, layout.map.total);
    expect(shown).toBeCloseTo(toNumber(r.total), 9);
    expect(toNumber(r.total)).toBe(647);
    // The printed total: the display rule's text of the live total (on site: no line; two decimals).
    expect(source.value(layout.map.sheet, layout.map.totalShown)).toBe(formatScore(r.total));
    expect(source.value(layout.map.sheet, layout.map.totalShown)).toBe("647.00");
    const run = await aggregateFiles({ inputs: [...onsite, path.join(saved, "合议表.xlsx")] });
    expect(run.result.applicants[0].onsite.method).toBe("consensus");
    expect(toNumber(run.result.applicants[0].onsite.score!)).toBe(647);
  });
});
