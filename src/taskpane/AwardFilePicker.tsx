// 生成: an award given to the pane as a file (评价标准定义表 .xlsx, or an imported award's .json files). The file is
// only read; its problems are listed by sheet, row and column as `scorebook award check` names them; once it is
// accepted the pane uses a library with it beside the built-in awards, for as long as the pane stays open.
import { useState, type ChangeEvent } from "react";
import { Field, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { Award, Library } from "../core";
import { useLang, useStrings } from "./i18n";
import { fileBytes } from "./SummaryPanel";

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  input: { maxWidth: "100%" },
});

export interface AwardFilePickerProps {
  /** A usable award was given: the library with it, and the award. */
  onLoaded: (lib: Library, award: Award) => void;
}

export function AwardFilePicker({ onLoaded }: AwardFilePickerProps) {
  const t = useStrings().generate.awardFile;
  const lang = useLang();
  const s = useStyles();
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<
    { ok: true; text: string } | { ok: false; name: string; problems: string[] } | null
  >(null);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const list = Array.from(e.target.files ?? []);
    if (!list.length) return;
    setBusy(true);
    setState(null);
    try {
      const files = await Promise.all(list.map(async (f) => ({ name: f.name, data: await fileBytes(f) })));
      // The checks and their JSON Schema validators load only now (a chunk of their own).
      const { loadAwardFiles } = await import(/* webpackChunkName: "award-file" */ "./award-file");
      const r = await loadAwardFiles(files, lang);
      if (r.ok) {
        setState({
          ok: true,
          text: t.loaded(
            lang === "en-US" ? (r.award.title.en ?? r.award.title.zh) : r.award.title.zh,
            r.rubrics.length,
          ),
        });
        onLoaded(r.lib, r.award);
      } else setState({ ok: false, name: list.map((f) => f.name).join("、"), problems: r.problems });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Field label={t.label} hint={t.hint}>
        <input
          type="file"
          className={s.input}
          accept=".xlsx,.json"
          multiple
          aria-label={t.pick}
          onChange={(e) => void pick(e)}
        />
      </Field>
      {busy && <Spinner size="tiny" label={t.checking} />}
      {state?.ok === true && (
        <MessageBar intent="success" layout="multiline" role="status">
          <MessageBarBody>{state.text}</MessageBarBody>
        </MessageBar>
      )}
      {state?.ok === false && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            {t.refused(state.name, state.problems.length)}
            <ul className={s.list}>
              {state.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
