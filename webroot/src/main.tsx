import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

function Placeholder() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", margin: "4rem auto", maxWidth: "40rem" }}>
      <h1>ProjectMeats</h1>
      <p>The broker's desk is on its way. The API answers under <code>/api/v1</code>.</p>
    </main>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Placeholder />
  </StrictMode>,
);
