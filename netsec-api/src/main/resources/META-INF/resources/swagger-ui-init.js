// Starts Swagger UI on the API's OpenAPI document. A file of its own, not an inline script, so that
// the page's content security policy allows scripts from this server only (SwaggerUiPage). The
// base layout has no top bar: the bar's logo is an SVG with an inline <style> (refused by the
// policy), and its box that loads any other URL's document is nothing this server should offer.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/q/openapi',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'BaseLayout'
  });
});
