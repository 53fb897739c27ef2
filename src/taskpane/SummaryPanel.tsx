// 汇总 (the secretariat's view): returned scoring workbooks — files the secretariat picks (or drops), or the scoring
// sets already in the open workbook — aggregated into a ranking, with every file left out listed and why; then the
// summary sheets (汇总/问题/参数/专家分/明细/反馈) are written into the open workbook, never over an existing sheet.
// The reading, aggregation and summary code is loaded with import() on first use (./secretariat: its own chunk).
import { useRef, useState, type DragEvent } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Library, PanelMethod } from "../core";
import type { WorkbookHost } from "../host/types";
import { SheetExistsError } from "../host/types";
import type { FormulaMode } from "../workbook/types";
import { useLang, useStrings } from "./i18n";
import type { PickedFile, SummaryOutcome } from "./secretariat";
import { RankingTables } from "./RankingTables";

const loadSecretariat = () => import(/* webpackChunkName: "summary" */ "./secretariat");

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
  drop: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  dropActive: { backgroundColor: tokens.colorBrandBackground2, border: `1px dashed ${tokens.colorBrandStroke1}` },
  file: { maxWidth: "100%", minWidth: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground1 },
  select: { maxWidth: "100%" },
  selectInner: { textOverflow: "ellipsis" },
  actions: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    rowGap: tokens.spacingVerticalS,
  },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  problem: {
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  problemFile: { fontWeight: tokens.fontWeightSemibold },
  kind: {
    display: "inline-block",
    marginRight: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
  },
});

export interface SummaryPanelProps {
  host: WorkbookHost;
  lib: Library;
  /** The add-in's QA.* functions run here (false: the custom formula mode is not offered). */
  customFunctions?: boolean;
}

type Source = "workbook" | "files";

/** A picked file's bytes (File.arrayBuffer where there is one, else FileReader). Only read, never written. */
export async function fileBytes(f: Blob): Promise<Uint8Array> {
  if (typeof f.arrayBuffer === "function") return new Uint8Array(await f.arrayBuffer());
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error ?? new Error("read failed"));
    r.readAsArrayBuffer(f);
  });
}

/**
 * The zip reader's file size limit (MAX_FILE_BYTES in src/xlsx/zip-cells.ts; a literal here so that the reader stays
 * in its lazy chunk; a test checks they agree).
 */
export const PICK_LIMIT_BYTES = 20 * 1024 * 1024;

/** A picked file's modification time (the tie-breaker between copies saved at the same time), when known. */
export function lastModified(f: File): string | null {
  return typeof f.lastModified === "number" && f.lastModified > 0 ? new Date(f.lastModified).toISOString() : null;
}

/** A file over the reader's size limit is not read at all: its size alone gets it refused (interpretPicked). */
export async function picked(f: File): Promise<PickedFile> {
  const modifiedAt = lastModified(f);
  if (f.size > PICK_LIMIT_BYTES) return { name: f.name, data: new Uint8Array(0), size: f.size, modifiedAt };
  return { name: f.name, data: await fileBytes(f), modifiedAt };
}

