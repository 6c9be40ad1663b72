import { describe, expect, it } from "vitest";
import { attachmentsPath, canRemove, kindLabel, MAX_BYTES, previewOf, refusal } from "./attachments";

const claims = { write_role: "user" as const, delete_role: "manager" as const };

describe("attachments", () => {
  it("previews images and PDFs in the page, nothing else", () => {
    expect(previewOf("image/png")).toBe("image");
    expect(previewOf("image/jpeg")).toBe("image");
    expect(previewOf("application/pdf")).toBe("pdf");
    expect(previewOf("text/plain")).toBeNull();
    expect(previewOf("text/csv")).toBeNull();
  });

  it("refuses too large and empty files before sending them", () => {
    expect(refusal({ size: MAX_BYTES })).toBeNull();
    expect(refusal({ size: MAX_BYTES + 1 })).toMatch(/10 MB/);
    expect(refusal({ size: 0 })).toMatch(/empty/);
  });

  it("lets a user remove their own files and a manager anyone's, as the API does", () => {
    const mine = { uploaded_by: 7 };
    const theirs = { uploaded_by: 8 };
    const orphan = { uploaded_by: null };
    expect(canRemove(mine, { id: 7 }, "user", claims)).toBe(true);
    expect(canRemove(mine, { id: "7" }, "user", claims)).toBe(true);
    expect(canRemove(theirs, { id: 7 }, "user", claims)).toBe(false);
    expect(canRemove(orphan, { id: 7 }, "user", claims)).toBe(false);
    expect(canRemove(theirs, { id: 7 }, "manager", claims)).toBe(true);
    expect(canRemove(orphan, { id: 7 }, "owner", claims)).toBe(true);
    expect(canRemove(mine, { id: 7 }, "readonly", claims)).toBe(false);
    expect(canRemove(mine, null, null, claims)).toBe(false);
  });

  it("names kinds and paths", () => {
    expect(kindLabel("proof_of_delivery")).toBe("Proof of delivery");
    expect(kindLabel("unheard_of")).toBe("unheard_of");
    expect(attachmentsPath("claims", "12")).toBe("/claims/12/attachments");
    expect(attachmentsPath("claims", 12, 5)).toBe("/claims/12/attachments/5");
  });
});
