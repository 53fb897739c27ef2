// The pane's state: the last check of the workbook, live re-checks while the reviewer types, and the actions.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Library } from "../core";
import { CellEditModeError, type WorkbookHost } from "../host/types";
import {
  checkWorkbook,
  finishWorkbook,
  generateWorkbook,
  type CheckOutcome,
  type GenerateRequest,
  type GenerateResult,
} from "./flows";
import type { Review } from "./review";

/** Live checks wait this long after the last edit. */
export const LIVE_DELAY_MS = 300;
/** A check Excel refused while the reviewer was editing a cell runs again after this long (no alert meanwhile). */
export const CELL_EDIT_AGAIN_MS = 2000;

export interface PaneState {
  outcome: CheckOutcome | null;
  checking: boolean;
  error: unknown;
  check: (preferred?: string | null) => Promise<CheckOutcome | null>;
  generate: (req: GenerateRequest) => Promise<GenerateResult>;
  finish: (review: Review) => Promise<string[]>;
  select: (cell: { sheet: string; ref: string }) => Promise<void>;
  chooseSet: (suffix: string) => void;
  clearError: () => void;
}

export function usePane(host: WorkbookHost, lib: Library): PaneState {
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const preferred = useRef<string | null>(null);
  const running = useRef<Promise<CheckOutcome | null> | null>(null);
  const again = useRef(false);
  const mounted = useRef(true);
  // While the pane is hidden (shared runtime: the page lives on) it reads nothing; an edit meanwhile is remembered
  // and checked once the pane is shown again.
  const visible = useRef(true);
  const missed = useRef(false);
  const later = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (later.current) clearTimeout(later.current);
    };
  }, []);

  // One check at a time; a request during a check runs once more afterwards (edits keep coming while typing).
  const check = useCallback(
    async (choice?: string | null): Promise<CheckOutcome | null> => {
      if (choice !== undefined) preferred.current = choice;
      if (running.current) {
        again.current = true;
        return running.current;
      }
      const run = (async () => {
        let result: CheckOutcome | null = null;
        do {
          again.current = false;
          if (mounted.current) setChecking(true);
          try {
            result = await checkWorkbook(host, lib, preferred.current);
            if (mounted.current) {
              setOutcome(result);
              setError(null);
            }
          } catch (e) {
            if (e instanceof CellEditModeError) {
              // The reviewer is typing: keep what is shown and look again shortly, without an alert.
              if (later.current) clearTimeout(later.current);
              later.current = setTimeout(() => {
                later.current = null;
                if (visible.current) void check();
                else missed.current = true;
              }, CELL_EDIT_AGAIN_MS);
            } else if (mounted.current) setError(e);
          }
        } while (again.current);
        if (mounted.current) setChecking(false);
        running.current = null;
        return result;
      })();
      running.current = run;
      return run;
    },
    [host, lib],
  );

  useEffect(() => {
    void check();
  }, [check]);

  // Live checks: listen to the checked set's sheets.
  const setKey = outcome?.kind === "checked" ? Object.values(outcome.review.set.sheets).join("|") : "";
  useEffect(() => {
    if (!setKey || !host.capabilities.liveEvents) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void host
      .onChange(setKey.split("|"), () => {
        if (timer) clearTimeout(timer);
        if (!visible.current) {
          missed.current = true;
          return;
        }
        timer = setTimeout(() => {
          timer = null;
          if (visible.current) void check();
          else missed.current = true;
        }, LIVE_DELAY_MS);
      })
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      stop?.();
    };
  }, [host, setKey, check]);

  // Hidden / shown (where the host tells): pause, then one check for whatever changed meanwhile.
  useEffect(() => {
    if (!host.onVisibility) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void host
      .onVisibility((shown) => {
        visible.current = shown;
        if (shown && missed.current) {
          missed.current = false;
          void check();
        }
      })
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [host, check]);

  const generate = useCallback(
    async (req: GenerateRequest) => {
      const result = await generateWorkbook(host, lib, req);
      if (result.target === "current") await check(req.suffix);
      return result;
    },
    [host, lib, check],
  );

  const finish = useCallback(
    async (review: Review, password?: string) => {
      const sheets = await finishWorkbook(host, review, password);
      return sheets;
    },
    [host],
  );

  const select = useCallback(
    async (cell: { sheet: string; ref: string }) => {
      try {
        await host.select(cell.sheet, cell.ref);
      } catch (e) {
        setError(e);
      }
    },
    [host],
  );

  const chooseSet = useCallback((suffix: string) => void check(suffix), [check]);
  const clearError = useCallback(() => setError(null), []);

  return { outcome, checking, error, check, generate, finish, select, chooseSet, clearError };
}
