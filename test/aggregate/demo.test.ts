// The bundled demo (samples/demo.json, `npm run demo`): its workbooks are generated and filled deterministically and
// hold exactly what the demo promises — one veto, one divergent item, one incomplete workbook — and the roster.
import * as fs from "fs";
import * as path from "path";
import { aggregateFiles } from "../../src/aggregate/run";
import { readRosterFile } from "../../src/aggregate/roster";
import { sampleFiles, writeSample, type SampleSpec } from "../../scripts/sample-workbooks";
import { tmpDir } from "../helpers/workbooks";

const SAMPLES = path.join(__dirname, "../../samples");

describe("the demo sample", () => {
  it("generates the promised cases, and aggregates with the roster to a ranking", async () => {
    const spec = JSON.parse(fs.readFileSync(path.join(SAMPLES, "demo.json"), "utf8")) as SampleSpec & {
      roster: string;
    };
    const dir = tmpDir("scorebook-demo-");
    const files = sampleFiles(spec);
    expect(files).toHaveLength(70);
    for (const f of files) await writeSample(spec, f, dir);
    const roster = await readRosterFile(path.join(SAMPLES, spec.roster));
    expect(roster.problems).toEqual([]);
    const { result } = await aggregateFiles({ inputs: [dir], roster, workers: 0 });
    expect(result.problems.map((p) => [p.code, p.applicant])).toEqual([["incomplete", "滦河食品集团有限公司"]]);
    expect(result.divergences.map((d) => [d.applicant, d.stage, d.code])).toEqual([
      ["冀中新材料科技有限公司", "material", "4.2"],
    ]);
    const vetoed = result.applicants.filter((a) => a.vetoed);
    expect(vetoed.map((a) => [a.applicant, a.vetoFlags.map((v) => v.expert)])).toEqual([
      ["太行智能装备制造有限公司", ["周强"]],
    ]);
    expect(vetoed[0].wouldBeRank).not.toBeNull();
    const status = Object.fromEntries(result.applicants.map((a) => [a.applicant, a.status]));
    expect(status).toMatchObject({
      燕赵精密机械股份有限公司: "candidate",
      白洋淀绿色能源有限公司: "below-threshold",
      渤海湾物流服务有限公司: "not-advanced",
      张明远: "candidate",
      李静怡: "not-advanced",
    });
    expect(result.applicants.find((a) => a.applicant === "张明远")!.public?.valueOf()).toBe(17.5);
  }, 60_000);
});
