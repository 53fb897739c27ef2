// The workbench's server (scorebook serve): what a page elsewhere, another machine, or a crafted request can and
// cannot do. The token, the Host and Origin checks, 127.0.0.1 only, every path inside the round folder (../, absolute,
// a link out), uploads that never overwrite, a refused step that writes nothing, cancel, 退出 and Ctrl+C.
import { spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { startServer, type Server } from "../../src/serve/server";

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, "..", "..");
const SCOREBOOK = path.join(ROOT, "bin", "scorebook.js");

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  port: number,
  p: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; host?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: opts.host ?? "127.0.0.1",
        port,
        path: p,
        method: opts.method ?? "GET",
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

let tmp: string;
let dir: string;
let outside: string;
let server: Server;
const api = (p: string, init: Parameters<typeof request>[2] = {}) =>
  request(server.port, p, { ...init, headers: { "X-Scorebook-Token": server.token, ...init.headers } });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scorebook-serve-"));
  dir = path.join(tmp, "评审 2022");
  outside = path.join(tmp, "outside");
  fs.mkdirSync(dir);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, "secret.txt"), "outside the round folder");
  fs.writeFileSync(path.join(dir, "inside.txt"), "inside");
  fs.symlinkSync(outside, path.join(dir, "link-out"));
  fs.symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "secret-link.txt"));
  server = await startServer({ dir, pageDir: path.join(ROOT, "build", "workbench"), scorebookJs: SCOREBOOK });
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("who may talk to it", () => {
  it("listens on 127.0.0.1 only, on a random port, and prints an address with a long random token", async () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{32}$`));
    expect(server.port).toBeGreaterThan(1023);
    // Another address of this machine is not served.
    const other = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    for (const host of [other, "::1"].filter((h): h is string => !!h)) {
      const refused = await new Promise<boolean>((resolve) => {
        const sock = net.connect({ host, port: server.port });
        sock.once("connect", () => {
          sock.destroy();
          resolve(false);
        });
        sock.once("error", () => resolve(true));
      });
      expect(refused).toBe(true);
    }
    const second = await startServer({ dir, pageDir: tmp, scorebookJs: SCOREBOOK });
    try {
      expect(second.port).not.toBe(server.port);
      expect(second.token).not.toBe(server.token);
    } finally {
      await second.close();
    }
  });

  it("answers 403 without the token or with a wrong one, with the catalogue's Chinese message", async () => {
    for (const p of ["/", "/api/state", "/workbench.js", "/api/files?dir=."]) {
      const r = await request(server.port, p);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).error).toMatchObject({
        code: "serve-forbidden",
        zh: expect.stringContaining("拒绝访问"),
      });
    }
    const wrong = server.token.slice(0, -1) + (server.token.endsWith("a") ? "b" : "a");
    expect((await request(server.port, `/?token=${wrong}`)).status).toBe(403);
    expect((await request(server.port, `/?token=${server.token}x`)).status).toBe(403);
    expect((await request(server.port, "/api/state", { headers: { "X-Scorebook-Token": wrong } })).status).toBe(403);
    // The right token, in the address or as the page's header.
    expect((await request(server.port, `/?token=${server.token}`)).status).toBe(200);
    expect((await api("/api/state")).status).toBe(200);
  });

  it("answers 403 to a Host other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding) and to a foreign Origin", async () => {
    for (const host of [
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      "127.0.0.1",
      `0.0.0.0:${server.port}`,
    ])
      expect((await api("/api/state", { headers: { Host: host } })).status).toBe(403);
    expect((await api("/api/state", { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
    expect((await api("/api/state", { headers: { Origin: "http://evil.example" } })).status).toBe(403);
    expect((await api("/api/state", { headers: { Origin: `http://127.0.0.1:${server.port}` } })).status).toBe(200);
  });

  it("sends no CORS header, not even to a preflight", async () => {
    const pre = await api("/api/run", {
      method: "OPTIONS",
      headers: { Origin: `http://127.0.0.1:${server.port}`, "Access-Control-Request-Method": "POST" },
    });
    expect(pre.status).not.toBe(200);
    for (const r of [pre, await api("/api/state"), await request(server.port, "/api/state")])
      expect(Object.keys(r.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });
});

describe("only the round folder", () => {
  it("lists and reads what is inside", async () => {
    const list = await api("/api/files?dir=.");
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body).files.map((f: { name: string }) => f.name)).toContain("inside.txt");
    const file = await api(`/api/file?path=${encodeURIComponent("inside.txt")}`);
    expect(file.body).toBe("inside");
  });

  it.each([
    ["../", "files?dir="],
    ["../outside", "files?dir="],
    ["sub/../../outside", "files?dir="],
    ["..\\outside", "files?dir="],
    ["<outside>", "files?dir="],
    ["/etc", "files?dir="],
    ["C:\\Windows", "files?dir="],
    ["link-out", "files?dir="],
    ["link-out/secret.txt", "file?path="],
    ["secret-link.txt", "file?path="],
    ["../outside/secret.txt", "file?path="],
  ])("refuses %s (403, nothing of it read)", async (p, route) => {
    const r = await api(`/api/${route}${encodeURIComponent(p.replace("<outside>", outside))}`);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe("serve-outside");
    expect(r.body).not.toContain('outside the round folder"');
    expect(r.body).not.toContain('secret.txt"');
  });

  it("refuses to open a folder outside", async () => {
    const opened: string[] = [];
    const s = await startServer({ dir, pageDir: tmp, scorebookJs: SCOREBOOK, openPath: (p) => opened.push(p) });
    try {
      const h = { "X-Scorebook-Token": s.token, "Content-Type": "application/json" };
      for (const p of ["../outside", "link-out", outside])
        expect(
          (await request(s.port, "/api/open", { method: "POST", headers: h, body: JSON.stringify({ path: p }) }))
            .status,
        ).toBe(403);
      expect(
        (await request(s.port, "/api/open", { method: "POST", headers: h, body: JSON.stringify({ path: "." }) }))
          .status,
      ).toBe(200);
      expect(opened).toEqual([fs.realpathSync(dir)]);
    } finally {
      await s.close();
    }
  });
});

