// The password dictionaries (zxcvbn-ts: common passwords, keyboard patterns, Indonesian words and
// names), bundled with the renderer and loaded on first use of the account step: ~3 MB that the
// other steps never need.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export interface PasswordDictionary {
  readonly isCommon: (lowered: string) => boolean;
  /** zxcvbn's 0–4 score, with the applicant's own data counted as known words. */
  readonly score: (password: string, personal: readonly string[]) => 0 | 1 | 2 | 3 | 4;
}

let loading: Promise<PasswordDictionary> | null = null;

export function loadPasswordDictionary(): Promise<PasswordDictionary> {
  loading ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-id')])
    .then(([core, common, id]): PasswordDictionary => {
      const zxcvbn: ZxcvbnFactory = new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...id.dictionary },
        graphs: common.adjacencyGraphs,
        translations: id.translations,
      });
      const commonPasswords: ReadonlySet<string> = new Set(common.dictionary['passwords-common'].map((p) => p.toLowerCase()));
      return {
        isCommon: (lowered) => commonPasswords.has(lowered),
        // zxcvbn is slow on very long input and gains nothing past 100 characters.
        score: (password, personal) => zxcvbn.check(password.slice(0, 100), [...personal]).score,
      };
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
