// functions.en-US.json for English Office: functions.json (generated from the JSDoc, Chinese) with the English
// descriptions of src/functions/metadata-en.json; ids, names, parameters, types and options stay the same. The
// manifest's en-US <bt:Override> of Functions.Metadata.Url points at it. Used by webpack.config.js and the tests.
const path = require("path");

const EN = path.join(__dirname, "..", "src", "functions", "metadata-en.json");

/** The English metadata, or an Error listing every function or parameter that has no English text. */
function englishMetadata(metadataJson, en = require(EN)) {
  const meta = JSON.parse(metadataJson);
  const missing = [];
  for (const f of meta.functions) {
    const t = en.functions[f.id];
    if (!t || !t.description) missing.push(f.id);
    else f.description = t.description;
    for (const p of f.parameters) {
      const d = t && t.parameters && t.parameters[p.name];
      if (!d) missing.push(`${f.id}(${p.name})`);
      else p.description = d;
    }
  }
  const extra = Object.keys(en.functions).filter((id) => !meta.functions.some((f) => f.id === id));
  if (missing.length || extra.length)
    throw new Error(
      `src/functions/metadata-en.json: ${missing.length ? `no English text for ${missing.join(", ")}` : ""}${
        extra.length ? ` unknown functions ${extra.join(", ")}` : ""
      }`,
    );
  return JSON.stringify(meta, null, 2) + "\n";
}

module.exports = { englishMetadata, EN };
