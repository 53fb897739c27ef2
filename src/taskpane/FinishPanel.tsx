// 完成: a final check listing what is still open; then every cell is locked and the sheets protected; then how to
// print or export (Office.js has no print API: the pane says how, the layout has already set up every page).
import { useState } from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { SheetPasswordError } from "../host/types";
import { SHEET } from "../workbook/labels";
import type { CheckOutcome } from "./flows";
import { useStrings } from "./i18n";
import { ProblemList } from "./ProblemList";
import type { Review } from "./review";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  bar: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  h: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
  },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface FinishProps {
  outcome: CheckOutcome | null;
  checking: boolean;
  onCheck: () => Promise<unknown>;
  /** `password`: the one the sheets are protected with now, when Excel asked for it. */
  onFinish: (review: Review, password?: string) => Promise<string[]>;
  onSelect: (cell: { sheet: string; ref: string }) => void;
}

export function FinishPanel({ outcome, checking, onCheck, onFinish, onSelect }: FinishProps) {
  const t = useStrings();
  const s = useStyles();
  const [checked, setChecked] = useState(false);
  const [ack, setAck] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The sheets are protected with a password: it is asked for (used to unprotect and protect again, never stored).
  const [needPassword, setNeedPassword] = useState<{ sheets: string[]; wrong: boolean } | null>(null);
  const [password, setPassword] = useState("");
  const review = outcome?.kind === "checked" ? outcome.review : null;
  const errors = review?.errors ?? [];
  const warnings = review?.warnings ?? [];
  const canFinish =
    review !== null &&
    review.layout !== null &&
    errors.length === 0 &&
    (warnings.length === 0 || ack) &&
    !busy &&
    done === null &&
    (needPassword === null || password !== "");

  const finalCheck = async () => {
    setDone(null);
    setError(null);
    await onCheck();
    setChecked(true);
  };

  const finish = async () => {
    if (!review) return;
    setBusy(true);
    setError(null);
    try {
      // The reviewer's sheets only: the very hidden metadata sheet is locked too, but is nothing they see.
      const locked = await onFinish(review, needPassword ? password : undefined);
      setDone(locked.filter((name) => name !== review.set.sheets[SHEET.meta]));
      setNeedPassword(null);
      setPassword("");
    } catch (e) {
      if (e instanceof SheetPasswordError) {
        setNeedPassword({ sheets: e.sheets, wrong: e.wrong });
        setError(null);
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const cover = review?.set.sheets[SHEET.cover];
  return (
    <div className={s.root}>
      <Text>{t.finish.intro}</Text>
      <div className={s.bar}>
        <Button appearance="primary" onClick={() => void finalCheck()} disabled={checking || busy}>
          {t.finish.run}
        </Button>
        {checking && <Spinner size="tiny" label={t.check.running} />}
      </div>
      {outcome?.kind === "none" && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.check.none}</MessageBarBody>
        </MessageBar>
      )}
      {review && checked && (
        <>
          {errors.length > 0 ? (
            <>
              <h3 className={s.h}>{t.finish.open(errors.length)}</h3>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>{t.finish.blocked(errors.length)}</MessageBarBody>
              </MessageBar>
              <ProblemList problems={errors} onSelect={onSelect} idPrefix="finish-open" />
            </>
          ) : (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{t.finish.ready}</MessageBarBody>
            </MessageBar>
          )}
          {warnings.length > 0 && (
            <>
              <h3 className={s.h}>{t.finish.warnings(warnings.length)}</h3>
              <ProblemList problems={warnings} onSelect={onSelect} idPrefix="finish-warn" />
              {errors.length === 0 && (
                <Checkbox checked={ack} onChange={(_, d) => setAck(d.checked === true)} label={t.finish.acknowledge} />
              )}
            </>
          )}
          <div className={s.bar}>
            {needPassword && (
              <Field
                label={t.finish.passwordLabel}
                validationState={needPassword.wrong ? "error" : "warning"}
                validationMessage={
                  needPassword.wrong
                    ? t.finish.passwordWrong(needPassword.sheets.join("、"))
                    : t.finish.passwordNeeded(needPassword.sheets.join("、"))
                }
              >
                <Input
                  type="password"
                  value={password}
                  onChange={(_, d) => setPassword(d.value)}
                  autoComplete="off"
                  data-testid="finish-password"
                />
              </Field>
            )}
            <Button appearance="primary" onClick={() => void finish()} disabled={!canFinish}>
              {busy ? t.finish.protecting : t.finish.protect}
            </Button>
          </div>
        </>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {done && (
        <MessageBar intent="success" layout="multiline" role="status">
          <MessageBarBody>
            <div>{t.finish.done(done.join("、"))}</div>
            <div>{t.finish.unprotect}</div>
          </MessageBarBody>
        </MessageBar>
      )}
      <section aria-labelledby="finish-how">
        <h3 id="finish-how" className={s.h}>
          {t.finish.howTitle}
        </h3>
        <ol className={s.steps}>
          {t.finish.how.map((line) => (
            <li key={line}>
              <Text size={200}>{line}</Text>
            </li>
          ))}
        </ol>
        {cover && (
          <Button appearance="subtle" size="small" onClick={() => onSelect({ sheet: cover, ref: "A1" })}>
            {t.finish.showCover}
          </Button>
        )}
      </section>
    </div>
  );
}
