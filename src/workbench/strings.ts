// The workbench's own texts, Chinese first, English by the browser's language. Engine and server messages carry both
// languages themselves (the catalogue, src/core/messages.ts).
import type { Lang } from "../core/messages";

const zh = {
  title: "Scorebook 评审助手",
  folder: "评审文件夹",
  quit: "退出",
  quitDone: "评审助手已退出，可以关闭此页面。",
  openFolder: "打开文件夹",
  openFile: "用 Excel/WPS 打开",
  refresh: "刷新",
  cancel: "取消",
  running: "正在运行…",
  progress: (done: number, total: number) => `${done} / ${total}`,
  seconds: (s: number) => `用时 ${s.toFixed(1)} 秒`,
  exit: (c: number) => `退出码 ${c}`,
  cancelled: "已取消：正在写入的临时文件已删除；已写好的文件保留（见下方列表）。",
  ok: "已完成",
  problem: "有问题",
  todo: "未开始",
  written: "已写入的文件",
  none: "（还没有文件）",
  steps: {
    plan: "评审安排",
    draw: "抽取专家组",
    send: "发出评分表",
    collect: "回收",
    consensus: "合议",
    summary: "汇总排名",
    reports: "评审报告",
    committee: "评审委员会材料",
  },
  plan: {
    intro: "新建评审安排工作簿，用 Excel 或 WPS 填写“申报者”“专家库”“回避”“参数”，保存后点“重新读取”。",
    create: "新建评审安排",
    reread: "重新读取",
    counts: (a: number, e: number) => `申报者 ${a} 个，专家库 ${e} 人。`,
    problems: (n: number) => `评审安排有 ${n} 个问题（按工作表和行列出）：`,
    clean: "评审安排没有发现问题。",
  },
  draw: {
    intro: "按“参数”抽取各阶段的专家组（含回避），写入“分组”和“抽取记录”（可打印）。",
    seed: "随机种子（留空：使用“参数”中的种子，或随机生成）",
    redraw: "已有分组：重新抽取并替换",
    run: "抽取",
    drawn: (id: string, n: number) => `批次 ${id}：已抽取，${n} 份评分表。`,
  },
  send: {
    intro: "按“分组”为每位专家生成评分表：每人一个文件夹和一个 .zip，发给专家即可。",
    run: "生成全部评分表",
    list: "发送清单（每位专家一个 .zip）",
  },
  collect: {
    intro: "把专家交回的评分表拖到这里，或点击选择（.xlsx，可多选）。文件只复制到“回收”文件夹，原文件不会被修改。",
    pick: "选择交回的评分表",
    drop: "拖放到这里",
    saved: (n: number) => `已收到 ${n} 份。`,
    same: (name: string) => `${name}：已收到过同样的文件`,
    status: "查看回收情况",
  },
  consensus: {
    intro: "每个专家组（申报者、阶段）一份合议表，由交回的评分表生成；组长填写后交回“回收”。",
    panel: (a: string, s: string, n: number, m: number) => `${a} · ${s}：已交回 ${n} / ${m} 份`,
    run: "生成合议表",
  },
  summary: {
    intro: "汇总“回收”中的评分表和合议表，生成汇总表（含排名、问题清单、参数、评审委员会表决材料）。",
    stage: "范围",
    final: "全部评审（最终排名）",
    material: "只汇总材料评审（进入现场评审名单）",
    method: "专家组合成方法（改变后重新汇总，即为模拟）",
    methodRule: "按奖项规则",
    mean: "平均分",
    trimmed: "去掉最高最低分",
    median: "中位数",
    replace: "替换已有的汇总表",
    run: "汇总排名",
    problems: (n: number) => `问题（${n}）`,
  },
  reports: {
    intro: "由汇总表为每个申报者每个阶段生成一份评审报告（.docx），并打包为“评审报告.zip”便于发送。",
    replace: "替换已有的报告",
    run: "生成评审报告",
  },
  committee: {
    intro: "评审委员会材料在汇总表中：以下工作表可直接打印。",
    missing: "还没有汇总表：请先完成“汇总排名”。",
  },
  stage: { material: "材料评审", onsite: "现场评审" } as Record<string, string>,
};

