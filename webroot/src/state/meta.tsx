import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api } from "../api/client";
import { messageOf } from "../api/errors";
import type { ResourceMeta } from "../api/types";
import { useSession } from "./session";

/** The resource catalogue (GET /meta/resources): every list, form and detail page is drawn from it. */
interface MetaState {
  loading: boolean;
  error: string | null;
  resources: ResourceMeta[];
  byName: Map<string, ResourceMeta>;
}

const MetaContext = createContext<MetaState>({ loading: true, error: null, resources: [], byName: new Map() });

export function MetaProvider({ children }: { children: ReactNode }) {
  const { status, generation } = useSession();
  const [state, setState] = useState<Omit<MetaState, "byName">>({ loading: true, error: null, resources: [] });

  useEffect(() => {
    if (status !== "signed-in") return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api
      .get<{ resources: ResourceMeta[] }>("/meta/resources")
      .then((data) => live && setState({ loading: false, error: null, resources: data?.resources ?? [] }))
      .catch((error) => live && setState({ loading: false, error: messageOf(error), resources: [] }));
    return () => {
      live = false;
    };
  }, [status, generation]);

  const value = useMemo(() => ({ ...state, byName: new Map(state.resources.map((r) => [r.name, r])) }), [state]);
  return <MetaContext.Provider value={value}>{children}</MetaContext.Provider>;
}

export function useMeta(): MetaState {
  return useContext(MetaContext);
}
