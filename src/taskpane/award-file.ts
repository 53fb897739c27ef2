// An award a secretariat gives the pane as a file: an award definition workbook (.xlsx from `scorebook award
// template` or `award export`, filled in), or the data `scorebook award import` stores (award.json with its rubric
// .json files, picked together). Checked exactly as `scorebook award check` checks it (parseAwardBook, then the JSON
// Schemas and the arithmetic of src/core/rubric/check.ts), and on success added to the built-in awards as a new
// Library. This module is a lazy chunk: the JSON Schema validators (compiled at build time, see webpack.config.js)
// load only when a file is picked.
import {
  AWARD_FILES,
  RUBRIC_FILES,
  buildLibrary,
  builtinLibrary,
  type Award,
  type Library,
  type Rubric,
} from "../core";
import { parseAwardBook, problemText } from "../core/award/book";
import { awardMsg, type Lang } from "../core/messages";
import { checkAward, checkRubric, formatDataError } from "../core/rubric/check";
import { readSheetRows } from "../xlsx/sheet-rows";

export interface AwardFile {
  name: string;
  data: Uint8Array;
}

export type AwardFileOutcome =
  { ok: true; lib: Library; award: Award; rubrics: Rubric[] } | { ok: false; problems: string[] };

const say = (lang: Lang, zh: string, en: string) => (lang === "en-US" ? en : zh);

/** Checks the picked files and, when the award is usable, gives the library with it beside the built-in awards. */
export async function loadAwardFiles(files: readonly AwardFile[], lang: Lang = "zh-CN"): Promise<AwardFileOutcome> {
  const builtin = builtinLibrary();
  const books = files.filter((f) => /\.xlsx$/i.test(f.name));
  const json = files.filter((f) => /\.json$/i.test(f.name));
  const other = files.filter((f) => !books.includes(f) && !json.includes(f));
  if (other.length || !files.length || (books.length && json.length) || books.length > 1)
    return {
      ok: false,
      problems: [
        say(
          lang,
          "请选择一个评价标准定义表（.xlsx），或一起选择导入后的 award.json 和各评分标准的 .json 文件",
          "pick one award definition workbook (.xlsx), or an imported award's award.json with its rubric .json files",
        ),
      ],
    };

  let award: Award;
  let rubrics: Rubric[];
  if (books.length) {
    const f = books[0];
    let book;
    try {
      book = await readSheetRows(f.data);
    } catch (e) {
      return {
        ok: false,
        problems: [
          say(
            lang,
            `${f.name}：无法读取（${(e as Error).message}）`,
            `${f.name}: cannot be read (${(e as Error).message})`,
          ),
        ],
      };
    }
    const r = parseAwardBook(book, {
      reservedAwards: builtin.awards.map((a) => a.id),
      reservedRubrics: builtin.rubrics.map((x) => x.id),
      file: f.name,
    });
    if (!r.award) return { ok: false, problems: r.problems.map((p) => problemText(p, lang === "en-US" ? "en" : "zh")) };
    award = r.award;
    rubrics = r.rubrics;
  } else {
    const problems: string[] = [];
    const awards: Award[] = [];
    rubrics = [];
    for (const f of json) {
      let data: unknown;
      try {
        data = JSON.parse(new TextDecoder().decode(f.data));
      } catch (e) {
        problems.push(
          say(
            lang,
            `${f.name}：不是有效的 JSON（${(e as Error).message}）`,
            `${f.name}: not valid JSON (${(e as Error).message})`,
          ),
        );
        continue;
      }
      const isAward = !!data && typeof data === "object" && "ruleSets" in data;
      const errors = isAward ? checkAward(data, f.name) : checkRubric(data, f.name);
      if (errors.length) problems.push(...errors.map(formatDataError));
      else if (isAward) awards.push(data as Award);
      else rubrics.push(data as Rubric);
    }
    if (!problems.length && awards.length !== 1)
      problems.push(
        say(
          lang,
          `所选文件中应有且只有一个奖项文件（award.json），现有 ${awards.length} 个`,
          `the files should hold exactly one award (award.json); they hold ${awards.length}`,
        ),
      );
    if (problems.length) return { ok: false, problems };
    award = awards[0];
    const reserved = [award.id, ...rubrics.map((r) => r.id)].filter((id) => builtin.award(id) || builtin.get(id));
    if (reserved.length)
      return {
        ok: false,
        problems: reserved.map((id) => say(lang, awardMsg.builtinId(id).zh, awardMsg.builtinId(id).en)),
      };
    if (!rubrics.length)
      return {
        ok: false,
        problems: [
          say(
            lang,
            "没有评分标准文件：请把各评分标准的 .json 文件与 award.json 一起选择",
            "no rubric files: pick the rubric .json files with award.json",
          ),
        ],
      };
  }

  try {
    const lib = buildLibrary(
      { ...AWARD_FILES, [`${award.id}/award.json`]: award },
      { ...RUBRIC_FILES, ...Object.fromEntries(rubrics.map((r) => [`${award.id}/${r.id}.json`, r])) },
    );
    return { ok: true, lib, award, rubrics };
  } catch (e) {
    const errors = (e as { errors?: Parameters<typeof formatDataError>[0][] }).errors;
    return { ok: false, problems: errors ? errors.map(formatDataError) : [(e as Error).message] };
  }
}
