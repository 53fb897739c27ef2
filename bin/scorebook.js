#!/usr/bin/env node
// Entry point of the `scorebook` command: runs the TypeScript CLI through tsx so that no build step is needed.
require("tsx/cjs");
require("../src/cli/main.ts")
  .main(process.argv)
  .then(
    (code) => process.exit(code ?? 0),
    (err) => {
      console.error(err && err.stack ? err.stack : String(err));
      process.exit(70);
    },
  );
