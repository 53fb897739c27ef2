// Builds the Excel add-in into dist/ (after OfficeDev's Excel-Custom-Functions-Shared template):
//   taskpane.html   the shared runtime's page: office.js, then functions.js, then the task pane bundle
//   functions.js    the QA.* custom functions, self-contained (also the manifest's Script URL)
//   functions.json  generated from the JSDoc by custom-functions-metadata-plugin (a JSDoc error fails the build)
//   functions.en-US.json  the same with English descriptions (src/functions/metadata-en.json), for English Office
//   manifest.xml    the full add-in (shared runtime, QA.* functions), with https://localhost:3000 replaced by ADDIN_URL /
//                   --env url=… in a production build
//   manifest-pane-only.xml, pane-only.html
//                   the task pane alone (no shared runtime, no custom functions) for older Excel: the same bundle,
//                   told by a <meta> that it runs without QA.* (custom formula mode hidden)
//   legacy.js       plain ES5, loaded first by both pages: a message instead of a blank pane in old web views
//   assets/, support.html
//   Every bundle is lowered to ES2020 by esbuild before terser minifies it (scripts/lower-syntax.cjs): Fluent UI ships
//   class static blocks and `??=`, which web views before Chromium 94 / Safari 16.4 cannot parse.
//   office.js       loaded by both pages from Microsoft's CDN, or from OFFICE_JS_URL / --env officejs=… (an intranet
//                   copy; the pages' CSP follows). When that URL lies under the add-in's URL, the hosted office.js
//                   tree (@microsoft/office-js: Excel host and locale files) is copied into the matching folder of
//                   dist/ (scripts/office-js.cjs), so that one web server serves both.
//   preview.html    the task pane in a plain browser against an in-memory workbook (`npm run preview`, the e2e tests);
//                   no office.js. ExcelJS is a lazy chunk (xlsx.*.js), loaded only to make a new workbook.
// `npm run build` needs no certificates; only `webpack serve` (npm run dev-server / npm start) asks
// office-addin-dev-certs for the localhost certificate (`npm run dev-server -- --env self-signed` skips that).
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { DEV_URL, resolveAddinUrl, rewriteUrls } = require("./scripts/addin-url.cjs");
const { englishMetadata, EN: FUNCTIONS_EN } = require("./scripts/functions-en.cjs");
const { LowerSyntax } = require("./scripts/lower-syntax.cjs");
const {
  CDN_OFFICE_JS,
  packageDist: officeJsPackageDist,
  contentSecurityPolicy,
  hostedFolder,
  officeJsFiles,
  resolveOfficeJsUrl,
} = require("./scripts/office-js.cjs");

const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const RUBRIC_CHECK = path.resolve(__dirname, "src/core/rubric/check.ts");
const RUBRIC_CHECK_BROWSER = path.resolve(__dirname, "src/taskpane/rubric-check.browser.ts");
const INJECTED_ASSOCIATE_LOADER = require.resolve("custom-functions-metadata-plugin/lib/loader.js");

/**
 * custom-functions-metadata-plugin also appends `CustomFunctions.associate(...)` for every function to the source.
 * functions.ts registers them itself (guarded, so that the page also opens outside Excel, and the same code runs
 * under jest), so that loader is taken out again: each id is associated exactly once (checked in test/bundle).
 */
class ExplicitRegistrationOnly {
  apply(compiler) {
    compiler.hooks.compilation.tap("ExplicitRegistrationOnly", (compilation) => {
      webpack.NormalModule.getCompilationHooks(compilation).beforeLoaders.tap("ExplicitRegistrationOnly", (loaders) => {
        for (let i = loaders.length - 1; i >= 0; i--)
          if (loaders[i].loader === INJECTED_ASSOCIATE_LOADER) loaders.splice(i, 1);
      });
    });
  }
}

/**
 * The rubric data check validates with JSON Schemas. Compiled by ajv at run time it would generate code with
 * `new Function`, which the pages' CSP forbids (no 'unsafe-eval'): in the bundles the schemas are compiled at build
 * time instead (scripts/validators-loader.cjs, ajv's standalone code). The start-up code need not check the bundled
 * rubric files (npm test checks them in full), so there the check is src/taskpane/rubric-check.browser.ts; the award
 * definition check (src/core/award/book.ts) and the pane's award file reader, which check what a secretariat picks,
 * get the real one, in the lazy chunk that loads when a file is picked.
 */
const REAL_CHECK_ISSUERS = [
  path.resolve(__dirname, "src/core/award/book.ts"),
  path.resolve(__dirname, "src/taskpane/award-file.ts"),
];
const browserRubricCheck = new webpack.NormalModuleReplacementPlugin(/check$/, (resource) => {
  const target = path.resolve(resource.context, resource.request);
  if (target !== RUBRIC_CHECK.replace(/\.ts$/, "") && target !== RUBRIC_CHECK) return;
  if (!REAL_CHECK_ISSUERS.includes(resource.contextInfo?.issuer)) resource.request = RUBRIC_CHECK_BROWSER;
});

/** functions.en-US.json beside functions.json: the English descriptions (scripts/functions-en.cjs). */
class EnglishFunctionsMetadata {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("EnglishFunctionsMetadata", (compilation) => {
      compilation.fileDependencies.add(FUNCTIONS_EN);
      compilation.hooks.processAssets.tap(
        { name: "EnglishFunctionsMetadata", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        (assets) => {
          const zh = assets["functions.json"];
          if (!zh) return; // a JSDoc error: the metadata plugin has reported it
          try {
            delete require.cache[FUNCTIONS_EN];
            const en = englishMetadata(zh.source().toString(), require(FUNCTIONS_EN));
            compilation.emitAsset("functions.en-US.json", new webpack.sources.RawSource(en));
          } catch (e) {
            compilation.errors.push(new webpack.WebpackError(e.message));
          }
        },
      );
    });
  }
}

