// Serves the production build (dist/) on 127.0.0.1 for the task pane preview: `npm run preview` (build, then this)
// opens http://127.0.0.1:3100/preview.html; the end-to-end tests start it on a free port. Plain files only, only on
// the loopback interface, nothing from the network.
import { createReadStream, existsSync, statSync } from "fs";
import http from "http";
import type { AddressInfo } from "net";
import path from "path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (port 0: a free one). Resolves when listening. */
export function servePreview(dir: string, port = 0): Promise<PreviewServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/") {
      res.writeHead(302, { Location: `/preview.html${url.search}` });
      res.end();
      return;
    }
    const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("not found");
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Cache-Control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

if (require.main === module) {
  const dist = path.join(__dirname, "..", "dist");
  if (!existsSync(path.join(dist, "preview.html"))) {
    console.error("dist/preview.html is missing: run `npm run build` first (npm run preview does both)");
    process.exit(1);
  }
  const port = Number(process.env.PREVIEW_PORT ?? 3100);
  servePreview(dist, port).then(
    (s) =>
      console.log(
        `Scorebook task pane preview: ${s.url}/preview.html   (English: ?lang=en-US, dark theme: ?theme=dark; Ctrl+C stops)`,
      ),
    (e) => {
      console.error(`cannot serve on 127.0.0.1:${port}: ${(e as Error).message} (set PREVIEW_PORT)`);
      process.exit(1);
    },
  );
}
