/// <reference types="office-js" />
// What the pane takes from Office besides the workbook: the display language and the theme colours.
import { languageOfTag, type Lang } from "../core/messages";
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

/** zh-CN unless the language is English ("en", "en-US", "en-GB" …); the QA.* functions use the same rule. */
export function paneLanguage(tag: string | null | undefined): Lang {
  return languageOfTag(tag);
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

/**
 * Whether Office opened this page, told without office.js (which may have failed to load): Office passes its host
 * info in the page's query (`_host_Info=Excel$Win32$16.01$zh-CN…`, desktop and web), in the frame's name (Excel on
 * the web) or through `window.external.GetHostInfo` (Windows); office.js keeps it in sessionStorage for later pages.
 */
export function openedByOffice(win: Window | undefined = typeof window === "undefined" ? undefined : window): boolean {
  if (!win) return false;
  try {
    if (/[?&]_host_Info=/i.test(win.location.search)) return true;
  } catch {
    // no location: not a page Office opened
  }
  try {
    const name = win.name ? (JSON.parse(win.name) as { hostInfo?: unknown }) : null;
    if (name && typeof name === "object" && name.hostInfo) return true;
  } catch {
    // window.name is not Office's JSON
  }
  try {
    if (win.sessionStorage?.getItem("hostInfoValue")) return true;
  } catch {
    // storage blocked
  }
  try {
    const ext = (win as unknown as { external?: { GetHostInfo?: unknown } }).external;
    if (ext && typeof ext.GetHostInfo !== "undefined") return true;
  } catch {
    // window.external throws on some hosts
  }
  return false;
}

/** The office.js address this page tried to load (from its script tag), for the message when it is missing. */
export function officeJsSource(
  doc: Document | undefined = typeof document === "undefined" ? undefined : document,
): string {
  const script = Array.from(doc?.querySelectorAll("script[src]") ?? []).find((s) =>
    /(^|\/)office\.js$/i.test(s.getAttribute("src") ?? ""),
  );
  return script?.getAttribute("src") ?? "office.js";
}
