import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api/client";
import type { FieldMeta, Page, RecordData, ResourceMeta } from "../../api/types";
import { ExportMenu } from "../../components/Downloads";
import { FieldInput } from "../../components/FieldInput";
import { Empty, ErrorBanner, Loading, PageHeader, Spinner, useDocumentTitle } from "../../components/ui";
import { humanize } from "../../lib/format";
import {
  apiQuery,
  DEFAULT_PAGE_SIZE,
  PAGE_SIZES,
  pageCount,
  readListState,
  toggleOrdering,
  withChange,
  writeListState,
  type ListState,
} from "../../lib/listParams";
import { atLeast } from "../../lib/roles";
import { useLoad } from "../../lib/useLoad";
import { useSession } from "../../state/session";
import { Cell, cellClass, listColumns, titleOf } from "./common";

export function ResourceList({ meta }: { meta: ResourceMeta }) {
  useDocumentTitle(meta.label);
  const { role, generation } = useSession();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(params, meta), [params, meta]);
  const query = apiQuery(state);
  const list = useLoad(
    (signal) => api.get<Page<RecordData>>(`/${meta.name}?${query}`, { signal }),
    [meta.name, query, generation],
  );
  const navigate = useNavigate();
  const columns = listColumns(meta);
  const [q, setQ] = useState(state.q);

  useEffect(() => setQ(state.q), [state.q]);

  const update = (next: ListState, replace = false) => setParams(writeListState(next), { replace });

  // Search as you type, without a history entry per keystroke.
  useEffect(() => {
    if (q === state.q) return;
    const timer = setTimeout(() => update(withChange(state, { q }), true), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  // A supplier has twenty filterable fields: the first few stay in view, the rest fold away
  // (and unfold by themselves when one of them is in use).
  const filterFields = meta.fields.filter((f) => f.filter || f.name === meta.status_field);
  const isActive = (f: FieldMeta) =>
    Object.keys(state.filters).some((k) => k === f.name || k === `${f.name}_after` || k === `${f.name}_before`);
  const primary = filterFields
    .filter((f) => f.name === meta.status_field || f.name === "status")
    .concat(filterFields.filter((f) => f.name !== meta.status_field && f.name !== "status").slice(0, 3));
  const secondary = filterFields.filter((f) => !primary.includes(f));
  const secondaryActive = secondary.filter(isActive).length;
  const activeFilters = Object.keys(state.filters).length > 0 || state.q !== "";
  const data = list.data;
  const pages = pageCount(data?.count ?? 0, state.pageSize);
  const canWrite = atLeast(role, meta.write_role);

  const setFilter = (key: string, value: string) => {
    const filters = { ...state.filters };
    if (value) filters[key] = value;
    else delete filters[key];
    update(withChange(state, { filters }));
  };

  return (
    <div className="page">
      <PageHeader title={meta.label}>
        <ExportMenu
          resource={meta.name}
          query={writeListState({ ...state, page: 1, pageSize: DEFAULT_PAGE_SIZE }).toString()}
        />
        {canWrite && (
          <Link className="btn btn-primary" to={`/${meta.name}/new`}>
            New {meta.singular.toLowerCase()}
          </Link>
        )}
      </PageHeader>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update(withChange(state, { q }));
        }}
      >
        <div className="field search-field">
          <label htmlFor="list-q">Search</label>
          <input
            id="list-q"
            type="search"
            value={q}
            placeholder={`Search ${meta.label.toLowerCase()}…`}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        {primary.map((field) => (
          <FilterControl key={field.name} field={field} state={state} onChange={setFilter} />
        ))}
        {activeFilters && (
          <button
            type="button"
            className="btn btn-link"
            onClick={() => {
              setQ("");
              update({ ...state, q: "", filters: {}, page: 1 });
            }}
          >
            Clear filters
          </button>
        )}
        {secondary.length > 0 && (
          <details className="more-filters" open={secondaryActive > 0 || undefined}>
            <summary>More filters{secondaryActive > 0 ? ` (${secondaryActive} on)` : ` (${secondary.length})`}</summary>
            <div className="toolbar">
              {secondary.map((field) => (
                <FilterControl key={field.name} field={field} state={state} onChange={setFilter} />
              ))}
            </div>
          </details>
        )}
      </form>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !data ? (
        <Loading label={`Loading ${meta.label.toLowerCase()}…`} />
      ) : data && data.results.length === 0 ? (
        activeFilters ? (
          <Empty title={`No ${meta.label.toLowerCase()} match these filters.`}>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setQ("");
                update({ ...state, q: "", filters: {}, page: 1 });
              }}
            >
              Clear filters
            </button>
          </Empty>
        ) : (
          <Empty title={`No ${meta.label.toLowerCase()} yet.`}>
            {canWrite && (
              <Link className="btn btn-primary" to={`/${meta.name}/new`}>
                Create the first {meta.singular.toLowerCase()}
              </Link>
            )}
          </Empty>
        )
      ) : data ? (
        <>
          <div className="table-wrap" aria-busy={list.loading}>
            <table className="table table-hover">
              <caption className="sr-only">{meta.label}, sortable by the column buttons</caption>
              <thead>
                <tr>
                  {columns.map((field) => (
                    <SortHeader
                      key={field.name}
                      field={field}
                      ordering={state.ordering}
                      onSort={(o) => update({ ...state, ordering: o, page: 1 })}
                    />
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.results.map((record) => (
                  <tr
                    key={String(record.id)}
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest("a,button,input,select")) return;
                      navigate(`/${meta.name}/${record.id}`);
                    }}
                  >
                    {columns.map((field, i) => (
                      <td key={field.name} className={cellClass(field)}>
                        {i === 0 ? (
                          <Link className="row-link" to={`/${meta.name}/${record.id}`}>
                            {field.name === meta.display_field ? (
                              titleOf(meta, record)
                            ) : (
                              <Cell field={field} record={record} meta={meta} />
                            )}
                          </Link>
                        ) : (
                          <Cell field={field} record={record} meta={meta} />
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages">
            <span className="muted">
              {data.count} {data.count === 1 ? meta.singular.toLowerCase() : meta.label.toLowerCase()}
              {list.loading && <Spinner />}
            </span>
            <button
              type="button"
              className="btn btn-small"
              disabled={state.page <= 1}
              onClick={() => update({ ...state, page: state.page - 1 })}
            >
              ← Previous
            </button>
            <span aria-current="page">
              Page {state.page} of {pages}
            </span>
            <button
              type="button"
              className="btn btn-small"
              disabled={!data.next && state.page >= pages}
              onClick={() => update({ ...state, page: state.page + 1 })}
            >
              Next →
            </button>
            <label className="page-size">
              Rows per page{" "}
              <select
                value={state.pageSize}
                onChange={(e) => update({ ...state, pageSize: Number(e.target.value), page: 1 })}
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          </nav>
        </>
      ) : null}
    </div>
  );
}

function SortHeader({
  field,
  ordering,
  onSort,
}: {
  field: FieldMeta;
  ordering: string;
  onSort: (ordering: string) => void;
}) {
  const current = ordering === field.name ? "ascending" : ordering === "-" + field.name ? "descending" : "none";
  if (!field.order)
    return (
      <th scope="col" className={cellClass(field)}>
        {field.label}
      </th>
    );
  return (
    <th scope="col" aria-sort={current} className={cellClass(field)}>
      <button type="button" className="sort" onClick={() => onSort(toggleOrdering(ordering, field.name))}>
        {field.label}
        <span aria-hidden="true" className="sort-mark">
          {current === "ascending" ? " ▲" : current === "descending" ? " ▼" : " ↕"}
        </span>
      </button>
    </th>
  );
}

function FilterControl({
  field,
  state,
  onChange,
}: {
  field: FieldMeta;
  state: ListState;
  onChange: (key: string, value: string) => void;
}) {
  const id = `filter-${field.name}`;
  if (field.type === "date" || field.type === "datetime") {
    return (
      <fieldset className="field date-range">
        <legend>{field.label}</legend>
        <label className="sr-only" htmlFor={`${id}-after`}>
          {field.label} from
        </label>
        <input
          id={`${id}-after`}
          type="date"
          value={state.filters[field.name + "_after"] ?? ""}
          onChange={(e) => onChange(field.name + "_after", e.target.value)}
        />
        <span aria-hidden="true">–</span>
        <label className="sr-only" htmlFor={`${id}-before`}>
          {field.label} to
        </label>
        <input
          id={`${id}-before`}
          type="date"
          value={state.filters[field.name + "_before"] ?? ""}
          onChange={(e) => onChange(field.name + "_before", e.target.value)}
        />
      </fieldset>
    );
  }
  const value = state.filters[field.name] ?? "";
  if (field.type === "choice" || field.type === "choices") {
    return (
      <div className="field">
        <label htmlFor={id}>{field.label}</label>
        <select id={id} value={value} onChange={(e) => onChange(field.name, e.target.value)}>
          <option value="">All</option>
          {(field.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {humanize(c)}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (field.type === "boolean") {
    return (
      <div className="field">
        <label htmlFor={id}>{field.label}</label>
        <select id={id} value={value} onChange={(e) => onChange(field.name, e.target.value)}>
          <option value="">All</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      </div>
    );
  }
  if (field.type === "reference") {
    return (
      <FieldInput
        field={{ ...field, required: false }}
        id={id}
        value={value}
        onChange={(v) => onChange(field.name, String(v ?? ""))}
      />
    );
  }
  return <TextFilter id={id} field={field} value={value} onChange={(v) => onChange(field.name, v)} />;
}

function TextFilter({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: FieldMeta;
  value: string;
  onChange: (v: string) => void;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        type="text"
        size={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== value && onChange(text)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            onChange(text);
          }
        }}
      />
    </div>
  );
}
