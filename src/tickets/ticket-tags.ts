/** One spelling per tag (full-width folded, lower case), for storing and for filtering alike. */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFKC').trim().toLowerCase();
}

export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeTag).filter((tag) => tag !== ''))].sort();
}
