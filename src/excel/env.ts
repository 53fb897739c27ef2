/// <reference types="office-js" />
// What the pane takes from Office besides the workbook: the display language and the theme colours.
import type { Lang } from "../core/messages";
import { checkRequirements, type Requirement } from "./requirements";

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
  /** The QA.* functions can run here (default true): false hides the custom formula mode. */
  customFunctions?: boolean;
  /** The requirement sets this Excel lacks (checked at start), shown to the reviewer. */
  lacking?: Requirement[];
}

/**
 * The page was loaded by the pane-only manifest (dist/pane-only.html carries
 * <meta name="scorebook-manifest" content="pane-only">): no shared runtime, no custom functions.
 */
export function isPaneOnlyPage(
  doc: Document | undefined = typeof document === "undefined" ? undefined : document,
): boolean {
  return doc?.querySelector('meta[name="scorebook-manifest"]')?.getAttribute("content") === "pane-only";
}

/** zh-CN unless the language is English ("en", "en-US", "en-GB" …). */
export function paneLanguage(tag: string | null | undefined): Lang {
  return tag && /^en\b/i.test(tag) ? "en-US" : "zh-CN";
}

/** The environment inside Office (after Office.onReady); defaults outside it. */
export function officeEnvironment(paneOnly = isPaneOnlyPage()): PaneEnvironment {
  if (typeof Office === "undefined" || !Office.context)
    return { lang: "zh-CN", theme: null, customFunctions: !paneOnly };
  const ctx = Office.context as Office.Context & { officeTheme?: OfficeThemeColors };
  let theme: OfficeThemeColors | null;
  try {
    theme = ctx.officeTheme ?? null;
  } catch {
    theme = null; // officeTheme throws on hosts that do not support it
  }
  const req = checkRequirements((set, version) => ctx.requirements.isSetSupported(set, version), paneOnly);
  // The functions also need the runtime to have registered them (functions.js on this page).
  const registered = typeof CustomFunctions !== "undefined";
  return {
    lang: paneLanguage(ctx.displayLanguage),
    theme,
    customFunctions: req.customFunctions && registered,
    lacking: req.lacking,
  };
}
