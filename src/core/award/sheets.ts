// The award definition workbook (评价标准定义表) as data: its sheets, their columns and the settings rows, shared by
// the writer (template and export), the reader and the checks. Pure: the file side is src/award.
import type { Award, PanelMethod, RankBy, Rubric, RuleSet } from "../types";

export type BookCell = string | number | boolean | null;
/** One sheet's cells, row by row (index 0 = the sheet's row 1), column by column (index 0 = column A). */
export type BookRows = BookCell[][];
/** A workbook's sheets by name. */
export type AwardBook = Record<string, BookRows>;

export const BOOK = {
  readme: "说明",
  award: "奖项",
  rules: "评审规则",
  rubrics: "评分标准",
  items: "评价项目",
  guide: "评分指南",
  vetoes: "否决事项",
  bonus: "加分",
  fixes: "勘误",
} as const;

/** The sheets a definition workbook must have (勘误 is optional). */
export const REQUIRED_SHEETS: readonly string[] = [
  BOOK.award,
  BOOK.rules,
  BOOK.rubrics,
  BOOK.items,
  BOOK.guide,
  BOOK.vetoes,
  BOOK.bonus,
];

export interface BookColumn {
  header: string;
  width: number;
  /** A drop-down of these values. */
  choices?: readonly string[];
  /** Typed text stays text (codes such as 1.10). */
  text?: boolean;
  /** A column added later: a workbook without it reads it as empty (no missing-column problem). */
  optional?: boolean;
  wrap?: boolean;
}

export const KIND = { process: "过程", results: "结果" } as const;
export const SCORING = { maturity: "成熟度", points: "分值" } as const;
export const ASK = { unmet: "是否符合该条件", occurred: "是否存在该情形" } as const;
export const YES_NO = ["是", "否"] as const;
export const APPLICANT = { organization: "组织", individual: "个人" } as const;
export const PANEL: Record<PanelMethod, string> = {
  mean: "平均分",
  trimmed: "去掉一个最高分和一个最低分后的平均分",
  median: "中位数",
};
export const RANK: Record<RankBy, string> = { "rule-set": "合并排名", rubric: "按评分标准分别排名" };
export const STAGE_SCORE = { consensus: "合议表总分", panel: "专家组合成" } as const;
export const STAGES = {
  material: { zh: "材料评审", en: "Material review" },
  onsite: { zh: "现场评审", en: "On-site review" },
} as const;
export const NONE = "无";
export const UNLIMITED = "不限";

/** Table sheets: column headers in order. */
export const COLUMNS: Record<string, readonly BookColumn[]> = {
  [BOOK.rubrics]: [
    { header: "编号", width: 26, text: true },
    { header: "名称", width: 40, wrap: true },
    { header: "英文名称", width: 30, wrap: true },
    { header: "规则集", width: 22, text: true },
    { header: "评分方式", width: 10, choices: Object.values(SCORING) },
    { header: "分值步长", width: 10 },
    { header: "总分", width: 8 },
    { header: "依据", width: 40, wrap: true },
    { header: "备注", width: 60, wrap: true },
  ],
  [BOOK.items]: [
    { header: "评分标准", width: 22, text: true },
    { header: "一级编号", width: 8, text: true },
    { header: "一级名称", width: 14, wrap: true },
    { header: "一级英文名称", width: 14, wrap: true },
    { header: "一级分值", width: 8 },
    { header: "一级说明", width: 24, wrap: true },
    { header: "编号", width: 8, text: true },
    { header: "评价项目", width: 18, wrap: true },
    { header: "英文名称", width: 16, wrap: true },
    { header: "分值", width: 7 },
    { header: "类型", width: 7, choices: Object.values(KIND) },
    { header: "下级条款", width: 20, wrap: true },
    { header: "评分要点（每行一条）", width: 70, wrap: true },
    { header: "适用对象", width: 12, wrap: true },
  ],
  [BOOK.vetoes]: [
    { header: "规则集", width: 22, text: true },
    { header: "编号", width: 22, text: true },
    { header: "事项", width: 60, wrap: true },
    { header: "提问", width: 16, choices: Object.values(ASK) },
    { header: "依据", width: 24, wrap: true },
    { header: "适用对象", width: 20, wrap: true },
    { header: "必答的评分标准", width: 22, wrap: true, optional: true },
  ],
  [BOOK.bonus]: [
    { header: "规则集", width: 22, text: true },
    { header: "编号", width: 24, text: true },
    { header: "事项", width: 60, wrap: true },
    { header: "分值", width: 8 },
    { header: "可累加", width: 8, choices: YES_NO },
  ],
  [BOOK.fixes]: [
    { header: "评分标准", width: 22, text: true },
    { header: "位置", width: 20, wrap: true },
    { header: "原文", width: 40, wrap: true },
    { header: "更正", width: 40, wrap: true },
    { header: "理由", width: 40, wrap: true },
  ],
};