export function SummaryPanel({ host, lib, customFunctions = true }: SummaryPanelProps) {
  const t = useStrings().summary;
  const common = useStrings();
  const lang = useLang();
  const s = useStyles();
  const [source, setSource] = useState<Source>("workbook");
  const [files, setFiles] = useState<File[]>([]);
  const [roster, setRoster] = useState<File | null>(null);
  const [method, setMethod] = useState<PanelMethod>("mean");
  const [stage, setStage] = useState<"final" | "material">("final");
  const [mode, setMode] = useState<FormulaMode>("native");
  const [busy, setBusy] = useState<"run" | "write" | "consensus" | null>(null);
  const [outcome, setOutcome] = useState<SummaryOutcome | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const rosterInput = useRef<HTMLInputElement>(null);

  const choose = (list: FileList | null) => {
    const xs = Array.from(list ?? []);
    setFiles(xs);
    setSource("files");
    setOutcome(null);
    setMessage(null);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer?.files?.length) choose(e.dataTransfer.files);
  };

  const run = async () => {
    setMessage(null);
    setOutcome(null);
    if (source === "files" && !files.length) {
      setMessage({ ok: false, text: t.noFiles });
      return;
    }
    setBusy("run");
    try {
      const m = await loadSecretariat();
      const req = {
        method,
        stage,
        mode: customFunctions ? mode : "native",
        library: lib,
        roster: roster ? await picked(roster) : null,
      };
      const o =
        source === "files"
          ? await m.summaryFromFiles(await Promise.all(files.map(picked)), req)
          : await m.summaryFromWorkbook(host, req);
      setOutcome(o);
      if (source === "workbook" && o.inputs === 0) setMessage({ ok: false, text: t.noneInWorkbook });
    } catch (err) {
      setMessage({ ok: false, text: `${common.error}: ${(err as Error).message}` });
    } finally {
      setBusy(null);
    }
  };

  const write = async () => {
    if (!outcome) return;
    setMessage(null);
    setBusy("write");
    try {
      const m = await loadSecretariat();
      const sheets = await m.writeSummary(host, outcome.layout);
      setMessage({ ok: true, text: t.written(sheets.join("、")) });
    } catch (err) {
      setMessage({
        ok: false,
        text:
          err instanceof SheetExistsError
            ? t.taken(err.sheets.join("、"))
            : `${common.error}: ${(err as Error).message}`,
      });
    } finally {
      setBusy(null);
    }
  };

  // The group leader's consensus sheet from the picked workbooks of one applicant and stage.
  const consensus = async () => {
    setMessage(null);
    if (!files.length) {
      setMessage({ ok: false, text: t.noFiles });
      return;
    }
    setBusy("consensus");
    try {
      const m = await loadSecretariat();
      const made = await m.consensusFromFiles(await Promise.all(files.map(picked)), lib);
      if ("errors" in made)
        setMessage({ ok: false, text: made.errors.map((e) => (lang === "en-US" ? e.en : e.zh)).join("\n") });
      else setMessage({ ok: true, text: t.consensusWritten((await m.writeConsensus(host, made.layout)).join("、")) });
    } catch (err) {
      setMessage({
        ok: false,
        text:
          err instanceof SheetExistsError
            ? t.taken(err.sheets.join("、"))
            : `${common.error}: ${(err as Error).message}`,
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={s.root}>
      <Text size={200} className={s.hint}>
        {t.intro}
      </Text>
      <Field label={t.source}>
        <RadioGroup
          value={source}
          onChange={(_, d) => {
            setSource(d.value as Source);
            setOutcome(null);
            setMessage(null);
          }}
        >
          <Radio value="workbook" label={t.sourceWorkbook} />
          <Radio value="files" label={t.sourceFiles} />
        </RadioGroup>
      </Field>
      {source === "files" && (
        <div
          className={dragging ? `${s.drop} ${s.dropActive}` : s.drop}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="summary-drop"
        >
          <label htmlFor="summary-files">{t.pick}</label>
          <input
            id="summary-files"
            className={s.file}
            type="file"
            multiple
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => choose(e.target.files)}
          />
          <Text size={200} className={s.hint}>
            {files.length ? t.picked(files.length) : t.drop}
          </Text>
        </div>
      )}
      <div className={s.drop}>
        <label htmlFor="summary-roster">{t.roster}</label>
        <input
          id="summary-roster"
          ref={rosterInput}
          className={s.file}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setRoster(e.target.files?.[0] ?? null);
            setOutcome(null);
          }}
        />
        {roster && (
          <Button
            size="small"
            appearance="subtle"
            onClick={() => {
              setRoster(null);
              if (rosterInput.current) rosterInput.current.value = "";
              setOutcome(null);
            }}
          >
            {t.rosterClear}
          </Button>
        )}
      </div>
      <Field label={t.method}>
        <Select
          className={s.select}
          select={{ className: s.selectInner }}
          value={method}
          onChange={(_, d) => setMethod(d.value as PanelMethod)}
        >
          <option value="mean">{t.methodMean}</option>
          <option value="trimmed">{t.methodTrimmed}</option>
          <option value="median">{t.methodMedian}</option>
        </Select>
      </Field>
      <Field label={t.stage}>
        <RadioGroup value={stage} onChange={(_, d) => setStage(d.value as "final" | "material")}>
          <Radio value="final" label={t.stageFinal} />
          <Radio value="material" label={t.stageMaterial} />
        </RadioGroup>
      </Field>
      <Field label={t.mode}>
        <RadioGroup value={mode} onChange={(_, d) => setMode(d.value as FormulaMode)}>
          <Radio value="native" label={t.modeNative} />
          {customFunctions && <Radio value="custom" label={t.modeCustom} />}
        </RadioGroup>
      </Field>
      <div className={s.actions}>
        <Button appearance="primary" onClick={() => void run()} disabled={busy !== null}>
          {busy === "run" ? t.running : t.run}
        </Button>
        {outcome && outcome.inputs > 0 && (
          <Button onClick={() => void write()} disabled={busy !== null || !host.capabilities.currentWorkbook}>
            {busy === "write" ? t.writing : t.write}
          </Button>
        )}
        {source === "files" && files.length > 0 && (
          <Button
            onClick={() => void consensus()}
            disabled={busy !== null || !host.capabilities.currentWorkbook}
            title={t.consensusHint}
          >
            {t.consensus}
          </Button>
        )}
        {busy && <Spinner size="tiny" aria-label={common.busy} />}
      </div>
      {message && (
        <MessageBar
          intent={message.ok ? "success" : "warning"}
          layout="multiline"
          role={message.ok ? "status" : "alert"}
        >
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && outcome.inputs > 0 && (
        <>
          <Text size={200} role="status">
            {t.counts(outcome.inputs, outcome.used, outcome.ranking.length)}
          </Text>
          {outcome.stage === "material" && <Text size={200}>{t.advanceNote}</Text>}
          <RankingTables ranking={outcome.ranking} stage={outcome.stage} />
          <section aria-labelledby="summary-problems">
            <h2 id="summary-problems" className={s.heading}>
              {t.problems(outcome.problems.length)}
            </h2>
            {outcome.problems.length ? (
              <ul className={s.list}>
                {outcome.problems.map((p, i) => (
                  <li key={i} className={s.problem}>
                    <span className={s.kind}>{lang === "en-US" ? p.kindEn : p.kind}</span>
                    <span className={s.problemFile}>{p.file}</span>
                    {p.applicant ? (lang === "en-US" ? ` (${p.applicant})` : `（${p.applicant}）`) : ""}
                    {lang === "en-US" ? `: ${p.en}` : `：${p.reason}`}
                  </li>
                ))}
              </ul>
            ) : (
              <Text size={200}>{t.noProblems}</Text>
            )}
          </section>
        </>
      )}
    </div>
  );
}
