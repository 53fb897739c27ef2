// Jest transformer: TypeScript and TSX to CommonJS with esbuild (type-stripping only, as `npm run typecheck` does the
// types). ts-jest built a TypeScript program per worker (tens of seconds on 2 cores); esbuild takes milliseconds a
// file. The tests use no jest.mock hoisting, const enums or decorators, which are what type-stripping cannot do.
const { transformSync } = require("esbuild");
const crypto = require("crypto");
const fs = require("fs");
const { version } = require("esbuild/package.json");
// The cache key covers esbuild's version and this file's own text (its options), besides the source.
const self = crypto.createHash("sha1").update(version).update(fs.readFileSync(__filename)).digest("hex");

module.exports = {
  process(source, filename) {
    const r = transformSync(source, {
      loader: filename.endsWith(".tsx") ? "tsx" : "ts",
      format: "cjs",
      target: "es2020",
      jsx: "automatic",
      sourcemap: "inline",
      sourcefile: filename,
      // As tsc compiles for ES2020 (tsconfig.json): class fields assigned in the constructor, not defined.
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
      // import() becomes require() as tsc's CommonJS output does: jest's module registry cannot load ES modules.
      supported: { "dynamic-import": false },
    });
    // Exports as configurable getters, so that jest.spyOn can replace a module's function as it could under tsc's
    // output (the spy then sees the calls other modules make through the module object).
    let code = r.code
      .replace(
        "__defProp(target, name, { get: all[name], enumerable: true })",
        "__defProp(target, name, { get: all[name], enumerable: true, configurable: true })",
      )
      .replace(
        "__defProp(to, key, { get: () => from[key], enumerable:",
        "__defProp(to, key, { get: () => from[key], configurable: true, enumerable:",
      );
    // `import * as m` of one of our modules is that module's own exports object, as under tsc (esbuild copies it,
    // so a spy on the copy would never see a call).
    const at = code.indexOf("var __toESM = ");
    if (at >= 0) {
      const end = code.indexOf("\n));\n", at) + 4; // on the same line: the source map's lines stay right
      code = `${code.slice(0, end)} var __toESMCopy = __toESM; __toESM = (mod, isNodeMode, target) => (mod && mod.__esModule ? mod : __toESMCopy(mod, isNodeMode, target));${code.slice(end)}`;
    }
    return { code };
  },
  getCacheKey(source, filename) {
    return crypto
      .createHash("sha1")
      .update(self)
      .update("\0")
      .update(filename)
      .update("\0")
      .update(source)
      .digest("hex");
  },
};
