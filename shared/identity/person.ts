// Names and places as printed on the KTP: letters (any script Dukcapil prints), spaces and the
// punctuation that real names carry (MUH. ALI, O'NEIL, SITI-AMINAH, DRS, no digits).
export type NameProblem = 'name.required' | 'name.length' | 'name.chars';
export type PlaceProblem = 'place.required' | 'place.length' | 'place.chars';

const NAME_CHARS = /^[\p{L}\p{M}][\p{L}\p{M} .,'-]*$/u;

/** Collapses runs of spaces so "SITI   AMINAH" and "SITI AMINAH" are one name. */
export function normaliseSpaces(input: string): string {
  return input.trim().replace(/\s+/g, ' ');
}

export function checkName(input: string): NameProblem | null {
  const name = normaliseSpaces(input);
  if (name === '') return 'name.required';
  if (name.length < 2 || name.length > 100) return 'name.length';
  if (!NAME_CHARS.test(name)) return 'name.chars';
  return null;
}

export function checkPlace(input: string): PlaceProblem | null {
  const place = normaliseSpaces(input);
  if (place === '') return 'place.required';
  if (place.length < 2 || place.length > 60) return 'place.length';
  if (!NAME_CHARS.test(place)) return 'place.chars';
  return null;
}
