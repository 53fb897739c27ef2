#!/usr/bin/env node
// `npm test`: the static checks and the production build side by side (two lanes: each is mostly one core), then
// jest. Each stage's time is printed, for docs/benchmarks.md. A lane's output is shown when it ends (not interleaved);
// the first failure stops the run with that stage's exit code.
const { spawn } = require("child_process");
const path = require("path");

const root = path.join(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
// The package.json scripts by name, so that a change to one (say, the build) is a change to npm test too.
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const script = (name) => [name, npm, ["run", "--silent", name]];
const lanes = [[script("format:check"), script("typecheck"), script("lint")], [script("build")]];
const jest = ["jest", bin("jest"), process.argv.slice(2)];

function run([name, cmd, args], capture) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let out = "";
    if (capture) {
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
    }
    child.on("error", (err) =>
      resolve({ name, code: 127, out: `${out}${err.message}\n`, s: (Date.now() - t0) / 1000 }),
    );
    child.on("close", (code, signal) =>
      resolve({ name, code: code ?? (signal ? 128 : 1), out, s: (Date.now() - t0) / 1000 }),
    );
  });
}

async function lane(steps) {
  const done = [];
  for (const step of steps) {
    const r = await run(step, true);
    done.push(r);
    process.stdout.write(`${r.code === 0 ? "✓" : "✗"} ${r.name} (${r.s.toFixed(1)} s)\n`);
    if (r.code !== 0) {
      process.stdout.write(r.out);
      break;
    }
  }
  return done;
}

(async () => {
  const t0 = Date.now();
  const results = (await Promise.all(lanes.map(lane))).flat();
  const failed = results.find((r) => r.code !== 0);
  const staticS = (Date.now() - t0) / 1000;
  if (failed) {
    process.stdout.write(`\n${failed.name} failed: jest not run.\n`);
    process.exit(failed.code);
  }
  process.stdout.write(`static checks and build: ${staticS.toFixed(1)} s (two lanes)\n\n`);
  const j = await run(jest, false);
  const total = (Date.now() - t0) / 1000;
  process.stdout.write(
    `\nnpm test: static ${staticS.toFixed(1)} s + jest ${j.s.toFixed(1)} s = ${total.toFixed(1)} s\n`,
  );
  process.exit(j.code);
})();
