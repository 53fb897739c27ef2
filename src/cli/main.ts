// The `scorebook` command line. Exit codes: 0 ok, 1 problems found in the input, 2 usage or unknown id.
import { Command, CommanderError } from "commander";
import { terminalSafe } from "./escape";
import { ZhCommand } from "./zh-commander";
import { listRubrics, showRubric } from "./rubrics";
import { generateCommand, PRINT_HELP, scoreCommand, type GenerateOptions } from "./workbook";
import { aggregateCommand, type AggregateCliOptions } from "./aggregate";
import { terminalProgress, type Progress } from "./progress";
import { consensusCommand, type ConsensusCliOptions } from "./consensus";
import { reportCommand, type ReportCliOptions } from "./report";
import { registerRound } from "./round";
import { registerServe } from "./serve";
import { registerAward } from "./award";
import { formatDataError, library, RubricDataError, setExtraAwardData } from "../core";
import { awardsDir, loadAwardsFolder, AwardsFolderError } from "../award/folder";

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** A progress display for long runs (scorebook aggregate); none when absent. */
  progress?: (label?: string) => Progress | null;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s + "\n"),
  err: (s) => process.stderr.write(s + "\n"),
  progress: terminalProgress,
};

export function buildProgram(given: Io, setCode: (c: number) => void): Command {
  // Every line printed passes terminalSafe: text from a workbook never reaches the terminal raw.
  const io: Io = { ...given, out: (s) => given.out(terminalSafe(s)), err: (s) => given.err(terminalSafe(s)) };
  const program = ZhCommand.program("scorebook")
    .description("Scorebook 政府质量奖评审工具：评分标准、评分表、汇总排名 (Government quality award review toolkit)")
    .version("0.1.0", "-V, --version", "显示版本号 (output the version number)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .option(
      "--awards <dir>",
      "导入的奖项文件夹（也可设环境变量 SCOREBOOK_AWARDS；默认本用户的数据文件夹） (folder of imported awards)",
    );

  // Imported awards join the built-in ones before any command runs: the one library every command looks up.
  program.hook("preAction", () => {
    const { dir, explicit } = awardsDir(program.opts<{ awards?: string }>().awards);
    try {
      setExtraAwardData(loadAwardsFolder(dir, explicit));
      library(); // validates the imported data now, so that a bad folder is one message, not a failure later
    } catch (e) {
      setExtraAwardData(null);
      if (e instanceof RubricDataError) {
        for (const x of e.errors) io.err(`错误：${formatDataError(x)}`);
        io.err(`奖项文件夹 ${dir} 中的数据有误 (the awards folder holds invalid data)`);
        throw new CommanderError(2, "scorebook.awards", "invalid awards folder");
      }
      if (!(e instanceof AwardsFolderError)) throw e;
      io.err(`错误：${e.zh} (${e.en})`);
      throw new CommanderError(2, "scorebook.awards", e.en);
    }
  });

  program
    .command("rubrics")
    .description("列出所有评分标准 (list the rubrics)")
    .option("--json", "以 JSON 输出 (print JSON)")
    .action((opts: { json?: boolean }) => setCode(listRubrics(!!opts.json, io.out)));

  program
    .command("rubric")
    .description("显示一个评分标准的全部内容 (show one rubric in full)")
    .argument("<id>", "评分标准编号，如 hebei-organization (rubric id)")
    .option("--json", "以 JSON 输出 (print JSON)")
    .action((id: string, opts: { json?: boolean }) => setCode(showRubric(id, !!opts.json, io.out, io.err)));

  program
    .command("generate")
    .description("生成评审专家的评分表 .xlsx (generate a reviewer's scoring workbook)")
    .argument("<rubricId>", "评分标准编号，如 hebei-organization (rubric id)")
    .option("--applicant <name>", "申报单位或申报人 (applicant)")
    .option("--expert <name>", "评审专家姓名 (expert)")
    .option("--stage <stage>", "评审阶段：material 材料评审 | onsite 现场评审 (review stage)")
    .option(
      "--formulas <mode>",
      "公式：native 普通 Excel 公式（默认）| custom 加载项 QA. 函数 (formula mode)",
      "native",
    )
    .option("-o, --output <file>", "输出文件，默认为“申报者_阶段_专家.xlsx” (output file)")
    .option("--force", "覆盖已存在的文件 (overwrite an existing file)")
    .option("--password <password>", "工作表保护密码，默认不设密码 (sheet protection password; none by default)")
    .option("--print <style>", PRINT_HELP, "full")
    .addHelpText(
      "after",
      "\n例 (example):\n  scorebook generate hebei-organization --applicant 某某有限公司 --expert 张三 --stage material\n" +
        "不会覆盖已存在的文件，除非加 --force。退出码 (exit codes)：0 已生成，2 参数错误、未知编号或文件已存在。",
    )
    .action(async (id: string, opts: GenerateOptions) => setCode(await generateCommand(id, opts, io.out, io.err)));

  program
    .command("score")
    .description("核验一份填好的评分表，用评分引擎重算全部得分 (check a filled workbook and recompute every score)")
    .argument("<file>", "评分表 .xlsx 文件 (the workbook)")
    .option("--json", "以 JSON 输出 (print JSON)")
    .option("--rubric <id>", "应使用的评分标准，不一致即报错 (the rubric the workbook must be for)")
    .addHelpText(
      "after",
      "\n退出码 (exit codes)：0 评分表完整且无异常 (clean and complete)；1 发现问题：未评分或输入无效、否决项未回答、" +
        "声明回避、公式或分值被改动、评分标准不符、不是评分表或不是 .xlsx (problems found)；2 参数错误或文件不存在 (usage error).",
    )
    .action(async (file: string, opts: { json?: boolean; rubric?: string }) =>
      setCode(await scoreCommand(file, opts, io.out, io.err)),
    );

  program
    .command("aggregate")
    .description(
      "汇总专家交回的评分表，排名并生成汇总表 (aggregate returned workbooks, rank the applicants, write the summary)",
    )
    .argument("<paths...>", "评分表 .xlsx 文件或文件夹（文件夹中的 .xlsx 逐层查找） (workbooks or folders)")
    .option(
      "--roster <file>",
      "名单 .csv 或 .xlsx：申报者、加分、公众满意度 (roster: applicant, bonus, public satisfaction)",
    )
    .option(
      "--method <method>",
      "专家组合成方法：mean 平均分（默认按奖项规则）| trimmed 去掉最高最低分 | median 中位数 (panel method)",
    )
    .option("-o, --output <file>", "汇总表 .xlsx，默认 汇总表.xlsx (the summary workbook)")
    .option(
      "--formulas <mode>",
      "汇总表公式：native 普通 Excel 公式（默认）| custom 加载项 QA. 函数 (formula mode)",
      "native",
    )
    .option(
      "--stage <stage>",
      "final 全部评审（默认）| material 只汇总材料评审，给出进入现场评审名单 (final, or material: the advance list)",
    )
    .option(
      "--rank-by <how>",
      "排名范围：rule-set 按规则合并排名 | rubric 按评分标准（评审领域）分别排名；默认按奖项规则 (one ranking per rule set or per rubric)",
    )
    .option("--json", "以 JSON 输出排名和问题 (print JSON)")
    .option("--force", "覆盖已存在的汇总表 (overwrite an existing summary)")
    .option("--workers <n>", "另开的读取线程数，默认：4 核以下不开，否则核数减 2 (reader threads besides the main one)")
    .option(
      "--round <file>",
      "评审安排：按“分组”核对专家组，未经抽取的专家的评分表不计入 (check panels against the draw)",
    )
    .addHelpText(
      "after",
      "\n例 (example):\n  scorebook aggregate 回收评分表/ --roster 名单.csv -o 汇总.xlsx\n" +
        "源文件只读不写。退出码 (exit codes)：0 全部文件均已计入、没有问题 (every file used)；1 发现问题（无法读取、跳过或未计入的文件、" +
        "名单错误、缺少现场评审、专家人数不足等），汇总表照常生成并列出全部问题 (problems found; the summary is still written)；" +
        "2 参数错误、路径不存在、没有找到评分表、名单文件无法读取、汇总表已存在（未加 --force） (usage error).",
    )
    .action(async (paths: string[], opts: AggregateCliOptions) =>
      setCode(await aggregateCommand(paths, opts, io.out, io.err, io.progress?.() ?? null)),
    );

  program
    .command("consensus")
    .description(
      "生成专家组合议表：同一申报者同一阶段各专家的评分并排，组长填写合议成熟度 (the group's consensus workbook)",
    )
    .argument("<files...>", "同一申报者同一阶段的专家评分表 .xlsx (the panel's returned workbooks)")
    .option(
      "-o, --output <file>",
      "合议表 .xlsx，或放入的文件夹（以 / 结尾），默认“申报者_阶段_合议表.xlsx” (output file, or a folder)",
    )
    .option("--divergence <points>", "分歧阈值（百分点），默认 20 (divergence limit)")
    .option("--force", "覆盖已存在的文件 (overwrite an existing file)")
    .option("--password <password>", "工作表保护密码，默认不设密码 (sheet protection password)")
    .option("--round <file>", "评审安排.xlsx：合议表写上抽取时确定的组长 (the 组长 from the round's draw)")
    .option("--leader <name>", "组长姓名（不用评审安排时） (the group leader by name)")
    .addHelpText(
      "after",
      "\n例 (example):\n  scorebook consensus 回收/某公司_现场评审_*.xlsx --round 评审安排.xlsx -o 合议表.xlsx\n" +
        "交回的合议表与评分表一起交给 scorebook aggregate：该阶段的专家组得分取合议表总分。" +
        "退出码 (exit codes)：0 已生成；1 评分表有问题或不属于同一申报者和阶段（不生成）；2 参数错误、文件不存在或已存在。",
    )
    .action(async (files: string[], opts: ConsensusCliOptions) =>
      setCode(await consensusCommand(files, opts, io.out, io.err)),
    );

  program
    .command("report")
    .description("生成评审报告 .docx：每个申报者每个阶段一份（材料评审报告 / 现场评审报告） (review reports)")
    .argument(
      "<paths...>",
      "汇总表（如 汇总表.xlsx），或专家交回的评分表（文件或文件夹） (the summary, or the workbooks)",
    )
    .option("-o, --output <dir>", "输出文件夹，默认 评审报告 (output folder)")
    .option("--roster <file>", "名单（只在给出评分表时使用） (roster, with workbooks only)")
    .option("--force", "覆盖已存在的报告 (overwrite existing reports)")
    .option("--zip", "另外打包为一个 .zip（<输出文件夹>.zip），便于发送 (also <folder>.zip of every report)")
    .option(
      "--documents",
      "同时生成评审规则要求的评审文件：现场评审记录表（每个申报者）、评审得分排序表（每个现场评审专家组）、综合评审工作报告 (also the documents the award's rules name)",
    )
    .option(
      "--round <file>",
      "评审安排（如 评审安排.xlsx）：评审文件按抽取的现场评审专家组（组别）和组长 (the round workbook: the draw's groups and leaders)",
    )
    .addHelpText(
      "after",
      "\n例 (example):\n  scorebook report 汇总.xlsx -o 评审报告/\n  scorebook report 汇总.xlsx -o 评审报告/ --documents --round 评审安排.xlsx\n" +
        "给出汇总表时，报告采用“反馈”工作表中“报告用”两列的文字（质评办修改后的措辞）。" +
        "退出码 (exit codes)：0 已生成；1 已生成，但汇总评分表时发现问题；2 参数错误、路径不存在、不是汇总表或报告已存在。",
    )
    .action(async (paths: string[], opts: ReportCliOptions) =>
      setCode(await reportCommand(paths, opts, io.out, io.err, undefined, io.progress?.("写入评审报告") ?? null)),
    );
  registerRound(program, io, setCode);
  registerServe(program, io, setCode);
  registerAward(program, io, setCode);

  return program;
}

/** Runs the CLI and resolves to the exit code (argv as in process.argv). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return code;
}
