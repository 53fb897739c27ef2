// 生成: award → criteria (grouped by rule set), applicant, expert, stage, formula mode, where → the scoring workbook.
// The sheet names are checked against the workbook first: a clash is never overwritten, a suffix is offered instead.
// A set for the same applicant, expert and stage is asked about first (SameSetDialog).
import { useMemo, useState, type FormEvent } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Library, StageId } from "../core";
import { buildLayout, LayoutError, type PrintStyle } from "../workbook/layout";
import { SHEET } from "../workbook/labels";
import type { FormulaMode } from "../workbook/types";
import type { HostCapabilities } from "../host/types";
import { SheetExistsError } from "../host/types";
import { suggestSuffix, suffixProblem } from "../host/sets";
import type { GenerateRequest, GenerateResult, SameSet } from "./flows";
import { SameSetDialog } from "./SameSetDialog";
import { rubricShortName } from "../summary/groups";
import { useLang, useStrings } from "./i18n";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
  // A native select is as wide as its longest option; the pane is 320 px.
  select: { width: "100%", minWidth: 0, maxWidth: "100%" },
  selectInner: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
  actions: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export interface GenerateProps {
  lib: Library;
  capabilities: HostCapabilities;
  /** The workbook's sheet names (null until known). */
  sheets: string[] | null;
  /** The host downloads instead of opening a window (the preview). */
  newWorkbookIsDownload?: boolean;
  /** The add-in's QA.* functions run here (false: the custom formula mode is not offered). */
  customFunctions?: boolean;
  onGenerate: (req: GenerateRequest) => Promise<GenerateResult>;
  /** The workbook's sets for the same applicant, expert and stage (asked before adding another). */
  findSame?: (req: GenerateRequest) => Promise<SameSet[]>;
  /** Shows an existing set (the dialog's 转到已有的评分表). */
  onOpenExisting?: (set: SameSet) => void;
  /** The award selected at first (an award just given as a file); else the library's first. */
  initialAward?: string;
}

