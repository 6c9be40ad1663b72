import { useCallback, useEffect, useState } from "react";

export type ThemeChoice = "light" | "dark" | "system";
const KEY = "pm.theme";

function apply(choice: ThemeChoice) {
  const dark =
    choice === "dark" || (choice === "system" && window.matchMedia?.("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

/** Applied before React renders (main.tsx), so a dark-theme user never sees a white flash. */
export function applyStoredTheme() {
  apply((localStorage.getItem(KEY) as ThemeChoice) || "system");
}

export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(() => (localStorage.getItem(KEY) as ThemeChoice) || "system");
  useEffect(() => {
    apply(choice);
    if (choice !== "system") return;
    const media = window.matchMedia?.("(prefers-color-scheme: dark)");
    const listener = () => apply("system");
    media?.addEventListener("change", listener);
    return () => media?.removeEventListener("change", listener);
  }, [choice]);
  const set = useCallback((next: ThemeChoice) => {
    localStorage.setItem(KEY, next);
    setChoice(next);
  }, []);
  return [choice, set];
}
