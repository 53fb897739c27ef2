// The `scorebook` command line. Exit codes: 0 ok, 1 problems found in the input, 2 usage or unknown id.
import { Command, CommanderError } from "commander";
import { listRubrics, showRubric } from "./rubrics";

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
