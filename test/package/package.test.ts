// The offline package (npm run package): built once here (both platforms, fast compression), unzipped by `unzip`
// into a folder whose path has spaces and Chinese characters, and started as a clerk would — with no Node on the PATH:
// Linux under `env -i`, Windows under Wine (where installed; under CI=true a missing Wine fails instead of skipping).
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";

jest.setTimeout(240_000);

const ROOT = path.join(__dirname, "..", "..");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const TOP = `scorebook-${VERSION}`;
const hasWine = spawnSync("sh", ["-c", "command -v wine"]).status === 0;
const CI = process.env.CI === "true";

let work: string;
let linuxZip: string;
let winZip: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "scorebook-package-"));
  const out = path.join(work, "release");
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "package.cjs"), "--out", out, "--level", "1"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stderr}`);
  linuxZip = path.join(out, `${TOP}-linux-x64.zip`);
  winZip = path.join(out, `${TOP}-win-x64.zip`);
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Unzips with the system's unzip into a folder with spaces and Chinese characters; the package's folder. */
function unzip(zip: string, name: string): string {
  const dir = path.join(work, `评审 助手 ${name}`);
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync("unzip", ["-q", zip, "-d", dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`unzip: ${r.stderr}`);
  return path.join(dir, TOP);
}

/** Every file in a folder, relative, with "/" separators. */
function files(dir: string, rel = ""): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? files(dir, r) : [r];
  });
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

function post(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "Content-Type": "application/json" } }, (res) => {
      let data = "";
      res.setEncoding("utf8").on("data", (d: string) => (data += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Waits until `read()` holds the workbench's address (the launcher prints it), or fails after `ms`. */
async function address(read: () => string, ms: number): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(read());
    if (m) return m[0];
    if (Date.now() > until) throw new Error(`no address printed:\n${read()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs the workbench's 评审安排 step through the server, waits for it, then presses 退出. */
async function roundTrip(url: string): Promise<void> {
  const page = await get(url);
  expect(page.status).toBe(200);
  expect(page.body).toContain("workbench.js");
  const base = url.replace(/\/\?token=.*$/, "");
  const token = url.replace(/^.*token=/, "");
  const js = await get(`${base}/workbench.js?token=${token}`);
  expect(js.status).toBe(200);
  expect(js.body.length).toBeGreaterThan(100_000); // the built page, not the "not built" stub
  expect((await get(`${base}/api/state`)).status).toBe(403); // no token
  const run = await post(`${base}/api/run?token=${token}`, JSON.stringify({ step: "template" }));
  expect(run.status).toBe(200);
  for (let i = 0; i < 600; i++) {
    const job = JSON.parse((await get(`${base}/api/job?token=${token}`)).body) as {
      job: { running: boolean; code: number };
    };
    if (!job.job.running) {
      expect(job.job.code).toBe(0);
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  expect((await post(`${base}/api/quit?token=${token}`, "")).status).toBe(200);
}

describe("the Linux package", () => {
  let pkg: string;
  beforeAll(() => {
    pkg = unzip(linuxZip, "linux");
  });

  it("holds the runtime, the bundled app, the rubrics and the guide as HTML, and no TypeScript or module tree", () => {
    const all = files(pkg);
    expect(all).toEqual(expect.arrayContaining(["scorebook", "评审助手.sh", "runtime/node", "app/bin/scorebook.js"]));
    expect(all).toContain("app/build/cli/main.js");
    expect(all).toContain("app/build/workbench/workbench.js");
    expect(all).toContain("rubrics/hebei-organization.json");
    expect(all).toContain("使用说明/index.html");
    expect(all).toContain("使用说明/secretariat.html");
    expect(all.filter((f) => /\.tsx?$/.test(f))).toEqual([]);
    // The only package beside the bundle: the chart renderer with this platform's binary.
    const modules = new Set(
      all.filter((f) => f.startsWith("app/node_modules/")).map((f) => f.split("/").slice(2, 4).join("/")),
    );
    expect([...modules].sort()).toEqual(["@resvg/resvg-js", "@resvg/resvg-js-linux-x64-gnu"]);
    // The guide's links lead to its pages and pictures.
    const html = fs.readFileSync(path.join(pkg, "使用说明", "index.html"), "utf8");
    expect(html).toContain('href="secretariat.html"');
    expect(html).toMatch(/<img src="images\/[^"]+\.png"/);
    // Every link of every page leads to a page or picture inside the package.
    for (const page of all.filter((f) => f.startsWith("使用说明/") && f.endsWith(".html"))) {
      const body = fs.readFileSync(path.join(pkg, page), "utf8");
      for (const [, href] of body.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g))
        expect([page, href, fs.existsSync(path.join(pkg, "使用说明", decodeURIComponent(href)))]).toEqual([
          page,
          href,
          true,
        ]);
    }
    for (const img of html.match(/images\/[^"]+\.png/g) ?? [])
      expect(fs.existsSync(path.join(pkg, "使用说明", img))).toBe(true);
    // Launchers and runtime are executable after unzip.
    for (const f of ["scorebook", "评审助手.sh", "runtime/node"])
      expect(fs.statSync(path.join(pkg, f)).mode & 0o111).toBeTruthy();
  });

  it("answers `scorebook rubrics` with no Node on the PATH (env -i), from another folder", () => {
    const r = spawnSync("env", ["-i", path.join(pkg, "scorebook"), "rubrics"], { cwd: os.tmpdir(), encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("hebei-organization");
    expect(r.stdout).toContain("河北省政府质量奖组织奖评价标准");
  });

  it("loads the chart renderer's native binary from where the bundle requires it", () => {
    const code =
      "const r=require(require.resolve('@resvg/resvg-js',{paths:[process.argv[1]]}));" +
      'const png=new r.Resvg(\'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\').render().asPng();' +
      "process.stdout.write(String(png.length>0))";
    const r = spawnSync(
      "env",
      ["-i", path.join(pkg, "runtime", "node"), "-e", code, path.join(pkg, "app", "build", "cli")],
      {
        encoding: "utf8",
      },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("true");
  });

  it("评审助手.sh --no-open serves the workbench in 评审工作 beside it, runs a step and stops on 退出", async () => {
    const child = spawn("env", ["-i", path.join(pkg, "评审助手.sh"), "--no-open"], { cwd: os.tmpdir() });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    try {
      const url = await address(() => out, 30_000);
      await roundTrip(url);
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(pkg, "评审工作", "评审安排.xlsx"))).toBe(true);
      expect(out).toContain("评审助手已停止");
    } finally {
      child.kill();
    }
  });
});

(hasWine ? describe : CI ? describe : describe.skip)("the Windows package under Wine", () => {
  let pkg: string;
  const env = () => ({
    PATH: "/usr/bin:/bin",
    HOME: process.env.HOME ?? os.tmpdir(),
    WINEPREFIX: path.join(os.tmpdir(), `scorebook-wine-${process.getuid?.() ?? 0}`),
    WINEDEBUG: "-all",
    LANG: "C.UTF-8",
  });
  beforeAll(() => {
    if (!hasWine) throw new Error("wine is not installed (apt-get install -y wine): required under CI=true");
    pkg = unzip(winZip, "win");
    // A Windows 10 prefix (Node 20 refuses older Windows), made once per machine.
    const r = spawnSync("wine", ["winecfg", "/v", "win10"], { env: env(), encoding: "utf8" });
    if (r.status !== 0) throw new Error(`winecfg: ${r.stderr}`);
  });

  /** Runs a Windows command line under Wine, output to files (Node under Wine cannot write to a Unix pipe). */
  function wine(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const o = path.join(work, "wine-out.txt");
    const e = path.join(work, "wine-err.txt");
    const out = fs.openSync(o, "w");
    const err = fs.openSync(e, "w");
    try {
      const r = spawnSync("wine", args, { cwd: path.dirname(pkg), env: env(), stdio: ["ignore", out, err] });
      return { status: r.status, stdout: fs.readFileSync(o, "utf8"), stderr: fs.readFileSync(e, "utf8") };
    } finally {
      fs.closeSync(out);
      fs.closeSync(err);
    }
  }

  it("holds node.exe, the launchers and the Windows chart renderer", () => {
    const all = files(pkg);
    expect(all).toEqual(expect.arrayContaining(["scorebook.cmd", "评审助手.cmd", "runtime/node.exe"]));
    expect(all).toContain("app/node_modules/@resvg/resvg-js-win32-x64-msvc/resvgjs.win32-x64-msvc.node");
    expect(fs.readFileSync(path.join(pkg, "scorebook.cmd"), "latin1")).toMatch(/^[\x20-\x7e\r\n]*$/); // ASCII, CRLF
  });

  it("scorebook.cmd rubrics answers", () => {
    const r = wine(["cmd", "/c", `${TOP}\\scorebook.cmd`, "rubrics"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("hebei-organization");
    expect(r.stdout).toContain("河北省政府质量奖组织奖评价标准");
  });

  it("node.exe loads the Windows chart renderer beside the bundle", () => {
    const code =
      "const r=require(require.resolve('@resvg/resvg-js',{paths:[process.argv[1]]}));" +
      'const png=new r.Resvg(\'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\').render().asPng();' +
      "process.stdout.write(String(png.length>0))";
    const r = wine([`${TOP}\\runtime\\node.exe`, "-e", code, `${TOP}\\app\\build\\cli`]);
    expect(r.stdout).toBe("true");
  });

  it("评审助手.cmd --no-open serves the workbench, runs a step and stops on 退出", async () => {
    const log = path.join(work, "wine-serve.txt");
    const fd = fs.openSync(log, "w");
    const child = spawn("wine", ["cmd", "/c", `${TOP}\\评审助手.cmd`, "--no-open"], {
      cwd: path.dirname(pkg),
      env: env(),
      stdio: ["ignore", fd, fd],
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    try {
      const url = await address(() => fs.readFileSync(log, "utf8"), 60_000);
      await roundTrip(url);
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(pkg, "评审工作", "评审安排.xlsx"))).toBe(true);
    } finally {
      child.kill();
      fs.closeSync(fd);
    }
  });
});
