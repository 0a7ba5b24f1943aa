/**
 * Deployment settings read from the environment, each optional; nothing else in the code
 * reads these variables. Pure; no Astro imports.
 *   PORT_ATLAS_SITE  public origin, e.g. https://ports.example.org: canonical links, og:url,
 *                    the sitemap, robots.txt's Sitemap line and the OpenSearch description
 *   PORT_ATLAS_REPO  the project's repository, e.g. https://github.com/example/port-atlas:
 *                    "Edit this note" and "Report a problem with this page" links
 */

/**
 * @param name the variable's name, for the error message
 * @param value its value; undefined or "" means unset
 * @returns the URL without a trailing slash, or null when unset
 * @throws Error naming the variable when the value is not an absolute http(s) URL
 */
function urlSetting(name: string, value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}="${value}" is not a URL; expected e.g. https://ports.example.org`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name}="${value}": expected an http(s) URL`);
  return url.href.replace(/\/$/, '');
}

/** The public origin (PORT_ATLAS_SITE), or null: pages then carry no canonical link. */
export const siteOrigin = (env: NodeJS.ProcessEnv = process.env): string | null => urlSetting('PORT_ATLAS_SITE', env.PORT_ATLAS_SITE);

/** The repository URL (PORT_ATLAS_REPO), or null: pages then carry no edit or report link. */
export const repositoryUrl = (env: NodeJS.ProcessEnv = process.env): string | null => urlSetting('PORT_ATLAS_REPO', env.PORT_ATLAS_REPO);

/** GitHub/Forgejo-style URL that opens a file of the repository (e.g. "content/notes/port-22.mdx") for editing on main. */
export const editFileUrl = (repository: string, path: string): string => `${repository}/edit/main/${path}`;

/** @returns a URL that opens a new issue titled after the page's path (GitHub, GitLab, Forgejo and Gitea read `title`) */
export const reportProblemUrl = (repository: string, pagePath: string): string =>
  `${repository}/issues/new?${new URLSearchParams({ title: `Problem with ${pagePath}` })}`;
