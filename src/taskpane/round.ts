// The review round in the task pane (loaded with import() on first use, its own chunk): with the round workbook
// (评审安排) open, the secretariat reads its 分组 sheet through the host, sees the return status of the workbooks it
// picks — the same rules as `scorebook round status` — and opens an expert's workbooks, generated from 分组 with the
// round's id, as new workbooks. Picked files are only read.
import {
  findSheet,
  roundStatus,
  STAGE_ZH,
  type Assignment,
  type Library,
  type ReturnedFile,
  type RoundProblem,
  type StatusDetail,
} from "../core";
import type { WorkbookHost } from "../host/types";
import { loadRound, needPanels, returnedOfOpened, roundSheetsFromSource, type LoadedRound } from "../round/read";
import { openWorkbook } from "../summary/open";
import { buildLayout } from "../workbook";
import { interpretCache } from "../workbook";
import type { PickedFile } from "./secretariat";

export type OpenRound = { ok: true; round: LoadedRound; experts: string[] } | { ok: false; problems: RoundProblem[] };

/** Reads the round workbook open in Excel (one listSheets, one read of its sheets). */
export async function readOpenRound(host: WorkbookHost, lib: Library): Promise<OpenRound> {
  const { names } = await host.listSheets();
  const wanted = (["applicants", "experts", "conflicts", "params", "panels", "audit"] as const)
    .map((k) => findSheet(names, k))
    .filter((s): s is string => !!s);
  if (!wanted.length)
    return {
      ok: false,
      problems: [
        {
          code: "round-sheet",
          zh: "当前工作簿不是评审安排（没有“申报者”“专家库”“分组”等工作表）",
          en: "this workbook is not a round workbook",
        },
      ],
    };
  const round = loadRound(roundSheetsFromSource(await host.read(wanted), wanted), lib);
  const none = needPanels(round);
  if (none || round.panelProblems.length)
    return { ok: false, problems: none ? [none, ...round.panelProblems] : round.panelProblems };
  const experts = [...new Set(round.assignments!.map((a) => a.expert))];
  return { ok: true, round, experts };
}

/** The return status of the picked files against the open round. */
export async function statusOfPicked(
  round: LoadedRound,
  files: readonly PickedFile[],
  lib: Library,
): Promise<StatusDetail> {
  const cache = interpretCache();
  const returned: ReturnedFile[] = [];
  for (const f of files) {
    // The one door in, as the command line's status reads files: a consensus workbook recognised as one.
    const opened = await openWorkbook(f.data, f.name, { size: f.size, library: lib, cache, modifiedAt: f.modifiedAt });
    returned.push(returnedOfOpened(opened));
  }
  return roundStatus(
    round.assignments ?? [],
    returned,
    round.roundId,
    round.parsed.input.applicants.map((a) => a.name),
  );
}

/** The expert's workbooks of the round. */
export function assignmentsOf(round: LoadedRound, expert: string): Assignment[] {
  return (round.assignments ?? []).filter((a) => a.expert === expert);
}

/** Opens each of the expert's workbooks as a new workbook (Excel: a window each; the preview: a download each). */
export async function openExpertWorkbooks(
  host: WorkbookHost,
  round: LoadedRound,
  expert: string,
  lib: Library,
  now = new Date(),
): Promise<string[]> {
  const { layoutToBase64 } = await import(/* webpackChunkName: "xlsx" */ "./xlsx-file");
  const names: string[] = [];
  for (const a of assignmentsOf(round, expert)) {
    const bundle = lib.get(a.rubricId);
    if (!bundle) continue;
    const layout = buildLayout(bundle, {
      applicant: a.applicant,
      expert: a.expert,
      stage: a.stage,
      mode: "native",
      createdAt: now.toISOString(),
      roundId: round.roundId,
    });
    const name = `${a.applicant}_${STAGE_ZH[a.stage]}_${a.expert}.xlsx`;
    await host.openWorkbook(await layoutToBase64(layout), name);
    names.push(name);
  }
  return names;
}
