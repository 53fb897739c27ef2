// commander in Chinese with English: its own error messages (missing argument, unknown option or command, too many
// arguments …), the help titles and the built-in help and version options. Commands made with `.command()` are
// ZhCommands too, so every command registered in main.ts gets the same, whoever adds it.
import { Command, type Help } from "commander";

/** commander's English error texts, each with its Chinese form ($1… are the parts taken from the English). */
const ERRORS: [RegExp, string][] = [
  [/^error: missing required argument '(.+)'$/, "缺少必需的参数 $1"],
  [/^error: option '(.+)' argument missing$/, "选项 $1 缺少取值"],
  [/^error: required option '(.+)' not specified$/, "缺少必需的选项 $1"],
  [/^error: (.+) cannot be used with (.+)$/, "$1 不能与 $2 同时使用"],
  [/^error: unknown option '([^']+)'(?:\n?\(Did you mean (.+)\?\))?$/, "不认识的选项 $1"],
  [
    /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    "参数过多：应为 $2 个，实际 $3 个",
  ],
  [/^error: unknown command '([^']+)'(?:\n?\(Did you mean (.+)\?\))?$/, "不认识的命令 $1"],
  [/^error: command-argument value '(.+)' is invalid for argument '(.+)'\. (.*)$/, "参数 $2 的取值 $1 无效：$3"],
  [/^error: option '(.+)' argument '(.+)' is invalid\. (.*)$/, "选项 $1 的取值 $2 无效：$3"],
];

/** "错误：… (error: …)"; a suggestion ("Did you mean …?") is kept in both languages. */
export function zhError(message: string): string {
  const text = message.trim();
  for (const [re, zh] of ERRORS) {
    const m = re.exec(text);
    if (!m) continue;
    const zhText = zh.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? "");
    const did = /\(Did you mean (.+)\?\)/.exec(text);
    const english = text.replace(/^error: /, "").replace(/\s*\(Did you mean .+\?\)/, "");
    return `错误：${zhText}${did ? `，是否要用 ${did[1]}？` : ""} (error: ${english}${did ? `; did you mean ${did[1]}?` : ""})`;
  }
  return text.startsWith("error: ") ? `错误 (error): ${text.slice(7)}` : text;
}

const TITLES: Record<string, string> = {
  "Usage:": "用法 (Usage):",
  "Arguments:": "参数 (Arguments):",
  "Options:": "选项 (Options):",
  "Global Options:": "全局选项 (Global Options):",
  "Commands:": "命令 (Commands):",
};

export class ZhCommand extends Command {
  /** The top command: help option, help command and titles in Chinese (subcommands inherit them). */
  static program(name: string): ZhCommand {
    const program = new ZhCommand(name);
    program
      .helpOption("-h, --help", "显示帮助 (display help)")
      .helpCommand("help [command]", "显示某个命令的帮助 (display help for a command)")
      .configureHelp({
        styleTitle: (title: string) => TITLES[title] ?? title,
        // Every subcommand's help lists the program's own options (--awards) under 全局选项.
        showGlobalOptions: true,
      } as Partial<Help>);
    return program;
  }

  override createCommand(name?: string): Command {
    return new ZhCommand(name);
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    return super.error(zhError(message), errorOptions);
  }
}
