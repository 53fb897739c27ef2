/// <reference types="office-js" />
// What the pane takes from Office besides the workbook: the display language and the theme colours.
import type { Lang } from "../core/messages";

export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
}

export interface PaneEnvironment {
  lang: Lang;
  /** Office's theme colours when Office gives them (null in a browser). */
  theme: OfficeThemeColors | null;
}

/** zh-CN unless the language is English ("en", "en-US", "en-GB" …). */
export function paneLanguage(tag: string | null | undefined): Lang {
  return tag && /^en\b/i.test(tag) ? "en-US" : "zh-CN";
}

/** The environment inside Office (after Office.onReady); defaults outside it. */
export function officeEnvironment(): PaneEnvironment {
  if (typeof Office === "undefined" || !Office.context) return { lang: "zh-CN", theme: null };
  const ctx = Office.context as Office.Context & { officeTheme?: OfficeThemeColors };
  let theme: OfficeThemeColors | null;
  try {
    theme = ctx.officeTheme ?? null;
  } catch {
    theme = null; // officeTheme throws on hosts that do not support it
  }
  return { lang: paneLanguage(ctx.displayLanguage), theme };
}
