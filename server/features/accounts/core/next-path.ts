// Where to go after logging in. Only paths on this site are followed, so a crafted login link cannot send a
// staff member to another site ("//evil.example", "/\evil.example", "https://…" are all refused).
export function safeNextPath(next: string | undefined, fallback = '/'): string {
  if (!next || next.length > 500) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // Control characters and backslashes have no place in our paths and are how browsers get tricked.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  if (next === '/login' || next.startsWith('/login?')) return fallback;
  return next;
}
