import { describe, expect, it } from "vitest";
import type { ChildMeta, ResourceMeta } from "../api/types";
import { isBlankLine, liveLineTotal, liveOrderTotal, toPayload, toValues, type LineValues } from "./formValues";

const lines: ChildMeta = {
  name: "lines",
  label: "Lines",
  fields: [
    { name: "product", label: "Product", type: "reference", reference: "products" },
    { name: "description", label: "Description", type: "text" },
    { name: "quantity", label: "Quantity", type: "integer" },
    { name: "weight", label: "Weight", type: "decimal" },
    { name: "price_per_unit", label: "Price per unit", type: "decimal" },
    { name: "line_total", label: "Line total", type: "money", read_only: true },
  ],
};
const po: Pick<ResourceMeta, "fields" | "children"> = {
  fields: [
    { name: "supplier", label: "Supplier", type: "reference", reference: "suppliers", required: true },
    { name: "order_date", label: "Order date", type: "date" },
    { name: "rush", label: "Rush", type: "boolean" },
    { name: "proteins", label: "Proteins", type: "choices", choices: ["Beef", "Pork"] },
    { name: "total_amount", label: "Total", type: "money", read_only: true },
    { name: "notes", label: "Notes", type: "textarea" },
  ],
  children: [lines],
};

describe("form values", () => {
  it("builds the body the API expects: ids as numbers, money as exact strings, blanks as null, no read-only fields", () => {
    const values = {
      ...toValues(po.fields),
      supplier: "77",
      order_date: "2026-11-20",
      rush: true,
      proteins: ["Beef"],
      notes: "  ",
    };
    const rows: LineValues[] = [
      {
        _key: "a",
        product: "31",
        description: "Chuck roll",
        quantity: "800",
        weight: "32,000.00",
        price_per_unit: "2.4500",
        line_total: "",
      },
    ];
    expect(toPayload(po, values, { lines: rows })).toEqual({
      supplier: 77,
      order_date: "2026-11-20",
      rush: true,
      proteins: ["Beef"],
      notes: null,
      lines: [{ product: 31, description: "Chuck roll", quantity: 800, weight: "32000.00", price_per_unit: "2.4500" }],
    });
  });

  it("keeps a line's id so the server updates it rather than adding a new one", () => {
    const payload = toPayload(po, toValues(po.fields), {
      lines: [{ _key: "a", id: "9", weight: "1", price_per_unit: "1" } as LineValues],
    });
    expect((payload.lines as Array<Record<string, unknown>>)[0].id).toBe(9);
  });

  it("reads a record back into inputs", () => {
    const values = toValues(po.fields, {
      supplier: 77,
      rush: false,
      proteins: ["Pork"],
      total_amount: "10.00",
      notes: null,
    });
    expect(values).toMatchObject({ supplier: "77", rush: false, proteins: ["Pork"], notes: "", order_date: "" });
  });

  it("prefills from defaults (a 'New contact' link from a supplier)", () => {
    expect(toValues(po.fields, null, { supplier: "5" }).supplier).toBe("5");
  });

  it("totals live lines exactly, ignoring half-filled ones", () => {
    const rows = [
      { weight: "32000.00", price_per_unit: "2.4500" },
      { weight: "1000", price_per_unit: "1.005" },
      { weight: "", price_per_unit: "3" },
    ];
    expect(liveLineTotal(rows[1])).toBe("1005.00");
    expect(liveOrderTotal(rows)).toBe("79405.00");
  });

  it("knows an untouched row is no line", () => {
    expect(
      isBlankLine(lines, { _key: "x", product: "", description: "", quantity: "", weight: "", price_per_unit: "" }),
    ).toBe(true);
    expect(
      isBlankLine(lines, { _key: "x", product: "", description: "", quantity: "", weight: "5", price_per_unit: "" }),
    ).toBe(false);
  });
});
