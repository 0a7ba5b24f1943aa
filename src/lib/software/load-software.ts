/**
 * Reads the "seen in practice" product files (content/software/*.yaml) and validates each
 * against src/schemas/software.ts. Pure apart from reading the directory; no Astro imports.
 * Every problem is an InputError naming file, line and field, e.g.
 * `content/software/grafana.yaml:9: field "uses[0].source": expected an object, got undefined`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOFTWARE_SLUG, softwareSchema, type Software } from '../../schemas/software.ts';
import { InputError } from '../registry/input-error.ts';
import { parseYamlAs } from '../yaml-input.ts';

const EXTENSION = /\.ya?ml$/;

/** Where the product files live: content/software, or PORT_ATLAS_SOFTWARE_DIR (tests). */
export const softwareDir = (): string => process.env.PORT_ATLAS_SOFTWARE_DIR || 'content/software';

/**
 * Parses and validates one product file.
 * @param file path as the user should see it (used in errors and as the slug's source)
 * @param text the file's YAML text
 * @returns the product with `slug` = file name without .yaml/.yml
 * @throws InputError on a bad file name, YAML syntax, or any schema violation (first one),
 *   with the line of the offending value
 */
export function parseSoftwareFile(file: string, text: string): Software {
  const base = file.split('/').at(-1)!;
  const slug = base.replace(EXTENSION, '');
  if (!SOFTWARE_SLUG.test(slug)) {
    throw new InputError(file, null, null, `the file name "${base}" must be a slug of lower-case letters, digits and hyphens, e.g. grafana.yaml`);
  }
  return { slug, ...parseYamlAs(file, text, softwareSchema) };
}

/**
 * Reads every product file of a directory.
 * @param dir e.g. "content/software" (README.md and other non-YAML files are ignored)
 * @param parse parses one file (path, text); the content loader passes one that reuses what it
 *   parsed from the same text before
 * @returns products sorted by slug
 * @throws InputError for the first bad file, for two files with one slug
 *   (grafana.yaml and grafana.yml), and for a name that is another product's name or alias
 *   (aliases may be shared: "ircd" fits several IRC servers)
 */
export function loadSoftwareDir(dir: string, parse: (file: string, text: string) => Software = parseSoftwareFile): Software[] {
  const files = readdirSync(dir).filter((name) => EXTENSION.test(name)).sort();
  const products = files.map((name) => parse(join(dir, name), readFileSync(join(dir, name), 'utf8')));
  const fileOfSlug = new Map<string, string>();
  const fileOfName = new Map<string, string>();
  products.forEach((product, i) => {
    const file = join(dir, files[i]!);
    const other = fileOfSlug.get(product.slug);
    if (other) throw new InputError(file, null, null, `duplicate slug "${product.slug}": ${other} has it too`);
    fileOfSlug.set(product.slug, file);
    const name = product.name.toLowerCase();
    if (fileOfName.has(name)) throw new InputError(file, null, 'name', `"${product.name}" is already the name of ${fileOfName.get(name)}`);
    fileOfName.set(name, file);
  });
  for (const [i, product] of products.entries()) {
    const clash = product.aliases.find((alias) => fileOfName.has(alias.toLowerCase()) && fileOfName.get(alias.toLowerCase()) !== join(dir, files[i]!));
    if (clash) throw new InputError(join(dir, files[i]!), null, 'aliases', `"${clash}" is the name of ${fileOfName.get(clash.toLowerCase())}`);
  }
  return products.sort((a, b) => a.slug.localeCompare(b.slug));
}
