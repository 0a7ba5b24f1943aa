/**
 * Finds which Wireshark source file registers a dissector, so a page can link the dissector's
 * code at the vendored version. Used by scripts/update-evidence.ts on Wireshark's source tree.
 * Pure.
 */

/** A C string literal or a macro name, as an argument of proto_register_protocol. */
const ARG = String.raw`\s*("(?:[^"\\]|\\.)*"|[A-Za-z_]\w*)\s*`;
const REGISTER = new RegExp(String.raw`\bproto_register_protocol(?:_in_name_only)?\s*\(${ARG},${ARG},${ARG}[,)]`, 'g');
const DEFINE = /^\s*#\s*define\s+([A-Za-z_]\w*)\s+"((?:[^"\\]|\\.)*)"\s*$/gm;

/**
 * The display-filter names a C source file registers, with `proto_register_protocol(name,
 * short_name, filter_name)` (Wireshark's epan/proto.h); macro arguments are resolved through
 * the file's own `#define NAME "value"` lines.
 * @param source the C file's text
 * @returns filter names in file order; a call whose filter name is a macro defined elsewhere is left out
 */
export function registeredFilters(source: string): string[] {
  const defines = new Map([...source.matchAll(DEFINE)].map((m) => [m[1]!, m[2]!]));
  const filters: string[] = [];
  for (const match of source.matchAll(REGISTER)) {
    const arg = match[3]!;
    const value = arg.startsWith('"') ? arg.slice(1, -1) : defines.get(arg);
    if (value) filters.push(value);
  }
  return filters;
}
