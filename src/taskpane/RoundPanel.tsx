// 批次 (the secretariat's review round): with the round workbook (评审安排) open, read its 分组 sheet, see the return
// status of picked workbooks (expected / returned / counted, the missing ones by expert, unexpected and invalid files
// with the reason), and open one expert's workbooks, generated from 分组, as new workbooks. The logic loads with
// import() on first use (./round, its own chunk).
import { useState } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Library, StatusDetail, StatusReason } from "../core";
import type { WorkbookHost } from "../host/types";
import { useLang, useStrings } from "./i18n";
import { fileBytes } from "./SummaryPanel";
import type { OpenRound } from "./round";

const loadRound = () => import(/* webpackChunkName: "round" */ "./round");

const ZH = {
  intro: "质评办：打开评审安排工作簿后，读取“分组”，查看所选评分表的回收情况，或为一位专家生成本批次的评分表。",
  read: "读取评审安排",
  round: (id: string, n: number, e: number) => `批次 ${id}：${n} 份评分表，${e} 位专家。`,
  expert: "专家",
  open: (n: number) => `生成该专家的评分表（${n} 份，各为新工作簿）`,
  opened: (names: string) => `已生成：${names}`,
  pick: "选择交回的评分表（.xlsx，可多选）",
  status: (s: StatusDetail) => `应交 ${s.expected} 份，已交 ${s.returned} 份，已计入 ${s.counted} 份。`,
  missing: (n: number) => `未交（${n}）`,
  unexpected: (n: number) => `不在本批次专家组中（${n}，不计入）`,
  invalid: (n: number) => `有问题（${n}，未计入）`,
  done: "应交的评分表已全部交回并计入。",
  stage: { material: "材料评审", onsite: "现场评审" },
};
const EN: typeof ZH = {
  intro:
    "Secretariat: with the round workbook open, read its 分组 sheet, see the return status of the picked workbooks, or generate one expert's workbooks of the round.",
  read: "Read the round workbook",
  round: (id, n, e) => `Round ${id}: ${n} workbooks, ${e} experts.`,
  expert: "Expert",
  open: (n) => `Generate this expert's workbooks (${n}, each a new workbook)`,
  opened: (names) => `Generated: ${names}`,
  pick: "Pick the returned workbooks (.xlsx, several at once)",
  status: (s) => `Expected ${s.expected}, returned ${s.returned}, counted ${s.counted}.`,
  missing: (n) => `Missing (${n})`,
  unexpected: (n) => `Not on a panel of this round (${n}, not counted)`,
  invalid: (n) => `With problems (${n}, not counted)`,
  done: "Every expected workbook is back and counted.",
  stage: { material: "material", onsite: "on-site" },
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  heading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  file: { maxWidth: "100%", fontSize: tokens.fontSizeBase200 },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
});

/** The missing workbooks by expert (a 催收清单: one line per expert to chase). */
function byExpert(missing: StatusDetail["missing"]): [string, StatusDetail["missing"]][] {
  const m = new Map<string, StatusDetail["missing"]>();
  for (const x of missing) m.set(x.expert, [...(m.get(x.expert) ?? []), x]);
  return [...m];
}

export function RoundPanel({ host, lib }: { host: WorkbookHost; lib: Library }) {
  const lang = useLang();
  const t = lang === "en-US" ? EN : ZH;
  const common = useStrings();
  const s = useStyles();
  const [open, setOpen] = useState<OpenRound | null>(null);
  const [expert, setExpert] = useState("");
  const [status, setStatus] = useState<StatusDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const say = (m: { zh: string; en: string }) => (lang === "en-US" ? m.en : m.zh);
  /** Why a file is unexpected or not counted, in the pane's language (both texts come from the catalogue). */
  const reason = (u: StatusReason) => (lang === "en-US" ? `: ${u.en}` : `：${u.reason}`);

  const guard = async (f: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await f();
    } catch (e) {
      setMessage({ ok: false, text: `${common.error}: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const read = () =>
    guard(async () => {
      const o = await (await loadRound()).readOpenRound(host, lib);
      setOpen(o);
      setStatus(null);
      if (o.ok) setExpert(o.experts[0] ?? "");
    });

  const pick = (files: FileList | null) =>
    guard(async () => {
      if (!open?.ok || !files?.length) return;
      const picked = await Promise.all(Array.from(files, async (f) => ({ name: f.name, data: await fileBytes(f) })));
      setStatus(await (await loadRound()).statusOfPicked(open.round, picked, lib));
    });

  const generate = () =>
    guard(async () => {
      if (!open?.ok || !expert) return;
      const names = await (await loadRound()).openExpertWorkbooks(host, open.round, expert, lib);
      setMessage({ ok: true, text: t.opened(names.join("、")) });
    });

  const count = open?.ok ? open.round.assignments!.filter((a) => a.expert === expert).length : 0;
  return (
    <div className={s.root}>
      <Text size={200} className={s.hint}>
        {t.intro}
      </Text>
      <div>
        <Button appearance="primary" onClick={() => void read()} disabled={busy}>
          {t.read}
        </Button>
        {busy && <Spinner size="tiny" aria-label={common.busy} />}
      </div>
      {open && !open.ok && (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            <ul className={s.list}>
              {open.problems.map((p, i) => (
                <li key={i}>{say(p)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {open?.ok && (
        <>
          <Text size={200} role="status">
            {t.round(open.round.roundId, open.round.assignments!.length, open.experts.length)}
          </Text>
          <Field label={t.expert}>
            <Select value={expert} onChange={(_, d) => setExpert(d.value)}>
              {open.experts.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </Select>
          </Field>
          <div>
            <Button onClick={() => void generate()} disabled={busy || !expert || !host.capabilities.newWorkbook}>
              {t.open(count)}
            </Button>
          </div>
          <Field label={t.pick}>
            <input
              className={s.file}
              type="file"
              multiple
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => void pick(e.target.files)}
              data-testid="round-files"
            />
          </Field>
        </>
      )}
      {message && (
        <MessageBar intent={message.ok ? "success" : "warning"} layout="multiline">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {status && (
        <section aria-label={t.status(status)} className={s.section}>
          <Text size={300} weight="semibold" role="status">
            {t.status(status)}
          </Text>
          {status.counted === status.expected && <Text size={200}> {t.done}</Text>}
          {status.missing.length > 0 && (
            <>
              <h2 className={s.heading}>{t.missing(status.missing.length)}</h2>
              <ul className={s.list}>
                {byExpert(status.missing).map(([expert, ms]) => (
                  <li key={expert}>
                    {expert}（{ms.length}）：{ms.map((m) => `${m.applicant} · ${t.stage[m.stage]}`).join("、")}
                  </li>
                ))}
              </ul>
            </>
          )}
          {status.unexpected.length > 0 && (
            <>
              <h2 className={s.heading}>{t.unexpected(status.unexpected.length)}</h2>
              <ul className={s.list}>
                {status.unexpected.map((u, i) => (
                  <li key={i}>
                    {u.file}
                    {reason(u)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {status.invalid.length > 0 && (
            <>
              <h2 className={s.heading}>{t.invalid(status.invalid.length)}</h2>
              <ul className={s.list}>
                {status.invalid.map((u, i) => (
                  <li key={i}>
                    {u.file}
                    {reason(u)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
