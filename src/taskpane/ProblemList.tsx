// A list of problems grouped by kind; each is a button that selects its cell in the workbook.
import { makeStyles, tokens } from "@fluentui/react-components";
import { say, useLang, useStrings } from "./i18n";
import type { PaneProblem, ProblemKind } from "./review";

const useStyles = makeStyles({
  group: { margin: `0 0 ${tokens.spacingVerticalM}` },
  heading: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: `0 0 ${tokens.spacingVerticalXS}`,
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "2px" },
  item: {
    display: "flex",
    alignItems: "flex-start",
    columnGap: tokens.spacingHorizontalS,
    width: "100%",
    boxSizing: "border-box",
    textAlign: "left",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    cursor: "pointer",
    overflowWrap: "anywhere",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  static: { cursor: "default", ":hover": { backgroundColor: "transparent" } },
  cell: {
    flexShrink: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    whiteSpace: "nowrap",
  },
  error: { borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `3px solid ${tokens.colorPaletteYellowBorder2}` },
  result: { borderLeft: `3px solid ${tokens.colorPaletteDarkRedBorderActive}` },
});

const GROUP_ORDER: ProblemKind[] = [
  "veto",
  "conflict",
  "workbook",
  "invalid",
  "veto-answer",
  "declaration",
  "missing",
  "comment",
  "date",
];

export function ProblemList({
  problems,
  onSelect,
  idPrefix,
}: {
  problems: PaneProblem[];
  onSelect: (cell: { sheet: string; ref: string }) => void;
  idPrefix: string;
}) {
  const s = useStyles();
  const t = useStrings();
  const lang = useLang();
  const groups = GROUP_ORDER.map((kind) => ({ kind, items: problems.filter((p) => p.kind === kind) })).filter(
    (g) => g.items.length,
  );
  return (
    <div>
      {groups.map((g) => {
        const headingId = `${idPrefix}-${g.kind}`;
        return (
          <section key={g.kind} className={s.group} aria-labelledby={headingId}>
            <h4 id={headingId} className={s.heading}>
              {t.check.group[g.kind]}（{g.items.length}）
            </h4>
            <ul className={s.list}>
              {g.items.map((p, i) => {
                const text = say(p.message, lang);
                const where = p.cell ? `${p.cell.sheet}!${p.cell.ref}` : null;
                const cls = `${s.item} ${s[p.severity]}`;
                return (
                  <li key={`${g.kind}-${i}`}>
                    {p.cell ? (
                      <button
                        type="button"
                        className={cls}
                        onClick={() => onSelect(p.cell!)}
                        aria-label={t.check.goTo(where!, text)}
                        data-cell={where ?? undefined}
                      >
                        <span className={s.cell} aria-hidden="true">
                          {where}
                        </span>
                        <span>{text}</span>
                      </button>
                    ) : (
                      <div className={`${cls} ${s.static}`}>
                        <span>{text}</span>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