export const GUIDE_FIXED: readonly BookColumn[] = [
  { header: "类型", width: 7, choices: Object.values(KIND) },
  { header: "维度编号", width: 8, text: true },
  { header: "维度名称", width: 16, wrap: true },
  { header: "英文名称", width: 14, wrap: true },
];
export const GUIDE_BAND_WIDTH = 30;

/** One row of the 奖项 sheet (设置, 值, 说明) or of the 评审规则 sheet (设置, 说明, one value column per rule set). */
export interface Setting {
  key: string;
  label: string;
  note: string;
  choices?: readonly string[];
  /** A feature the engine cannot express yet: a value here is refused by check, never approximated. */
  unsupported?: string;
}

export const AWARD_SETTINGS: readonly Setting[] = [
  {
    key: "id",
    label: "编号",
    note: "英文小写字母、数字和连字符，至少含一个连字符，如 shenzhen-2024；导入后各命令用它",
  },
  { key: "title", label: "奖项名称", note: "如 某某市政府质量奖（2024）" },
  { key: "titleEn", label: "英文名称", note: "可留空" },
  { key: "version", label: "年度/版本", note: "如 2024 或 2024-2；修改评价标准后改版本，按旧版本生成的评分表将被拒收" },
  { key: "source", label: "依据文件", note: "评价标准出自哪份文件、哪一部分" },
  { key: "scaleId", label: "评分尺度编号", note: "可留空（与奖项编号相同）" },
  { key: "scaleName", label: "评分指南名称", note: "如 某某市政府质量奖评分指南" },
  { key: "scaleNameEn", label: "评分指南英文名称", note: "可留空" },
  {
    key: "bands",
    label: "成熟度档次",
    note: "从低到高，每档“下限-上限”（%），用逗号分隔，如 0-10,15-30,35-50,55-70,75-85,90-100；不得有空缺或重叠",
  },
  { key: "step", label: "步长", note: "成熟度的步长（%），如 5：可填 0%、5%、10% … 100%；应能整除各档上下限" },
  { key: "functionRuleSet", label: "函数默认规则集", note: "一般留空（仅供 Excel 函数 QA.* 在公式未指明时使用）" },
  { key: "functionNote", label: "函数默认说明", note: "一般留空" },
  { key: "notes", label: "备注", note: "每行一条" },
  {
    key: "tiers",
    label: "奖项等级",
    note: "如 质量奖/提名奖、金奖：暂不支持，请留空",
    unsupported: "奖项等级（质量奖/提名奖、金奖等）",
  },
];

export const RULE_SETTINGS: readonly Setting[] = [
  { key: "id", label: "规则集编号", note: "英文小写字母、数字和连字符，至少含一个连字符，如 shenzhen-organization" },
  { key: "name", label: "规则集名称", note: "如 某某市政府质量奖（组织）" },
  { key: "nameEn", label: "英文名称", note: "可留空" },
  { key: "applicant", label: "申报对象", note: "组织或个人", choices: Object.values(APPLICANT) },
  {
    key: "stages",
    label: "评审阶段",
    note: "材料评审、现场评审（用顿号分隔，按先后）；答辩、社会评价等其他阶段暂不支持",
  },
  { key: "weights", label: "阶段权重", note: "与评审阶段一一对应，如 30%、70%；合计应为 100%" },
  { key: "panelMethod", label: "专家组合成方法", note: "专家组内各专家评分如何合成", choices: Object.values(PANEL) },
  {
    key: "stageScoring.material",
    label: "材料评审得分来源",
    note: "合议表总分：组长交回的合议表；专家组合成：按上面的方法",
    choices: Object.values(STAGE_SCORE),
  },
  { key: "stageScoring.onsite", label: "现场评审得分来源", note: "同上", choices: Object.values(STAGE_SCORE) },
  {
    key: "rankBy",
    label: "排名方式",
    note: "合并排名：本规则集一个名次表；按评分标准分别排名：每个评分标准（评审领域）一个名次表；按行业、规模等其他分组暂不支持",
    choices: Object.values(RANK),
  },
  { key: "advance", label: "进入现场评审分数线", note: "材料评审得分达到此分（含）进入现场评审；不设填“无”" },
  { key: "advanceNote", label: "分数线说明", note: "文件原文，可留空" },
  { key: "finalThreshold", label: "提名分数线", note: "最终得分达到此分（含）方可列入候选名单；不设填“无”" },
  {
    key: "topN",
    label: "候选名额",
    note: "如 10；不限填“不限”；按分组的名额（如 大型企业 2 家、中小企业 3 家）暂不支持",
  },
  { key: "bonusText", label: "加分说明", note: "加分规则的原文；各加分条件填在“加分”表" },
  { key: "publicMax", label: "公众满意度满分", note: "如 20；不计公众满意度填“无”" },
  { key: "publicText", label: "公众满意度说明", note: "可留空" },
  { key: "quorum", label: "表决出席比例", note: "如 2/3；不设表决填“无”" },
  { key: "approval", label: "表决赞成比例", note: "如 2/3" },
  { key: "voteText", label: "表决说明", note: "可留空" },
  {
    key: "documents",
    label: "规则要求的评审文件",
    note: "评审规则要求形成的文件，用顿号分隔：受理名单、评审记录表、评审得分排序表、现场评审意见、综合评审工作报告；规则未要求的留空（不生成）",
  },
  { key: "onsiteOpinion", label: "现场评审意见要求", note: "文件原文，印在现场评审报告的“现场评审意见”一节；可留空" },
  {
    key: "secretariatDefaults",
    label: "质评办默认设置",
    note: "文件未作规定、由本表按默认值填写、质评办可调整的设置（填上面各行的设置名，用顿号分隔）；留空的设置会自动按默认值填写并列在此处",
  },
  { key: "notes", label: "备注", note: "每行一条" },
];

