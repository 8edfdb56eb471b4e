// "From where" in the audit log without keeping a person's full address: an IPv4 address loses its last byte and an
// IPv6 address everything after its first 48 bits (the site prefix). Enough to tell an office network from an
// unknown one, not enough to single out one phone or home connection.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The truncated address, or null when there is none. */
export function truncateAddress(address: string | undefined | null): string | null {
  if (!address) return null;
  const plain = address.startsWith('::ffff:') && IPV4.test(address.slice(7)) ? address.slice(7) : address;
  const v4 = IPV4.exec(plain);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.*`;
  if (!plain.includes(':')) return null;
  const [head] = plain.split('::');
  const groups = head === '' ? [] : head.split(':');
  const kept = [...groups, '0', '0', '0'].slice(0, 3).map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
  return `${kept.join(':')}::/48`;
}
