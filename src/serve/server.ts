// The workbench's local server (scorebook serve): the page and a thin API over the round folder.
// Security: it listens on 127.0.0.1 only; every request must carry this launch's random token (in the URL the
// launcher opens, then as a header) and a Host header of 127.0.0.1:PORT or localhost:PORT (a page elsewhere cannot
// reach it through DNS rebinding), and an Origin, when sent, must be this server's; no CORS header is ever sent.
// Every path a request names is resolved inside the chosen round folder (./paths). The steps are the `scorebook`
// command line run as a child process in that folder (./steps): the same code, files and messages as the guide's
// commands, and a cancel that stops the work at once.
import { spawn, type ChildProcess } from "child_process";
import { randomBytes, timingSafeEqual } from "crypto";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { Assignment } from "../core";
import { serveMsg, type Message } from "../core/messages";
import { generatePlan, readRoundFile, RoundFileError } from "../round/files";
import { OutputRefused, writeOutput } from "../output";
import { readZipWorkbook } from "../xlsx/zip-cells";
import { insideRoot, OutsideError } from "./paths";
import { AWARDS_DIR, RETURNS_DIR, ROUND_FILE, stepCommand, SUMMARY, type StepRequest } from "./steps";

export interface ServeOptions {
  /** The round folder (created by the caller). */
  dir: string;
  /** 0 (default): a free port chosen by the system. */
  port?: number;
  /** The folder holding the built page (workbench.js). */
  pageDir: string;
  /** The `scorebook` entry that steps run (bin/scorebook.js). */
  scorebookJs: string;
  /** Opens a file or folder with the system's viewer (the page's 打开文件夹 button). */
  openPath?: (p: string) => void;
  /** Fixed token (tests); a random one by default. */
  token?: string;
}

export interface Server {
  url: string;
  port: number;
  token: string;
  root: string;
  /** Stops the server (and a running step). */
  close(): Promise<void>;
  /** Resolves once the server has stopped (close(), or the page's 退出). */
  closed: Promise<void>;
}

interface Job {
  id: number;
  step: string;
  argv: string[];
  lines: string[];
  stdout: string;
  progress: { done: number; total: number; file: string } | null;
  code: number | null;
  cancelled: boolean;
  child: ChildProcess;
  started: number;
  ended: number | null;
}

