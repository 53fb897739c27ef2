// A JSDoc error in the functions file fails the production build (custom-functions-metadata-plugin turns it into a
// webpack error), rather than shipping a functions.json without the function, as the metadata CLI would.
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import webpack from "webpack";

const ROOT = path.join(__dirname, "../..");

interface PluginWithInput {
  options?: { input?: string };
}

it("fails the build on a JSDoc error, naming it", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "scorebook-build-"));
  const bad = path.join(dir, "functions.ts");
  writeFileSync(
    bad,
    "/**\n * 坏的函数\n * @customfunction 1BAD\n * @param a 数\n */\nexport function bad(a: number): number {\n  return a;\n}\n",
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (
    env: object,
    argv: object,
  ) => Promise<webpack.Configuration>;
  const config = await makeConfig({}, { mode: "production" });
  config.context = ROOT;
  config.entry = { functions: bad };
  config.output = { ...config.output, path: path.join(dir, "dist") };
  config.devtool = false;
  for (const p of config.plugins ?? []) {
    const withInput = p as PluginWithInput;
    if (p && p.constructor.name === "CustomFunctionsMetadataPlugin" && withInput.options) withInput.options.input = bad;
  }
  config.plugins = (config.plugins ?? []).filter(
    (p) => p && ["CustomFunctionsMetadataPlugin", "ExplicitRegistrationOnly"].includes(p.constructor.name),
  );
  const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined); // the plugin also prints the errors
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err ?? new Error("webpack gave no stats")) : resolve(s))),
  );
  quiet.mockRestore();
  expect(stats.hasErrors()).toBe(true);
  expect(
    stats
      .toJson({ all: false, errors: true })
      .errors!.map((e) => e.message)
      .join("\n"),
  ).toMatch(/"1BAD" should start with an alphabetic character/);
}, 60000);
