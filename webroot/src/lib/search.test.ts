import { describe, expect, it } from "vitest";
import { moveActive, paletteOf, searchTerm, type SearchAnswer } from "./search";

const answer: SearchAnswer = {
  q: "cactus",
  total: 8,
  groups: [
    {
      resource: "suppliers",
      title: "Suppliers",
      count: 1,
      results: [{ resource: "suppliers", id: 7, label: "Cactus Packing", detail: null }],
    },
    {
      resource: "purchase-orders",
      title: "Purchase orders",
      count: 7,
      results: [
        { resource: "purchase-orders", id: 11, label: "PO-00011", detail: "Cactus Packing" },
        { resource: "purchase-orders", id: 12, label: "PO-00012", detail: "Cactus Packing" },
      ],
    },
  ],
};

describe("search palette", () => {
  it("keeps the API's groups and adds a line to the full list where more matched", () => {
    const { groups, options } = paletteOf(answer);
    expect(groups.map((g) => [g.title, g.options.length])).toEqual([
      ["Suppliers", 1],
      ["Purchase orders", 3],
    ]);
    expect(options.map((o) => o.href)).toEqual([
      "/suppliers/7",
      "/purchase-orders/11",
      "/purchase-orders/12",
      "/purchase-orders?q=cactus",
    ]);
    expect(options[3]).toMatchObject({ kind: "all", label: "All 7 purchase orders" });
    expect(new Set(options.map((o) => o.id)).size).toBe(options.length);
  });

  it("has nothing to show before an answer", () => {
    expect(paletteOf(null)).toEqual({ groups: [], options: [] });
  });

  it("arrows wrap at both ends", () => {
    expect(moveActive(-1, 1, 4)).toBe(0);
    expect(moveActive(-1, -1, 4)).toBe(3);
    expect(moveActive(3, 1, 4)).toBe(0);
    expect(moveActive(0, -1, 4)).toBe(3);
    expect(moveActive(1, 1, 4)).toBe(2);
    expect(moveActive(0, 1, 0)).toBe(-1);
  });

  it("sends trimmed text and nothing for blank", () => {
    expect(searchTerm("  Cactus ")).toBe("Cactus");
    expect(searchTerm("   ")).toBeNull();
    expect(searchTerm("x".repeat(300))).toHaveLength(200);
  });
});
