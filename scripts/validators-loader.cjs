// webpack loader for src/core/rubric/validators.ts: the rubric data's JSON Schemas compiled at build time into ajv's
// standalone code (the same options as at run time; scripts/build-cli.cjs does the same for the command line). The
// bundles then validate with plain functions: no `new Function` under the pages' Content-Security-Policy and no ajv
// compiler. Only the lazy chunk that checks an award file a secretariat picks in the pane includes it.
const path = require("path");
const fs = require("fs");

const SCHEMAS = path.join(__dirname, "..", "rubrics", "schema");

module.exports = function validatorsLoader() {
  const Ajv = require("ajv").default;
  const standaloneCode = require("ajv/dist/standalone").default;
  const files = ["rubric.schema.json", "award.schema.json"].map((f) => path.join(SCHEMAS, f));
  for (const f of files) this.addDependency(f);
  const [rubric, award] = files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
  ajv.addSchema(rubric, "rubric");
  ajv.addSchema(award, "award");
  const code = standaloneCode(ajv, { rubric: "rubric", award: "award" });
  return `${code}\nexports.AJV_OPTIONS = { allErrors: true, strict: false };\nexports.compileValidators = () => ({ rubric: exports.rubric, award: exports.award });\n`;
};
