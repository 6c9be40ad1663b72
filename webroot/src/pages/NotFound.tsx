import { Link } from "react-router";
import { useDocumentTitle } from "../components/ui";

export function NotFound() {
  useDocumentTitle("Not found");
  return (
    <div className="page narrow">
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have moved, or the link is incomplete.</p>
      <Link className="btn" to="/">
        Go to the dashboard
      </Link>
    </div>
  );
}
