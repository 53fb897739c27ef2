// The generated workbook as .xlsx bytes (base64) for "new workbook": ExcelJS through the same writer the CLI uses.
// Imported with import() only, so that ExcelJS is a chunk of its own, loaded when a reviewer asks for a new workbook.
import { layoutToWorkbook } from "../xlsx/write";
import type { WorkbookLayout } from "../workbook/types";

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export async function layoutToBase64(layout: WorkbookLayout): Promise<string> {
  const wb = await layoutToWorkbook(layout);
  const data = await wb.xlsx.writeBuffer();
  return toBase64(new Uint8Array(data));
}
