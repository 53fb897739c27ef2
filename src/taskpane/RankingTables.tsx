// The ranking as the 汇总 tab shows it: one table per ranking (rule set, or sector), as the summary workbook has one
// block each — an organisation's 1000 points and an individual's 80 are never ranked in one list. Shared by the pane
// and the workbench (src/workbench), which shows the ranking of `scorebook aggregate --json`.
//
// At 320 px: the score columns carry short headings (材料 / 现场 / 最终; the full heading on hover and as the
// accessible name), and each applicant is one row group of two rows, the figures, then the status on its own line
// across the table, so that neither a heading nor a status is squeezed into a four-line cell. In document order an
// applicant's cells stay rank, applicant, material, on-site, final, status.
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { useLang, useStrings } from "./i18n";
import type { RankingRow } from "./secretariat";
import { TABLE_STYLES } from "./theme";

const useStyles = makeStyles({
  ...TABLE_STYLES,
  num: { textAlign: "right", whiteSpace: "nowrap" },
  numHead: { textAlign: "right", whiteSpace: "nowrap", cursor: "help" },
  colRank: { width: "2.6em" },
  // 名次 fits its narrow column with less padding.
  rankCell: { paddingLeft: "1px", paddingRight: "1px" },
  colScore: { width: "4.2em" },
  // The figures' row has no rule below it: the status under it belongs to the same applicant.
  figures: { borderBottomStyle: "none" },
  status: {
    paddingLeft: "calc(2.6em + 4px)",
    paddingTop: 0,
    color: tokens.colorNeutralForeground2,
  },
  vetoed: { color: tokens.colorPaletteRedForeground1 },
});

/** The ranking rows by ranking (rule set or sector), in the order they come. */
function groupsOf<R extends { group: string; groupTitle: { zh: string; en: string } }>(
  rows: readonly R[],
): { group: string; title: { zh: string; en: string }; rows: R[] }[] {
  const out: { group: string; title: { zh: string; en: string }; rows: R[] }[] = [];
  for (const r of rows) {
    let g = out.find((x) => x.group === r.group);
    if (!g) out.push((g = { group: r.group, title: r.groupTitle, rows: [] }));
    g.rows.push(r);
  }
  return out;
}

export function RankingTables({ ranking, stage }: { ranking: readonly RankingRow[]; stage: "final" | "material" }) {
  const t = useStrings().summary;
  const lang = useLang();
  const s = useStyles();
  const statusText = (st: { zh: string; en: string }) => (lang === "en-US" ? st.en : st.zh);
  if (!ranking.length) return <Text size={200}>{t.noApplicants}</Text>;
  const scores: ("material" | "onsite" | "final")[] =
    stage === "material" ? ["material", "onsite"] : ["material", "onsite", "final"];
  const columns = 2 + scores.length;
  return (
    <>
      {groupsOf(ranking).map((g) => (
        <table key={g.group} className={s.table} aria-label={statusText(g.title)}>
          <caption className={s.caption}>{statusText(g.title)}</caption>
          <colgroup>
            <col className={s.colRank} />
            <col />
            {scores.map((k) => (
              <col key={k} className={s.colScore} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className={`${s.th} ${s.num} ${s.rankCell}`} title={t.full.rank}>
                {t.short.rank}
              </th>
              <th scope="col" className={s.th}>
                {t.applicant}
              </th>
              {scores.map((k) => (
                <th key={k} scope="col" className={`${s.th} ${s.numHead}`} title={t.full[k]} aria-label={t.full[k]}>
                  {t.short[k]}
                </th>
              ))}
            </tr>
          </thead>
          {g.rows.map((r) => (
            <tbody key={`${r.rubricId}|${r.applicant}`}>
              <tr>
                <td className={`${s.td} ${s.num} ${s.rankCell} ${s.figures}`}>{r.rank ?? "—"}</td>
                <th scope="row" className={`${s.td} ${s.figures}`} style={{ fontWeight: "normal", textAlign: "left" }}>
                  {r.applicant}
                </th>
                <td className={`${s.td} ${s.num} ${s.figures}`}>{r.material ?? "—"}</td>
                <td className={`${s.td} ${s.num} ${s.figures}`}>{r.onsite ?? "—"}</td>
                {stage !== "material" && <td className={`${s.td} ${s.num} ${s.figures}`}>{r.final ?? "—"}</td>}
              </tr>
              <tr>
                <td
                  colSpan={columns}
                  className={`${s.td} ${s.status}${r.vetoed ? ` ${s.vetoed}` : ""}`}
                  title={t.status}
                >
                  {statusText(r.status)}
                  {r.vetoed && r.wouldBeRank !== null ? t.wouldBe(r.wouldBeRank) : ""}
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      ))}
    </>
  );
}
