// Swagger UI for the served contract. A file of its own because the Content-Security-Policy
// allows no inline script.
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  deepLinking: true,
  filter: true,
  displayRequestDuration: true,
  defaultModelsExpandDepth: 1,
  // The default asks validator.swagger.io for a badge: a third-party request the CSP refuses.
  validatorUrl: null,
  // A signed-in browser's session cookie goes with every call (same origin)...
  withCredentials: true,
  // ...and the API refuses a cookie-authenticated change without X-Requested-With (cross-site
  // request protection, docs/auth.md); a bearer token needs no such header, and it does no harm.
  requestInterceptor: (request) => {
    request.headers["X-Requested-With"] = "SwaggerUI";
    return request;
  },
  // A token typed under "Authorize" lasts as long as the tab: never written to localStorage.
  persistAuthorization: false,
});
