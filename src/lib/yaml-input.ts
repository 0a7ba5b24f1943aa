/**
 * Hand-written YAML data files (products, OS port pools) validated against a zod schema, with
 * every problem located for a person to fix: `content/x.yaml:9: field "uses[0].source": ...`.
 * Pure; no Astro imports.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError } from './registry/input-error.ts';

/** ["uses", 0, "port"] -> "uses[0].port" */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
}

/**
 * Parses YAML text and validates it.
 * @param file path as the user should see it (used in errors)
 * @param text the file's YAML text
 * @param schema what the document must be
 * @returns the schema's output
 * @throws InputError on YAML syntax errors (with their line) or the first schema violation,
 *   with the line of the offending value (a missing field points at its parent) and its field path
 */
export function parseYamlAs<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line ?? lineCounter.linePos(syntax.pos[0]).line;
    throw new InputError(file, line, null, `not valid YAML: ${syntax.message.split('\n')[0]}`);
  }
  const result = schema.safeParse(document.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // The line of the deepest node on the issue's path that exists.
  let line: number | null = null;
  for (let depth = issue.path.length; depth >= 0 && line === null; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(issue.path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
  }
  const got = issue.path.length ? document.getIn(issue.path as (string | number)[]) : undefined;
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
  const detail = ['invalid_type', 'unrecognized_keys', 'custom'].includes(issue.code) ? message : `${message}, got ${JSON.stringify(got)}`;
  throw new InputError(file, line, issue.path.length ? fieldName(issue.path) : null, detail);
}
