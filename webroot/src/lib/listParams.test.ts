import { describe, expect, it } from "vitest";
import type { ResourceMeta } from "../api/types";
import { apiQuery, readListState, toggleOrdering, withChange, writeListState, pageCount } from "./listParams";

const suppliers: ResourceMeta = {
  name: "suppliers",
  label: "Suppliers",
  singular: "Supplier",
  display_field: "name",
  write_role: "user",
  delete_role: "manager",
  status_field: "status",
  fields: [
    { name: "name", label: "Name", type: "text", order: true, search: true },
    { name: "state", label: "State", type: "text", filter: true, order: true },
    { name: "status", label: "Status", type: "choice", choices: ["active", "inactive", "archived"] },
    {
      name: "edible_inedible",
      label: "Edible",
      type: "choice",
      choices: ["Edible", "Inedible", "Edible & Inedible"],
      filter: true,
    },
    { name: "credit_app_sent_on", label: "Credit app sent", type: "date", filter: true },
  ],
};

describe("list state in the URL", () => {
  it("round-trips through the URL", () => {
    const state = {
      page: 3,
      pageSize: 50,
      q: "acme",
      ordering: "-name",
      filters: { edible_inedible: "Edible & Inedible", state: "TX" },
    };
    const url = writeListState(state).toString();
    expect(readListState(new URLSearchParams(url), suppliers)).toEqual(state);
  });

  it("leaves defaults out so shared links stay short and equal views give equal URLs", () => {
    expect(writeListState({ page: 1, pageSize: 25, q: "  ", ordering: "", filters: { status: "" } }).toString()).toBe(
      "",
    );
    const a = writeListState({
      page: 1,
      pageSize: 25,
      q: "",
      ordering: "",
      filters: { state: "TX", status: "active" },
    }).toString();
    const b = writeListState({
      page: 1,
      pageSize: 25,
      q: "",
      ordering: "",
      filters: { status: "active", state: "TX" },
    }).toString();
    expect(a).toBe(b);
  });

  it("escapes values with spaces and ampersands", () => {
    const params = writeListState({
      page: 1,
      pageSize: 25,
      q: "",
      ordering: "",
      filters: { edible_inedible: "Edible & Inedible" },
    });
    expect(params.toString()).toBe("edible_inedible=Edible+%26+Inedible");
    expect(readListState(params, suppliers).filters.edible_inedible).toBe("Edible & Inedible");
  });

  it("drops what the resource does not know, and repairs bad paging", () => {
    const state = readListState(
      new URLSearchParams(
        "page=-2&page_size=1000&ordering=secret&bogus=1&status=active&credit_app_sent_on_after=2026-01-01",
      ),
      suppliers,
    );
    expect(state.page).toBe(1);
    expect(state.pageSize).toBe(100);
    expect(state.ordering).toBe("");
    expect(state.filters).toEqual({ status: "active", credit_app_sent_on_after: "2026-01-01" });
  });

  it("always tells the API the page and its size", () => {
    expect(apiQuery({ page: 1, pageSize: 25, q: "beef", ordering: "-created_on", filters: { status: "active" } })).toBe(
      "q=beef&status=active&ordering=-created_on&page=1&page_size=25",
    );
  });

  it("sorts ascending then descending, and any change returns to page 1", () => {
    expect(toggleOrdering("", "name")).toBe("name");
    expect(toggleOrdering("name", "name")).toBe("-name");
    expect(toggleOrdering("-name", "name")).toBe("name");
    expect(toggleOrdering("-name", "state")).toBe("state");
    const state = { page: 4, pageSize: 25, q: "", ordering: "", filters: {} };
    expect(withChange(state, { q: "x" }).page).toBe(1);
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(51, 25)).toBe(3);
  });
});