/** secretariatDefaults entries that name no single row. */
export const DEFAULT_KEYS_EXTRA: Record<string, string> = { stageScoring: "阶段得分来源" };
/** secretariatDefaults keys ↔ the labels the sheet shows. */
export const DEFAULT_LABELS: Record<string, string> = {
  stages: "阶段权重",
  panelMethod: "专家组合成方法",
  "stageScoring.material": "材料评审得分来源",
  "stageScoring.onsite": "现场评审得分来源",
  rankBy: "排名方式",
  advance: "进入现场评审分数线",
  finalThreshold: "提名分数线",
  topN: "候选名额",
  bonus: "加分说明",
  publicSatisfaction: "公众满意度满分",
  vote: "表决出席比例",
  ...DEFAULT_KEYS_EXTRA,
};

export const README_LINES: readonly string[] = [
  "评价标准定义表：质评办在此填写一个奖项的评价标准和评审规则，填好后用 Scorebook 检查、导入，即可像自带的奖项一样生成评分表、汇总排名。",
  "",
  "怎么用：",
  "1. scorebook award template -o 评价标准.xlsx 生成本表（空白）；scorebook award export hebei-2022 -o 河北.xlsx 可导出自带奖项作为参考样例。",
  "2. 按各工作表的表头填写。带下拉箭头的单元格从列表中选择。编号请用文本（如 1.10 不要写成数字 1.1）。",
  "3. scorebook award check 评价标准.xlsx：逐项检查，每个问题写明工作表、行和列。只有没有问题时才能导入。",
  "4. scorebook award import 评价标准.xlsx：检查后保存到奖项文件夹；之后各命令加 --awards <文件夹>（或设置环境变量 SCOREBOOK_AWARDS）即可使用。",
  "",
  "各工作表：",
  "奖项 —— 奖项编号、名称、版本、依据文件，成熟度档次和步长（每行一个设置：设置、值、说明）。",
  "评审规则 —— 每个规则集一列（如组织奖、个人奖）：评审阶段和权重、专家组合成方法、排名方式、分数线、名额、公众满意度、表决规则。",
  "评分标准 —— 每行一套评分标准（如按行业分别制定的评分要点）：编号、名称、所属规则集、评分方式（成熟度/分值）、总分。",
  "评价项目 —— 一级指标（一级编号、名称、分值）和评价项目（编号、名称、分值、类型、评分要点，每行一条），下级条款另起一行。",
  "评分指南 —— 每个维度一行（过程：方法、展开…；结果：水平、趋势…），每档一列，写该档的描述。",
  "否决事项 —— 编号、事项、提问（是否符合该条件 / 是否存在该情形）、依据、适用对象；“必答的评分标准”列出申报者总属于适用对象的评分标准编号（如高层领导者），其评分表不提供“不适用”。",
  "加分 —— 编号、事项、分值、可累加。",
  "勘误 —— 可选：录入时对原文的更正及理由。",
  "",
  "文件未作规定的设置（如专家组合成方法）留空时按默认值填写，并记入“质评办默认设置”，检查和导入时会列出，质评办可调整。",
  "暂不支持（检查时会明确拒绝，不会近似处理）：奖项等级（质量奖/提名奖、金奖）、按分组的名额（如中小企业名额）、答辩或社会评价等额外阶段、按行业等其他分组排名、只适用于部分申报者的评价项目、各加分条件分值不同。",
];

export type { Award, Rubric, RuleSet };
