// The add-in's base URL: https://localhost:3000 in development; at a production build, the URL given by ADDIN_URL
// (or `webpack --env url=…`) replaces it everywhere in the copied manifest. Used by webpack.config.js and the tests.
const { URL } = require("url");

const DEV_URL = "https://localhost:3000";

/**
 * The production base URL from what the user gave (null when nothing was given), without a trailing slash.
 * Office only loads add-ins over https, so anything else is refused.
 * @param {unknown} raw
 * @returns {string | null}
 */
function resolveAddinUrl(raw) {
  if (raw === undefined || raw === null || String(raw).trim() === "") return null;
  const text = String(raw).trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ADDIN_URL "${text}" is not a URL (example: https://scorebook.example.gov.cn/addin)`);
  }
  if (url.protocol !== "https:")
    throw new Error(`ADDIN_URL "${text}" must start with https:// (Office loads add-ins over https only)`);
  if (url.search || url.hash || url.username || url.password)
    throw new Error(`ADDIN_URL "${text}" must be a plain base URL (no query, fragment or credentials)`);
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/**
 * Every occurrence of the development URL in a text (the manifest) replaced by the base URL.
 * @param {string} text
 * @param {string} base
 * @returns {string}
 */
function rewriteUrls(text, base) {
  return text.split(DEV_URL).join(base);
}

module.exports = { DEV_URL, resolveAddinUrl, rewriteUrls };
