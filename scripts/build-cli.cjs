// Builds the command line to plain JavaScript (build/cli/), so that `scorebook` starts without transpiling
// TypeScript:  node scripts/build-cli.cjs   (npm run build:cli; also npm's `prepare`, so `npm ci` runs it)
//   build/cli/main.js         the whole src/cli entry (every command registered there), bundled by esbuild
//   build/cli/worker-main.js  the aggregate reader thread (src/aggregate/worker-main.ts)
//   build/workbench/workbench.js  the workbench page that `scorebook serve` serves (src/workbench)
// npm packages stay external (required from node_modules). Those that export a plain object, or an ES-module
// namespace, are required lazily, on first use of an export: `scorebook rubrics` never loads ExcelJS (0.2 s of
// start-up on its own), with no lazy-import bookkeeping in the sources.
const path = require("path");
const esbuild = require("esbuild");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "build", "cli");
// Loaded at start by every command anyway, or tiny: required as usual.
const EAGER = new Set(["commander", "fraction.js"]);

function packageName(spec) {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** A module that requires `spec` when one of its exports is first read (export names taken now, at build time). */
function lazyFacade(spec) {
  let mod;
  try {
    mod = require(require.resolve(spec, { paths: [ROOT] }));
  } catch {
    return null; // e.g. an optional dependency that is not installed: leave it to a plain require
  }
  if (mod === null || (typeof mod !== "object" && !mod.__esModule)) return null; // a class or function: plain require
  const names = Object.getOwnPropertyNames(mod).filter((k) => k !== "__esModule" && /^[A-Za-z_$][\w$]*$/.test(k));
  const lines = [
    `let m; const load = () => m || (m = require(${JSON.stringify(spec)}));`,
    mod.__esModule ? `Object.defineProperty(exports, "__esModule", { value: true });` : "",
    ...names.map(
      (k) =>
        `Object.defineProperty(exports, ${JSON.stringify(k)}, { enumerable: true, get: () => load()[${JSON.stringify(k)}] });`,
    ),
  ];
  return lines.join("\n");
}

const lazyPackages = {
  name: "lazy-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.namespace === "lazy" || args.path.startsWith("node:")) return { path: args.path, external: true };
      if (require("module").builtinModules.includes(args.path)) return { path: args.path, external: true };
      if (EAGER.has(packageName(args.path)) || args.kind !== "import-statement")
        return { path: args.path, external: true };
      return { path: args.path, namespace: "lazy" };
    });
    build.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => {
      const facade = lazyFacade(args.path);
      return facade === null
        ? { contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: "js" }
        : { contents: facade, loader: "js" };
    });
  },
};

/**
 * src/core/rubric/validators.ts compiles the rubric JSON Schemas with ajv at run time (about 0.1 s); here they are
 * compiled once, at build time, into ajv's standalone code with the same options.
 */
const precompiledValidators = {
  name: "precompiled-validators",
  setup(build) {
    const target = path.join(ROOT, "src", "core", "rubric", "validators.ts");
    build.onResolve({ filter: /\/validators$/ }, (args) => {
      const file = path.resolve(args.resolveDir, args.path) + ".ts";
      return file === target ? { path: target, namespace: "validators" } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "validators" }, () => {
      const Ajv = require("ajv").default;
      const standaloneCode = require("ajv/dist/standalone").default;
      const read = (f) => JSON.parse(require("fs").readFileSync(path.join(ROOT, "rubrics", "schema", f), "utf8"));
      const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
      ajv.addSchema(read("rubric.schema.json"), "rubric");
      ajv.addSchema(read("award.schema.json"), "award");
      const code = standaloneCode(ajv, { rubric: "rubric", award: "award" });
      return {
        contents: `${code}\nexports.compileValidators = () => ({ rubric: exports.rubric, award: exports.award });`,
        loader: "js",
        resolveDir: path.join(ROOT, "src", "core", "rubric"),
        watchFiles: [
          path.join(ROOT, "rubrics", "schema", "rubric.schema.json"),
          path.join(ROOT, "rubrics", "schema", "award.schema.json"),
        ],
      };
    });
  },
};

function options() {
  return {
    absWorkingDir: ROOT,
    entryPoints: { main: "src/cli/main.ts", "worker-main": "src/aggregate/worker-main.ts" },
    outdir: OUT,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: true,
    logLevel: "warning",
    plugins: [precompiledValidators, lazyPackages],
  };
}

/** The workbench page (src/workbench, React + Fluent UI, shared components of the pane) as one browser script. */
async function buildWorkbench(outdir = path.join(ROOT, "build", "workbench"), minify = false) {
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { workbench: "src/workbench/index.tsx" },
    outdir,
    bundle: true,
    platform: "browser",
    target: "es2020",
    format: "iife",
    jsx: "automatic",
    minify,
    define: { "process.env.NODE_ENV": minify ? '"production"' : '"development"' },
    logLevel: "warning",
    plugins: [precompiledValidators],
  });
  return outdir;
}

async function buildCli() {
  await Promise.all([esbuild.build(options()), buildWorkbench()]);
  return OUT;
}

module.exports = { buildCli, buildWorkbench, options, OUT };

if (require.main === module)
  buildCli().catch((e) => {
    console.error(e);
    process.exit(1);
  });
