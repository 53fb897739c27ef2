// Where round generate writes: a folder and a .zip per expert, one file per workbook, never two workbooks to one path.
import * as path from "path";
import type { Assignment } from "../../src/core";
import { generatePlan } from "../../src/round/files";

const A = (applicant: string, expert: string, stage: "material" | "onsite" = "material"): Assignment => ({
  roundId: "R",
  group: "g",
  applicant,
  rubricId: "hebei-organization",
  stage,
  expert,
  leader: false,
});

it("gives every workbook its own path, also when names clean to the same file name", () => {
  const plan = generatePlan(
    [A("甲/公司", "张/三"), A("甲_公司", "张/三"), A("甲公司", "张_三"), A("甲公司", "张/三", "onsite")],
    "out",
  );
  expect(plan.map((p) => path.basename(p.folder))).toEqual(["张_三", "张_三 (2)"]);
  expect(plan.map((p) => path.basename(p.zip))).toEqual(["张_三.zip", "张_三 (2).zip"]);
  const all = plan.flatMap((p) => p.files.map((f) => f.file));
  expect(new Set(all).size).toBe(4);
  expect(plan[0].files.map((f) => path.basename(f.file))).toEqual([
    "甲_公司_材料评审_张_三.xlsx",
    "甲_公司_材料评审_张_三 (2).xlsx",
    "甲公司_现场评审_张_三.xlsx",
  ]);
});