const en: typeof zh = {
  title: "Scorebook workbench",
  folder: "Round folder",
  quit: "Quit",
  quitDone: "The workbench has stopped; you may close this page.",
  openFolder: "Open folder",
  openFile: "Open in Excel/WPS",
  refresh: "Refresh",
  cancel: "Cancel",
  running: "Running…",
  progress: (done, total) => `${done} / ${total}`,
  seconds: (s) => `${s.toFixed(1)} s`,
  exit: (c) => `exit code ${c}`,
  cancelled: "Cancelled: the temporary files it was writing are removed; files already written stay (listed below).",
  ok: "Done",
  problem: "Problems",
  todo: "Not started",
  written: "Files written",
  none: "(no files yet)",
  steps: {
    plan: "Round plan",
    draw: "Draw the panels",
    send: "Send the workbooks",
    collect: "Collect",
    consensus: "Consensus",
    summary: "Summary and ranking",
    reports: "Review reports",
    committee: "Committee pack",
  },
  plan: {
    intro:
      "Create the round workbook, fill in 申报者, 专家库, 回避 and 参数 in Excel or WPS, save it, then press Re-read.",
    create: "Create the round workbook",
    reread: "Re-read",
    counts: (a, e) => `${a} applicants, ${e} experts in the pool.`,
    problems: (n) => `${n} problems in the round workbook (by sheet and row):`,
    clean: "No problem found in the round workbook.",
  },
  draw: {
    intro: "Draw each stage's panels (with conflicts of interest) into 分组 and the printable 抽取记录.",
    seed: "Random seed (blank: the 参数 sheet's, or a new one)",
    redraw: "Already drawn: draw again and replace",
    run: "Draw",
    drawn: (id, n) => `Round ${id}: drawn, ${n} workbooks.`,
  },
  send: {
    intro: "Write every expert's workbooks from 分组: a folder and a .zip each, to send.",
    run: "Write all workbooks",
    list: "To send (one .zip per expert)",
  },
  collect: {
    intro:
      "Drop the returned workbooks here or pick them (.xlsx, several at once). They are copied into 回收; the originals are never changed.",
    pick: "Pick returned workbooks",
    drop: "Drop here",
    saved: (n) => `${n} received.`,
    same: (name) => `${name}: the same file was received before`,
    status: "Return status",
  },
  consensus: {
    intro:
      "One consensus workbook per panel (applicant, stage), from the returned workbooks; the leader fills it in and returns it to 回收.",
    panel: (a, s, n, m) => `${a} · ${s}: ${n} / ${m} returned`,
    run: "Write consensus workbook",
  },
  summary: {
    intro: "Aggregate the workbooks in 回收 into the summary (ranking, problems, parameters, the committee's sheets).",
    stage: "Scope",
    final: "Whole review (final ranking)",
    material: "Material review only (the advance list)",
    method: "Panel method (change and aggregate again for a what-if)",
    methodRule: "The award's rule",
    mean: "Mean",
    trimmed: "Trimmed mean",
    median: "Median",
    replace: "Replace the existing summary",
    run: "Aggregate and rank",
    problems: (n) => `Problems (${n})`,
  },
  reports: {
    intro: "One review report (.docx) per applicant and stage, from the summary, and 评审报告.zip of them to send.",
    replace: "Replace existing reports",
    run: "Write the reports",
  },
  committee: {
    intro: "The committee's papers are sheets of the summary workbook, ready to print:",
    missing: "No summary yet: run Summary and ranking first.",
  },
  stage: { material: "material", onsite: "on-site" },
};

export type WbStrings = typeof zh;
export const WB_STRINGS: Record<Lang, WbStrings> = { "zh-CN": zh, "en-US": en };

/** Chinese unless the browser prefers English. */
export function browserLang(languages: readonly string[]): Lang {
  const first = languages.find((l) => /^(zh|en)\b/i.test(l)) ?? "zh";
  return /^en\b/i.test(first) ? "en-US" : "zh-CN";
}
