// The workbench page's calls to its server (src/serve/server.ts): every request carries this launch's token, taken
// from the address the launcher opened.
import type { StatusDetail } from "../core";

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Panel {
  applicant: string;
  stage: "material" | "onsite";
  experts: string[];
  /** Returned workbooks of this panel found under 回收 (paths in the round folder). */
  files: string[];
}

export interface RoundInfo {
  roundId?: string;
  applicants?: number;
  experts?: number;
  seed?: string;
  assignments?: number;
  problems?: Bilingual[];
  panelProblems?: Bilingual[];
  panels?: Panel[];
  error?: Bilingual;
}

export interface State {
  folder: string;
  round: RoundInfo | null;
  summarySheets: string[] | null;
}

export interface FileEntry {
  name: string;
  dir: boolean;
  size: number;
}

export interface JobView {
  id: number;
  step: string;
  running: boolean;
  code: number | null;
  cancelled: boolean;
  lines: string[];
  progress: { done: number; total: number; file: string } | null;
  json: unknown;
  seconds: number;
}

/** The error a refused request carries (the catalogue's message). */
export class ApiError extends Error {
  constructor(readonly reason: Bilingual & { code?: string }) {
    super(reason.zh);
  }
}

const token = new URLSearchParams(window.location.search).get("token") ?? "";

async function call<T>(method: string, url: string, body?: BodyInit, json = true): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { "X-Scorebook-Token": token, ...(json && body ? { "Content-Type": "application/json" } : {}) },
    body,
  });
  const data = (await res.json()) as T & { error?: Bilingual };
  if (!res.ok) throw new ApiError(data.error ?? { zh: `HTTP ${res.status}`, en: `HTTP ${res.status}` });
  return data;
}

export const api = {
  state: () => call<State>("GET", "/api/state"),
  files: (dir: string) =>
    call<{ files: FileEntry[] }>("GET", `/api/files?dir=${encodeURIComponent(dir)}`).then((r) => r.files),
  run: (req: { step: string; seed?: string; force?: boolean; method?: string; files?: string[] }) =>
    call<{ job: JobView }>("POST", "/api/run", JSON.stringify(req)).then((r) => r.job),
  job: () => call<{ job: JobView | null }>("GET", "/api/job").then((r) => r.job),
  cancel: () => call<{ job: JobView | null }>("POST", "/api/cancel").then((r) => r.job),
  open: (p: string) => call<unknown>("POST", "/api/open", JSON.stringify({ path: p })),
  upload: (name: string, data: Blob) =>
    call<{ saved: boolean; same?: boolean; name: string }>(
      "POST",
      `/api/upload?name=${encodeURIComponent(name)}`,
      data,
      false,
    ),
  quit: () => call<unknown>("POST", "/api/quit"),
};

export type { StatusDetail };
