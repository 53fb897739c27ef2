// The workbench (评审助手): the secretariat's whole round on one page, as steps with their state. Each step runs the
// `scorebook` command the guide shows, in the round folder, through the local server (./api); the ranking and the
// return status are the task pane's own components (RankingTables, RoundStatusView), fed the commands' JSON.
import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode } from "react";
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { library, type StatusDetail } from "../core";
import { groupTitle } from "../summary/groups";
import { RankingTables } from "../taskpane/RankingTables";
import { RoundStatusView } from "../taskpane/RoundStatus";
import { useLang } from "../taskpane/i18n";
import type { RankingRow } from "../taskpane/secretariat";
import { api, ApiError, type Bilingual, type FileEntry, type JobView, type State } from "./api";
import { WB_STRINGS } from "./strings";

const ROUND_FILE = "评审安排.xlsx";
const DIRS = { sheets: "评分表", returns: "回收", consensus: "合议", reports: "评审报告" };
const SUMMARY = "汇总.xlsx";
const MATERIAL_SUMMARY = "材料评审汇总.xlsx";

const useStyles = makeStyles({
  page: { maxWidth: "980px", margin: "0 auto", padding: tokens.spacingHorizontalXL },
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalM,
  },
  title: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, margin: 0, flexGrow: 1 },
  folder: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  step: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalM,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  stepHead: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  stepTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  files: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  log: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    maxHeight: "16em",
    overflowY: "auto",
  },
  drop: {
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  dropActive: { backgroundColor: tokens.colorBrandBackground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  // The pane's table is made for 320 px; here it keeps about that shape rather than stretching across the page.
  ranking: { maxWidth: "620px", display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

type StepKey = keyof (typeof WB_STRINGS)["zh-CN"]["steps"];
type StepState = "ok" | "problem" | "todo";

interface AggregateJson {
  stage: "final" | "material";
  applicants: {
    applicant: string;
    rubric: string | null;
    group: string | null;
    shown: { material: string | null; onsite: string | null; final: string | null };
    statusText: string;
    statusTextEn: string;
    rank: number | null;
    vetoed: boolean;
    wouldBeRank: number | null;
  }[];
  problems: { file: string; reason: string; en: string; applicant: string | null }[];
}

/** `scorebook aggregate --json` as the pane's ranking rows (the same shown figures, the same ranking titles). */
function rankingRows(j: AggregateJson): RankingRow[] {
  const lib = library();
  return j.applicants.map((a) => ({
    applicant: a.applicant,
    rubricId: a.rubric ?? "",
    group: a.group ?? "",
    groupTitle: groupTitle(lib, a.group ?? ""),
    material: a.shown.material,
    onsite: a.shown.onsite,
    final: a.shown.final,
    status: { zh: a.statusText, en: a.statusTextEn },
    rank: a.rank,
    vetoed: a.vetoed,
    wouldBeRank: a.wouldBeRank,
  }));
}

export function Workbench() {
  const lang = useLang();
  const t = WB_STRINGS[lang];
  const s = useStyles();
  const say = (m: Bilingual) => (lang === "en-US" ? m.en : m.zh);
  const [state, setState] = useState<State | null>(null);
  const [files, setFiles] = useState<Record<string, FileEntry[]>>({});
  const [jobs, setJobs] = useState<Partial<Record<string, JobView>>>({});
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [quit, setQuit] = useState(false);
  const [seed, setSeed] = useState("");
  const [redraw, setRedraw] = useState(false);
  const [stage, setStage] = useState<"final" | "material">("final");
  const [method, setMethod] = useState("");
  const [replace, setReplace] = useState(false);
  const [replaceReports, setReplaceReports] = useState(false);
  const [uploads, setUploads] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const poll = useRef<number | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [st, ...lists] = await Promise.all([
        api.state(),
        api.files("."),
        api.files(DIRS.sheets),
        api.files(DIRS.returns),
        api.files(DIRS.consensus),
        api.files(DIRS.reports),
      ]);
      setState(st);
      setFiles({
        ".": lists[0],
        [DIRS.sheets]: lists[1],
        [DIRS.returns]: lists[2],
        [DIRS.consensus]: lists[3],
        [DIRS.reports]: lists[4],
      });
    } catch (e) {
      setError(e instanceof ApiError ? say(e.reason) : String(e));
    }
  }, [lang]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const start = async (key: string, req: Parameters<typeof api.run>[0]) => {
    setError(null);
    try {
      let job = await api.run(req);
      setRunning(key);
      setJobs((j) => ({ ...j, [key]: job }));
      while (job.running) {
        await new Promise((r) => (poll.current = window.setTimeout(r, 250)));
        job = (await api.job()) ?? job;
        setJobs((j) => ({ ...j, [key]: job }));
      }
    } catch (e) {
      setError(e instanceof ApiError ? say(e.reason) : String(e));
    } finally {
      setRunning(null);
      await refresh();
    }
  };

  const cancel = () => void api.cancel().catch(() => {});

  const upload = async (list: FileList | File[]) => {
    setError(null);
    const notes: string[] = [];
    let saved = 0;
    for (const f of Array.from(list)) {
      try {
        const r = await api.upload(f.name, f);
        if (r.saved) saved++;
        else if (r.same) notes.push(t.collect.same(f.name));
      } catch (e) {
        notes.push(e instanceof ApiError ? say(e.reason) : `${f.name}: ${String(e)}`);
      }
    }
    setUploads([t.collect.saved(saved), ...notes]);
    await start("collect", { step: "status" });
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void upload(e.dataTransfer.files);
  };

  const doQuit = async () => {
    try {
      await api.quit();
    } finally {
      setQuit(true);
    }
  };

  if (quit)
    return (
      <div className={s.page}>
        <MessageBar intent="info">
          <MessageBarBody>{t.quitDone}</MessageBarBody>
        </MessageBar>
      </div>
    );

  const round = state?.round ?? null;
  const rootFiles = files["."] ?? [];
  const has = (name: string) => rootFiles.some((f) => f.name === name);
  const busy = running !== null;
  const statusJob = jobs.collect;
  const status = statusJob && !statusJob.running ? (statusJob.json as StatusDetail | null) : null;
  const aggJob = jobs.summary;
  const agg = aggJob && !aggJob.running ? (aggJob.json as AggregateJson | null) : null;
  const problems = round?.problems ?? [];
  const planProblems = round?.error ? [round.error] : problems;

  const stepState: Record<StepKey, StepState> = {
    plan: !round ? "todo" : planProblems.length ? "problem" : "ok",
    draw: round?.assignments ? (round.panelProblems?.length ? "problem" : "ok") : "todo",
    send: (files[DIRS.sheets] ?? []).length ? "ok" : "todo",
    collect: status
      ? status.counted === status.expected
        ? "ok"
        : "problem"
      : (files[DIRS.returns] ?? []).length
        ? "problem"
        : "todo",
    consensus: (files[DIRS.consensus] ?? []).length ? "ok" : "todo",
    summary: has(SUMMARY) || has(MATERIAL_SUMMARY) ? "ok" : "todo",
    reports: (files[DIRS.reports] ?? []).length ? "ok" : "todo",
    committee: state?.summarySheets ? "ok" : "todo",
  };

  const badge = (k: StepKey) => {
    const st = stepState[k];
    return (
      <Badge
        appearance="tint"
        color={st === "ok" ? "success" : st === "problem" ? "warning" : "informative"}
        data-state={st}
      >
        {st === "ok" ? t.ok : st === "problem" ? t.problem : t.todo}
      </Badge>
    );
  };

  const fileList = (dir: string, only?: (f: FileEntry) => boolean) => {
    const list = (files[dir] ?? []).filter((f) => !f.name.startsWith(".") && (!only || only(f)));
    return (
      <div>
        <Text size={200} weight="semibold">
          {t.written}
        </Text>
        {list.length ? (
          <ul className={s.files}>
            {list.map((f) => (
              <li key={f.name}>
                {f.name}
                {f.dir ? "/" : ""}
              </li>
            ))}
          </ul>
        ) : (
          <Text size={200}> {t.none}</Text>
        )}
        <Button size="small" onClick={() => void api.open(dir)} disabled={dir !== "." && !list.length}>
          {t.openFolder}
        </Button>
      </div>
    );
  };

  const jobView = (key: string) => {
    const j = jobs[key];
    if (!j) return null;
    return (
      <div aria-live="polite" data-testid={`job-${key}`}>
        {j.running && (
          <div className={s.actions}>
            <Text size={200}>{t.running}</Text>
            {j.progress && (
              <Text size={200} data-testid="progress">
                {t.progress(j.progress.done, j.progress.total)} {j.progress.file}
              </Text>
            )}
            <Button size="small" onClick={cancel}>
              {t.cancel}
            </Button>
          </div>
        )}
        {j.running && (
          <ProgressBar value={j.progress && j.progress.total ? j.progress.done / j.progress.total : undefined} />
        )}
        {j.lines.length > 0 && <pre className={s.log}>{j.lines.join("\n")}</pre>}
        {!j.running && (
          <Text size={200} className={s.hint} data-exit={j.code ?? ""}>
            {j.cancelled ? t.cancelled : `${t.exit(j.code ?? 0)} · ${t.seconds(j.seconds)}`}
          </Text>
        )}
      </div>
    );
  };

  const step = (k: StepKey, n: number, children: ReactNode) => (
    <section className={s.step} aria-labelledby={`step-${k}`} data-step={k}>
      <div className={s.stepHead}>
        <h2 id={`step-${k}`} className={s.stepTitle}>
          {n}. {t.steps[k]}
        </h2>
        {badge(k)}
      </div>
      {children}
      {jobView(k)}
    </section>
  );

  return (
    <div className={s.page}>
      <header className={s.header}>
        <h1 className={s.title}>{t.title}</h1>
        <Button onClick={() => void refresh()} disabled={busy}>
          {t.refresh}
        </Button>
        <Button onClick={() => void doQuit()}>{t.quit}</Button>
        <div className={s.folder} style={{ flexBasis: "100%" }}>
          {t.folder}：{state?.folder ?? "…"}
        </div>
      </header>
      {error && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}

      {step(
        "plan",
        1,
        <>
          <Text className={s.hint}>{t.plan.intro}</Text>
          <div className={s.actions}>
            <Button
              appearance="primary"
              disabled={busy || has(ROUND_FILE)}
              onClick={() => void start("plan", { step: "template" })}
            >
              {t.plan.create}
            </Button>
            <Button disabled={!has(ROUND_FILE)} onClick={() => void api.open(ROUND_FILE)}>
              {t.openFile}
            </Button>
            <Button disabled={busy || !has(ROUND_FILE)} onClick={() => void refresh()}>
              {t.plan.reread}
            </Button>
          </div>
          {round && !round.error && <Text size={200}>{t.plan.counts(round.applicants ?? 0, round.experts ?? 0)}</Text>}
          {round &&
            (planProblems.length ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  {t.plan.problems(planProblems.length)}
                  <ul className={s.list} data-testid="plan-problems">
                    {planProblems.map((p, i) => (
                      <li key={i}>{say(p)}</li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            ) : (
              <Text size={200}>{t.plan.clean}</Text>
            ))}
          {fileList(".", (f) => f.name === ROUND_FILE)}
        </>,
      )}

      {step(
        "draw",
        2,
        <>
          <Text className={s.hint}>{t.draw.intro}</Text>
          <Field label={t.draw.seed}>
            <Input value={seed} onChange={(_, d) => setSeed(d.value)} placeholder={round?.seed ?? ""} />
          </Field>
          {!!round?.assignments && (
            <Checkbox checked={redraw} onChange={(_, d) => setRedraw(!!d.checked)} label={t.draw.redraw} />
          )}
          <div className={s.actions}>
            <Button
              appearance="primary"
              disabled={busy || stepState.plan !== "ok" || (!!round?.assignments && !redraw)}
              onClick={() => void start("draw", { step: "draw", seed, force: redraw })}
            >
              {t.draw.run}
            </Button>
            <Button disabled={!has(ROUND_FILE)} onClick={() => void api.open(ROUND_FILE)}>
              {t.openFile}
            </Button>
          </div>
          {!!round?.assignments && <Text size={200}>{t.draw.drawn(round.roundId ?? "", round.assignments)}</Text>}
        </>,
      )}

      {step(
        "send",
        3,
        <>
          <Text className={s.hint}>{t.send.intro}</Text>
          <div className={s.actions}>
            <Button
              appearance="primary"
              disabled={busy || stepState.draw !== "ok"}
              onClick={() => void start("send", { step: "generate" })}
            >
              {t.send.run}
            </Button>
          </div>
          {fileList(DIRS.sheets, (f) => !f.dir)}
        </>,
      )}

      {step(
        "collect",
        4,
        <>
          <Text className={s.hint}>{t.collect.intro}</Text>
          <div
            className={dragging ? `${s.drop} ${s.dropActive}` : s.drop}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <Text size={200}>{t.collect.drop}</Text>
            <div>
              <Button disabled={busy || stepState.draw !== "ok"} onClick={() => picker.current?.click()}>
                {t.collect.pick}
              </Button>
            </div>
            <input
              ref={picker}
              hidden
              type="file"
              multiple
              aria-label={t.collect.pick}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy || stepState.draw !== "ok"}
              onChange={(e) => {
                if (e.target.files?.length) void upload(e.target.files);
                e.target.value = "";
              }}
              data-testid="collect-files"
            />
          </div>
          {uploads.length > 0 && (
            <ul className={s.list} data-testid="upload-notes">
              {uploads.map((u, i) => (
                <li key={i}>{u}</li>
              ))}
            </ul>
          )}
          <div className={s.actions}>
            <Button
              disabled={busy || stepState.draw !== "ok"}
              onClick={() => void start("collect", { step: "status" })}
            >
              {t.collect.status}
            </Button>
          </div>
          {status && <RoundStatusView status={status} />}
          {fileList(DIRS.returns)}
        </>,
      )}

      {step(
        "consensus",
        5,
        <>
          <Text className={s.hint}>{t.consensus.intro}</Text>
          <ul className={s.list}>
            {(round?.panels ?? []).map((p) => (
              <li key={`${p.applicant}|${p.stage}`}>
                {t.consensus.panel(p.applicant, t.stage[p.stage] ?? p.stage, p.files.length, p.experts.length)}{" "}
                <Button
                  size="small"
                  disabled={busy || p.files.length === 0}
                  onClick={() => void start("consensus", { step: "consensus", files: p.files })}
                >
                  {t.consensus.run}
                </Button>
              </li>
            ))}
          </ul>
          {fileList(DIRS.consensus)}
        </>,
      )}

      {step(
        "summary",
        6,
        <>
          <Text className={s.hint}>{t.summary.intro}</Text>
          <Field label={t.summary.stage}>
            <RadioGroup value={stage} onChange={(_, d) => setStage(d.value as "final" | "material")}>
              <Radio value="final" label={t.summary.final} />
              <Radio value="material" label={t.summary.material} />
            </RadioGroup>
          </Field>
          <Field label={t.summary.method}>
            <Select value={method} onChange={(_, d) => setMethod(d.value)}>
              <option value="">{t.summary.methodRule}</option>
              <option value="mean">{t.summary.mean}</option>
              <option value="trimmed">{t.summary.trimmed}</option>
              <option value="median">{t.summary.median}</option>
            </Select>
          </Field>
          <Checkbox checked={replace} onChange={(_, d) => setReplace(!!d.checked)} label={t.summary.replace} />
          <div className={s.actions}>
            <Button
              appearance="primary"
              disabled={busy || !(files[DIRS.returns] ?? []).length}
              onClick={() =>
                void start("summary", {
                  step: stage === "material" ? "material" : "aggregate",
                  method: stage === "material" ? undefined : method,
                  force: replace,
                })
              }
            >
              {t.summary.run}
            </Button>
            <Button disabled={!has(SUMMARY)} onClick={() => void api.open(SUMMARY)}>
              {t.openFile}
            </Button>
          </div>
          {agg && (
            <div data-testid="ranking" className={s.ranking}>
              <RankingTables ranking={rankingRows(agg)} stage={agg.stage} />
              <Text size={300} weight="semibold">
                {t.summary.problems(agg.problems.length)}
              </Text>
              <ul className={s.list}>
                {agg.problems.map((p, i) => (
                  <li key={i}>
                    {p.file ? (lang === "en-US" ? `${p.file}: ` : `${p.file}：`) : ""}
                    {lang === "en-US" ? p.en : p.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {fileList(".", (f) => f.name === SUMMARY || f.name === MATERIAL_SUMMARY)}
        </>,
      )}

      {step(
        "reports",
        7,
        <>
          <Text className={s.hint}>{t.reports.intro}</Text>
          <Checkbox
            checked={replaceReports}
            onChange={(_, d) => setReplaceReports(!!d.checked)}
            label={t.reports.replace}
          />
          <div className={s.actions}>
            <Button
              appearance="primary"
              disabled={busy || !has(SUMMARY)}
              onClick={() => void start("reports", { step: "report", force: replaceReports })}
            >
              {t.reports.run}
            </Button>
          </div>
          {fileList(DIRS.reports)}
          {fileList(".", (f) => f.name === `${DIRS.reports}.zip`)}
        </>,
      )}

      {step(
        "committee",
        8,
        state?.summarySheets ? (
          <>
            <Text className={s.hint}>{t.committee.intro}</Text>
            <ul className={s.list}>
              {state.summarySheets.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
            <div className={s.actions}>
              <Button onClick={() => void api.open(SUMMARY)}>{t.openFile}</Button>
            </div>
          </>
        ) : (
          <Text className={s.hint}>{t.committee.missing}</Text>
        ),
      )}
    </div>
  );
}
