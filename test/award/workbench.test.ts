// The workbench keeps a round's imported awards in the round folder (奖项/): its steps run the command line there
// with that folder, so a round of an imported award is set up like one of a built-in award.
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { main } from "../../src/cli/main";
import { writeAwardBook } from "../../src/award/workbook";
import { startServer } from "../../src/serve/server";
import { readZipWorkbook } from "../../src/xlsx/zip-cells";
import { nodeInflate } from "../../src/aggregate/read";
import { tmpDir } from "../helpers/workbooks";
import { CITY_RUBRIC, cityBook } from "./city";

const SCOREBOOK = path.join(__dirname, "..", "..", "bin", "scorebook.js");

function call(port: number, p: string, token: string, body?: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: p,
        method: body ? "POST" : "GET",
        headers: { "X-Scorebook-Token": token, "Content-Type": "application/json" },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
      },
    );
    req.on("error", reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

it("the round template made in a round folder with 奖项/ lists the imported award's rubric", async () => {
  const dir = tmpDir("award-workbench-");
  try {
    const book = path.join(dir, "city.xlsx");
    fs.writeFileSync(book, await writeAwardBook(cityBook()));
    const code = await main(["node", "scorebook", "award", "import", book, "--dir", path.join(dir, "奖项")], {
      out: () => undefined,
      err: () => undefined,
    });
    expect(code).toBe(0);
    const s = await startServer({ dir, pageDir: dir, scorebookJs: SCOREBOOK });
    try {
      await call(s.port, "/api/run", s.token, { step: "template" });
      for (;;) {
        const job = (JSON.parse(await call(s.port, "/api/job", s.token)) as { job: { running: boolean; code: number } })
          .job;
        if (!job.running) {
          expect(job.code).toBe(0);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await s.close();
    }
    const wb = await readZipWorkbook(fs.readFileSync(path.join(dir, "评审安排.xlsx")), { inflateRaw: nodeInflate });
    const texts = [...wb.cells.values()].flatMap((m) => [...m.values()].map((c) => String(c.value)));
    expect(texts).toContain(CITY_RUBRIC);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
