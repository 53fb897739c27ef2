// `npm run preview`: the task pane in a plain browser, next to a simple grid of an in-memory workbook, so that
// anyone can try the reviewer's workflow without Excel. No office.js, nothing from the network: the page's
// Content-Security-Policy allows only its own files. ?lang=en-US and ?theme=dark show the other language and theme.
// ?pane-only runs the pane as the pane-only manifest loads it (no QA.* functions: custom formula mode hidden);
// ?excelApi=1.8 also plays an Excel that has ExcelApi up to that version only (e.g. volume-licensed Excel 2019), so
// that the pane's start-up requirement check shows what it lacks.
import { createRoot } from "react-dom/client";
import { library } from "../../core";
import { paneLanguage, type PaneEnvironment } from "../../excel/env";
import { checkRequirements } from "../../excel/requirements";
import { MemoryWorkbook } from "../../host/memory";
import { App } from "../App";
import { Grid } from "./Grid";

/** Office's dark theme colours (as Office.context.officeTheme gives them), for ?theme=dark. */
const DARK = {
  bodyBackgroundColor: "#1F1F1F",
  bodyForegroundColor: "#FFFFFF",
  controlBackgroundColor: "#292929",
  controlForegroundColor: "#FFFFFF",
};

function download(base64: string, fileName: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(
    new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
  );
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const params = new URLSearchParams(location.search);
const lang = paneLanguage(params.get("lang") ?? "zh-CN");
const dark = params.get("theme") === "dark";
const paneOnly = params.has("pane-only");
const excelApi = params.get("excelApi");
const newer = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  return x[0] !== y[0] ? x[0] > y[0] : (x[1] ?? 0) > (y[1] ?? 0);
};
// Without ?excelApi the preview stands for an Excel that has everything the pane uses.
const requirements = excelApi
  ? checkRequirements((set, version) => set === "ExcelApi" && !newer(version, excelApi), paneOnly)
  : { lacking: [], customFunctions: !paneOnly };
const env: PaneEnvironment = {
  lang,
  theme: dark ? DARK : null,
  customFunctions: requirements.customFunctions,
  lacking: requirements.lacking,
};
document.documentElement.lang = lang;
if (dark) document.body.classList.add("dark");

const wb = new MemoryWorkbook({ name: lang === "en-US" ? "Preview workbook" : "预览工作簿", openWorkbook: download });
wb.addSheet("Sheet1");
// For tests and the curious: the workbook behind the grid.
(window as unknown as { scorebookPreview: MemoryWorkbook }).scorebookPreview = wb;

createRoot(document.getElementById("grid")!).render(<Grid wb={wb} />);
createRoot(document.getElementById("root")!).render(<App host={wb} lib={library()} env={env} newWorkbookIsDownload />);
