// The requirement sets the pane uses, checked once at start (Office.context.requirements.isSetSupported), so that
// the pane says what this Excel lacks, in the reviewer's language, instead of failing when a button is pressed.
// See README, "Which Excel loads which manifest", for which Excel has which set.
import type { Lang } from "../core/messages";

export interface Requirement {
  set: string;
  version: string;
  /** What the pane cannot do without it. */
  zh: string;
  en: string;
  /** Without it the pane can only read (nothing can be written into the workbook). */
  essential?: boolean;
}

/** What the pane uses, oldest first (src/excel/host.ts and render.ts check the same sets before using them). */
export const PANE_REQUIREMENTS: readonly Requirement[] = [
  {
    set: "ExcelApi",
    version: "1.4",
    zh: "读取工作簿（检查评分表、汇总）：请用命令行 scorebook score / scorebook aggregate 检查和汇总",
    en: "reading the workbook (checking scoring sheets, the summary): use the command line, scorebook score / scorebook aggregate",
    essential: true,
  },
  {
    set: "ExcelApi",
    version: "1.7",
    zh: "边填写边检查（工作表更改事件）：请在填写后点“检查”",
    en: "checking while you type (worksheet change events): press Check after filling in",
  },
  {
    set: "ExcelApi",
    version: "1.8",
    zh: "在工作簿中生成评分表和汇总表（数据验证、条件格式、工作表保护）：请用命令行 scorebook generate 生成评分表",
    en: "generating scoring workbooks and summaries in the workbook (data validation, conditional formats, protection): use the command line, scorebook generate",
    essential: true,
  },
  {
    set: "ExcelApi",
    version: "1.9",
    zh: "生成时的打印设置（纸张、缩放、打印标题、页眉页脚）：打印前请在 Excel 中自行设置",
    en: "print settings when generating (paper, fit to page, print titles, header and footer): set them in Excel before printing",
  },
];

/** What the add-in's QA.* functions need (the full manifest; the pane-only manifest never offers them). */
export const CUSTOM_FUNCTION_REQUIREMENTS: readonly Requirement[] = [
  {
    set: "SharedRuntime",
    version: "1.1",
    zh: "加载项函数 QA.*（共享运行时）：评分表和汇总表改用普通 Excel 公式",
    en: "the add-in's QA.* functions (shared runtime): workbooks use plain Excel formulas instead",
  },
  {
    set: "CustomFunctionsRuntime",
    version: "1.2",
    zh: "加载项函数 QA.*（自定义函数 1.2）：评分表和汇总表改用普通 Excel 公式",
    en: "the add-in's QA.* functions (custom functions 1.2): workbooks use plain Excel formulas instead",
  },
];

export interface RequirementCheck {
  /** The sets this Excel lacks, with what they are for. */
  lacking: Requirement[];
  /** The QA.* functions run here (full manifest, shared runtime and CustomFunctionsRuntime 1.2 present). */
  customFunctions: boolean;
}

/**
 * Checks every set the pane uses. `paneOnly`: loaded by the pane-only manifest (no custom functions, nothing to
 * report about them); otherwise the custom-function sets are checked too.
 */
export function checkRequirements(
  isSetSupported: (set: string, version: string) => boolean,
  paneOnly: boolean,
): RequirementCheck {
  const has = (r: Requirement) => {
    try {
      return isSetSupported(r.set, r.version);
    } catch {
      return false; // very old Office has no requirements API for some sets
    }
  };
  const lacking = PANE_REQUIREMENTS.filter((r) => !has(r));
  if (paneOnly) return { lacking, customFunctions: false };
  const cf = CUSTOM_FUNCTION_REQUIREMENTS.filter((r) => !has(r));
  return { lacking: [...lacking, ...cf], customFunctions: cf.length === 0 };
}

/** One line per lacking set: "ExcelApi 1.9：生成时的打印设置…". */
export function lackingLines(lacking: readonly Requirement[], lang: Lang): string[] {
  return lacking.map((r) => `${r.set} ${r.version}${lang === "zh-CN" ? "：" : ": "}${lang === "zh-CN" ? r.zh : r.en}`);
}
