import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, setTenant, setUnauthorizedHandler } from "../api/client";
import { ApiError } from "../api/errors";
import type { Company, Me, Role, SessionProbe, User } from "../api/types";

/**
 * Who is signed in and in which company. The chosen company is remembered per browser and sent as
 * X-Tenant-ID on every call; switching it reloads what the pages show.
 */
interface SessionState {
  status: "loading" | "signed-out" | "signed-in";
  user: User | null;
  companies: Company[];
  company: Company | null;
  role: Role | null;
  /** Bumps on every company switch: pages key their data on it. */
  generation: number;
  expired: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  adopt: (me: Me) => void;
  switchCompany: (slug: string) => void;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
const COMPANY_KEY = "pm.company";

function pickCompany(companies: Company[]): Company | null {
  const remembered = localStorage.getItem(COMPANY_KEY);
  return companies.find((c) => c.slug === remembered) ?? companies[0] ?? null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionState["status"]>("loading");
  const [user, setUser] = useState<User | null>(null);
  const [companies, setCompanies] = useState<Company[]>([]);
  const [company, setCompany] = useState<Company | null>(null);
  const [generation, setGeneration] = useState(0);
  const [expired, setExpired] = useState(false);

  const adopt = useCallback((me: Me) => {
    const chosen = pickCompany(me.companies ?? []);
    setTenant(chosen?.slug ?? null);
    setUser(me.user);
    setCompanies(me.companies ?? []);
    setCompany(chosen);
    setExpired(false);
    setStatus("signed-in");
    setGeneration((g) => g + 1);
  }, []);

  const signedOut = useCallback(() => {
    setTenant(null);
    setUser(null);
    setCompanies([]);
    setCompany(null);
    setStatus("signed-out");
  }, []);

  // /auth/session answers "signed out" with a 200: /auth/me would answer 401, which the browser
  // reports as a failed request on every signed-out visit.
  const refresh = useCallback(async () => {
    try {
      const probe = await api.get<SessionProbe>("/auth/session", { quiet401: true });
      if (probe.signed_in) adopt(probe);
      else signedOut();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) signedOut();
      else throw error;
    }
  }, [adopt, signedOut]);

  useEffect(() => {
    refresh().catch(() => signedOut());
  }, [refresh, signedOut]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setExpired(true);
      signedOut();
    });
    return () => setUnauthorizedHandler(null);
  }, [signedOut]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      adopt(await api.post<Me>("/auth/login", { email, password }, { quiet401: true }));
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post("/auth/logout", undefined, { quiet401: true });
    } finally {
      setExpired(false);
      signedOut();
    }
  }, [signedOut]);

  const switchCompany = useCallback(
    (slug: string) => {
      const next = companies.find((c) => c.slug === slug);
      if (!next) return;
      localStorage.setItem(COMPANY_KEY, slug);
      setTenant(slug);
      setCompany(next);
      setGeneration((g) => g + 1);
    },
    [companies],
  );

  const value = useMemo<SessionState>(
    () => ({
      status,
      user,
      companies,
      company,
      role: company?.role ?? null,
      generation,
      expired,
      signIn,
      signOut,
      adopt,
      switchCompany,
      refresh,
    }),
    [status, user, companies, company, generation, expired, signIn, signOut, adopt, switchCompany, refresh],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
