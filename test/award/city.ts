// A third award, fictional, as a secretariat would type it into the blank definition workbook (scorebook award
// template): its own four bands and 10 % step, 40/60 stage weights, lines, a limit of two candidates, one veto and one
// bonus. Rows are the cells typed, sheet by sheet (settings by their label; tables below their headers).
import ExcelJS from "exceljs";
import type { AwardBook, BookCell } from "../../src/core/award/sheets";

export const CITY_ID = "meijiang-2024";
export const CITY_RUBRIC = "meijiang-organization";

export function cityBook(): AwardBook {
  return {
    奖项: [
      ["设置", "值", "说明"],
      ["编号", CITY_ID],
      ["奖项名称", "梅江市政府质量奖（2024）"],
      ["年度/版本", "2024"],
      ["依据文件", "梅江市政府质量奖管理办法（虚构，测试用）"],
      ["评分指南名称", "梅江市政府质量奖评分指南"],
      ["成熟度档次", "0-20,30-50,60-80,90-100"],
      ["步长", 10],
    ],
    评审规则: [
      ["设置", "说明", "规则集1"],
      ["规则集编号", null, "meijiang-organization"],
      ["规则集名称", null, "梅江市政府质量奖（组织）"],
      ["申报对象", null, "组织"],
      ["评审阶段", null, "材料评审、现场评审"],
      ["阶段权重", null, "40%、60%"],
      ["专家组合成方法", null, "平均分"],
      ["材料评审得分来源", null, "专家组合成"],
      ["现场评审得分来源", null, "专家组合成"],
      ["排名方式", null, "合并排名"],
      ["进入现场评审分数线", null, 300],
      ["提名分数线", null, 400],
      ["候选名额", null, 1],
      ["加分说明", null, "获得省级以上政府质量奖的，加 15 分。"],
      ["公众满意度满分", null, "无"],
      ["表决出席比例", null, "无"],
    ],
    评分标准: [
      ["编号", "名称", "英文名称", "规则集", "评分方式", "分值步长", "总分", "依据", "备注"],
      [CITY_RUBRIC, "梅江市政府质量奖评价标准（组织）", null, null, "成熟度", null, 600, "管理办法附件1", null],
    ],
    评价项目: [
      [
        "评分标准",
        "一级编号",
        "一级名称",
        "一级英文名称",
        "一级分值",
        "一级说明",
        "编号",
        "评价项目",
        "英文名称",
        "分值",
        "类型",
        "下级条款",
        "评分要点",
        "适用对象",
      ],
      [
        null,
        "1",
        "领导与战略",
        null,
        200,
        null,
        "1.1",
        "领导作用",
        null,
        120,
        "过程",
        null,
        "a. 如何确定使命和愿景。\nb. 如何推进质量文化。",
        null,
      ],
      [
        null,
        null,
        null,
        null,
        null,
        null,
        "1.2",
        "战略部署",
        null,
        80,
        "过程",
        null,
        "a. 如何制定并展开战略目标。",
        null,
      ],
      [
        null,
        "2",
        "结果",
        null,
        400,
        null,
        "2.1",
        "质量结果",
        null,
        250,
        "结果",
        null,
        "a. 产品和服务质量的水平与趋势。",
        null,
      ],
      [null, null, null, null, null, null, "2.2", "效益结果", null, 150, "结果", null, "a. 经济效益与社会效益。", null],
    ],
    评分指南: [
      ["类型", "维度编号", "维度名称", "英文名称", "第1档", "第2档", "第3档", "第4档"],
      [
        "过程",
        "A",
        "方法",
        null,
        "没有系统的方法。",
        "开始有系统的方法。",
        "有系统、有效的方法。",
        "方法完整、有效并持续创新。",
      ],
      ["过程", "D", "展开", null, "没有展开。", "在部分部门展开。", "在大多数部门展开。", "全面展开，无明显差距。"],
      ["结果", "R", "结果水平", null, "没有结果。", "少数结果良好。", "多数结果良好。", "结果卓越、处于领先。"],
      ["结果", "T", "趋势", null, "没有趋势数据。", "部分趋势有利。", "多数趋势有利。", "全部趋势持续有利。"],
    ],
    否决事项: [
      ["规则集", "编号", "事项", "提问", "依据", "适用对象"],
      [null, "false-material", "申报材料弄虚作假。", "是否存在该情形", "管理办法第十条", null],
    ],
    加分: [
      ["规则集", "编号", "事项", "分值", "可累加"],
      [null, "provincial-award", "获得省级以上政府质量奖", 15, "否"],
    ],
  };
}

/** Types a book's cells into a template workbook (bytes), as a person would: settings by label, tables by row. */
export async function typeInto(template: Buffer, book: AwardBook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  for (const [name, rows] of Object.entries(book)) {
    const ws = wb.getWorksheet(name)!;
    const settings = name === "奖项" || name === "评审规则";
    rows.slice(1).forEach((r: BookCell[], i) => {
      let rowNo = i + 2;
      if (settings) {
        ws.eachRow((row, n) => {
          if (row.getCell(1).value === r[0]) rowNo = n;
        });
        r.forEach((v, c) => {
          if (c > 0 && v !== null) ws.getCell(rowNo, c + 1).value = v;
        });
      } else r.forEach((v, c) => (ws.getCell(rowNo, c + 1).value = v));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
