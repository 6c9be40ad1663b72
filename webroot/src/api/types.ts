/** The shapes of the API contract (GET /api/v1/meta/resources and friends). */

export type Role = "readonly" | "user" | "manager" | "admin" | "owner";

export type FieldType =
  | "text"
  | "textarea"
  | "email"
  | "phone"
  | "integer"
  | "decimal"
  | "money"
  | "date"
  | "datetime"
  | "boolean"
  | "choice"
  | "choices"
  | "reference";

export interface FieldMeta {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  max_length?: number | null;
  choices?: string[] | null;
  reference?: string | null;
  read_only?: boolean;
  filter?: boolean;
  order?: boolean;
  search?: boolean;
  list?: boolean;
  /** Digits after the point for decimals ("2.4500" has scale 4). */
  scale?: number;
}

export interface ChildMeta {
  name: string;
  label: string;
  fields: FieldMeta[];
}

export interface ActionMeta {
  name: string;
  label: string;
  role: Role;
  from: string[];
  to: string;
}

export interface ResourceMeta {
  name: string;
  label: string;
  singular: string;
  display_field: string;
  write_role: Role;
  delete_role: Role;
  status_field: string | null;
  fields: FieldMeta[];
  children?: ChildMeta[];
  actions?: ActionMeta[];
  /** false: records are written once (e.g. payments) and never edited. */
  updatable?: boolean;
  /** true: GET /{name}/{id}/history tells who changed what. */
  history?: boolean;
  /** true: files can be attached to its records (GET/POST /{name}/{id}/attachments). */
  attachments?: boolean;
  default_ordering?: string;
  number_field?: string | null;
}

export type RecordData = { id: number | string } & Record<string, unknown>;

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface User {
  id: number | string;
  email: string;
  name: string;
}

export interface Company {
  id: number | string;
  slug: string;
  name: string;
  role: Role;
}

export interface Me {
  user: User;
  companies: Company[];
}

/** GET /auth/session: a 200 whether or not anyone is signed in. */
export type SessionProbe = ({ signed_in: true } & Me) | { signed_in: false };
