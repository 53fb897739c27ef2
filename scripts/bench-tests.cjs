#!/usr/bin/env node
// The test suite's time per stage, for docs/benchmarks.md: runs `npm test` (static checks beside the build, then
// jest with --json) and `npm run test:unit`, and prints each stage's wall time and, inside jest, the summed suite time
// of each kind (unit, LibreOffice, Gnumeric, browser, package): with two workers the kinds overlap, so their sums
// add up to about twice jest's wall time. `--no-unit` skips the unit tier's run.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const json = path.join(os.tmpdir(), `scorebook-jest-${process.pid}.json`);

function timed(cmd, args, env = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  return { s: (Date.now() - t0) / 1000, status: r.status, out: `${r.stdout}${r.stderr}` };
}

const kind = (file) => {
  const text = fs.readFileSync(file, "utf8");
  if (file.includes(`${path.sep}package${path.sep}`)) return "package";
  if (/helpers\/preview-browser"|playwright-core/.test(text)) return "browser";
  if (/helpers\/libreoffice"/.test(text)) return "LibreOffice";
  if (/helpers\/gnumeric"/.test(text)) return "Gnumeric";
  return "unit";
};

const all = timed(process.execPath, [path.join(root, "scripts", "test-all.cjs"), "--json", `--outputFile=${json}`]);
const stages = [...all.out.matchAll(/^[✓✗] (\S+) \(([\d.]+) s\)$/gm)].map((m) => [m[1], Number(m[2])]);
const staticWall = Number(/static checks and build: ([\d.]+) s/.exec(all.out)?.[1] ?? NaN);
const jestWall = Number(/jest ([\d.]+) s =/.exec(all.out)?.[1] ?? NaN);
const results = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : null;
const sums = {};
for (const t of results?.testResults ?? []) {
  const k = kind(t.name);
  sums[k] = (sums[k] ?? 0) + (t.endTime - t.startTime) / 1000;
}
const unit = process.argv.includes("--no-unit") ? null : timed("npm", ["run", "--silent", "test:unit"]);

const rows = [
  ...stages.map(([n, s]) => [`${n} (lane)`, s]),
  ["static checks and build, wall (two lanes)", staticWall],
  ...Object.entries(sums).map(([k, s]) => [`jest: ${k} suites, summed`, s]),
  ["jest, wall", jestWall],
  ["npm test, wall", all.s],
];
if (unit) rows.push(["npm run test:unit, wall", unit.s]);
console.log(`| stage | seconds |\n| --- | ---: |\n${rows.map(([n, s]) => `| ${n} | ${s.toFixed(1)} |`).join("\n")}`);
console.log(
  `\nnpm test: exit ${all.status}, ${results ? `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped` : "no jest results"}` +
    (unit ? `; test:unit: exit ${unit.status}` : ""),
);
console.log(
  `${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
fs.rmSync(json, { force: true });
process.exit(all.status || unit?.status || 0);