export function GeneratePanel({
  lib,
  capabilities,
  sheets,
  newWorkbookIsDownload,
  customFunctions = true,
  onGenerate,
  findSame,
  onOpenExisting,
  initialAward,
}: GenerateProps) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const [awardId, setAwardId] = useState(initialAward ?? lib.awards[0]?.id ?? "");
  const award = lib.awards.find((a) => a.id === awardId);
  const rubricsOf = (id: string) => lib.rubrics.filter((r) => r.award === id);
  const [rubricId, setRubricId] = useState(rubricsOf(awardId)[0]?.id ?? "");
  const bundle = lib.get(rubricId);
  const [applicant, setApplicant] = useState("");
  const [expert, setExpert] = useState("");
  const [stage, setStage] = useState<StageId>("material");
  const [mode, setMode] = useState<FormulaMode>("native");
  const [print, setPrint] = useState<PrintStyle>("full");
  const [target, setTarget] = useState<"current" | "new">(capabilities.currentWorkbook ? "current" : "new");
  const [suffixEdit, setSuffixEdit] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const [result, setResult] = useState<{ ok: true; text: string } | { ok: false; text: string } | null>(null);
  const [asking, setAsking] = useState<{ req: GenerateRequest; sets: SameSet[] } | null>(null);

  // The sheets this rubric's layout has (the names do not depend on the applicant or the expert).
  const layoutSheets = useMemo(() => {
    if (!bundle) return [];
    return buildLayout(bundle, {
      applicant: "?",
      expert: "?",
      stage: "material",
      mode: "native",
      createdAt: "",
    }).sheets.map((x) => ({ name: x.name, visibility: x.visibility }));
  }, [bundle]);
  const shape = { sheets: layoutSheets };
  const existing = sheets ?? [];
  const suggested = suggestSuffix(shape, existing);
  const suffix = suffixEdit ?? suggested;
  const problem = target === "current" ? suffixProblem(shape, suffix, existing) : null;
  const clash = target === "current" && suggested !== "";
  const visibleNames = layoutSheets
    .filter((x) => x.visibility === "visible")
    .map((x) => x.name + (target === "current" ? suffix : ""));

  const onAward = (id: string) => {
    setAwardId(id);
    setRubricId(rubricsOf(id)[0]?.id ?? "");
    setSuffixEdit(null);
  };

  const applicantLabel =
    bundle?.rules.applicant === "individual" ? t.generate.applicantPerson : t.generate.applicantOrg;
  const missingApplicant = applicant.trim() === "";
  const missingExpert = expert.trim() === "";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setResult(null);
    if (!bundle || missingApplicant || missingExpert || problem) return;
    const req: GenerateRequest = {
      rubricId,
      applicant,
      expert,
      stage,
      mode: customFunctions ? mode : "native",
      target,
      suffix: target === "current" ? suffix : "",
      print,
    };
    if (target === "current" && findSame) {
      setBusy(true);
      let sets: SameSet[];
      try {
        sets = await findSame(req);
      } catch (err) {
        setResult({ ok: false, text: `${t.error}: ${(err as Error).message}` });
        setBusy(false);
        return;
      }
      setBusy(false);
      if (sets.length) {
        setAsking({ req, sets });
        return;
      }
    }
    await run(req);
  };

  const run = async (req: GenerateRequest) => {
    setBusy(true);
    try {
      const r = await onGenerate(req);
      setResult({
        ok: true,
        text:
          r.target === "new"
            ? newWorkbookIsDownload
              ? t.generate.doneNew(r.fileName ?? "")
              : t.generate.doneNewWindow
            : t.generate.doneCurrent(r.sheets.filter((n, i) => r.layout.sheets[i].visibility === "visible").join("、")),
      });
      setSuffixEdit(null);
    } catch (err) {
      const text =
        err instanceof LayoutError
          ? lang === "en-US"
            ? err.en
            : err.zh
          : err instanceof SheetExistsError
            ? t.generate.suffixTaken(err.sheets.join("、"))
            : `${t.error}: ${(err as Error).message}`;
      setResult({ ok: false, text });
    } finally {
      setBusy(false);
    }
  };

  const groups =
    award?.ruleSets.map((rs) => ({
      rs,
      rubrics: lib.rubrics.filter((r) => r.award === award.id && r.ruleSet === rs.id),
    })) ?? [];
  const stageNames = bundle?.rules.stages ?? [];
  const stageName = (id: string) => {
    const st = stageNames.find((x) => x.id === id);
    return st ? (lang === "en-US" ? (st.name.en ?? st.name.zh) : st.name.zh) : id;
  };

  return (
    <form className={s.form} onSubmit={(e) => void submit(e)} noValidate aria-label={t.tabs.generate}>
      <Field label={t.generate.award}>
        <Select
          className={s.select}
          select={{ className: s.selectInner }}
          value={awardId}
          onChange={(_, d) => onAward(d.value)}
        >
          {lib.awards.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title.zh}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t.generate.rubric}
        hint={
          bundle
            ? `${bundle.rubric.title.zh} · ${t.generate.items(bundle.rubric.items.length, bundle.rubric.totalPoints)}`
            : undefined
        }
      >
        <Select
          className={s.select}
          select={{ className: s.selectInner }}
          value={rubricId}
          onChange={(_, d) => setRubricId(d.value)}
        >
          {groups.map(({ rs, rubrics }) => (
            <optgroup key={rs.id} label={rs.name.zh}>
              {rubrics.map((r) => (
                <option key={r.id} value={r.id} title={r.title.zh}>
                  {/* The part that tells rubrics of one award apart ("高层领导者"), so that the closed drop-down
                      does too at 320 px; the full title is the hint below and the tooltip. */}
                  {rubricShortName(r.title.zh)}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </Field>
      <Field
        label={applicantLabel}
        required
        validationMessage={touched && missingApplicant ? t.generate.required : undefined}
      >
        <Input value={applicant} onChange={(_, d) => setApplicant(d.value)} autoComplete="off" />
      </Field>
      <Field
        label={t.generate.expert}
        required
        validationMessage={touched && missingExpert ? t.generate.required : undefined}
      >
        <Input value={expert} onChange={(_, d) => setExpert(d.value)} autoComplete="off" />
      </Field>
      <Field label={t.generate.stage}>
        <RadioGroup value={stage} onChange={(_, d) => setStage(d.value as StageId)} layout="horizontal">
          {stageNames.map((st) => (
            <Radio key={st.id} value={st.id} label={lang === "en-US" ? (st.name.en ?? st.name.zh) : st.name.zh} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={t.generate.mode}>
        <RadioGroup value={mode} onChange={(_, d) => setMode(d.value as FormulaMode)}>
          <Radio value="native" label={t.generate.modeNative} />
          {customFunctions && <Radio value="custom" label={t.generate.modeCustom} />}
        </RadioGroup>
      </Field>
      <Field label={t.generate.print}>
        <RadioGroup value={print} onChange={(_, d) => setPrint(d.value as PrintStyle)}>
          <Radio value="full" label={t.generate.printFull} />
          <Radio value="compact" label={t.generate.printCompact} />
        </RadioGroup>
      </Field>
      <Field label={t.generate.target}>
        <RadioGroup value={target} onChange={(_, d) => setTarget(d.value as "current" | "new")}>
          <Radio value="current" label={t.generate.targetCurrent} disabled={!capabilities.currentWorkbook} />
          <Radio
            value="new"
            label={newWorkbookIsDownload ? t.generate.targetNewPreview : t.generate.targetNew}
            disabled={!capabilities.newWorkbook}
          />
        </RadioGroup>
      </Field>
      {target === "current" && clash && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {t.generate.clash(
              layoutSheets
                .map((x) => x.name)
                .filter((n) => existing.some((e) => e.toLowerCase() === n.toLowerCase()))
                .join("、"),
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {target === "current" && clash && (
        <Field
          label={t.generate.suffix}
          hint={t.generate.suffixHint(suggested)}
          validationMessage={
            problem
              ? problem.code === "taken"
                ? t.generate.suffixTaken(problem.names.join("、"))
                : problem.code === "chars"
                  ? t.generate.suffixChars
                  : t.generate.suffixLength(problem.names.join("、"))
              : undefined
          }
        >
          <Input value={suffix} onChange={(_, d) => setSuffixEdit(d.value)} />
        </Field>
      )}
      {target === "current" && (
        <Text size={200} className={s.hint}>
          {t.generate.sheets(visibleNames.join("、"))}
        </Text>
      )}
      <div className={s.actions}>
        <Button
          type="submit"
          appearance="primary"
          disabled={busy || !bundle || (target === "current" && problem !== null)}
        >
          {busy ? t.generate.working : t.generate.submit}
        </Button>
        {busy && <Spinner size="tiny" aria-label={t.busy} />}
      </div>
      {asking && (
        <SameSetDialog
          who={t.generate.same.who(asking.req.applicant.trim(), stageName(asking.req.stage), asking.req.expert.trim())}
          sheets={asking.sets.map((x) => x.sheet)}
          next={SHEET.scoring + asking.req.suffix}
          onOpen={() => {
            const first = asking.sets[0];
            setAsking(null);
            onOpenExisting?.(first);
          }}
          onAdd={() => {
            const req = asking.req;
            setAsking(null);
            void run(req);
          }}
          onCancel={() => setAsking(null)}
        />
      )}
      {result && (
        <MessageBar intent={result.ok ? "success" : "error"} layout="multiline" role={result.ok ? "status" : "alert"}>
          <MessageBarBody>{result.text}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
