// Runs once before the suite: says in one line what this run leaves out (seed documents, LibreOffice, Chromium, the
// production build), so a skip is never silent; under CI=true a missing piece fails the run here, by name, before any
// suite starts (.ci/run installs the tools and npm test builds dist/ first).
const { existsSync } = require("fs");
const { spawnSync } = require("child_process");
const path = require("path");

module.exports = async function globalSetup() {
  const root = path.join(__dirname, "../..");
  const unit = process.env.SCOREBOOK_TESTS === "unit";
  const ci = process.env.CI === "true";
  const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
  const seeds = path.resolve(root, "../shared/seeds");
  const missing = [];
  if (
    !existsSync(path.join(seeds, "000_dec861e7eb0a68ef.txt")) ||
    !existsSync(path.join(seeds, "003_1119e082dd170de7.txt"))
  )
    missing.push(`the seed documents (${seeds}): the rubric-versus-source tests`);
  if (!unit) {
    if (!has("soffice") && !has("libreoffice")) missing.push("LibreOffice (soffice): the spreadsheet agreement tests");
    if (!has("ssconvert")) missing.push("Gnumeric (ssconvert): the second-engine agreement tests");
    if (!has("wine")) missing.push("Wine: the Windows package test");
    if (!existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium")) missing.push("Chromium: the end-to-end tests");
    if (!existsSync(path.join(root, "dist", "preview.html"))) missing.push("dist/ (npm run build): the build tests");
  }
  const lines = [];
  if (unit)
    lines.push(
      "unit tier (npm run test:unit): the LibreOffice, Gnumeric, Chromium, package and dist/ suites are skipped; npm test runs them.",
    );
  if (missing.length) {
    if (ci) throw new Error(`CI=true and missing: ${missing.join("; ")}`);
    lines.push(`skipped, missing on this machine: ${missing.join("; ")}.`);
  }
  if (lines.length) process.stdout.write(`\n${lines.join("\n")}\n`);
};
