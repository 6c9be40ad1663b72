import { useEffect, useState, type FormEvent } from "react";
import { api, send } from "../../api/client";
import { ApiError, messageOf } from "../../api/errors";
import { uploadFile } from "../../api/upload";
import { FieldErrors } from "../../components/FieldInput";
import { ErrorBanner, Loading, Notice, PageHeader, useDocumentTitle } from "../../components/ui";
import { atLeast } from "../../lib/roles";
import { useLoad } from "../../lib/useLoad";
import { useSession } from "../../state/session";

interface Profile {
  company_name: string;
  legal_name: string;
  address: string;
  phone: string;
  email: string;
  remit_to: string;
  logo: { content_type: string; size: number } | null;
  version: number;
}

type Editable = Pick<Profile, "legal_name" | "address" | "phone" | "email" | "remit_to">;
const FIELDS: { name: keyof Editable; label: string; multiline?: boolean; type?: string; hint?: string }[] = [
  {
    name: "legal_name",
    label: "Legal name",
    hint: "Printed at the top of orders and invoices; the company's name when left blank.",
  },
  { name: "address", label: "Address", multiline: true },
  { name: "phone", label: "Phone", type: "tel" },
  { name: "email", label: "E-mail", type: "email" },
  {
    name: "remit_to",
    label: "Remit to",
    multiline: true,
    hint: "Where customers send payment: printed on every invoice.",
  },
];
const MAX_LOGO = 1024 * 1024;

/** The letterhead of the company's paperwork: every member reads it, owners and admins change it and upload the logo. */
export function CompanyProfile() {
  useDocumentTitle("Company profile");
  const { role, generation } = useSession();
  const canEdit = atLeast(role, "admin");
  const profile = useLoad((signal) => api.get<Profile>("/company/profile", { signal }), [generation]);
  const [form, setForm] = useState<Editable | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState<number | null>(null);
  const [logoUrl, setLogoUrl] = useState<string | null>(null);

  useEffect(() => {
    if (profile.data)
      setForm({
        legal_name: profile.data.legal_name,
        address: profile.data.address,
        phone: profile.data.phone,
        email: profile.data.email,
        remit_to: profile.data.remit_to,
      });
  }, [profile.data]);

  // The logo is fetched like any API call (it needs the company header), then shown from memory.
  const logoVersion = profile.data?.logo ? profile.data.version : null;
  useEffect(() => {
    if (logoVersion === null) {
      setLogoUrl(null);
      return;
    }
    let url: string | null = null;
    const controller = new AbortController();
    send("GET", "/company/profile/logo", { accept: "image/*", signal: controller.signal })
      .then((r) => r.blob())
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setLogoUrl(url);
      })
      .catch(() => setLogoUrl(null));
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [logoVersion]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.patch("/company/profile", form);
      setSaved(true);
      profile.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const upload = async (file: File) => {
    setError(null);
    if (file.size > MAX_LOGO) {
      setError("A logo may be at most 1 MB.");
      return;
    }
    const body = new FormData();
    body.append("file", file);
    setUploading(0);
    try {
      await uploadFile("/company/profile/logo", body, (p) => setUploading(p));
      profile.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : messageOf(err));
    } finally {
      setUploading(null);
    }
  };

  const removeLogo = async () => {
    setError(null);
    try {
      await api.delete("/company/profile/logo");
      profile.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  if (profile.loading && !profile.data) return <Loading label="Loading the company profile…" />;
  const fe = error instanceof ApiError ? error.fieldErrors : {};
  return (
    <div className="page narrow">
      <PageHeader title="Company profile" />
      <ErrorBanner error={profile.error} onRetry={profile.reload} />
      <p className="muted">
        What {profile.data?.company_name ?? "the company"}'s purchase orders, confirmations, load confirmations and
        invoices print at their top.
        {!canEdit && " Owners and admins can change it."}
      </p>
      {error && <ErrorBanner error={error} />}
      {saved && <Notice kind="success">Saved.</Notice>}
      {form && (
        <form className="card" onSubmit={save}>
          {FIELDS.map((f) => (
            <div className="field" key={f.name}>
              <label htmlFor={`cp-${f.name}`}>{f.label}</label>
              {f.multiline ? (
                <textarea
                  id={`cp-${f.name}`}
                  rows={3}
                  value={form[f.name]}
                  readOnly={!canEdit}
                  aria-invalid={!!fe[f.name]}
                  onChange={(e) => setForm({ ...form, [f.name]: e.target.value })}
                />
              ) : (
                <input
                  id={`cp-${f.name}`}
                  type={f.type ?? "text"}
                  value={form[f.name]}
                  readOnly={!canEdit}
                  aria-invalid={!!fe[f.name]}
                  onChange={(e) => setForm({ ...form, [f.name]: e.target.value })}
                />
              )}
              {f.hint && <span className="muted small">{f.hint}</span>}
              <FieldErrors id={`cp-${f.name}`} messages={fe[f.name]} />
            </div>
          ))}
          {canEdit && (
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Saving…" : "Save"}
            </button>
          )}
        </form>
      )}
      <section className="card">
        <h2>Logo</h2>
        {logoUrl ? (
          <img className="logo-preview" src={logoUrl} alt="The company's logo" />
        ) : (
          <p className="muted">No logo yet.</p>
        )}
        {canEdit && (
          <div className="form-row">
            <label className="btn" htmlFor="cp-logo">
              {profile.data?.logo ? "Replace logo…" : "Upload logo…"}
            </label>
            <input
              id="cp-logo"
              type="file"
              accept="image/png,image/jpeg"
              className="sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) upload(file);
                e.target.value = "";
              }}
            />
            {profile.data?.logo && (
              <button type="button" className="btn btn-danger-outline" onClick={removeLogo}>
                Remove logo
              </button>
            )}
            <span className="muted small">PNG or JPEG, at most 1 MB.</span>
          </div>
        )}
        {uploading !== null && (
          <p role="status">
            <progress max={1} value={uploading} aria-label="Uploading the logo" />{" "}
            <span className="muted small">{Math.round(uploading * 100)}%</span>
          </p>
        )}
        <FieldErrors id="cp-logo" messages={fe.file} />
      </section>
    </div>
  );
}
