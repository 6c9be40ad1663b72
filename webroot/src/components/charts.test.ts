import { describe, expect, it } from "vitest";
import { axisTicks } from "./charts";

describe("chart axis", () => {
  it("puts gridlines on round numbers and covers losses below zero", () => {
    expect(axisTicks([2_300_000, 1_900_000, -359_000])).toEqual([-1_000_000, 0, 1_000_000, 2_000_000, 3_000_000]);
    expect(axisTicks([60_000, 155_000])).toEqual([0, 50_000, 100_000, 150_000, 200_000]);
  });

  it("draws an axis for an empty year", () => {
    expect(axisTicks([0, 0])).toEqual([0, 1]);
    expect(axisTicks([])).toEqual([0, 1]);
  });
});
