/// <reference types="office-js" />
// Task pane entry. The page (taskpane.html) is the shared runtime: it loads office.js, then functions.js (the QA.*
// functions register themselves) and then this bundle. Inside Excel the pane works on the open workbook through the
// Office.js host; opened anywhere else it falls back to an in-memory workbook (and says so). Opened by Office but
// without a working office.js (not reachable on an intranet), it says that instead: never the preview, where Generate
// and Finish would seem to work while nothing reaches the workbook. Heavy libraries (ExcelJS) are loaded with
// import() where they are needed.
import type { ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { library } from "../core";
import { isPaneOnlyPage, officeEnvironment, officeJsSource, openedByOffice, type PaneEnvironment } from "../excel/env";
import { OfficeWorkbookHost, officeApi } from "../excel/host";
import { MemoryWorkbook } from "../host/memory";
import type { WorkbookHost } from "../host/types";
import { App } from "./App";
import { STRINGS } from "./i18n";
import { OfficeMissing, type OfficeFailure } from "./OfficeMissing";

/** office.js loads its Excel file within 10 s or gives up (its own script timeout): after that it will not answer. */
const OFFICE_READY_TIMEOUT_MS = 20_000;

let root: Root | null = null;
function render(node: ReactNode): void {
  const element = document.getElementById("root");
  if (!element) return;
  root ??= createRoot(element);
  root.render(node);
}

function mount(host: WorkbookHost, env: PaneEnvironment, notice?: string): void {
  render(<App host={host} lib={library()} env={env} notice={notice} />);
}

function officeMissing(failure: OfficeFailure): void {
  render(<OfficeMissing url={officeJsSource()} failure={failure} />);
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

const inOffice = openedByOffice();

// Office.onReady also resolves outside Office (host null); without office.js at all, mount at once.
if (oldWebview) {
  // nothing to mount
} else if (typeof Office !== "undefined") {
  let ready = false;
  const timer = inOffice
    ? setTimeout(() => {
        if (!ready) officeMissing("silent");
      }, OFFICE_READY_TIMEOUT_MS)
    : undefined;
  void Office.onReady((info) => {
    ready = true;
    clearTimeout(timer);
    if (String(info.host) === "Excel") mount(new OfficeWorkbookHost(officeApi()), officeEnvironment());
    else if (inOffice) officeMissing("silent");
    else outsideExcel();
  });
} else if (inOffice) officeMissing("missing");
else outsideExcel();
