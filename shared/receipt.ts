// Receipt numbers the applicant can read aloud or copy by hand: DDDD-SSSSSS-C, where DDDD names the
// device (from its id), SSSSSS is the device's submission sequence and C is a Luhn mod 32 check
// character that catches any single mistyped character and most swaps of neighbours.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

export function devicePrefix(deviceId: string): string {
  const hex = deviceId.replace(/-/g, '').slice(0, 5);
  const bits = parseInt(hex, 16);
  if (!/^[0-9a-fA-F]{5}$/.test(hex) || Number.isNaN(bits)) throw new Error('device id must start with 5 hex digits');
  let out = '';
  for (let shift = 15; shift >= 0; shift -= 5) out += ALPHABET[(bits >> shift) & 31];
  return out;
}

function luhnMod32(chars: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const code = ALPHABET.indexOf(chars[i] ?? '');
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
  }
  return ALPHABET[(32 - (sum % 32)) % 32] ?? '0';
}

export function formatReceiptNumber(deviceId: string, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error('sequence must be a positive integer');
  const body = devicePrefix(deviceId) + String(seq).padStart(6, '0');
  return `${body.slice(0, 4)}-${body.slice(4)}-${luhnMod32(body)}`;
}

export function isValidReceiptNumber(receipt: string): boolean {
  // At most nine digits: a billion receipts per kiosk, and no header-sized "number" stored.
  const m = /^([0-9A-HJKMNP-TV-Z]{4})-(\d{6,9})-([0-9A-HJKMNP-TV-Z])$/.exec(receipt.toUpperCase());
  if (!m) return false;
  return luhnMod32((m[1] ?? '') + (m[2] ?? '')) === m[3];
}
