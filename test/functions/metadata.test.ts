// functions.json is generated from the JSDoc of src/functions/functions.ts (custom-functions-metadata, the same
// generator the webpack plugin runs). This pins it: ids, parameter types, ranges (matrix) and optional flags.
// After an intended change: npm run golden:functions (scripts/update-functions-golden.ts), then review the diff. The
// test only reads the golden file: a missing one fails, it is never written here.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { FUNCTIONS } from "../../src/functions/functions";

const SOURCE = path.join(__dirname, "../../src/functions/functions.ts");
const GOLDEN = path.join(__dirname, "functions.golden.json");

interface Param {
  name: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  parameters: Param[];
  result: { type: string; dimensionality?: string };
}

async function generate() {
  const r = await generateCustomFunctionsMetadata(SOURCE, false);
  return {
    errors: r.errors,
    associate: r.associate,
    metadata: r.metadataJson ? (JSON.parse(r.metadataJson) as { functions: Fn[] }) : null,
  };
}

describe("functions.json (generated from the JSDoc)", () => {
  let gen: Awaited<ReturnType<typeof generate>>;
  beforeAll(async () => {
    gen = await generate();
  });

  it("has no JSDoc error", () => {
    expect(gen.errors).toEqual([]);
    expect(gen.metadata).not.toBeNull();
  });

  it("equals the committed golden file", () => {
    if (!existsSync(GOLDEN))
      throw new Error(`${GOLDEN} is missing: create it with npm run golden:functions and review it before committing`);
    expect(gen.metadata).toEqual(JSON.parse(readFileSync(GOLDEN, "utf8")));
  });

  it("declares each function's signature as documented (type, range or single value, optional)", () => {
    const sig = (f: Fn) =>
      `${f.id}(${f.parameters.map((p) => `${p.optional ? "[" : ""}${p.name}: ${p.type}${p.dimensionality === "matrix" ? "[][]" : ""}${p.optional ? "]" : ""}`).join(", ")}) → ${f.result.type}`;
    expect(gen.metadata!.functions.map(sig)).toEqual([
      "ITEMSCORE(points: number, maturity: any, [scale: string]) → number",
      "CHECK(maturity: any, [scale: string], [band: any]) → string",
      "BAND(maturity: any, [scale: string]) → number",
      "SUBTOTAL(points: number[][], maturities: any[][], [scale: string]) → number",
      "MISSING(maturities: any[][], [numbers: any]) → number",
      "VETOED(answers: any[][]) → boolean",
      "PANEL(scores: any[][], [method: string], [numbers: any]) → number",
      "FINAL(material: any, onsite: any, [bonus: any], [publicScore: any], [materialWeight: any]) → number",
      "STATUS(final: any, material: any, vetoed: any, [award: string], [advance: any], [threshold: any], [language: any]) → string",
      "RANK(score: number, scores: any[][], [excluded: any[][]]) → number",
      "VOTE(yes: number, present: number, members: number, [award: string]) → boolean",
    ]);
    for (const f of gen.metadata!.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description).toMatch(/[\u4e00-\u9fff]/); // Chinese descriptions
      for (const p of f.parameters)
        expect((p as Param & { description?: string }).description).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("associates every id with the function the file registers under it", () => {
    const byName = Object.fromEntries(Object.entries(FUNCTIONS).map(([id, fn]) => [fn.name, id]));
    expect(gen.associate.map((a) => [a.id, byName[a.functionName]])).toEqual(gen.associate.map((a) => [a.id, a.id]));
    expect(gen.associate.map((a) => a.id).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  it("fails on a JSDoc error (a bad id), the way the build does", async () => {
    const bad = path.join(mkdtempSync(path.join(tmpdir(), "scorebook-cf-")), "functions-bad.ts");
    writeFileSync(
      bad,
      "/**\n * x\n * @customfunction 1BAD\n * @param a a\n */\nexport function bad(a: number): number {\n  return a;\n}\n",
    );
    const r = await generateCustomFunctionsMetadata(bad, false);
    expect(r.errors.length).toBeGreaterThan(0);
  });
});
