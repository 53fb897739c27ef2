/// <reference types="office-js" />
// Task pane entry. The page (taskpane.html) is the shared runtime: it loads office.js, then functions.js (the QA.*
// functions register themselves) and then this bundle. Inside Excel the pane works on the open workbook through the
// Office.js host; opened anywhere else it falls back to an in-memory workbook (and says so). Heavy libraries
// (ExcelJS) are loaded with import() where they are needed.
import { createRoot } from "react-dom/client";
import { library } from "../core";
import { isPaneOnlyPage, officeEnvironment, type PaneEnvironment } from "../excel/env";
import { OfficeWorkbookHost, officeApi } from "../excel/host";
import { MemoryWorkbook } from "../host/memory";
import type { WorkbookHost } from "../host/types";
import { App } from "./App";
import { STRINGS } from "./i18n";

function mount(host: WorkbookHost, env: PaneEnvironment, notice?: string): void {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<App host={host} lib={library()} env={env} notice={notice} />);
}

/** Outside Excel there is no Office display language: the default, Chinese. */
function outsideExcel(): void {
  mount(
    new MemoryWorkbook(),
    { lang: "zh-CN", theme: null, customFunctions: !isPaneOnlyPage() },
    STRINGS["zh-CN"].notInExcel,
  );
}

// In an old web view legacy.js has already shown its message (this bundle may not even parse there).
const oldWebview = (window as unknown as { scorebookOldWebview?: boolean }).scorebookOldWebview === true;

// Office.onReady also resolves outside Office (host null); without office.js at all, mount at once.
if (oldWebview) {
  // nothing to mount
} else if (typeof Office !== "undefined")
  void Office.onReady((info) => {
    if (String(info.host) === "Excel") mount(new OfficeWorkbookHost(officeApi()), officeEnvironment());
    else outsideExcel();
  });
else outsideExcel();
