// Starts Swagger UI on the API's OpenAPI document. A file of its own, not an inline script, so that
// the docs page runs under the same Content-Security-Policy as the explorer (script-src 'self').
const root = document.getElementById("swagger-ui");
window.ui = window.SwaggerUIBundle({
  url: root.dataset.openapi,
  domNode: root,
  deepLinking: true,
  layout: "BaseLayout",
  presets: [window.SwaggerUIBundle.presets.apis],
  // The default validator badge loads an image from the validator's own site; this page stays local.
  validatorUrl: null,
});
