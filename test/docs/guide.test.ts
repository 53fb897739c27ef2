// The Chinese user guide (docs/zh-CN/) as a reader meets it: the README sends them there first, every picture it
// shows is there (and every picture there is shown), every link and anchor leads somewhere, every command it tells
// them to type is one the command line accepts with those options, and the output it quotes for the example round
// is what the command line prints for that round.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import {
  consensusAndSummary,
  copyInto,
  guideRun,
  outputs,
  quoteOutputs,
  secretariat,
} from "../../scripts/guide-screenshots";

const ROOT = path.join(__dirname, "../..");
const GUIDE = path.join(ROOT, "docs/zh-CN");
const pages = fs.readdirSync(GUIDE).filter((f) => f.endsWith(".md"));
const text = (f: string) => fs.readFileSync(path.join(GUIDE, f), "utf8");

async function run(...args: string[]) {
  const out: string[] = [];
  const code = await main(["node", "scorebook", ...args], { out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, out: out.join("\n") };
}

/** GitHub's heading anchors: lower case, punctuation (also full-width) dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
const anchors = (md: string) => new Set([...md.matchAll(/^#+\s+(.+)$/gm)].map((m) => slug(m[1])));
const links = (md: string) => [...md.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
const codeBlocks = (md: string) => [...md.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));

describe("the Chinese user guide (docs/zh-CN)", () => {
  it("is the README's first link, for reviewers and for the secretariat", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(links(readme)[0]).toBe("docs/zh-CN/README.md");
    expect(readme).not.toMatch(/尚未编写|not written yet/);
    expect(pages).toEqual(expect.arrayContaining(["README.md", "reviewer.md", "secretariat.md"]));
  });

  it("shows every picture in images/, and each one it shows is a real PNG", () => {
    const shown = new Set<string>();
    for (const page of pages)
      for (const l of links(text(page)).filter((x) => x.startsWith("images/"))) {
        const file = path.join(GUIDE, l);
        expect([page, l, fs.existsSync(file)]).toEqual([page, l, true]);
        const png = fs.readFileSync(file);
        expect(png.subarray(1, 4).toString()).toBe("PNG");
        expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(300); // width: a page or a pane, not an icon
        shown.add(path.basename(l));
      }
    expect(fs.readdirSync(path.join(GUIDE, "images")).sort()).toEqual([...shown].sort());
  });

  it("has no dead link or anchor", () => {
    for (const page of pages)
      for (const l of links(text(page)).filter((x) => !/^https?:/.test(x))) {
        const [file, anchor] = l.split("#");
        const target = file ? path.resolve(GUIDE, file) : path.join(GUIDE, page);
        expect([page, l, fs.existsSync(target)]).toEqual([page, l, true]);
        if (anchor && target.endsWith(".md"))
          expect([page, l, anchors(fs.readFileSync(target, "utf8")).has(decodeURIComponent(anchor))]).toEqual([
            page,
            l,
            true,
          ]);
      }
  });

  it("tells readers only commands and options that scorebook accepts", async () => {
    const commands = pages.flatMap((page) =>
      codeBlocks(text(page))
        .filter((b) => b.lang === "bash")
        .flatMap((b) => b.body.split("\n"))
        .map((line) => line.replace(/#.*$/, "").trim())
        .filter((line) => line.startsWith("npx scorebook"))
        .map((line) => ({ page, line, words: line.split(/\s+/).slice(2) })),
    );
    expect(commands.length).toBeGreaterThanOrEqual(12);
    for (const { page, line, words } of commands) {
      const sub = words[0] === "round" || words[0] === "award" ? words.slice(0, 2) : words.slice(0, 1).filter((w) => !w.startsWith("-"));
      const help = await run(...sub, "--help");
      expect([page, line, help.code]).toEqual([page, line, 0]);
      for (const option of words.filter((w) => w.startsWith("-")))
        expect([page, line, option, help.out.includes(option)]).toEqual([page, line, option, true]);
    }
  });

  it("quotes every command of the example round as a fresh run of it prints (scripts/guide-screenshots.ts)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorebook-guide-"));
    // The guide's own round, run here without LibreOffice: the reviewers' workbooks are copied, not re-saved by it
    // (the command line reads the inputs, never the cached values, so the figures are the same).
    Object.assign(guideRun, { work: dir, render: false, saveAs: copyInto });
    try {
      const { panels } = await secretariat();
      await consensusAndSummary(panels);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const guide = text("secretariat.md");
    const quoted = [...guide.matchAll(/<!-- output: ([\w-]+)/g)].map((m) => m[1]);
    expect(quoted).toEqual(["template", "draw", "generate", "status", "score", "material", "consensus", "aggregate", "report"]);
    // Only the time a command took may differ. (After changing what a command prints:
    // npx tsx scripts/guide-screenshots.ts --quotes rewrites the guide's quotes in seconds.)
    const timeless = (md: string) => md.replace(/用时 [\d.]+ 秒/g, "用时 … 秒");
    expect(timeless(quoteOutputs(guide, outputs))).toBe(timeless(guide));
  });
});
