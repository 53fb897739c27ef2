// Shown instead of the pane when Office opened the page but office.js did not load or does not answer (an intranet
// without Microsoft's CDN, a missing copy of office.js): never the in-memory preview, whose buttons would seem to
// work while nothing reaches the workbook. Office gave no display language, so Chinese first, English beside it.
import { STRINGS } from "./i18n";

export type OfficeFailure = "missing" | "silent";

export function OfficeMissing({ url, failure }: { url: string; failure: OfficeFailure }) {
  return (
    <div
      role="alert"
      style={{ fontFamily: "'Microsoft YaHei', 'PingFang SC', sans-serif", padding: 12, lineHeight: 1.6 }}
    >
      {(["zh-CN", "en-US"] as const).map((lang) => {
        const s = STRINGS[lang].officeMissing;
        const en = lang === "en-US";
        return (
          <section key={lang} lang={lang} style={en ? { color: "#555", marginTop: 16 } : undefined}>
            <h1 style={{ fontSize: en ? 15 : 18, margin: "0 0 8px" }}>{s[failure]}</h1>
            <p style={{ overflowWrap: "anywhere", margin: "0 0 8px" }}>{s.body(url)}</p>
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {s.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
