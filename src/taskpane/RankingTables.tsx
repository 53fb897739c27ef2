// The ranking as the 汇总 tab shows it: one table per ranking (rule set, or sector), as the summary workbook has one
// block each — an organisation's 1000 points and an individual's 80 are never ranked in one list. Shared by the pane
// and the workbench (src/workbench), which shows the ranking of `scorebook aggregate --json`.
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { useLang, useStrings } from "./i18n";
import type { RankingRow } from "./secretariat";
import { TABLE_STYLES } from "./theme";

const useStyles = makeStyles({
  ...TABLE_STYLES,
  // At 320 px the applicant's name keeps about six characters a line: scores (at most "1000.00") stay on one line,
  // their headings and the status wrap.
  num: { textAlign: "right", whiteSpace: "nowrap" },
  numHead: { textAlign: "right" },
  colRank: { width: "2.3em" },
  // 名次 fits its narrow column with less padding.
  rankCell: { paddingLeft: "1px", paddingRight: "1px" },
  colFinal: { width: "4em" },
  colStatus: { width: "19%" },
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
  return (
    <>
      {groupsOf(ranking).map((g) => (
        <table key={g.group} className={s.table} aria-label={statusText(g.title)}>
          <caption className={s.caption}>{statusText(g.title)}</caption>
          <colgroup>
            <col className={s.colRank} />
            <col />
            <col className={s.colFinal} />
            <col className={s.colFinal} />
            {stage !== "material" && <col className={s.colFinal} />}
            <col className={s.colStatus} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className={`${s.th} ${s.num} ${s.rankCell}`}>
                {t.rank}
              </th>
              <th scope="col" className={s.th}>
                {t.applicant}
              </th>
              <th scope="col" className={`${s.th} ${s.numHead}`}>
                {t.material}
              </th>
              <th scope="col" className={`${s.th} ${s.numHead}`}>
                {t.onsite}
              </th>
              {stage !== "material" && (
                <th scope="col" className={`${s.th} ${s.numHead}`}>
                  {t.final}
                </th>
              )}
              <th scope="col" className={s.th}>
                {t.status}
              </th>
            </tr>
          </thead>
          <tbody>
            {g.rows.map((r) => (
              <tr key={`${r.rubricId}|${r.applicant}`}>
                <td className={`${s.td} ${s.num} ${s.rankCell}`}>{r.rank ?? "—"}</td>
                <th scope="row" className={s.td} style={{ fontWeight: "normal", textAlign: "left" }}>
                  {r.applicant}
                </th>
                <td className={`${s.td} ${s.num}`}>{r.material ?? "—"}</td>
                <td className={`${s.td} ${s.num}`}>{r.onsite ?? "—"}</td>
                {stage !== "material" && <td className={`${s.td} ${s.num}`}>{r.final ?? "—"}</td>}
                <td className={r.vetoed ? `${s.td} ${s.vetoed}` : s.td}>
                  {statusText(r.status)}
                  {r.vetoed && r.wouldBeRank !== null ? t.wouldBe(r.wouldBeRank) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}
