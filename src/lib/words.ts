/** Plain-English list joining, shared by the sentence makers. Pure. */

/** ["a"] -> "a"; ["a","b","c"] -> "a, b and c". */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
