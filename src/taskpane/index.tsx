/// <reference types="office-js" />
// Task pane entry. The page (taskpane.html) is the shared runtime: it loads office.js, then functions.js (the QA.*
// functions register themselves) and then this bundle. Heavy libraries should be imported with import() where they
// are needed, so that webpack puts them in chunks of their own, loaded on demand.
import { createRoot } from "react-dom/client";
import { App } from "./App";

function mount(): void {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<App />);
}

// Office.onReady also resolves outside Office (host null); without office.js (offline preview) mount at once.
if (typeof Office !== "undefined") void Office.onReady(() => mount());
else mount();
