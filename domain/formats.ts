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

/** The 128 bits of an IPv6 address written in hexadecimal groups (`2001:db8::1`), or undefined. */
function ipv6Bits(addr: string): string | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(addr)) return undefined;
  const halves = addr.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.map((g) => parseInt(g, 16).toString(2).padStart(16, "0")).join("");
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
  const bits = ipv6Bits(addr);
  if (bits === undefined || prefix > 128) return undefined;
  return { version: 6, prefix, hostBitsSet: bits.slice(prefix).includes("1") };
}

/**
 * IPv6 ranges that stand for IPv4 addresses: a block covering one of them admits the IPv4 addresses it embeds, so
 * `::ffff:0:0/96` is as open as `0.0.0.0/0`. `ipv4At` is the bit where the embedded IPv4 address starts (undefined
 * when the range allows several layouts).
 */
export const IPV4_EMBEDDING_RANGES = [
  { cidr: "::ffff:0:0/96", name: "IPv4-mapped addresses (RFC 4291, section 2.5.5.2)", ipv4At: 96 },
  { cidr: "::/96", name: "IPv4-compatible addresses (RFC 4291, section 2.5.5.1)", ipv4At: 96 },
  { cidr: "::ffff:0:0:0/96", name: "IPv4-translated addresses (RFC 2765, section 2.1)", ipv4At: 96 },
  { cidr: "64:ff9b::/96", name: "the NAT64 well-known prefix (RFC 6052, section 2.1)", ipv4At: 96 },
  { cidr: "64:ff9b:1::/48", name: "the NAT64 local-use prefix (RFC 8215)", ipv4At: undefined },
  { cidr: "2002::/16", name: "6to4 addresses (RFC 3056)", ipv4At: 16 },
] as const;

/** How an IPv6 block overlaps a range of {@link IPV4_EMBEDDING_RANGES}. */
export interface Ipv4Embedding {
  range: (typeof IPV4_EMBEDDING_RANGES)[number];
  /**
   * The IPv4 prefix length the block stands for: 0 when it covers the whole range (every IPv4 address), undefined
   * when the range's layout does not say.
   */
  ipv4Prefix: number | undefined;
}

/** Which IPv4-embedding range an IPv6 CIDR block covers or lies in, or undefined (IPv4 blocks and others). */
export function ipv4Embedding(text: string): Ipv4Embedding | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const bits = m ? ipv6Bits(m[1] ?? "") : undefined;
  const prefix = Number(m?.[2]);
  if (bits === undefined || !(prefix <= 128)) return undefined;
  for (const range of IPV4_EMBEDDING_RANGES) {
    const [rangeAddr = "", rangeLength = ""] = range.cidr.split("/");
    const rangeBits = ipv6Bits(rangeAddr) ?? "";
    const rangePrefix = Number(rangeLength);
    const common = Math.min(prefix, rangePrefix);
    if (bits.slice(0, common) !== rangeBits.slice(0, common)) continue;
    if (prefix <= rangePrefix) return { range, ipv4Prefix: 0 };
    return { range, ipv4Prefix: range.ipv4At === undefined ? undefined : Math.min(32, prefix - range.ipv4At) };
  }
  return undefined;
}

/**
 * Whether an access-list value admits every address of IPv4 or IPv6: a /0, any block written with the unspecified
 * address `0.0.0.0` or `::` (read as "any" by many tools), or an IPv6 block covering a whole IPv4-embedding range
 * such as `::ffff:0:0/96`.
 */
export function coversEveryAddress(value: string): boolean {
  const [addr, prefix] = value.split("/");
  if (prefix !== undefined && Number(prefix) === 0) return true;
  if (addr === "0.0.0.0" || addr === "::") return true;
  return ipv4Embedding(value)?.ipv4Prefix === 0;
}
