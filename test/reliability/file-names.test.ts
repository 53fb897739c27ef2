// Default file names of `scorebook generate`: at most 255 bytes with the extension (long names cut at a character
// boundary, never ENAMETOOLONG), no format characters (bidi overrides, zero-width), and a name with no visible
// character is refused (exit 2, nothing written).
import * as fs from "fs";
import * as path from "path";
import { defaultFileName, MAX_FILE_NAME_BYTES } from "../../src/cli/workbook";
import { main, type Io } from "../../src/cli/main";
import { tmpDir } from "../helpers/workbooks";

async function generateIn(dir: string, applicant: string, expert: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const prev = process.cwd();
  process.chdir(dir);
  try {
    const code = await main(
      [
        "node",
        "scorebook",
        "generate",
        "hebei-organization",
        "--applicant",
        applicant,
        "--expert",
        expert,
        "--stage",
        "material",
      ],
      io,
    );
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    process.chdir(prev);
  }
}

describe("default file names", () => {
  const dir = tmpDir("scorebook-names-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a 200-character applicant and a long expert name: the file is written, its name within 255 bytes", async () => {
    const applicant = "江门市".repeat(67); // 201 characters, 603 bytes
    const r = await generateIn(dir, applicant, "欧阳".repeat(30));
    expect(r.code).toBe(0);
    const [file] = fs.readdirSync(dir);
    expect(Buffer.byteLength(file)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(file).toMatch(/^江门市.*_材料评审_欧阳.*\.xlsx$/);
    fs.rmSync(path.join(dir, file));
  });

  it("drops bidi overrides and zero-width characters; refuses a name with nothing visible", async () => {
    expect(defaultFileName("甲\u202e公司\u200b", "material", "张\u2066三")).toBe("甲公司_材料评审_张三.xlsx");
    const r = await generateIn(dir, "\u200b\u200d\u202e", "张三");
    expect(r.code).toBe(2);
    expect(r.err).toContain("没有可见的字符");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("cuts at a character boundary: a four-byte character is never split", () => {
    const name = defaultFileName("𠀀".repeat(100), "onsite", "𠀀".repeat(100))!;
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(name).not.toContain("\ufffd");
    expect(Array.from(name.replace(/_现场评审_|\.xlsx/g, "")).every((c) => c === "𠀀")).toBe(true);
  });
});
