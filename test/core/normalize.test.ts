import { checkMaturity, checkPoints, library, parseMaturity, parseYesNo, text } from "../../src/core";

const hebei = () => library().award("hebei-2022")!.scale;
const jiangmen = () => library().award("jiangmen-2022")!.scale;

describe("maturity input normalisation", () => {
  it.each([[0.45], [45], ["45%"], ["45 %"], ["45"], ["0.45"], [" 45% "], ["４５％"], ["45％"]])(
    "%p means 45 %",
    (raw) => {
      expect(parseMaturity(raw)).toEqual({ kind: "ok", value: 45 });
    },
  );

  it("reads 0, 1 (a full 100 % cell), 100 and 0.07 without float noise", () => {
    expect(parseMaturity(0)).toEqual({ kind: "ok", value: 0 });
    expect(parseMaturity(1)).toEqual({ kind: "ok", value: 100 });
    expect(parseMaturity("100%")).toEqual({ kind: "ok", value: 100 });
    expect(parseMaturity(0.07)).toEqual({ kind: "ok", value: 7 });
  });

  it.each([[null], [undefined], [""], ["   "]])("%p is missing (未评分)", (raw) => {
    expect(parseMaturity(raw).kind).toBe("missing");
    expect(checkMaturity(hebei(), raw).message!.zh).toBe("未评分");
  });

  it.each([["abc"], ["四十五"], ["45%%"], ["4 5x"], [true], [NaN]])("%p is unreadable, with the text quoted", (raw) => {
    const c = checkMaturity(hebei(), raw);
    expect(c.status).toBe("invalid");
    expect(c.message!.code).toBe("not-a-number");
    expect(c.message!.zh).toContain("不是有效的成熟度百分比");
  });

  it("47 % is not a multiple of 5 %", () => {
    const c = checkMaturity(hebei(), "47%");
    expect(c).toMatchObject({ status: "invalid", message: { code: "not-on-step" } });
    expect(c.message!.zh).toBe("成熟度 47% 不是 5% 的整数倍（允许 0%、5%、10% … 100%）");
  });

  it.each([["105%"], [-0.05], ["-5%"], [150]])("%p is outside 0–100 %", (raw) => {
    expect(checkMaturity(hebei(), raw)).toMatchObject({ status: "invalid", message: { code: "out-of-range" } });
  });

  it("every multiple of 5 % from 0 to 100 is allowed on both scales", () => {
    for (let p = 0; p <= 100; p += 5) {
      expect(checkMaturity(hebei(), `${p}%`).status).toBe("ok");
      expect(checkMaturity(jiangmen(), p / 100).status).toBe("ok");
    }
  });
});

describe("band checks", () => {
  it("a percentage must lie in the band the reviewer chose", () => {
    expect(checkMaturity(hebei(), "45%", 3)).toMatchObject({ status: "ok", band: 3 });
    const wrong = checkMaturity(hebei(), "45%", 4);
    expect(wrong).toMatchObject({ status: "invalid", message: { code: "not-in-band" } });
    expect(text(wrong.message!)).toBe("成熟度 45% 不在所选第 4 档（50%–65%）内");
    expect(checkMaturity(hebei(), "45%", "第3档").status).toBe("ok");
    expect(checkMaturity(hebei(), "45%", 7)).toMatchObject({ status: "invalid", message: { code: "unknown-band" } });
  });

  it("the same percentage is in different bands on the two scales (10, 30, 50, 70 %)", () => {
    expect(checkMaturity(jiangmen(), "10%", 1).status).toBe("ok");
    expect(checkMaturity(hebei(), "10%", 1).status).toBe("invalid");
    expect(checkMaturity(hebei(), "10%", 2).status).toBe("ok");
    expect(checkMaturity(jiangmen(), "30%", 2).status).toBe("ok");
    expect(checkMaturity(hebei(), "30%", 3).status).toBe("ok");
    expect(checkMaturity(jiangmen(), "50%").band).toBe(3);
    expect(checkMaturity(hebei(), "50%").band).toBe(4);
    expect(checkMaturity(jiangmen(), "70%").band).toBe(4);
    expect(checkMaturity(hebei(), "70%").band).toBe(5);
  });
});

describe("points input (individual rubrics)", () => {
  it("accepts 0 to the maximum in steps of 0.5", () => {
    expect(checkPoints(30, 0.5, 0)).toMatchObject({ status: "ok", value: 0 });
    expect(checkPoints(30, 0.5, "27.5")).toMatchObject({ status: "ok", value: 27.5 });
    expect(checkPoints(30, 0.5, "30分")).toMatchObject({ status: "ok", value: 30 });
  });

  it("rejects values above the maximum, negative, off-step or text", () => {
    expect(checkPoints(30, 0.5, 30.5)).toMatchObject({ status: "invalid", message: { code: "out-of-range" } });
    expect(checkPoints(30, 0.5, 30.5).message!.zh).toBe("得分 30.5 超出 0–30 分的范围");
    expect(checkPoints(30, 0.5, -1).message!.code).toBe("out-of-range");
    expect(checkPoints(30, 0.5, 27.3).message!.code).toBe("not-on-step");
    expect(checkPoints(30, 0.5, "很好").message!.code).toBe("not-a-number");
    expect(checkPoints(30, 0.5, "").status).toBe("missing");
  });
});

describe("yes/no answers", () => {
  it.each([
    ["是", true],
    ["Y", true],
    ["yes", true],
    [true, true],
    [1, true],
    ["TRUE", true],
    ["否", false],
    ["N", false],
    [false, false],
    [0, false],
  ])("%p → %p", (raw, v) => expect(parseYesNo(raw)).toEqual({ kind: "ok", value: v }));
  it("blank is unanswered and anything else is invalid", () => {
    expect(parseYesNo("").kind).toBe("missing");
    expect(parseYesNo("也许").kind).toBe("invalid");
  });
});
