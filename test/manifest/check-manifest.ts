// Offline checks of an add-in manifest (the online validator, `npm run validate`, needs the internet): the element
// order of the XSDs (OfficeAppManifestV1_1, TaskPaneAppVersionOverridesV1_0), every resid defined in the right
// resource list, https only, the schemas' string limits, and one long-lived shared runtime used by the custom
// functions, the function file and the ribbon's task pane. Needs a DOMParser (run under the jsdom environment).

export interface ManifestFacts {
  doc: Document;
  /** Resource id → URL (bt:Urls and bt:Images). */
  urls: Record<string, string>;
  images: Record<string, string>;
  shortStrings: Record<string, string>;
  longStrings: Record<string, string>;
  runtimeResid: string | null;
}

const ORDER: Record<string, string[]> = {
  OfficeApp: [
    "Id",
    "AlternateId",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "Dictionary",
    "VersionOverrides",
  ],
  VersionOverrides: ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"],
  "VersionOverrides/Hosts/Host": ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
  "ExtensionPoint[CustomFunctions]": ["Script", "Page", "Metadata", "Namespace"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  "ExtensionPoint[PrimaryCommandSurface]": ["OfficeTab", "CustomTab"],
  Group: ["Label", "Icon", "Control"],
  "Control[Button]": ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  "Action[ShowTaskpane]": ["TaskpaneId", "SourceLocation", "Title"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
};
const REQUIRED: Record<string, string[]> = {
  OfficeApp: [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "DefaultSettings",
    "Permissions",
  ],
  "ExtensionPoint[CustomFunctions]": ["Script", "Page"],
  "Control[Button]": ["Label", "Supertip", "Icon", "Action"],
  "Action[ShowTaskpane]": ["SourceLocation"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
};

/** Which resource list a resid must point into, by the referring element. */
const RESID_KIND: Record<string, "urls" | "images" | "shortStrings" | "longStrings"> = {
  Runtime: "urls",
  SourceLocation: "urls",
  FunctionFile: "urls",
  LearnMoreUrl: "urls",
  Image: "images",
  Label: "shortStrings",
  Title: "shortStrings",
  Namespace: "shortStrings",
  Description: "longStrings",
};

const XSI = "http://www.w3.org/2001/XMLSchema-instance";

function children(el: Element): Element[] {
  return Array.from(el.children);
}

function xsiType(el: Element): string | null {
  return el.getAttributeNS(XSI, "type") ?? el.getAttribute("xsi:type");
}

/** The keys of ORDER / REQUIRED that describe an element. */
function ruleKeys(el: Element): string[] {
  const keys = [el.localName];
  const t = xsiType(el);
  if (t) keys.push(`${el.localName}[${t}]`);
  const p = el.parentElement;
  if (p?.parentElement) keys.push(`${p.parentElement.localName}/${p.localName}/${el.localName}`);
  return keys;
}

function path(el: Element): string {
  const parts: string[] = [];
  for (let e: Element | null = el; e; e = e.parentElement)
    parts.unshift(e.localName + (xsiType(e) ? `[${xsiType(e)}]` : ""));
  return parts.join("/");
}

export function parseManifest(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const err = doc.getElementsByTagName("parsererror")[0];
  if (err) throw new Error(`manifest is not well-formed XML: ${err.textContent}`);
  return doc;
}

function resourceMap(doc: Document, list: string): Record<string, string> {
  const out: Record<string, string> = {};
  const el = Array.from(doc.getElementsByTagNameNS("*", list))[0];
  if (!el) return out;
  for (const c of children(el)) {
    const id = c.getAttribute("id") ?? "";
    if (id in out) throw new Error(`${list}: id "${id}" defined twice`);
    out[id] = c.getAttribute("DefaultValue") ?? "";
  }
  return out;
}

export function facts(xml: string): ManifestFacts {
  const doc = parseManifest(xml);
  const runtimes = Array.from(doc.getElementsByTagNameNS("*", "Runtime"));
  return {
    doc,
    urls: resourceMap(doc, "Urls"),
    images: resourceMap(doc, "Images"),
    shortStrings: resourceMap(doc, "ShortStrings"),
    longStrings: resourceMap(doc, "LongStrings"),
    runtimeResid: runtimes.length === 1 ? runtimes[0].getAttribute("resid") : null,
  };
}

/**
 * The two manifests: "full" (task pane and QA.* custom functions in one shared runtime) and "pane-only" (the task
 * pane alone, for Excel without the shared runtime and custom functions).
 */
export type ManifestKind = "full" | "pane-only";

/** What each manifest must require (Requirements/Sets), and what it must not. */
export const REQUIRES: Record<ManifestKind, { needs: string[]; never: string[] }> = {
  // CustomFunctions.Error (thrown by every QA.* function on bad input) is CustomFunctionsRuntime 1.2.
  full: { needs: ["SharedRuntime 1.1", "CustomFunctionsRuntime 1.2"], never: [] },
  // ExcelApi 1.1 only, so that older Excel loads the pane and is told what it lacks (the pane checks at start).
  "pane-only": { needs: ["ExcelApi 1.1"], never: ["SharedRuntime", "CustomFunctionsRuntime"] },
};

const HAN = /[\u4e00-\u9fff]/;

/** Every problem found, as "where: what" lines (empty when the manifest passes). */
export function checkManifest(xml: string, kind: ManifestKind = "full"): string[] {
  const problems: string[] = [];
  let f: ManifestFacts;
  try {
    f = facts(xml);
  } catch (e) {
    return [(e as Error).message];
  }
  const { doc } = f;
  const all = Array.from(doc.getElementsByTagName("*"));
  const root = doc.documentElement;
  if (root.localName !== "OfficeApp" || xsiType(root) !== "TaskPaneApp")
    problems.push('root: expected <OfficeApp xsi:type="TaskPaneApp">');

  // Element order and required children.
  for (const el of all) {
    for (const key of ruleKeys(el)) {
      const order = ORDER[key];
      if (order) {
        let at = 0;
        for (const c of children(el)) {
          const i = order.indexOf(c.localName);
          if (i < 0) problems.push(`${path(el)}: <${c.localName}> is not an allowed child (${order.join(", ")})`);
          else if (i < at)
            problems.push(`${path(el)}: <${c.localName}> is out of order (expected ${order.join(", ")})`);
          else at = i;
        }
      }
      for (const name of REQUIRED[key] ?? []) {
        if (!children(el).some((c) => c.localName === name)) problems.push(`${path(el)}: <${name}> is required`);
      }
    }
  }

  // Every resid is defined, in the list its element refers to; resource ids are at most 32 characters.
  const lists = { urls: f.urls, images: f.images, shortStrings: f.shortStrings, longStrings: f.longStrings };
  const used = new Set<string>();
  for (const el of all) {
    const resid = el.getAttribute("resid");
    if (resid === null) continue;
    used.add(resid);
    const kind = RESID_KIND[el.localName];
    if (!kind) problems.push(`${path(el)}: unexpected resid on <${el.localName}>`);
    else if (!(resid in lists[kind])) problems.push(`${path(el)}: resid "${resid}" is not defined in ${kind}`);
    if (resid.length > 32) problems.push(`${path(el)}: resid "${resid}" is longer than 32 characters`);
  }
  for (const [kind, map] of Object.entries(lists))
    for (const id of Object.keys(map)) {
      if (id.length > 32) problems.push(`${kind}: id "${id}" is longer than 32 characters`);
      if (!used.has(id)) problems.push(`${kind}: "${id}" is defined but never used`);
    }

  // String limits (bt:ShortString 125, bt:LongString 250, URL 2048; the functions namespace 32).
  const limit = (what: string, value: string | null, max: number) => {
    if (value === null || value.length === 0) problems.push(`${what}: empty`);
    else if (value.length > max) problems.push(`${what}: ${value.length} characters, more than ${max}`);
  };
  const defaultValue = (name: string) =>
    root.getElementsByTagNameNS("*", name)[0]?.getAttribute("DefaultValue") ?? null;
  limit("DisplayName", defaultValue("DisplayName"), 125);
  limit("Description", defaultValue("Description"), 250);
  limit("ProviderName", root.getElementsByTagNameNS("*", "ProviderName")[0]?.textContent ?? null, 125);
  for (const [id, v] of Object.entries(f.shortStrings)) limit(`ShortStrings ${id}`, v, 125);
  for (const [id, v] of Object.entries(f.longStrings)) limit(`LongStrings ${id}`, v, 250);
  for (const [id, v] of Object.entries({ ...f.urls, ...f.images })) limit(`Urls/Images ${id}`, v, 2048);
  for (const el of all) {
    const id = el.getAttribute("id");
    if (id !== null && ["Control", "Group", "OfficeTab", "CustomTab"].includes(el.localName))
      limit(`${path(el)} id`, id, 125);
    if (el.localName === "TaskpaneId") limit(path(el), el.textContent, 125);
  }
  const ns = doc.getElementsByTagNameNS("*", "Namespace")[0]?.getAttribute("resid");
  if (ns) limit("custom functions namespace", f.shortStrings[ns] ?? null, 32);

  // Formats: Id a GUID, Version 1–4 numbers, locale a culture name.
  const text = (name: string) => root.getElementsByTagNameNS("*", name)[0]?.textContent?.trim() ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text("Id")))
    problems.push("Id: not a GUID");
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text("Version"))) problems.push("Version: not n(.n){0,3}");
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(text("DefaultLocale")))
    problems.push("DefaultLocale: not a culture name");

  // https only: every URL-like attribute value and text (namespace declarations aside).
  for (const el of all) {
    for (const attr of Array.from(el.attributes)) {
      if (attr.name === "xmlns" || attr.name.startsWith("xmlns:")) continue;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(attr.value) && !attr.value.startsWith("https://"))
        problems.push(`${path(el)} @${attr.name}: not https: ${attr.value}`);
    }
    if (
      el.children.length === 0 &&
      /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(el.textContent ?? "") &&
      !(el.textContent ?? "").trim().startsWith("https://")
    )
      problems.push(`${path(el)}: not https: ${el.textContent}`);
  }

  // Least permission that lets the task pane write the workbook.
  if (text("Permissions") !== "ReadWriteDocument")
    problems.push(`Permissions: expected ReadWriteDocument, got ${text("Permissions")}`);

  // English Office: an en-US override, in English, for the name, the description and every string resource.
  const enUs = (el: Element | undefined) =>
    el ? children(el).find((c) => c.localName === "Override" && c.getAttribute("Locale") === "en-US") : undefined;
  for (const name of ["DisplayName", "Description"]) {
    const el = children(root).find((c) => c.localName === name);
    const o = enUs(el);
    if (!o) problems.push(`${name}: no en-US <Override>`);
    else {
      if (HAN.test(o.getAttribute("Value") ?? "")) problems.push(`${name}: the en-US override is not in English`);
      limit(`${name} en-US`, o.getAttribute("Value"), name === "DisplayName" ? 125 : 250);
    }
  }
  for (const list of ["ShortStrings", "LongStrings"])
    for (const el of children(root.getElementsByTagNameNS("*", list)[0] ?? root).filter(
      (c) => c.localName === "String",
    )) {
      const id = el.getAttribute("id");
      const o = enUs(el);
      if (!HAN.test(el.getAttribute("DefaultValue") ?? "")) continue; // e.g. the namespace QA: the same everywhere
      if (!o) problems.push(`${list} ${id}: no en-US <bt:Override>`);
      else {
        if (HAN.test(o.getAttribute("Value") ?? ""))
          problems.push(`${list} ${id}: the en-US override is not in English`);
        limit(`${list} ${id} en-US`, o.getAttribute("Value"), list === "ShortStrings" ? 125 : 250);
      }
    }

  const sets = Array.from(root.getElementsByTagNameNS("*", "Set")).map((s) =>
    `${s.getAttribute("Name")} ${s.getAttribute("MinVersion") ?? ""}`.trim(),
  );
  for (const need of REQUIRES[kind].needs) if (!sets.includes(need)) problems.push(`Requirements: needs ${need}`);
  for (const never of REQUIRES[kind].never)
    if (sets.some((x) => x.split(" ")[0] === never)) problems.push(`Requirements: must not require ${never}`);
  if (kind === "pane-only") return problems.concat(checkPaneOnly(doc, f));

  // One long-lived shared runtime, used by the custom functions, the function file and the ribbon's task pane.
  const runtimes = Array.from(doc.getElementsByTagNameNS("*", "Runtime"));
  if (runtimes.length !== 1) problems.push(`Runtimes: expected exactly one <Runtime>, found ${runtimes.length}`);
  const rt = f.runtimeResid;
  if (runtimes[0] && runtimes[0].getAttribute("lifetime") !== "long") problems.push("Runtime: lifetime must be long");
  const cf = all.find((e) => e.localName === "ExtensionPoint" && xsiType(e) === "CustomFunctions");
  if (!cf) problems.push("no CustomFunctions extension point");
  const residOf = (parent: Element | undefined, child: string) =>
    parent
      ? children(parent)
          .find((c) => c.localName === child)
          ?.getElementsByTagNameNS("*", "SourceLocation")[0]
          ?.getAttribute("resid")
      : undefined;
  if (cf && residOf(cf, "Page") !== rt)
    problems.push(`CustomFunctions Page must be the runtime's page (${rt}), is ${residOf(cf, "Page")}`);
  const functionFile = doc.getElementsByTagNameNS("*", "FunctionFile")[0];
  if (functionFile && functionFile.getAttribute("resid") !== rt)
    problems.push(`FunctionFile must be the runtime's page (${rt})`);
  for (const action of all.filter((e) => e.localName === "Action" && xsiType(e) === "ShowTaskpane")) {
    const loc = children(action)
      .find((c) => c.localName === "SourceLocation")
      ?.getAttribute("resid");
    if (loc !== rt) problems.push(`${path(action)}: the task pane must open the runtime's page (${rt}), opens ${loc}`);
    if (!children(action).some((c) => c.localName === "TaskpaneId"))
      problems.push(
        `${path(action)}: needs a TaskpaneId (a task pane without one counts as a second task pane, which a shared runtime does not support)`,
      );
  }
  const defaultPage = root
    .getElementsByTagNameNS("*", "DefaultSettings")[0]
    ?.getElementsByTagNameNS("*", "SourceLocation")[0]
    ?.getAttribute("DefaultValue");
  if (rt && defaultPage !== f.urls[rt])
    problems.push(`DefaultSettings SourceLocation (${defaultPage}) differs from the runtime's page (${f.urls[rt]})`);
  return problems;
}

/** The pane-only manifest: no runtime element, no custom functions; every page is the pane's own. */
function checkPaneOnly(doc: Document, f: ManifestFacts): string[] {
  const problems: string[] = [];
  const all = Array.from(doc.getElementsByTagName("*"));
  if (all.some((e) => e.localName === "Runtimes" || e.localName === "Runtime"))
    problems.push("Runtimes: a pane-only manifest has none (a <Runtimes> element needs SharedRuntime 1.1)");
  if (all.some((e) => e.localName === "ExtensionPoint" && xsiType(e) === "CustomFunctions"))
    problems.push("a pane-only manifest has no CustomFunctions extension point");
  const page = f.urls["Taskpane.Url"];
  if (!page) problems.push("Urls: Taskpane.Url is required");
  const defaultPage = doc
    .getElementsByTagNameNS("*", "DefaultSettings")[0]
    ?.getElementsByTagNameNS("*", "SourceLocation")[0]
    ?.getAttribute("DefaultValue");
  if (defaultPage !== page)
    problems.push(`DefaultSettings SourceLocation (${defaultPage}) differs from the pane (${page})`);
  return problems;
}
