/**
 * A problem in an input file, located precisely enough for a person to fix it:
 * `content/iana/x.csv:120: field "Port Number": expected ..., got "70000"`.
 */
export class InputError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly field: string | null;

  /**
   * @param file path of the input file as the user named it
   * @param line 1-based line number, or null when the problem is the whole file
   * @param field column or frontmatter field, or null when the problem is the row or file
   * @param problem what was expected and what was found
   */
  constructor(file: string, line: number | null, field: string | null, problem: string) {
    const where = line === null ? file : `${file}:${line}`;
    super(field === null ? `${where}: ${problem}` : `${where}: field "${field}": ${problem}`);
    this.name = 'InputError';
    this.file = file;
    this.line = line;
    this.field = field;
  }
}
