import { describe, expect, it } from "vitest";
import {
  compare,
  formatGrouped,
  formatMoney,
  lineTotal,
  parseDecimal,
  sumMoney,
  toPlain,
  round,
  subtract,
} from "./decimal";

describe("decimal strings", () => {
  it("parses what people type and refuses the rest", () => {
    expect(toPlain(parseDecimal("1,234.50")!)).toBe("1234.50");
    expect(toPlain(parseDecimal(" -3.2 ")!)).toBe("-3.2");
    expect(toPlain(parseDecimal(".5")!)).toBe(".5".replace(".", "0."));
    for (const bad of ["", " ", "abc", "1.2.3", "1e5", "--1", "."]) expect(parseDecimal(bad)).toBeNull();
  });

  it("computes a purchase order line's total exactly", () => {
    expect(lineTotal("32000.00", "2.4500")).toBe("78400.00");
  });

  it("rounds half-up to cents where floating point would not", () => {
    // 1.005 × 1 is 1.00499999… in binary floating point; exact arithmetic rounds it to 1.01.
    expect(lineTotal("1.005", "1")).toBe("1.01");
    expect(lineTotal("0.1", "0.2")).toBe("0.02");
    expect(lineTotal("3", "0.125")).toBe("0.38");
    expect(lineTotal("3", "0.1249")).toBe("0.37");
    expect(toPlain(round(parseDecimal("-2.345")!, 2))).toBe("-2.35");
  });

  it("keeps big totals exact", () => {
    expect(lineTotal("45000.55", "12345.6789")).toBe("555562340.62"); // 555562340.623395;
    expect(sumMoney(["9007199254740993.01", "0.01"])).toBe("9007199254740993.02");
  });

  it("answers null for a line not filled in yet, and sums only what is there", () => {
    expect(lineTotal("", "2.45")).toBeNull();
    expect(lineTotal("100", "x")).toBeNull();
    expect(sumMoney(["78400.00", null, "", "1600.5"])).toBe("80000.50");
    expect(sumMoney([])).toBe("0.00");
  });

  it("formats money for people", () => {
    expect(formatMoney("78400")).toBe("$78,400.00");
    expect(formatMoney("-1234567.891")).toBe("-$1,234,567.89");
    expect(formatGrouped("999.999")).toBe("1,000.00");
    expect(formatMoney(null)).toBe("");
  });

  it("compares and subtracts", () => {
    expect(compare(parseDecimal("10.0")!, parseDecimal("10")!)).toBe(0);
    expect(compare(parseDecimal("9.99")!, parseDecimal("10")!)).toBe(-1);
    expect(toPlain(subtract(parseDecimal("78400.00")!, parseDecimal("20000")!))).toBe("58400.00");
  });
});
