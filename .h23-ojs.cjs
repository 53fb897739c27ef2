const { JSDOM } = require("jsdom");
const fs = require("fs");
const dom = new JSDOM("<!doctype html><p>x</p>", { runScripts: "outside-only", url: "https://localhost/" });
const w = dom.window;
const dist = "node_modules/@microsoft/office-js/dist/";
try { w.eval(fs.readFileSync(dist + "excel-web-16.00.js", "utf8")); } catch (e) { console.log("load err", e.message); }
console.log(typeof w.Excel, typeof w.OfficeExtension, w.Excel && typeof w.Excel.RequestContext);
const ctx = new w.Excel.RequestContext("https://fake.example/");
const bodies = [];
ctx._requestExecutor = { executeAsync(customData, flags, msg) { bodies.push(msg.Body); return w.Promise.resolve({ HttpStatusCode: 200, ErrorCode: null, ErrorMessage: null, Headers: {}, Body: { Results: [] } }); } };
ctx.m_requestUrlAndHeaderInfo = { url: "https://fake.example/", headers: {} };
const ws = ctx.workbook.worksheets.add("汇总");
ws.getRange("A1:B2").values = [["中文", 1], ["=A1", 2]];
ws.getRange("A1:B2").format.font.bold = true;
ctx.sync().then(() => console.log("synced", bodies.map(b => typeof b === "string" ? b : JSON.stringify(b))), (e) => console.log("sync err", e.message, bodies.map(b => typeof b === "string" ? b.slice(0,400) : JSON.stringify(b).slice(0, 600))));
