import { format2, parseRoster } from "../../src/core";

describe("roster", () => {
  it("reads Chinese headers: bonus as 是/否 or condition ids, public satisfaction", () => {
    const { entries, problems } = parseRoster(
      [
        ["申报单位", "加分", "公众满意度"],
        ["甲公司", "是", ""],
        ["乙公司", "luban、high-tech", ""],
        ["张三", "否", "18.5"],
      ],
      "名单.csv",
    );
    expect(problems).toEqual([]);
    expect(entries[0]).toEqual({ applicant: "甲公司", bonus: true });
    expect(entries[1].bonus).toEqual(["luban", "high-tech"]);
    expect(entries[2].bonus).toBe(false);
    expect(format2(entries[2].public!)).toBe("18.50");
  });

  it("reads English headers", () => {
    const { entries } = parseRoster(
      [
        ["Applicant", "Bonus", "Public satisfaction"],
        ["Acme", "yes", "12"],
      ],
      "r.csv",
    );
    expect(entries).toHaveLength(1);
    expect(entries[0].bonus).toBe(true);
  });

  it("reports a missing applicant column, duplicates and bad numbers with the row", () => {
    expect(parseRoster([["名字", "加分"]], "r.csv").problems[0].reason).toContain("缺少“申报者”列");
    const { entries, problems } = parseRoster(
      [
        ["姓名", "公众满意度"],
        ["张三", "很好"],
        ["张三", "10"],
        ["", "5"],
      ],
      "r.csv",
    );
    expect(entries).toHaveLength(1);
    expect(problems.map((p) => p.row)).toEqual([2, 3, 4]);
    expect(problems[0].reason).toContain("不是数字");
    expect(problems[1].reason).toContain("重复");
  });
});
