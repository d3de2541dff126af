/** CIDR vocabulary: which IPv6 blocks stand for IPv4 addresses, and which values admit every address. */
import { coversEveryAddress, ipv4Embedding, parseCidr } from "./formats";

describe("ipv4Embedding", () => {
  it("says a block covering a whole embedding range stands for every IPv4 address (prefix 0)", () => {
    expect(ipv4Embedding("::ffff:0:0/96")).toEqual({
      range: { cidr: "::ffff:0:0/96", name: "IPv4-mapped addresses (RFC 4291, section 2.5.5.2)", ipv4At: 96 },
      ipv4Prefix: 0,
    });
    expect(ipv4Embedding("::/64")?.ipv4Prefix).toBe(0);
    expect(ipv4Embedding("64:ff9b::/90")?.range.cidr).toBe("64:ff9b::/96");
  });

  it("gives the IPv4 prefix a block inside a range stands for", () => {
    expect(ipv4Embedding("::ffff:cb00:7100/120")?.ipv4Prefix).toBe(24);
    expect(ipv4Embedding("::ffff:cb00:7110/128")?.ipv4Prefix).toBe(32);
    expect(ipv4Embedding("2002:cb00:7110::/48")?.ipv4Prefix).toBe(32);
    expect(ipv4Embedding("2002:cb00::/24")?.ipv4Prefix).toBe(8);
    expect(ipv4Embedding("64:ff9b:1::/64")).toEqual({
      range: { cidr: "64:ff9b:1::/48", name: "the NAT64 local-use prefix (RFC 8215)", ipv4At: undefined },
      ipv4Prefix: undefined,
    });
  });

  it("is undefined for ordinary IPv6 blocks, IPv4 blocks and text that is not a block", () => {
    expect(ipv4Embedding("2001:db8::/64")).toBeUndefined();
    expect(ipv4Embedding("2001:db8::1/128")).toBeUndefined();
    expect(ipv4Embedding("203.0.113.0/24")).toBeUndefined();
    expect(ipv4Embedding("::ffff:0:0")).toBeUndefined();
    expect(ipv4Embedding("::ffff:0:0/129")).toBeUndefined();
  });
});

describe("coversEveryAddress", () => {
  it.each(["0.0.0.0/0", "::/0", "0.0.0.0", "::", "::ffff:0:0/96", "::/96", "::/64", "64:ff9b::/96", "2002::/16"])(
    "%s admits every address",
    (value) => expect(coversEveryAddress(value)).toBe(true),
  );

  it.each(["203.0.113.10/32", "198.51.100.7", "2001:db8::/64", "::ffff:cb00:7110/128", "2002:cb00::/24"])(
    "%s does not",
    (value) => expect(coversEveryAddress(value)).toBe(false),
  );
});

describe("parseCidr", () => {
  it("still parses IPv6 blocks after the bit helper was shared", () => {
    expect(parseCidr("::ffff:0:0/96")).toEqual({ version: 6, prefix: 96, hostBitsSet: false });
    expect(parseCidr("64:ff9b::cb00:7110/124")).toEqual({ version: 6, prefix: 124, hostBitsSet: false });
  });
});