/** A production build without ADDIN_URL keeps https://localhost:3000: say so in the build output. */
class WarnDevUrl {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("WarnDevUrl", (compilation) => {
      compilation.warnings.push(
        new webpack.WebpackError(
          `dist/manifest.xml keeps ${DEV_URL}: set ADDIN_URL=https://… (or --env url=https://…) for a deployable build`,
        ),
      );
    });
  }
}

/** office.js from a server other than the add-in's: its files must be put there by hand. */
class WarnOfficeJsElsewhere {
  constructor(url) {
    this.url = url;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("WarnOfficeJsElsewhere", (compilation) => {
      compilation.warnings.push(
        new webpack.WebpackError(
          `the pages load office.js from ${this.url}, outside ADDIN_URL: host the files there ` +
            "(node scripts/office-js.cjs <folder> copies them)",
        ),
      );
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const prodUrl = dev ? null : resolveAddinUrl(env.url ?? process.env.ADDIN_URL);
  const hashed = (name) => (dev ? `${name}.js` : `${name}.[contenthash:8].js`);
  const officeJsUrl = resolveOfficeJsUrl(env.officejs ?? process.env.OFFICE_JS_URL);
  const officeJsFolder = hostedFolder(officeJsUrl, prodUrl ?? DEV_URL);
  const pageParameters = { officeJsUrl, csp: contentSecurityPolicy(officeJsUrl) };

  return {
    mode: dev ? "development" : "production",
    devtool: "source-map", // no eval: the pages' Content-Security-Policy forbids it
    entry: {
      functions: FUNCTIONS_SOURCE,
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/taskpane/preview/preview.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // functions.js keeps its name: the manifest points at it.
      filename: (pathData) => (pathData.chunk.name === "functions" ? "functions.js" : hashed("[name]")),
      chunkFilename: hashed("[name]"),
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      // The roster reader (src/summary/roster-file.ts) runs in the pane too: csv-parse's own browser build there.
      alias: { "csv-parse/sync$": "csv-parse/browser/esm/sync" },
    },
    module: {
      rules: [
        {
          test: path.resolve(__dirname, "src/core/rubric/validators.ts"),
          use: { loader: path.resolve(__dirname, "scripts/validators-loader.cjs") },
          type: "javascript/auto",
        },
        {
          test: /\.tsx?$/,
          exclude: [/node_modules/, path.resolve(__dirname, "src/core/rubric/validators.ts")],
          use: {
            loader: "ts-loader",
            // Type errors are npm test's job (tsc --noEmit); ES modules let webpack tree-shake and split.
            options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: true } },
          },
        },
      ],
    },
    optimization: {
      // functions.js stays one self-contained file (the manifest's Script URL, and what the size budget measures).
      // The task pane's libraries go into chunks of their own; import() calls become lazy chunks.
      splitChunks: {
        chunks: (chunk) => chunk.name !== "functions",
        cacheGroups: {
          react: { test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, name: "react", priority: 20 },
          fluentui: {
            test: /[\\/]node_modules[\\/](@fluentui|@griffel|@floating-ui|tabster|keyborg)[\\/]/,
            name: "fluentui",
            priority: 10,
          },
          // Only "new workbook" needs ExcelJS (src/taskpane/xlsx-file.ts, loaded with import()).
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: "exceljs", chunks: "async", priority: 30 },
        },
      },
    },
    performance: { hints: false }, // the functions budget (60 KB gzip) is checked by test/bundle and npm run bench:functions
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_SOURCE }),
      new ExplicitRegistrationOnly(),
      new EnglishFunctionsMetadata(),
      browserRubricCheck,
      new LowerSyntax({ target: "es2020" }), // every bundle ES2020: Fluent UI ships ES2022 syntax (static blocks)
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual", // functions first: the QA.* functions register before the task pane renders
        scriptLoading: "defer",
        inject: "head",
        templateParameters: pageParameters,
      }),
      new HtmlWebpackPlugin({
        filename: "pane-only.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
        inject: "head",
        meta: { "scorebook-manifest": "pane-only" },
        templateParameters: pageParameters,
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/taskpane/preview/preview.html",
        chunks: ["preview"],
        scriptLoading: "defer",
        inject: "head",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/support/support.html", to: "support.html" },
          { from: "src/legacy/legacy.js", to: "legacy.js" },
          ...["manifest.xml", "manifest-pane-only.xml"].map((file) => ({
            from: file,
            to: file,
            transform: (content) => (prodUrl ? rewriteUrls(content.toString(), prodUrl) : content),
          })),
          // The hosted office.js tree, as the package ships it (already minified: left alone by the minimizer).
          ...(officeJsFolder === null
            ? []
            : officeJsFiles().map(([from, to]) => ({
                from: path.join(officeJsPackageDist(), from),
                to: path.posix.join(officeJsFolder, to),
                info: { minimized: true },
              }))),
        ],
      }),
      ...(dev || prodUrl || serving ? [] : [new WarnDevUrl()]),
      ...(officeJsFolder === null && officeJsUrl !== CDN_OFFICE_JS ? [new WarnOfficeJsElsewhere(officeJsUrl)] : []),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      client: { overlay: { errors: true, warnings: false } },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      // office-addin-dev-certs' localhost certificate (installed and trusted on first use, as Excel requires); with
      // --env self-signed, webpack-dev-server's own certificate instead (a quick look in a browser, not for Excel).
      server: serving && !env["self-signed"] ? { type: "https", options: await httpsOptions() } : "https",
    },
  };
};

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const o = await devCerts.getHttpsServerOptions();
  return { ca: o.ca, key: o.key, cert: o.cert };
}
