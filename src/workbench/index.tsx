// The workbench page's entry: Chinese first, English when the browser prefers it; Fluent UI's light theme.
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { LangContext } from "../taskpane/i18n";
import { browserLang } from "./strings";
import { Workbench } from "./Workbench";

const lang = browserLang(navigator.languages?.length ? navigator.languages : [navigator.language]);
document.documentElement.lang = lang;
document.title = lang === "en-US" ? "Scorebook workbench" : "Scorebook 评审助手";
createRoot(document.getElementById("root")!).render(
  <FluentProvider theme={webLightTheme} style={{ minHeight: "100vh" }}>
    <LangContext.Provider value={lang}>
      <Workbench />
    </LangContext.Provider>
  </FluentProvider>,
);
