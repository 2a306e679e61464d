/** "83%" of the plans built on a pattern succeeded; "not used yet" before any was. */
export function successRateLabel(rate: number | null): string {
  return rate === null ? 'not used yet' : `${Math.round(rate * 100)}%`;
}

/** The first `length` characters of a request, cut at a word. */
export function excerpt(text: string, length = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
