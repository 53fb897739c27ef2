// The folders of src/ and what each may import, as docs/architecture.md's table states them: the table is read here,
// so that the document and the rule cannot drift apart. Every import, export-from, require() and import() of every
// file in src/ is found with the TypeScript compiler's own pre-processor.
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");
const SRC = path.join(ROOT, "src");
const DOC = path.join(ROOT, "docs", "architecture.md");

interface Rule {
  /** Folders of src/ (by name) and "rubrics/" that the folder may import besides itself. */
  folders: Set<string>;
  packages: Set<string>;
  /** Node built-in modules allowed, or "any". */
  node: Set<string> | "any";
}

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** The table under "The rooms and what each may import": one rule per `src/…` row. */
export function readRules(markdown: string): Map<string, Rule> {
  const section = markdown.split(/^## /m).find((s) => s.startsWith("The rooms and what each may import"));
  if (!section) throw new Error(`${DOC}: no section "The rooms and what each may import"`);
  const rules = new Map<string, Rule>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 7 || !/^`src\/[^`]+`$/.test(cells[1])) continue;
    const [, folderCell, , importsCell, packagesCell, nodeCell] = cells;
    const folder = ticked(folderCell)[0].replace(/^src\//, "");
    rules.set(folder, {
      folders: new Set(ticked(importsCell)),
      packages: new Set(ticked(packagesCell)),
      node: nodeCell === "any" ? "any" : new Set(ticked(nodeCell)),
    });
  }
  return rules;
}

const walk = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

const CODE = /\.(ts|tsx|js|cjs|mjs)$/;
const sourceFiles = () => walk(SRC).filter((f) => CODE.test(f) && !f.endsWith(".d.ts"));

const NODE_BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, "").split("/")[0]));

type Target =
  | { kind: "folder"; name: string } // a folder of src/, or "rubrics/"
  | { kind: "outside"; name: string } // a relative path leaving src/ anywhere but rubrics/
  | { kind: "node"; name: string }
  | { kind: "package"; name: string };

/** What one import specifier of `file` reaches. */
export function classify(file: string, spec: string): Target {
  if (spec.startsWith(".")) {
    const rel = path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep);
    if (rel[0] === "src" && rel.length >= 2) return { kind: "folder", name: rel[1] };
    if (rel[0] === "rubrics") return { kind: "folder", name: "rubrics/" };
    return { kind: "outside", name: rel.join("/") };
  }
  const bare = spec.replace(/^node:/, "");
  if (spec.startsWith("node:") || NODE_BUILTINS.has(bare.split("/")[0]))
    return { kind: "node", name: bare.split("/")[0] };
  const parts = spec.split("/");
  return { kind: "package", name: spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0] };
}

/** Why an import breaks its folder's rule, or null when the rule allows it. */
export function breach(folder: string, rule: Rule, target: Target): string | null {
  switch (target.kind) {
    case "folder":
      if (target.name === folder || rule.folders.has(target.name)) return null;
      return `src/${folder} may import from src/ only ${[...rule.folders].join(", ") || "itself"}, not ${target.name === "rubrics/" ? "rubrics/" : `src/${target.name}`}`;
    case "outside":
      return `src/${folder} may not import ${target.name} (outside src/ only rubrics/ may be imported, by the rows that list it)`;
    case "node":
      if (rule.node === "any" || rule.node.has(target.name)) return null;
      return `src/${folder} may use the Node built-ins ${rule.node.size ? [...rule.node].join(", ") : "none"}, not ${target.name}`;
    case "package":
      if (rule.packages.has(target.name)) return null;
      return `src/${folder} may use the packages ${[...rule.packages].join(", ") || "none"}, not ${target.name}`;
  }
}

const importsOf = (file: string) =>
  ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles.map((i) => i.fileName);

describe("docs/architecture.md: which folder of src/ may import which", () => {
  const rules = readRules(fs.readFileSync(DOC, "utf8"));

  it("the table gives a rule to every folder of src/ that holds code, and src/core may import only rubrics/", () => {
    const folders = new Set(sourceFiles().map((f) => path.relative(SRC, f).split(path.sep)[0]));
    expect([...folders].filter((f) => !rules.has(f)).map((f) => `src/${f} has no row in ${DOC}`)).toEqual([]);
    const core = rules.get("core")!;
    expect([...core.folders]).toEqual(["rubrics/"]);
    expect(core.node).toEqual(new Set());
    for (const forbidden of ["exceljs", "jszip", "react", "react-dom", "@fluentui/react-components", "commander"])
      expect(core.packages.has(forbidden)).toBe(false);
  });

  it("every import of every file in src/ is allowed by its folder's row", () => {
    const broken: string[] = [];
    let seen = 0;
    for (const file of sourceFiles()) {
      const folder = path.relative(SRC, file).split(path.sep)[0];
      const rule = rules.get(folder);
      if (!rule) continue; // named by the test above
      for (const spec of importsOf(file)) {
        seen++;
        const why = breach(folder, rule, classify(file, spec));
        if (why) broken.push(`${path.relative(ROOT, file)}: import "${spec}" — ${why}`);
      }
    }
    expect(broken).toEqual([]);
    expect(seen).toBeGreaterThan(300); // the parse found the imports at all
  });

  it("names the file, the import and the rule when an import breaks it", () => {
    const core = rules.get("core")!;
    const file = path.join(SRC, "core", "evaluate.ts");
    const found = (src: string) =>
      ts
        .preProcessFile(src, true, true)
        .importedFiles.map((i) => breach("core", core, classify(file, i.fileName)))
        .filter((w) => w !== null);
    expect(found('import ExcelJS from "exceljs";')).toEqual([
      "src/core may use the packages fraction.js, ajv, not exceljs",
    ]);
    expect(found('import { readFileSync } from "node:fs";')).toEqual([
      "src/core may use the Node built-ins none, not fs",
    ]);
    expect(found('const p = require("path");')).toEqual(["src/core may use the Node built-ins none, not path"]);
    expect(found('export { x } from "../workbook/layout";')).toEqual([
      "src/core may import from src/ only rubrics/, not src/workbook",
    ]);
    expect(found('const m = await import("../taskpane/App");')).toEqual([
      "src/core may import from src/ only rubrics/, not src/taskpane",
    ]);
    expect(found('import type { Root } from "react-dom/client";')).toEqual([
      "src/core may use the packages fraction.js, ajv, not react-dom",
    ]);
    expect(found('import { score } from "./score"; import data from "../../rubrics/x.json";')).toEqual([]);
  });
});
