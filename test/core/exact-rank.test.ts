import {
  exact,
  maturityScore,
  parseScore,
  rankAmong,
  rankAmongNumbers,
  rankApplicants,
  scaledKey,
  format2,
} from "../../src/core";

// A small deterministic generator, so that a failure can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("scaledKey: comparing keys compares exact() values", () => {
  const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);

  it("is exact(x) × 10⁹ for ordinary scores", () => {
    expect(scaledKey(550)).toBe(550e9);
    expect(scaledKey(0.1 + 0.2)).toBe(300000000); // 0.30000000000000004 reads as 0.3
    expect(scaledKey(-12.5)).toBe(-12.5e9);
    expect(Object.is(scaledKey(-0), 0)).toBe(true);
    expect(scaledKey(4000 / 7)).toBe(571428571429);
  });

  it("gives up (null) outside ±8192 and for non-finite numbers", () => {
    expect(scaledKey(8192)).toBeNull();
    expect(scaledKey(-1e6)).toBeNull();
    expect(scaledKey(NaN)).toBeNull();
    expect(scaledKey(Infinity)).toBeNull();
    expect(scaledKey(8191.999)).not.toBeNull();
  });

  it("agrees with exact() on values at and next to half a billionth (the rounding ties)", () => {
    const next = (x: number, dir: 1 | -1) => {
      const buf = new DataView(new ArrayBuffer(8));
      buf.setFloat64(0, x);
      const bits = buf.getBigUint64(0);
      buf.setBigUint64(0, x > 0 === dir > 0 ? bits + 1n : bits - 1n);
      return buf.getFloat64(0);
    };
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const whole = Math.floor(r() * 2000) - 500;
      const half = (whole * 1e9 + Math.floor(r() * 1e9) + 0.5) / 1e9;
      for (const x of [half, next(half, 1), next(half, -1), next(next(half, 1), 1)]) {
        const expected = exact(x).mul(1e9);
        expect(expected.d).toBe(1n);
        expect(scaledKey(x)).toBe(Number(expected.n * expected.s));
      }
    }
  });

  it("orders like exact() on random pairs (decimals, sevenths, float sums)", () => {
    const r = rng(42);
    const pick = (): number => {
      const k = Math.floor(r() * 4);
      if (k === 0) return Math.round(r() * 100000) / 100;
      if (k === 1) return (Math.floor(r() * 7000) / 7) * (r() < 0.1 ? -1 : 1);
      if (k === 2) return 0.3 * Math.round(r() * 1000) + 0.7 * Math.round(r() * 1000);
      return r() * 8000;
    };
    for (let i = 0; i < 20000; i++) {
      const a = pick();
      const b = r() < 0.2 ? a + (r() - 0.5) * 1e-9 : pick();
      expect(sign(scaledKey(a)! - scaledKey(b)!)).toBe(exact(a).compare(exact(b)));
    }
  });
});

describe("rankAmong / rankAmongNumbers: the ranking rule of rankApplicants", () => {
  it("is 1 + how many are strictly higher; ties share", () => {
    const field = [700, 650, 650, 600].map((x) => exact(x));
    expect([700, 650, 600, 680, 800].map((x) => rankAmong(exact(x), field))).toEqual([1, 2, 4, 2, 1]);
  });

  it("equals rankApplicants on random fields, with and without the fast path", () => {
    const r = rng(3);
    for (let t = 0; t < 200; t++) {
      const big = t % 10 === 0; // some fields beyond 8192 take the exact path
      const scores = Array.from(
        { length: 1 + Math.floor(r() * 30) },
        () => Math.round(r() * 40) * (big ? 1000 : 12.5) + (r() < 0.3 ? 0.1 + 0.2 : 0),
      );
      const ranked = rankApplicants(scores.map((s, i) => ({ id: String(i), final: exact(s), vetoed: false })));
      scores.forEach((s, i) => {
        expect(rankAmongNumbers(s, scores)).toBe(ranked[i].rank);
        expect(
          rankAmong(
            exact(s),
            scores.map((x) => exact(x)),
          ),
        ).toBe(ranked[i].rank);
      });
    }
  });

  it("counts 549.9999999999999 (a float sum) as 550, as exact() does", () => {
    const f = 0.3 * 512.9 + 0.7 * 565.9; // 549.9999999999999 in binary floating point
    expect(f).not.toBe(550);
    expect(rankAmongNumbers(550, [f, 550])).toBe(1);
    expect(rankAmongNumbers(f, [551, 550])).toBe(2);
  });
});

describe("parseScore and maturityScore", () => {
  it("reads numbers to 9 decimals and decimal text exactly", () => {
    const ok = (raw: string | number) => {
      const p = parseScore(raw);
      if (p.kind !== "ok") throw new Error(`not ok: ${raw}`);
      return format2(p.value);
    };
    expect(ok(550)).toBe("550.00");
    expect(ok("５５０.５")).toBe("550.50");
    expect(ok(" 550 分 ")).toBe("550.00");
    expect(ok(".5")).toBe("0.50");
    expect(parseScore("").kind).toBe("missing");
    expect(parseScore(null).kind).toBe("missing");
    const bad = parseScore("高");
    expect(bad.kind === "invalid" && bad.message.zh).toBe("“高”不是有效的分数");
    expect(parseScore(true).kind).toBe("invalid");
  });

  it("maturityScore = points × percent / 100, exactly", () => {
    expect(format2(maturityScore(60, 45))).toBe("27.00");
    expect(maturityScore(35, 15).toFraction()).toBe("21/4");
  });
});
