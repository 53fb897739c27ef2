// .xlsx adapters (ExcelJS) for the workbook layout: write a layout, read a file back as a CellSource.
export * from "./write";
export * from "./read";
