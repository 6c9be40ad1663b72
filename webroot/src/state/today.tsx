import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useLocation } from "react-router";
import { api } from "../api/client";
import { navBadges, type TodayData } from "../lib/today";
import { useSession } from "./session";

/**
 * Today's counts for the navigation's badges: read with ?limit=0 (counts only) when the company
 * changes, every few minutes, and on moving to another page once they are half a minute old (an
 * approval or a payment changes them); the Today page hands over what it reads, so the badges agree
 * with it.
 */
interface TodayCounts {
  badges: Record<string, number>;
  publish: (data: Pick<TodayData, "counts" | "total">) => void;
  refresh: () => void;
}

const REFRESH_MS = 5 * 60_000;
const STALE_MS = 30_000;
const TodayContext = createContext<TodayCounts>({ badges: {}, publish: () => undefined, refresh: () => undefined });

export function TodayProvider({ children }: { children: ReactNode }) {
  const { generation } = useSession();
  const [badges, setBadges] = useState<Record<string, number>>({});
  const [tick, setTick] = useState(0);
  const readAt = useRef(0);
  const { pathname } = useLocation();

  useEffect(() => {
    // 0: the first read is under way (the effect below, on mount).
    if (readAt.current && Date.now() - readAt.current > STALE_MS) setTick((t) => t + 1);
  }, [pathname]);

  useEffect(() => {
    const controller = new AbortController();
    readAt.current = Date.now();
    api
      .get<TodayData>("/today?limit=0", { signal: controller.signal })
      .then((data) => setBadges(navBadges(data.counts, data.total)))
      // Badges are a convenience: without them the navigation still works, and the Today page
      // itself says what went wrong.
      .catch(() => undefined);
    const timer = window.setTimeout(() => setTick((t) => t + 1), REFRESH_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [generation, tick]);

  const publish = useCallback((data: Pick<TodayData, "counts" | "total">) => {
    readAt.current = Date.now();
    setBadges(navBadges(data.counts, data.total));
  }, []);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const value = useMemo(() => ({ badges, publish, refresh }), [badges, publish, refresh]);
  return <TodayContext.Provider value={value}>{children}</TodayContext.Provider>;
}

export function useTodayCounts(): TodayCounts {
  return useContext(TodayContext);
}
