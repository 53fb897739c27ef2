// Reading files: anything that is not a readable .xlsx is refused with a Chinese message naming the file, and the
// file read is never modified.
import { createHash } from "crypto";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { interpret } from "../../src/workbook";
import { readXlsx, readXlsxFile, XlsxReadError } from "../../src/xlsx";
import { generate, tmpDir } from "../helpers/workbooks";

async function refusal(data: Uint8Array, name: string): Promise<XlsxReadError> {
  try {
    await readXlsx(data, name);
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxReadError);
    return e as XlsxReadError;
  }
  throw new Error(`${name} was accepted`);
}

describe("reading .xlsx files", () => {
  it("refuses text, .xls, a damaged zip and a zip that is not a workbook, naming the file", async () => {
    const text = await refusal(Buffer.from("编号,成熟度\n1.1,45%\n", "utf8"), "scores/张三.xlsx");
    expect([text.code, text.zh]).toEqual([
      "not-xlsx",
      "张三.xlsx：不是 .xlsx 工作簿文件（文件内容不是 Excel 工作簿格式）",
    ]);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(ole, "old.xls")).zh).toMatch(/^old\.xls：是旧版 Excel 97–2003（\.xls）文件或加密的工作簿/);
    const damaged = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const d = await refusal(damaged, "damaged.xlsx");
    expect([d.code, d.zh.startsWith("damaged.xlsx：文件已损坏或不是 Excel 工作簿，无法读取")]).toEqual([
      "corrupt",
      true,
    ]);
    const zip = new JSZip();
    zip.file("readme.txt", "hello");
    const notBook = await refusal(await zip.generateAsync({ type: "nodebuffer" }), "photos.xlsx");
    expect(notBook.zh).toMatch(/^photos\.xlsx：/);
    expect(await refusal(Buffer.alloc(0), "empty.xlsx")).toMatchObject({ code: "not-xlsx" });
  });

  it("refuses a missing file and a folder", async () => {
    const dir = tmpDir();
    await expect(readXlsxFile(path.join(dir, "nope.xlsx"))).rejects.toMatchObject({
      code: "not-found",
      zh: `${path.join(dir, "nope.xlsx")}：文件不存在`,
    });
    await expect(readXlsxFile(dir)).rejects.toMatchObject({ code: "unreadable" });
  });

  it("never modifies the file it reads", async () => {
    const dir = tmpDir();
    const file = path.join(dir, "评分表.xlsx");
    fs.writeFileSync(file, (await generate("hebei-organization")).buffer);
    const before = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    const mtime = fs.statSync(file).mtimeMs;
    const report = interpret(await readXlsxFile(file));
    expect(report.rubric).toBe("hebei-organization");
    expect(report.file).toBe(file);
    expect(createHash("sha256").update(fs.readFileSync(file)).digest("hex")).toBe(before);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir)).toEqual(["评分表.xlsx"]);
  });
});
