import { useParams } from "react-router";
import { ErrorBanner, Loading } from "../../components/ui";
import { useMeta } from "../../state/meta";
import { NotFound } from "../NotFound";
import { ResourceDetail } from "./ResourceDetail";
import { ResourceForm } from "./ResourceForm";
import { ResourceList } from "./ResourceList";

/** /:resource[/new | /:id[/edit]] — every resource of the catalogue through the same four pages. */
export function Records({ mode }: { mode: "list" | "new" | "detail" | "edit" }) {
  const { resource = "", id } = useParams();
  const { byName, loading, error } = useMeta();
  const meta = byName.get(resource);
  if (!meta) {
    if (loading) return <Loading />;
    if (error)
      return (
        <div className="page">
          <ErrorBanner error={error} />
        </div>
      );
    return <NotFound />;
  }
  switch (mode) {
    case "list":
      return <ResourceList key={meta.name} meta={meta} />;
    case "new":
      return <ResourceForm key={`${meta.name}-new`} meta={meta} />;
    case "edit":
      return <ResourceForm key={`${meta.name}-${id}`} meta={meta} id={id} />;
    default:
      return <ResourceDetail key={`${meta.name}-${id}`} meta={meta} id={id!} />;
  }
}
