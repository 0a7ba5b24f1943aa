/**
 * The site's Content-Security-Policy, in one place: BaseLayout puts it in a <meta> on every
 * page (so it holds on any host and offline) and public/_headers repeats it as a header
 * (a unit test keeps the two equal). Pages have no inline script or style; scripts and
 * styles come only from the site itself. 'wasm-unsafe-eval' lets Pagefind compile its
 * WebAssembly search; it does not allow eval() of JavaScript.
 * Directives: https://www.w3.org/TR/CSP3/
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** What only a header can say (a <meta> CSP ignores frame-ancestors). */
export const HEADER_ONLY_DIRECTIVES = "frame-ancestors 'none'";
