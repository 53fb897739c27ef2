#!/usr/bin/env node
// Entry point of the `scorebook` command: runs the command line built to JavaScript in build/cli/ (npm run build:cli,
// which `npm ci` runs as the prepare script). Without that build (e.g. installed with --ignore-scripts) it builds it
// once first (esbuild, well under a second).
const fs = require("fs");
const path = require("path");

const main = path.join(__dirname, "..", "build", "cli", "main.js");

// `scorebook rubrics | head`: a closed pipe ends the output, not with a stack trace.
process.stdout.on("error", (err) => {
  if (err && err.code === "EPIPE") process.exit(0);
  throw err;
});

// Writes to a pipe are asynchronous: exit once everything written has gone out, or `--json | jq` is cut short.
function exit(code) {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", done);
  process.stderr.write("", done);
}

function run() {
  require(main)
    .main(process.argv)
    .then(
      (code) => exit(code ?? 0),
      (err) => {
        console.error(err && err.stack ? err.stack : String(err));
        exit(70);
      },
    );
}

if (fs.existsSync(main)) run();
else
  require("../scripts/build-cli.cjs")
    .buildCli()
    .then(run, (err) => {
      console.error("scorebook: 无法构建命令行 (cannot build the command line):", err && err.message);
      process.exit(70);
    });
