// The API docs page: Swagger UI from the package, over this server's OpenAPI schema.
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null, // the default validator is a remote service
  });
});
