// 检查: progress, the running total, category subtotals and the problems of the checked scoring set.
import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { SHEET } from "../workbook/labels";
import type { CheckOutcome } from "./flows";
import { useStrings } from "./i18n";
import { ProblemList } from "./ProblemList";
import { TABLE_STYLES } from "./theme";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  bar: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  hint: { color: tokens.colorNeutralForeground3 },
  who: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  totals: {
    display: "flex",
    alignItems: "baseline",
    justifyContent: "space-between",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
  },
  total: {
    fontSize: tokens.fontSizeHero700,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightHero700,
  },
  ...TABLE_STYLES,
  num: { textAlign: "right", whiteSpace: "nowrap" },
  problemsTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

export interface CheckProps {
  outcome: CheckOutcome | null;
  checking: boolean;
  live: boolean;
  onCheck: () => void;
  onChooseSet: (suffix: string) => void;
  onSelect: (cell: { sheet: string; ref: string }) => void;
}

export function CheckPanel({ outcome, checking, live, onCheck, onChooseSet, onSelect }: CheckProps) {
  const t = useStrings();
  const s = useStyles();
  const review = outcome?.kind === "checked" ? outcome.review : null;
  const r = review?.report;
  return (
    <div className={s.root}>
      <div className={s.bar}>
        <Button appearance="primary" onClick={onCheck} disabled={checking}>
          {t.check.run}
        </Button>
        {checking ? (
          <Spinner size="tiny" label={t.check.running} />
        ) : (
          live && (
            <Text size={200} className={s.hint}>
              {t.check.live}
            </Text>
          )
        )}
      </div>
      {outcome?.kind === "none" && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.check.none}</MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === "checked" && outcome.sets.length > 1 && (
        <Field label={t.check.set}>
          <Select value={outcome.review.set.suffix} onChange={(_, d) => onChooseSet(d.value)}>
            {outcome.sets.map((set) => (
              <option key={set.suffix} value={set.suffix}>
                {set.sheets[SHEET.scoring]}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {review && r && (
        <>
          {r.applicant && (
            <Text size={200} className={s.who}>
              {r.rubricTitle} · {r.applicant} · {r.expert}
            </Text>
          )}
          <section aria-label={t.check.total}>
            <div className={s.totals}>
              <span>
                <Text size={300}>{t.check.total} </Text>
                <span className={s.total} data-testid="total">
                  {review.total}
                </span>
                <Text size={300}> {t.check.of(review.totalPoints)}</Text>
              </span>
              <Badge appearance="tint" color={r.complete ? "success" : "warning"}>
                {r.complete ? t.check.complete : t.check.incomplete}
              </Badge>
            </div>
            <Field validationMessage={t.check.progress(review.scored, review.itemCount)} validationState="none">
              <ProgressBar
                value={review.itemCount ? review.scored / review.itemCount : 0}
                thickness="large"
                aria-label={t.check.progress(review.scored, review.itemCount)}
              />
            </Field>
          </section>
          <table className={s.table}>
            <caption className={s.caption}>{t.check.categories}</caption>
            <colgroup>
              <col />
              <col style={{ width: "92px" }} />
              <col style={{ width: "56px" }} />
            </colgroup>
            <thead>
              <tr>
                <th className={s.th} scope="col">
                  {t.check.category}
                </th>
                <th className={`${s.th} ${s.num}`} scope="col">
                  {t.check.score}
                </th>
                <th className={`${s.th} ${s.num}`} scope="col">
                  {t.check.scored}
                </th>
              </tr>
            </thead>
            <tbody>
              {review.categories.map((c) => (
                <tr key={c.code}>
                  <th className={s.td} scope="row" style={{ fontWeight: "normal", textAlign: "left" }}>
                    {c.code} {c.name}
                  </th>
                  <td className={`${s.td} ${s.num}`}>
                    {c.score} / {c.points}
                  </td>
                  <td className={`${s.td} ${s.num}`}>
                    {c.scored}/{c.items}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className={s.problemsTitle}>{t.check.problems(review.problems.length)}</h3>
          {review.problems.length === 0 ? (
            <Text>{t.check.noProblems}</Text>
          ) : (
            <ProblemList problems={review.problems} onSelect={onSelect} idPrefix="check" />
          )}
        </>
      )}
    </div>
  );
}
