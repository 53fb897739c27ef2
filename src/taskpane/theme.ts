// The Fluent UI theme from Office's theme: dark when Office's body background is dark, with Office's own body
// colours so that the pane matches the ribbon and the sheet around it.
import { tokens, webDarkTheme, webLightTheme, type GriffelStyle, type Theme } from "@fluentui/react-components";
import type { OfficeThemeColors } from "../excel/env";

function luminance(color: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function isDark(colors: OfficeThemeColors | null): boolean {
  const l = colors?.bodyBackgroundColor ? luminance(colors.bodyBackgroundColor) : null;
  return l !== null && l < 0.3;
}

export function paneTheme(colors: OfficeThemeColors | null): Theme {
  const base = isDark(colors) ? webDarkTheme : webLightTheme;
  const valid = (c: string | undefined) => (c && /^#?[0-9a-f]{6}$/i.test(c) ? (c.startsWith("#") ? c : `#${c}`) : null);
  const bg = valid(colors?.bodyBackgroundColor);
  const fg = valid(colors?.bodyForegroundColor);
  return { ...base, ...(bg ? { colorNeutralBackground1: bg } : {}), ...(fg ? { colorNeutralForeground1: fg } : {}) };
}

/** The compact tables of the check and summary tabs (caption, header and body cells), for makeStyles. */
export const TABLE_STYLES = {
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, tableLayout: "fixed" },
  caption: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    paddingBottom: tokens.spacingVerticalXS,
  },
  th: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    padding: "2px 4px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  td: {
    padding: "2px 4px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    overflowWrap: "anywhere",
    verticalAlign: "top",
  },
} satisfies Record<string, GriffelStyle>;
