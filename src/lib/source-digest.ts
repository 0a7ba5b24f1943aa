/**
 * A SHA-256 over some input files and all the code that could read them (every .ts file of
 * src/lib and src/schemas), for steps that keep earlier output while nothing it depends on
 * changed: the data step (scripts/build-data.ts) and the product loader (src/site/software-loader.ts).
 * Paths are relative to the working directory, the repository root. Pure apart from reading files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CODE_DIRS = ['src/lib', 'src/schemas'];

/**
 * @param files input files; a missing one counts as empty, so creating it changes the digest
 * @returns hex SHA-256 over each file's path and bytes, inputs first, then the code in path order
 */
export function sourceDigest(files: readonly string[]): string {
  const code = CODE_DIRS.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)).sort(),
  );
  const hash = createHash('sha256');
  for (const file of [...files, ...code]) hash.update(`${file}\0`).update(existsSync(file) ? readFileSync(file) : '');
  return hash.digest('hex');
}