const MAX_UPLOAD_MB = 20;
const PAGE = (token: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<title>Scorebook 评审助手</title><link rel="icon" href="data:,"></head><body style="margin:0"><div id="root"></div>` +
  `<script src="/workbench.js?token=${token}"></script></body></html>`;

function send(res: http.ServerResponse, status: number, body: unknown, type = "application/json; charset=utf-8") {
  const data = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === "string" && !type.startsWith("application/json") ? body : JSON.stringify(body));
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": data.length,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy":
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  });
  res.end(data);
}

const refuse = (res: http.ServerResponse, status: number, m: Message) => send(res, status, { error: m });

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function body(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

/** The files of a folder of the round (one level; folders marked), or null when it does not exist. */
function listing(abs: string): { name: string; dir: boolean; size: number }[] | null {
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) return null;
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && !e.name.startsWith("~$"))
    .map((e) => ({
      name: e.name,
      dir: e.isDirectory(),
      size: e.isFile() ? fs.statSync(path.join(abs, e.name)).size : 0,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * After a cancelled step: the temporary files its process was writing (src/output names them
 * .scorebook-<pid>-<hex>.tmp beside their targets) are removed; the files it had already put in place stay.
 */
function removeTemps(root: string, pid: number): void {
  const own = new RegExp(`^\\.scorebook-${pid}-[0-9a-f]+\\.tmp$`);
  const walk = (dir: string, depth: number) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(p, depth + 1);
      else if (e.isFile() && own.test(e.name)) fs.rmSync(p, { force: true });
    }
  };
  try {
    walk(root, 0);
  } catch {
    // a folder removed meanwhile: nothing to clean there
  }
}

export async function startServer(opts: ServeOptions): Promise<Server> {
  const root = fs.realpathSync(opts.dir);
  const token = opts.token ?? randomBytes(24).toString("base64url");
  let port = 0;
  let job: Job | null = null;
  let jobs = 0;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((r) => (resolveClosed = r));

  const allowedHost = (h: string | undefined) => h === `127.0.0.1:${port}` || h === `localhost:${port}`;
  const allowedOrigin = (o: string | undefined) =>
    o === undefined || o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}`;

  function jobView(j: Job | null) {
    if (!j) return { job: null };
    let json: unknown = null;
    if (j.code !== null && j.argv.includes("--json"))
      try {
        json = JSON.parse(j.stdout);
      } catch {
        json = null;
      }
    return {
      job: {
        id: j.id,
        step: j.step,
        running: j.code === null,
        code: j.code,
        cancelled: j.cancelled,
        lines: j.lines,
        progress: j.progress,
        json,
        seconds: ((j.ended ?? Date.now()) - j.started) / 1000,
      },
    };
  }

  function run(r: StepRequest): Job | Message {
    if (job && job.code === null) return serveMsg.busy();
    const files = r.files?.map((f) => insideRoot(root, f));
    const cmd = stepCommand({ ...r, files });
    if (typeof cmd === "string") return serveMsg.badRequest(cmd);
    const cwd = insideRoot(root, cmd.cwd || ".");
    for (const d of [cmd.cwd || ".", ...(cmd.dirs ?? [])]) fs.mkdirSync(insideRoot(root, d), { recursive: true });
    const child = spawn(process.execPath, [opts.scorebookJs, ...cmd.argv], {
      cwd,
      env: {
        ...process.env,
        SCOREBOOK_PROGRESS: "lines",
        NO_COLOR: "1",
        // The round folder keeps its imported awards (奖项/): the steps use them like the built-in ones.
        ...(fs.existsSync(path.join(root, AWARDS_DIR)) ? { SCOREBOOK_AWARDS: insideRoot(root, AWARDS_DIR) } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const j: Job = {
      id: ++jobs,
      step: r.step,
      argv: cmd.argv,
      lines: [],
      stdout: "",
      progress: null,
      code: null,
      cancelled: false,
      child,
      started: Date.now(),
      ended: null,
    };
    const json = cmd.argv.includes("--json");
    let errTail = "";
    let outTail = "";
    const line = (s: string) => {
      const p = /^@progress (\d+)\/(\d+) ?(.*)$/.exec(s);
      if (p) j.progress = { done: Number(p[1]), total: Number(p[2]), file: p[3] };
      else if (s.trim()) j.lines.push(s);
    };
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      const all = errTail + d;
      const parts = all.split(/\r?\n/);
      errTail = parts.pop() ?? "";
      parts.forEach(line);
    });
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      j.stdout += d;
      if (json) return;
      const parts = (outTail + d).split(/\r?\n/);
      outTail = parts.pop() ?? "";
      parts.forEach(line);
    });
    const finish = (code: number) => {
      if (j.code !== null) return;
      if (j.cancelled && child.pid !== undefined) removeTemps(root, child.pid);
      if (errTail) line(errTail);
      if (outTail) line(outTail);
      j.code = code;
      j.ended = Date.now();
    };
    child.on("error", () => finish(70));
    child.on("close", (code) => finish(j.cancelled ? 130 : (code ?? 70)));
    job = j;
    return j;
  }

  async function state() {
    const at = (rel: string) => path.join(root, rel);
    const exists = (rel: string) => fs.existsSync(at(rel));
    let round: unknown = null;
    if (exists(ROUND_FILE)) {
      try {
        const r = await readRoundFile(at(ROUND_FILE));
        round = {
          panels: panelsOf(r.assignments ?? []),
          roundId: r.roundId,
          applicants: r.parsed.input.applicants.length,
          experts: r.parsed.input.experts.length,
          seed: r.parsed.input.params.seed,
          assignments: r.assignments?.length ?? 0,
          problems: r.problems.map(({ zh, en }) => ({ zh, en })),
          panelProblems: r.panelProblems.map(({ zh, en }) => ({ zh, en })),
        };
      } catch (e) {
        round = {
          error: e instanceof RoundFileError ? { zh: e.zh, en: e.en } : { zh: String(e), en: String(e) },
        };
      }
    }
    let summarySheets: string[] | null = null;
    if (exists(SUMMARY))
      try {
        summarySheets = (await readZipWorkbook(fs.readFileSync(at(SUMMARY)))).sheets.map((x) => x.name);
      } catch {
        summarySheets = null;
      }
    return { folder: root, round, summarySheets };
  }

  /** Each panel (applicant and stage) with its experts and the returned workbooks found under 回收 by the round's file names. */
  function panelsOf(assignments: Assignment[]) {
    const returned = new Map<string, string>();
    const walk = (rel: string) => {
      for (const e of listing(path.join(root, rel)) ?? [])
        if (e.dir) walk(`${rel}/${e.name}`);
        else if (!returned.has(e.name)) returned.set(e.name, `${rel}/${e.name}`);
    };
    walk(RETURNS_DIR);
    const panels = new Map<string, { applicant: string; stage: string; experts: string[]; files: string[] }>();
    for (const plan of generatePlan(assignments, RETURNS_DIR))
      for (const { assignment: a, file } of plan.files) {
        const k = `${a.applicant}\u0000${a.stage}`;
        const p = panels.get(k) ?? { applicant: a.applicant, stage: a.stage, experts: [], files: [] };
        panels.set(k, p);
        p.experts.push(a.expert);
        const back = returned.get(path.basename(file));
        if (back) p.files.push(back);
      }
    return [...panels.values()];
  }

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    if (!name || /[\\/]/.test(name) || name === "." || name === ".." || name.includes("\0"))
      return refuse(res, 400, serveMsg.badRequest("name"));
    if (path.extname(name).toLowerCase() !== ".xlsx") return refuse(res, 400, serveMsg.notXlsx(name));
    const data = await body(req, MAX_UPLOAD_MB * 1024 * 1024);
    if (!data) return refuse(res, 413, serveMsg.tooLarge(name, MAX_UPLOAD_MB));
    insideRoot(root, RETURNS_DIR);
    const target = insideRoot(root, `${RETURNS_DIR}/${name}`);
    if (fs.existsSync(target)) {
      // A file already returned is never overwritten: the same bytes again is fine, others are refused.
      const same = fs.statSync(target).isFile() && fs.readFileSync(target).equals(data);
      return same ? send(res, 200, { saved: false, same: true, name }) : refuse(res, 409, serveMsg.uploadClash(name));
    }
    // The one door out: a temporary file in 回收 linked into place (never over a file that appeared meanwhile), the
    // folder created when missing; a full or read-only disk, or a file where 回收 goes, is named with the cause and
    // leaves nothing behind.
    try {
      await writeOutput(target, data, { shown: (f) => path.relative(root, f) || f });
    } catch (e) {
      if (!(e instanceof OutputRefused)) throw e;
      if (e.code === "exists") return refuse(res, 409, serveMsg.uploadClash(name));
      return refuse(res, e.code === "disk-full" ? 507 : 409, e.reason);
    }
    return send(res, 200, { saved: true, name });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (
      !allowedHost(req.headers.host) ||
      !allowedOrigin(req.headers.origin) ||
      !sameToken(url.searchParams.get("token") ?? (req.headers["x-scorebook-token"] as string | undefined), token)
    )
      return refuse(res, 403, serveMsg.forbidden());
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /":
        return send(res, 200, PAGE(token), "text/html; charset=utf-8");
      case "GET /workbench.js": {
        const f = path.join(opts.pageDir, "workbench.js");
        if (!fs.existsSync(f)) return send(res, 404, "/* the workbench page is not built */", "text/javascript");
        return send(res, 200, fs.readFileSync(f), "text/javascript; charset=utf-8");
      }
      case "GET /api/state":
        return send(res, 200, await state());
      case "GET /api/files": {
        const rel = url.searchParams.get("dir") ?? ".";
        const list = listing(insideRoot(root, rel));
        return send(res, 200, { dir: rel, exists: list !== null, files: list ?? [] }); // a step's folder, maybe not yet made
      }
      case "GET /api/file": {
        const rel = url.searchParams.get("path") ?? "";
        const abs = insideRoot(root, rel);
        if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) return refuse(res, 404, serveMsg.notFound(rel));
        return send(res, 200, fs.readFileSync(abs), "application/octet-stream");
      }
      case "POST /api/open": {
        const b = await body(req, 64 * 1024);
        const rel = (JSON.parse(b?.toString("utf8") || "{}") as { path?: string }).path ?? ".";
        const abs = insideRoot(root, rel);
        if (!fs.existsSync(abs)) return refuse(res, 404, serveMsg.notFound(rel));
        opts.openPath?.(abs);
        return send(res, 200, { opened: rel });
      }
      case "POST /api/upload":
        return upload(req, res, url.searchParams.get("name") ?? "");
      case "POST /api/run": {
        const b = await body(req, 1024 * 1024);
        let r: StepRequest;
        try {
          r = JSON.parse(b?.toString("utf8") || "") as StepRequest;
        } catch {
          return refuse(res, 400, serveMsg.badRequest("JSON"));
        }
        const j = run(r);
        if ("zh" in j) return refuse(res, j.code === "serve-busy" ? 409 : 400, j);
        return send(res, 200, jobView(j));
      }
      case "GET /api/job":
        return send(res, 200, jobView(job));
      case "POST /api/cancel":
        if (job && job.code === null) {
          job.cancelled = true;
          job.child.kill();
        }
        return send(res, 200, jobView(job));
      case "POST /api/quit":
        send(res, 200, { quit: true });
        setImmediate(() => void close());
        return;
      default:
        return refuse(res, 404, serveMsg.notFound(url.pathname));
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return res.destroy();
      if (e instanceof OutsideError) return refuse(res, 403, serveMsg.outside(e.requested));
      if (e instanceof SyntaxError) return refuse(res, 400, serveMsg.badRequest("JSON"));
      refuse(res, 500, serveMsg.badRequest(e instanceof Error ? e.message : String(e)));
    });
  });
  server.headersTimeout = 60_000;

  let closing: Promise<void> | null = null;
  function close(): Promise<void> {
    if (!closing)
      closing = new Promise<void>((resolve) => {
        if (job && job.code === null) {
          job.cancelled = true;
          job.child.kill();
        }
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(resolveClosed);
    return closing;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/?token=${token}`, port, token, root, close, closed };
}