describe("returned workbooks", () => {
  const xlsx = Buffer.from("PK\u0003\u0004 a returned workbook");

  it("are copied into 回收 and never overwritten: the same bytes again are fine, other bytes are refused", async () => {
    const up = (name: string, body: Buffer) =>
      api(`/api/upload?name=${encodeURIComponent(name)}`, { method: "POST", body });
    expect((await up("甲_材料评审_王建国.xlsx", xlsx)).status).toBe(200);
    const again = await up("甲_材料评审_王建国.xlsx", xlsx);
    expect(JSON.parse(again.body)).toMatchObject({ saved: false, same: true });
    const clash = await up("甲_材料评审_王建国.xlsx", Buffer.from("PK\u0003\u0004 another"));
    expect(clash.status).toBe(409);
    expect(JSON.parse(clash.body).error.zh).toContain("未覆盖");
    expect(fs.readFileSync(path.join(dir, "回收", "甲_材料评审_王建国.xlsx"))).toEqual(xlsx);
    // Names that would leave 回收, and files that are not .xlsx.
    expect((await up("../evil.xlsx", xlsx)).status).toBe(400);
    expect((await up("..\\evil.xlsx", xlsx)).status).toBe(400);
    expect((await up("notes.txt", xlsx)).status).toBe(400);
    expect(fs.existsSync(path.join(dir, "evil.xlsx"))).toBe(false);
    expect(fs.readdirSync(path.join(dir, "回收"))).toEqual(["甲_材料评审_王建国.xlsx"]);
  });

  it("are refused with the cause, through the one door out, when 回收 cannot hold them (a file where it goes)", async () => {
    const d3 = path.join(tmp, "round3");
    fs.mkdirSync(d3);
    fs.writeFileSync(path.join(d3, "回收"), "不是文件夹");
    const s = await startServer({ dir: d3, pageDir: tmp, scorebookJs: SCOREBOOK });
    try {
      const r = await request(s.port, `/api/upload?name=${encodeURIComponent("x.xlsx")}`, {
        method: "POST",
        headers: { "X-Scorebook-Token": s.token },
        body: xlsx,
      });
      expect(r.status).toBe(409);
      const error = JSON.parse(r.body).error as { zh: string; en: string };
      expect(error.zh).toContain("不是文件夹");
      expect(error.zh).toContain("回收");
      expect(error.zh).not.toMatch(/ENOTDIR|EEXIST|Error/);
      expect(fs.readdirSync(d3)).toEqual(["回收"]);
    } finally {
      await s.close();
    }
  });

  it("are not written through a 回收 that links out of the folder", async () => {
    const d2 = path.join(tmp, "round2");
    fs.mkdirSync(d2);
    fs.symlinkSync(outside, path.join(d2, "回收"));
    const s = await startServer({ dir: d2, pageDir: tmp, scorebookJs: SCOREBOOK });
    try {
      const r = await request(s.port, `/api/upload?name=${encodeURIComponent("x.xlsx")}`, {
        method: "POST",
        headers: { "X-Scorebook-Token": s.token },
        body: xlsx,
      });
      expect(r.status).toBe(403);
      expect(fs.readdirSync(outside).sort()).toEqual(["secret.txt"]);
    } finally {
      await s.close();
    }
  });
});

