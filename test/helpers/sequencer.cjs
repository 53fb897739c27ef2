// Orders the suites for two workers on a fresh clone (jest's own order needs timings from an earlier run): the ones
// that drive LibreOffice or Chromium first, then by size, so that no long suite starts last and runs alone.
const Sequencer = require("@jest/test-sequencer").default;
const fs = require("fs");

const weight = (file) => {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return 0;
  }
  const slow = /helpers\/(libreoffice|preview-browser)"/.test(text) ? 1e6 : 0;
  return slow + text.length;
};

class SlowFirst extends Sequencer {
  sort(tests) {
    const w = new Map(tests.map((t) => [t.path, weight(t.path)]));
    return [...tests].sort((a, b) => w.get(b.path) - w.get(a.path) || a.path.localeCompare(b.path));
  }
}
module.exports = SlowFirst;
