// The task pane: a reviewer's workflow (生成 → 检查 → 完成) and the secretariat's 汇总, over one WorkbookHost. The
// tabs are a list: a further step is one more entry.
import { useMemo, useState, type ReactNode } from "react";
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Library } from "../core";
import type { PaneEnvironment } from "../excel/env";
import { lackingLines } from "../excel/requirements";
import type { WorkbookHost } from "../host/types";
import { Banners } from "./Banners";
import { CheckPanel } from "./CheckPanel";
import { FinishPanel } from "./FinishPanel";
import { AwardFilePicker } from "./AwardFilePicker";
import { GeneratePanel } from "./GeneratePanel";
import { sameScoringSets } from "./flows";
import { LangContext, STRINGS, say, useStrings } from "./i18n";
import { SummaryPanel } from "./SummaryPanel";
import { RoundPanel } from "./RoundPanel";
import { paneTheme } from "./theme";
import { usePane, type PaneState } from "./usePane";

const useStyles = makeStyles({
  provider: { minHeight: "100%", backgroundColor: tokens.colorNeutralBackground1 },
  root: {
    boxSizing: "border-box",
    width: "100%",
    maxWidth: "100%",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    fontFamily: tokens.fontFamilyBase,
    overflowWrap: "anywhere",
  },
  header: {
    display: "flex",
    alignItems: "baseline",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  title: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
    lineHeight: tokens.lineHeightBase500,
  },
  host: { color: tokens.colorNeutralForeground3 },
  // Wraps rather than scrolls: four tabs in English are wider than a 320 px pane.
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`, flexWrap: "wrap" },
  lacking: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  stack: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
});

export interface PaneTab {
  id: string;
  label: string;
  render: (pane: PaneState) => ReactNode;
}

export interface AppProps {
  host: WorkbookHost;
  lib: Library;
  env: PaneEnvironment;
  /** A note shown above the tabs (e.g. "not running in Excel"). */
  notice?: string;
  /** The preview offers "new workbook" as a download. */
  newWorkbookIsDownload?: boolean;
}

export function App(props: AppProps) {
  const s = useStyles();
  const theme = useMemo(() => paneTheme(props.env.theme), [props.env.theme]);
  return (
    <FluentProvider theme={theme} lang={props.env.lang} className={s.provider}>
      <LangContext.Provider value={props.env.lang}>
        <Pane {...props} />
      </LangContext.Provider>
    </FluentProvider>
  );
}

function Pane({ host, lib: given, env, notice, newWorkbookIsDownload }: AppProps) {
  // An award given as a file (AwardFilePicker) joins the built-in ones for as long as the pane stays open: every tab
  // then generates, checks and aggregates with it.
  const [picked, setGiven] = useState<{ lib: Library; award: string; n: number } | null>(null);
  const lib = picked?.lib ?? given;
  const t = useStrings();
  const s = useStyles();
  const pane = usePane(host, lib);
  const [tab, setTab] = useState<string | null>(null);
  const review = pane.outcome?.kind === "checked" ? pane.outcome.review : null;
  // Until the reviewer picks a tab: 检查 when the workbook has a scoring set, else 生成.
  const current = tab ?? (review ? "check" : "generate");

  const tabs: PaneTab[] = [
    {
      id: "generate",
      label: t.tabs.generate,
      render: (p) => (
        <div className={s.stack}>
          <GeneratePanel
            key={picked?.n ?? 0}
            initialAward={picked?.award}
            lib={lib}
            capabilities={host.capabilities}
            sheets={p.outcome?.sheets ?? null}
            newWorkbookIsDownload={newWorkbookIsDownload}
            customFunctions={env.customFunctions !== false}
            onGenerate={async (req) => {
              const r = await p.generate(req);
              if (r.target === "current") setTab("check");
              return r;
            }}
            findSame={(req) => sameScoringSets(host, req)}
            onOpenExisting={(set) => {
              p.chooseSet(set.suffix);
              void host.select(set.sheet, "A1").catch(() => undefined);
              setTab("check");
            }}
          />
          <AwardFilePicker
            onLoaded={(l, award) => setGiven((g) => ({ lib: l, award: award.id, n: (g?.n ?? 0) + 1 }))}
          />
        </div>
      ),
    },
    {
      id: "check",
      label: t.tabs.check,
      render: (p) => (
        <CheckPanel
          outcome={p.outcome}
          checking={p.checking}
          live={host.capabilities.liveEvents}
          onCheck={() => void p.check()}
          onChooseSet={p.chooseSet}
          onSelect={(c) => void p.select(c)}
        />
      ),
    },
    {
      id: "finish",
      label: t.tabs.finish,
      render: (p) => (
        <FinishPanel
          outcome={p.outcome}
          checking={p.checking}
          onCheck={() => p.check()}
          onFinish={p.finish}
          onSelect={(c) => void p.select(c)}
        />
      ),
    },
    {
      // The secretariat's view: aggregate returned workbooks, write the summary sheets (its code loads on first use).
      id: "summary",
      label: t.tabs.summary,
      render: () => <SummaryPanel host={host} lib={lib} customFunctions={env.customFunctions !== false} />,
    },
    {
      // The review round (评审安排 open): return status of picked workbooks, an expert's workbooks from 分组.
      id: "round",
      label: t.tabs.round,
      render: () => <RoundPanel host={host} lib={lib} />,
    },
  ];
  const active = tabs.find((x) => x.id === current) ?? tabs[0];
  const errorText = pane.error ? errorMessage(pane.error, env.lang) : null;

  return (
    <div className={s.root}>
      <header className={s.header}>
        <h1 className={s.title}>{t.appTitle}</h1>
        <Text size={200} className={s.host}>
          {host.label}
        </Text>
      </header>
      {notice && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {env.lacking && env.lacking.length > 0 ? (
        <MessageBar intent="warning" layout="multiline" data-testid="lacking">
          <MessageBarBody>
            {t.lacking}
            <ul className={s.lacking}>
              {lackingLines(env.lacking, env.lang).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : (
        !host.capabilities.currentWorkbook &&
        !host.capabilities.newWorkbook && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t.oldExcel}</MessageBarBody>
          </MessageBar>
        )
      )}
      <Banners review={review} onSelect={(c) => void pane.select(c)} />
      <TabList
        className={s.tabs}
        selectedValue={active.id}
        onTabSelect={(_, d) => setTab(String(d.value))}
        aria-label={t.tabsLabel}
        size="medium"
      >
        {tabs.map((x) => (
          <Tab key={x.id} value={x.id} id={`tab-${x.id}`} aria-controls={`panel-${x.id}`}>
            {x.label}
          </Tab>
        ))}
      </TabList>
      {errorText && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{errorText}</MessageBarBody>
        </MessageBar>
      )}
      {/* Every panel stays mounted (hidden when not selected), so that a half-filled form survives a look at 检查. */}
      {tabs.map((x) => (
        <div
          key={x.id}
          role="tabpanel"
          id={`panel-${x.id}`}
          aria-labelledby={`tab-${x.id}`}
          hidden={x.id !== active.id}
        >
          {x.render(pane)}
        </div>
      ))}
    </div>
  );
}

function errorMessage(e: unknown, lang: "zh-CN" | "en-US"): string {
  const t = STRINGS[lang];
  if (e && typeof e === "object" && "zh" in e && "en" in e)
    return say(e as { code: string; zh: string; en: string }, lang);
  return `${t.error}: ${e instanceof Error ? e.message : String(e)}`;
}
