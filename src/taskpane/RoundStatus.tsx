// A round's return status as `scorebook round status` gives it: expected / returned / counted, the missing workbooks
// by expert (a 催收清单), and the unexpected and invalid files with the catalogue's reason. Shared by the pane's 批次 tab
// and the workbench's 回收 step.
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { StatusDetail, StatusReason } from "../core";
import { useLang } from "./i18n";

const ZH = {
  status: (s: StatusDetail) => `应交 ${s.expected} 份，已交 ${s.returned} 份，已计入 ${s.counted} 份。`,
  missing: (n: number) => `未交（${n}）`,
  unexpected: (n: number) => `不在本批次专家组中（${n}，不计入）`,
  invalid: (n: number) => `有问题（${n}，未计入）`,
  done: "应交的评分表已全部交回并计入。",
  stage: { material: "材料评审", onsite: "现场评审" },
};
const EN: typeof ZH = {
  status: (s) => `Expected ${s.expected}, returned ${s.returned}, counted ${s.counted}.`,
  missing: (n) => `Missing (${n})`,
  unexpected: (n) => `Not on a panel of this round (${n}, not counted)`,
  invalid: (n) => `With problems (${n}, not counted)`,
  done: "Every expected workbook is back and counted.",
  stage: { material: "material", onsite: "on-site" },
};

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  heading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
});

/** The missing workbooks by expert (a 催收清单: one line per expert to chase). */
function byExpert(missing: StatusDetail["missing"]): [string, StatusDetail["missing"]][] {
  const m = new Map<string, StatusDetail["missing"]>();
  for (const x of missing) m.set(x.expert, [...(m.get(x.expert) ?? []), x]);
  return [...m];
}

export function RoundStatusView({ status }: { status: StatusDetail }) {
  const lang = useLang();
  const t = lang === "en-US" ? EN : ZH;
  const s = useStyles();
  /** Why a file is unexpected or not counted, in the page's language (both texts come from the catalogue). */
  const reason = (u: StatusReason) => (lang === "en-US" ? `: ${u.en}` : `：${u.reason}`);
  return (
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
  );
}
