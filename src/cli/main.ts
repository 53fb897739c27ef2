// The `scorebook` command line. Exit codes: 0 ok, 1 problems found in the input, 2 usage or unknown id.
import { Command, CommanderError } from "commander";
import { listRubrics, showRubric } from "./rubrics";
import { generateCommand, scoreCommand, type GenerateOptions } from "./workbook";

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n") };

export function buildProgram(io: Io, setCode: (c: number) => void): Command {
  const program = new Command("scorebook")
    .description("Scorebook 政府质量奖评审工具：评分标准、评分表、汇总排名 (Government quality award review toolkit)")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

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
    .option("--formulas <mode>", "公式：native 普通 Excel 公式（默认）| custom 加载项 QA. 函数 (formula mode)", "native")
    .option("-o, --output <file>", "输出文件，默认为“申报者_阶段_专家.xlsx” (output file)")
    .option("--force", "覆盖已存在的文件 (overwrite an existing file)")
    .option("--password <password>", "工作表保护密码，默认不设密码 (sheet protection password; none by default)")
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
    .action(async (file: string, opts: { json?: boolean; rubric?: string }) => setCode(await scoreCommand(file, opts, io.out, io.err)));

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
