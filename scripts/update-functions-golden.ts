// Writes test/functions/functions.golden.json from the JSDoc of src/functions/functions.ts (the metadata the add-in
// registers). Run after an intended change to a function's signature or description, then review the diff: the test
// (test/functions/metadata.test.ts) only compares with this file and never writes it.
import { writeFileSync } from "fs";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

async function main(): Promise<void> {
  const source = path.join(__dirname, "../src/functions/functions.ts");
  const golden = path.join(__dirname, "../test/functions/functions.golden.json");
  const r = await generateCustomFunctionsMetadata(source, false);
  if (r.errors.length || !r.metadataJson) {
    console.error(r.errors.join("\n") || "no metadata generated");
    process.exit(1);
  }
  writeFileSync(golden, JSON.stringify(JSON.parse(r.metadataJson), null, 2) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), golden)}`);
}

void main();
