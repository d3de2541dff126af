/** Formats that are not specific to one cloud: e-mail addresses, HTTPS endpoints, CIDR blocks. */

/** An e-mail address (shape only). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** An `https://` URL with a host name (plain `http` is never accepted for an alert or a webhook). */
export const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/;

/** A parsed CIDR block. */
export interface Cidr {
  version: 4 | 6;
  prefix: number;
  /** Bits set below the prefix length (the block is not written as its network address). */
  hostBitsSet: boolean;
}

/** Parses `a.b.c.d/n` or an IPv6 `x::y/n`; undefined when it is not a CIDR block. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const [, addr = "", p = ""] = m;
  const prefix = Number(p);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (prefix > 32 || octets.some((o) => o > 255)) return undefined;
    const value = octets.reduce((acc, o) => acc * 256 + o, 0);
    const hostBits = 2 ** (32 - prefix);
    return { version: 4, prefix, hostBitsSet: value % hostBits !== 0 };
  }
  if (!/^[0-9a-fA-F:]+$/.test(addr) || prefix > 128) return undefined;
  const halves = addr.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const bits = all.map((g) => parseInt(g, 16).toString(2).padStart(16, "0")).join("");
  return { version: 6, prefix, hostBitsSet: bits.slice(prefix).includes("1") };
}
