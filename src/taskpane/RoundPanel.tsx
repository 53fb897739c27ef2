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
import type { Library, StatusDetail } from "../core";
import type { WorkbookHost } from "../host/types";
import { useLang, useStrings } from "./i18n";
import { fileBytes, lastModified } from "./SummaryPanel";
import { RoundStatusView } from "./RoundStatus";
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
      const picked = await Promise.all(
        Array.from(files, async (f) => ({ name: f.name, data: await fileBytes(f), modifiedAt: lastModified(f) })),
      );
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
      {status && <RoundStatusView status={status} />}
    </div>
  );
}
