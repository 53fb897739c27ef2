// Where the pages load office.js from, the Content-Security-Policy that follows from it, and the office.js files an
// intranet server hosts beside the add-in. Used by webpack.config.js and the tests; also a command:
//   node scripts/office-js.cjs <folder>     copies the hosted office.js tree (Excel and locale files) into <folder>
//
// By default the pages load Microsoft's CDN. OFFICE_JS_URL (or `webpack --env officejs=…`) names another copy, e.g.
// https://scorebook.example.gov.cn/addin/office-js/office.js for an intranet without the internet; when that URL lies
// under the add-in's own URL (ADDIN_URL), the build copies the files into the matching folder of dist/ itself.
const fs = require("fs");
const path = require("path");
const { URL } = require("url");

const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * The office.js URL from what the user gave (Microsoft's CDN when nothing was given). office.js finds its host and
 * locale files beside itself by its own file name, so the URL must end in /office.js; Office loads pages over https
 * only, and a page may not load a script from a plain-http address.
 * @param {unknown} raw
 * @returns {string}
 */
function resolveOfficeJsUrl(raw) {
  if (raw === undefined || raw === null || String(raw).trim() === "") return CDN_OFFICE_JS;
  const text = String(raw).trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `OFFICE_JS_URL "${text}" is not a URL (example: https://scorebook.example.gov.cn/addin/office-js/office.js)`,
    );
  }
  if (url.protocol !== "https:") throw new Error(`OFFICE_JS_URL "${text}" must start with https://`);
  if (url.search || url.hash || url.username || url.password)
    throw new Error(`OFFICE_JS_URL "${text}" must be a plain URL (no query, fragment or credentials)`);
  if (!/\/office\.js$/.test(url.pathname))
    throw new Error(`OFFICE_JS_URL "${text}" must end in /office.js (office.js finds its other files beside itself)`);
  return url.href;
}

/**
 * The pages' Content-Security-Policy: their own files, office.js's origin for scripts (office.js appends its host
 * and locale files from beside itself) and for the one frame office.js opens itself (its error page when Office does
 * not trust the page), nothing else.
 * @param {string} officeJsUrl
 * @returns {string}
 */
function contentSecurityPolicy(officeJsUrl) {
  const origin = new URL(officeJsUrl).origin;
  return (
    `default-src 'self'; script-src 'self' ${origin}; style-src 'self' 'unsafe-inline'; connect-src 'self'; ` +
    `img-src 'self' data:; font-src 'self'; frame-src ${origin}`
  );
}

/**
 * The folder of dist/ that must hold the office.js files when OFFICE_JS_URL lies under the add-in's base URL
 * ("office-js" for …/addin/office-js/office.js under …/addin), else null (the files are hosted elsewhere).
 * @param {string} officeJsUrl
 * @param {string} addinUrl base URL without a trailing slash
 * @returns {string | null}
 */
function hostedFolder(officeJsUrl, addinUrl) {
  const dir = officeJsUrl.replace(/office\.js$/, "");
  const base = `${addinUrl}/`;
  if (!dir.startsWith(base)) return null;
  const folder = decodeURIComponent(dir.slice(base.length)).replace(/\/$/, "");
  // Beside the add-in's own files, office.js's dozens of host and locale files would mix with the bundles.
  if (folder === "")
    throw new Error(
      `OFFICE_JS_URL "${officeJsUrl}": put office.js in a folder of its own (example: ${base}office-js/office.js)`,
    );
  return folder;
}

/** The package's dist/ (resolved when needed: a build from Microsoft's CDN does not need the package installed). */
function packageDist() {
  return path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
}

/**
 * The hosted tree an Excel add-in needs, as [from (in the package's dist/), to (in the hosted folder)]: office.js, the
 * Excel host files of every platform, the Office 2013 mapping table, telemetry, web sign-in, the custom functions
 * runtime, every locale's office_strings.js, and office.js's error page. Debug builds and other hosts' files (Word,
 * Outlook …) are left out. The package names everything in lower case, but office.js asks for
 * "AgaveErrorUX/index.html" (which asks for "AgaveErrorUX.js" and "style\AgaveErrorUX.css"): those keep the case
 * office.js uses, so that a case-sensitive server (nginx on Linux) finds them too.
 * @param {string} [dist]
 * @returns {[string, string][]}
 */
function officeJsFiles(dist = packageDist()) {
  const out = [];
  const top = /^(office|o15apptofilemappingtable|custom-functions-runtime|es6-promise|excel[a-z0-9.-]*)\.js$/;
  for (const e of fs.readdirSync(dist, { withFileTypes: true })) {
    if (e.isFile() && top.test(e.name) && !/\.debug\.js$/.test(e.name)) out.push([e.name, e.name]);
    if (!e.isDirectory()) continue;
    const sub = path.join(dist, e.name);
    if (["telemetry", "ariatelemetry", "webauth"].includes(e.name)) {
      for (const f of fs.readdirSync(sub))
        if (/\.js$/.test(f) && !/\.debug\.js$/.test(f)) out.push([`${e.name}/${f}`, `${e.name}/${f}`]);
    } else if (e.name === "agaveerrorux") {
      const rename = { "agaveerrorux.js": "AgaveErrorUX.js", "style/agaveerrorux.css": "style/AgaveErrorUX.css" };
      for (const f of fs.readdirSync(sub, { recursive: true })) {
        const rel = String(f).split(path.sep).join("/");
        if (fs.statSync(path.join(sub, rel)).isFile())
          out.push([`${e.name}/${rel}`, `AgaveErrorUX/${rename[rel] ?? rel}`]);
      }
    } else if (/^[a-z]{2,3}(-[a-z0-9]+)+$/.test(e.name) && fs.existsSync(path.join(sub, "office_strings.js")))
      out.push([`${e.name}/office_strings.js`, `${e.name}/office_strings.js`]);
  }
  return out.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

/**
 * Copies the hosted tree into a folder (created if missing); returns the files written (relative paths).
 * @param {string} target
 * @param {string} [dist]
 * @returns {string[]}
 */
function copyOfficeJs(target, dist = packageDist()) {
  const written = [];
  for (const [from, to] of officeJsFiles(dist)) {
    const dest = path.join(target, to);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(dist, from), dest);
    written.push(to);
  }
  return written;
}

/** The package's version, for the build output and the docs. */
function officeJsVersion() {
  return JSON.parse(fs.readFileSync(path.join(packageDist(), "..", "package.json"), "utf8")).version;
}

module.exports = {
  CDN_OFFICE_JS,
  packageDist,
  resolveOfficeJsUrl,
  contentSecurityPolicy,
  hostedFolder,
  officeJsFiles,
  copyOfficeJs,
  officeJsVersion,
};

if (require.main === module) {
  const target = process.argv[2];
  if (!target) {
    console.error("用法 (usage): node scripts/office-js.cjs <目标文件夹 target folder>");
    process.exit(2);
  }
  const files = copyOfficeJs(path.resolve(target));
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(target, f)).size, 0);
  console.log(
    `已复制 office.js ${officeJsVersion()} 的 ${files.length} 个文件（${(bytes / 1048576).toFixed(1)} MB）到 ${target} ` +
      `(copied ${files.length} files of office.js ${officeJsVersion()})`,
  );
}