describe("steps", () => {
  async function finish(s: Server): Promise<{ code: number; lines: string[]; cancelled: boolean; progress: unknown }> {
    for (;;) {
      const r = await request(s.port, "/api/job", { headers: { "X-Scorebook-Token": s.token } });
      const job = JSON.parse(r.body).job;
      if (!job.running) return job;
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  const run = (s: Server, body: unknown) =>
    request(s.port, "/api/run", {
      method: "POST",
      headers: { "X-Scorebook-Token": s.token, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it("a refused step says why in Chinese and writes nothing; a request cannot name another command", async () => {
    const d = path.join(tmp, "refused");
    fs.mkdirSync(d);
    const s = await startServer({ dir: d, pageDir: tmp, scorebookJs: SCOREBOOK });
    try {
      expect((await run(s, { step: "template" })).status).toBe(200);
      expect((await finish(s)).code).toBe(0);
      const before = fs.readFileSync(path.join(d, "评审安排.xlsx"));
      // The empty template has no applicants: the draw is refused and the workbook left as it was.
      expect((await run(s, { step: "draw", seed: "7" })).status).toBe(200);
      const job = await finish(s);
      expect(job.code).toBe(1);
      expect(job.lines.join("\n")).toContain("未抽取");
      expect(fs.readFileSync(path.join(d, "评审安排.xlsx"))).toEqual(before);
      expect(fs.readdirSync(d)).toEqual(["评审安排.xlsx"]);
      for (const bad of [
        { step: "rubrics" },
        { step: "draw", seed: "--output=/tmp/x" },
        { step: "aggregate", method: "x; rm" },
      ])
        expect((await run(s, bad)).status).toBe(400);
      expect((await run(s, { step: "consensus", files: ["../outside/secret.txt"] })).status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it("shows a step's progress and cancels it at once", async () => {
    const fake = path.join(tmp, "slow.js");
    // A step that is writing a file (a temporary one, named as src/output names them) when it is cancelled.
    fs.writeFileSync(
      fake,
      "require('fs').writeFileSync(`.scorebook-${process.pid}-ab12.tmp`, 'half');" +
        "process.stderr.write('@progress 3/10 读取评分表：甲.xlsx\\n'); setTimeout(() => {}, 60000);",
    );
    const s = await startServer({ dir, pageDir: tmp, scorebookJs: fake });
    try {
      await run(s, { step: "status" });
      let job;
      for (;;) {
        job = JSON.parse((await request(s.port, "/api/job", { headers: { "X-Scorebook-Token": s.token } })).body).job;
        if (job.progress) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      expect(job.progress).toEqual({ done: 3, total: 10, file: "读取评分表：甲.xlsx" });
      expect((await run(s, { step: "status" })).status).toBe(409); // one step at a time
      const t0 = Date.now();
      await request(s.port, "/api/cancel", { method: "POST", headers: { "X-Scorebook-Token": s.token } });
      const done = await finish(s);
      expect(done.cancelled).toBe(true);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
      expect(Date.now() - t0).toBeLessThan(10_000);
    } finally {
      await s.close();
    }
  });
});

describe("stopping", () => {
  it("退出 stops the server", async () => {
    const s = await startServer({ dir, pageDir: tmp, scorebookJs: SCOREBOOK });
    const r = await request(s.port, "/api/quit", { method: "POST", headers: { "X-Scorebook-Token": s.token } });
    expect(r.status).toBe(200);
    await s.closed;
    await expect(request(s.port, "/")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("scorebook serve prints its address and stops cleanly on Ctrl+C (SIGINT)", async () => {
    const child = spawn(process.execPath, [SCOREBOOK, "serve", "--no-open", "--dir", dir], { cwd: tmp });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    try {
      for (let i = 0; i < 300 && !/token=/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
      expect(port).toBeGreaterThan(0);
      expect(out).toContain(fs.realpathSync(dir));
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(out).toContain("评审助手已停止");
      await expect(request(port, "/")).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      child.kill();
    }
  });

  it("refuses a round folder that does not exist (exit 2, a Chinese message)", async () => {
    const child = spawn(process.execPath, [SCOREBOOK, "serve", "--no-open", "--dir", path.join(tmp, "无此文件夹")]);
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    expect(await new Promise((r) => child.on("exit", r))).toBe(2);
    expect(err).toContain("不存在");
  });
});
