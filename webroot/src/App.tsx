import { lazy, Suspense, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { Layout } from "./components/Layout";
import { Loading } from "./components/ui";
import { ForgotPassword, ResetPassword } from "./pages/auth/Passwords";
import { Profile } from "./pages/auth/Profile";
import { SignIn } from "./pages/auth/SignIn";
import { SignUp } from "./pages/auth/SignUp";
import { Dashboard } from "./pages/Dashboard";
import { NotFound } from "./pages/NotFound";
import { Records } from "./pages/records/Records";
import { Today } from "./pages/Today";
import { MetaProvider } from "./state/meta";
import { SessionProvider, useSession } from "./state/session";

// The heavier pages load on first visit: the list pages a broker opens all day stay light.
const Assistant = lazy(() => import("./pages/assistant/Assistant").then((m) => ({ default: m.Assistant })));
const Documents = lazy(() => import("./pages/documents/Documents").then((m) => ({ default: m.Documents })));
const DocumentReview = lazy(() =>
  import("./pages/documents/DocumentReview").then((m) => ({ default: m.DocumentReview })),
);
const CallsCalendar = lazy(() => import("./pages/calendar/CallsCalendar").then((m) => ({ default: m.CallsCalendar })));
const Members = lazy(() => import("./pages/admin/Members").then((m) => ({ default: m.Members })));
const Invitations = lazy(() => import("./pages/admin/Invitations").then((m) => ({ default: m.Invitations })));
const CompanyProfile = lazy(() => import("./pages/admin/CompanyProfile").then((m) => ({ default: m.CompanyProfile })));
const Tokens = lazy(() => import("./pages/admin/Tokens").then((m) => ({ default: m.Tokens })));

function RequireSignIn({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === "loading") return <Loading label="Opening ProjectMeats…" />;
  if (status === "signed-out")
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <MetaProvider>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/sign-in" element={<SignIn />} />
              <Route path="/invite/:token" element={<SignUp />} />
              <Route path="/forgot-password" element={<ForgotPassword />} />
              <Route path="/reset-password" element={<ResetPassword />} />
              <Route
                element={
                  <RequireSignIn>
                    <Layout />
                  </RequireSignIn>
                }
              >
                <Route index element={<Today />} />
                <Route path="dashboard" element={<Dashboard />} />
                <Route path="calendar" element={<CallsCalendar />} />
                <Route path="profile" element={<Profile />} />
                <Route path="assistant" element={<Assistant />} />
                <Route path="assistant/:sessionId" element={<Assistant />} />
                <Route path="documents" element={<Documents />} />
                <Route path="documents/:id" element={<DocumentReview />} />
                <Route path="admin/members" element={<Members />} />
                <Route path="admin/invitations" element={<Invitations />} />
                <Route path="settings/tokens" element={<Tokens />} />
                <Route path="settings/company" element={<CompanyProfile />} />
                <Route path=":resource" element={<Records mode="list" />} />
                <Route path=":resource/new" element={<Records mode="new" />} />
                <Route path=":resource/:id" element={<Records mode="detail" />} />
                <Route path=":resource/:id/edit" element={<Records mode="edit" />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </MetaProvider>
      </SessionProvider>
    </BrowserRouter>
  );
}
