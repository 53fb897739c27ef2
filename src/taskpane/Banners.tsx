// The veto banner (any veto item answered 是, named) and the conflict-of-interest banner, above every tab.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { locate } from "../host/sets";
import { useStrings } from "./i18n";
import type { Review } from "./review";

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  item: { overflowWrap: "anywhere" },
  link: {
    padding: 0,
    border: "none",
    background: "none",
    color: "inherit",
    textDecoration: "underline",
    cursor: "pointer",
    fontFamily: "inherit",
    fontSize: "inherit",
    textAlign: "left",
    overflowWrap: "anywhere",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  bar: { alignItems: "flex-start" },
});

export function Banners({
  review,
  onSelect,
}: {
  review: Review | null;
  onSelect: (cell: { sheet: string; ref: string }) => void;
}) {
  const t = useStrings();
  const s = useStyles();
  if (!review) return null;
  return (
    <>
      {review.vetoes.length > 0 && (
        <MessageBar intent="error" layout="multiline" role="alert" className={s.bar} data-testid="veto-banner">
          <MessageBarBody>
            <MessageBarTitle>{t.veto.title}</MessageBarTitle>
            {t.veto.body(review.vetoes.length)}
            <ul className={s.list}>
              {review.vetoes.map((v) => (
                <li key={v.id} className={s.item}>
                  {v.cell ? (
                    <button
                      type="button"
                      className={s.link}
                      onClick={() => onSelect(v.cell!)}
                      aria-label={`${v.text}（${v.cell.sheet}!${v.cell.ref}）`}
                    >
                      {v.text}
                    </button>
                  ) : (
                    v.text
                  )}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {review.conflict && (
        <MessageBar intent="warning" layout="multiline" className={s.bar}>
          <MessageBarBody>
            <MessageBarTitle>{t.veto.conflictTitle}</MessageBarTitle>
            {t.veto.conflict}
          </MessageBarBody>
          {review.report.declaration.cell && (
            <MessageBarActions>
              <Button size="small" onClick={() => onSelect(coverCell(review))}>
                {t.veto.show}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
    </>
  );
}

function coverCell(review: Review): { sheet: string; ref: string } {
  return locate(review.set, review.report.declaration.cell!)!;
}
