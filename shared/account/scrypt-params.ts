// The cost a scrypt PHC string ("$scrypt$ln=…,r=…,p=…$salt$key") asks for, and the bounds each kind
// of hash must stay within. The parameters come from the hash itself, so every schema and parser that
// accepts one checks them before anything is derived: a tampered hash (from a renderer, a kiosk's
// disk, a server's table) must not make a verifier allocate gigabytes or compute for minutes.
// scrypt's memory is about 128 · 2^ln · r bytes; p multiplies the time.

export interface ScryptParams {
  /** log2 of N, the CPU/memory cost. */
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

interface Range { readonly min: number; readonly max: number }
export interface ScryptBounds { readonly ln: Range; readonly r: Range; readonly p: Range }

/**
 * Staff and operator passwords (node/crypto/password-hash.ts), made by the server at ln=17, r=8, p=1.
 * N up to twice that (2^18) and r up to 8: at most 256 MiB per check; p up to 2 (time, not memory).
 * The headroom lets the server raise the cost before every verifier has been updated; the floor refuses
 * a downgrade written into a stolen copy.
 */
export const PASSWORD_HASH_BOUNDS: ScryptBounds = { ln: { min: 14, max: 18 }, r: { min: 1, max: 8 }, p: { min: 1, max: 2 } };

const PARAMS = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$/;

/** The parameters a PHC string names, or undefined when it does not start like a scrypt hash. */
export function scryptParamsOf(phc: string): ScryptParams | undefined {
  const m = PARAMS.exec(phc);
  return m ? { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) } : undefined;
}

export function withinScryptBounds(params: ScryptParams, bounds: ScryptBounds): boolean {
  const within = (v: number, range: Range): boolean => v >= range.min && v <= range.max;
  return within(params.ln, bounds.ln) && within(params.r, bounds.r) && within(params.p, bounds.p);
}

/** scrypt's working memory for the largest hash `bounds` allow, plus room for its small extra blocks. */
export function scryptMaxMemory(bounds: ScryptBounds): number {
  return 128 * 2 ** bounds.ln.max * bounds.r.max + 32 * 1024 * 1024;
}
