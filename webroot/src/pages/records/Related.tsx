import { Link } from "react-router";
import { api } from "../../api/client";
import type { FieldMeta, Page, RecordData, ResourceMeta } from "../../api/types";
import { Spinner } from "../../components/ui";
import { atLeast } from "../../lib/roles";
import { useLoad } from "../../lib/useLoad";
import { useMeta } from "../../state/meta";
import { useSession } from "../../state/session";
import { Cell, cellClass, listColumns, titleOf } from "./common";

/**
 * Everything that points at this record — contacts and plants of a supplier, claims and activity
 * notes of an order, scheduled calls — found from the metadata, so no page lists them by hand.
 */
export function Related({ meta, id, skip }: { meta: ResourceMeta; id: string; skip: string[] }) {
  const { resources } = useMeta();
  const links: Array<[ResourceMeta, FieldMeta]> = [];
  for (const other of resources) {
    if (skip.includes(other.name)) continue;
    for (const field of other.fields) {
      if (field.type === "reference" && field.reference === meta.name && field.filter) links.push([other, field]);
    }
  }
  if (links.length === 0) return null;
  return (
    <div className="related">
      {links.map(([other, field]) => (
        <RelatedList
          key={`${other.name}.${field.name}`}
          other={other}
          field={field}
          id={id}
          multiple={links.filter(([o]) => o === other).length > 1}
        />
      ))}
    </div>
  );
}

function RelatedList({
  other,
  field,
  id,
  multiple,
}: {
  other: ResourceMeta;
  field: FieldMeta;
  id: string;
  multiple: boolean;
}) {
  const { role } = useSession();
  const list = useLoad(
    (signal) =>
      api.get<Page<RecordData>>(
        `/${other.name}?${field.name}=${encodeURIComponent(id)}&page_size=5&ordering=-created_on`,
        { signal },
      ),
    [other.name, field.name, id],
  );
  const title = multiple ? `${other.label} (${field.label})` : other.label;
  const columns = listColumns(other)
    .filter((f) => f.name !== field.name)
    .slice(0, 4);
  const rows = list.data?.results ?? [];
  if (list.error) return null;
  return (
    <section className="card related-card" aria-label={title}>
      <div className="card-head">
        <h2>
          {title} {list.loading ? <Spinner /> : <span className="count">{list.data?.count ?? 0}</span>}
        </h2>
        <div className="card-actions">
          {(list.data?.count ?? 0) > rows.length && (
            <Link to={`/${other.name}?${field.name}=${encodeURIComponent(id)}`}>View all</Link>
          )}
          {atLeast(role, other.write_role) && (
            <Link className="btn btn-small" to={`/${other.name}/new?${field.name}=${encodeURIComponent(id)}`}>
              Add {other.singular.toLowerCase()}
            </Link>
          )}
        </div>
      </div>
      {rows.length > 0 && (
        <table className="table compact">
          <tbody>
            {rows.map((r) => (
              <tr key={String(r.id)}>
                <td>
                  <Link to={`/${other.name}/${r.id}`}>{titleOf(other, r)}</Link>
                </td>
                {columns
                  .filter((c) => c.name !== other.display_field)
                  .map((c) => (
                    <td key={c.name} className={cellClass(c)}>
                      <Cell field={c} record={r} meta={other} />
                    </td>
                  ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
