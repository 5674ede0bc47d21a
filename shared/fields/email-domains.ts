// Which e-mail domains a profile accepts: the campus wants its own ("*.pnj.ac.id"), the association
// wants personal mail only (office mailboxes are small and unverifiable, its reference says).

/** "gmail.com" matches only gmail.com; "*.pnj.ac.id" matches mhsw.pnj.ac.id and a.b.pnj.ac.id, not pnj.ac.id. */
export function domainMatches(domain: string, pattern: string): boolean {
  const d = domain.toLowerCase();
  if (!pattern.startsWith('*.')) return d === pattern;
  const base = pattern.slice(2);
  return d.endsWith(`.${base}`) && d.length > base.length + 1;
}

/** The domain part of a normalised address. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export function domainAllowed(email: string, allow: readonly string[]): boolean {
  const domain = emailDomain(email);
  return allow.some((p) => domainMatches(domain, p));
}
