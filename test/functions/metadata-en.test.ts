// functions.en-US.json (English Office): functions.json with the English texts of src/functions/metadata-en.json.
// Every function and parameter has one, in English; nothing but the descriptions differs; a function without an
// English text fails the build (scripts/functions-en.cjs, called by webpack.config.js).
import { readFileSync } from "fs";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { englishMetadata, EN } = require("../../scripts/functions-en.cjs") as {
  englishMetadata: (json: string, en?: unknown) => string;
  EN: string;
};

const SOURCE = path.join(__dirname, "../../src/functions/functions.ts");
const HAN = /[\u4e00-\u9fff]/;
/** English, apart from the answer words a cell holds (是 / 否). */
const english = (s: string) => !HAN.test(s.replace(/[是否]/g, ""));

interface Fn {
  id: string;
  description: string;
  parameters: { name: string; description?: string }[];
}

describe("functions.en-US.json", () => {
  let zh: string;
  beforeAll(async () => {
    const r = await generateCustomFunctionsMetadata(SOURCE, false);
    expect(r.errors).toEqual([]);
    zh = r.metadataJson;
  });

  it("describes every function and parameter in English, and changes nothing else", () => {
    const en = JSON.parse(englishMetadata(zh)) as { functions: Fn[] };
    const orig = JSON.parse(zh) as { functions: Fn[] };
    expect(en.functions.map((f) => f.id)).toEqual(orig.functions.map((f) => f.id));
    for (const f of en.functions) {
      expect([f.id, english(f.description)]).toEqual([f.id, true]);
      for (const p of f.parameters)
        expect([f.id, p.name, english(p.description ?? "中")]).toEqual([f.id, p.name, true]);
    }
    const strip = (m: { functions: Fn[] }) =>
      m.functions.map((f) => ({
        ...f,
        description: "",
        parameters: f.parameters.map((p) => ({ ...p, description: "" })),
      }));
    expect(strip(en)).toEqual(strip(orig));
  });

  it("refuses a function or parameter without English", () => {
    const en = JSON.parse(readFileSync(EN, "utf8")) as {
      functions: Record<string, { parameters: Record<string, string> }>;
    };
    delete en.functions.PANEL.parameters.numbers;
    delete en.functions.VOTE;
    expect(() => englishMetadata(zh, en)).toThrow(/no English text for PANEL\(numbers\), VOTE/);
  });
});
