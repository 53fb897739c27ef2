// `scorebook serve`: the workbench (评审助手) — a page on 127.0.0.1 that runs the round's steps in one folder.
// 评审助手.cmd / 评审助手.sh in the offline package run it; it prints the address (with this launch's token), opens
// the browser unless --no-open, and runs until Ctrl+C or the page's 退出 button.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Command } from "commander";
import { loadAwardsFolder } from "../award/folder";
import { setExtraAwardData } from "../core";
import { insideRoot } from "../serve/paths";
import { startServer } from "../serve/server";
import type { Io } from "./main";

/** The built page and the `scorebook` entry, beside this bundle (build/cli → build/workbench, bin/). */
function here(): { pageDir: string; scorebookJs: string } {
  const base = path.join(__dirname, "..", "..");
  return { pageDir: path.join(base, "build", "workbench"), scorebookJs: path.join(base, "bin", "scorebook.js") };
}

/** Opens a URL, file or folder with the system's own program; a missing opener is not an error. */
export function openWithSystem(target: string): void {
  const [cmd, args] =
    process.platform === "win32"
      ? fs.existsSync(target) && fs.statSync(target).isDirectory()
        ? ["explorer.exe", [target]]
        : ["rundll32", ["url.dll,FileProtocolHandler", target]]
      : process.platform === "darwin"
        ? ["open", [target]]
        : ["xdg-open", [target]];
  try {
    const child = spawn(cmd, args, { detached: true, stdio: "ignore", windowsHide: false });
    child.on("error", () => {});
    child.unref();
  } catch {
    // no opener: the address is printed anyway
  }
}

interface ServeCliOptions {
  port?: string;
  open?: boolean;
  dir?: string;
}

export function registerServe(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command("serve")
    .description("启动评审助手（本机网页工作台），在浏览器中完成整个评审批次 (start the workbench)")
    .option("--port <n>", "端口，默认随机 (port; random by default)")
    .option("--no-open", "不自动打开浏览器 (do not open the browser)")
    .option("--dir <folder>", "评审文件夹：所有文件都读写在这里，默认为当前文件夹 (the round folder)")
    .addHelpText(
      "after",
      "\n只在本机 127.0.0.1 上提供服务，地址中带有每次启动随机生成的访问码；只读写评审文件夹中的文件。" +
        "按 Ctrl+C 或网页上的“退出”停止。\n例 (example):\n  scorebook serve --dir D:\\评审\\2022第一批",
    )
    .action(async (opts: ServeCliOptions) => {
      const port = opts.port === undefined ? 0 : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`端口“${opts.port}”无效：应为 0–65535 的整数 (invalid port)`);
        return setCode(2);
      }
      // Started from the package's launcher without --dir: the folder 评审工作 beside it.
      const home = process.env.SCOREBOOK_HOME;
      const dir = opts.dir ?? (home ? path.join(home, "评审工作") : process.cwd());
      if (!opts.dir && home) fs.mkdirSync(dir, { recursive: true });
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        io.err(`评审文件夹“${dir}”不存在 (no such folder)`);
        return setCode(2);
      }
      // The round folder's own imported awards (奖项/, as every step is given them): the page's re-read uses them too.
      const awards = path.join(dir, "奖项");
      if (fs.existsSync(awards))
        try {
          setExtraAwardData(loadAwardsFolder(insideRoot(fs.realpathSync(dir), "奖项"), true));
        } catch {
          // invalid award data, or 奖项 links out of the folder: each step names the problem when it runs
        }
      const { pageDir, scorebookJs } = here();
      let server;
      try {
        server = await startServer({ dir, port, pageDir, scorebookJs, openPath: openWithSystem });
      } catch (e) {
        const code = (e as { code?: string }).code;
        io.err(
          code === "EADDRINUSE"
            ? `端口 ${port} 已被占用，请换一个端口或不加 --port (port in use)`
            : `无法启动评审助手 (cannot start the workbench)：${(e as Error).message}`,
        );
        return setCode(2);
      }
      // Ctrl+C is handled before the address is printed: whoever reads the address may stop the server at once.
      const stop = () => void server.close();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      io.out(`评审助手已启动 (the workbench is running)：${server.url}`);
      io.out(`评审文件夹 (round folder)：${server.root}`);
      io.out("在浏览器中打开上面的地址；按 Ctrl+C 或网页上的“退出”停止 (Ctrl+C or 退出 stops it)。");
      if (opts.open !== false) openWithSystem(server.url);
      await server.closed;
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      io.out("评审助手已停止 (stopped)。");
      setCode(0);
    });
}
