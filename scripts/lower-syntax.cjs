// Lowers the syntax of every JavaScript bundle of the build to a target (ES2020) with esbuild, after webpack has
// joined the modules and before the minimizer (terser) runs: ours and the libraries' alike (Fluent UI ships class
// static blocks and `??=`, ES2022/ES2021), so that every dist/*.js parses as ES2020 and runs in every web view that
// runs the pane at all (older ones get legacy.js's message). One esbuild call per bundle (milliseconds), not one per
// module; source maps are chained onto webpack's.
const esbuild = require("esbuild");
const { Compilation, sources } = require("webpack");

class LowerSyntax {
  /** @param {{ target: string }} options */
  constructor(options) {
    this.target = options.target;
  }

  apply(compiler) {
    compiler.hooks.compilation.tap("LowerSyntax", (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: "LowerSyntax", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY },
        async (assets) => {
          const names = Object.keys(assets).filter(
            (name) => /\.m?js$/.test(name) && !compilation.assetsInfo.get(name)?.minimized,
          );
          await Promise.all(
            names.map(async (name) => {
              const asset = compilation.getAsset(name);
              const { source, map } = asset.source.sourceAndMap();
              const code = typeof source === "string" ? source : source.toString();
              const result = await esbuild.transform(code, {
                loader: "js",
                target: this.target,
                charset: "utf8",
                legalComments: "inline", // terser extracts them into *.LICENSE.txt as before
                sourcemap: Boolean(map),
                sourcefile: name,
              });
              const out = map
                ? new sources.SourceMapSource(result.code, name, result.map, code, map, true)
                : new sources.RawSource(result.code);
              compilation.updateAsset(name, out);
            }),
          );
        },
      );
    });
  }
}

module.exports = { LowerSyntax };
