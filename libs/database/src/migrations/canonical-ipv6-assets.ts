import type { QueryRunner } from 'typeorm';

/**
 * RFC 5952 text of an IPv6 address as the WHATWG URL parser writes it: a fixed standard, so this migration gives
 * the same result whenever it runs, and the same text as the API's normalisation. Null when not an IPv6 address.
 */
function canonicalIpv6(value: string): string | null {
  if (!value.includes(':')) return null;
  try {
    return new URL(`http://[${value}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

/**
 * Rewrites stored IPv6 asset values in canonical form, so that later registrations of another spelling are
 * recognised as the same asset. When two assets of one establishment turn out to be one address, the older
 * keeps the canonical value and the newer keeps its spelling: merging them would mean choosing between two
 * verification states and two scan histories, a decision for the establishment, not for a migration.
 * `param(n)` is the dialect's placeholder (`?` or `$n`).
 */
export async function canonicaliseIpv6Assets(
  runner: QueryRunner,
  param: (n: number) => string,
): Promise<number> {
  const rows: { id: string; establishmentId: string; value: string }[] = await runner.query(
    `SELECT "id", "establishmentId", "value" FROM "asset" WHERE "kind" = 'ipv6' ORDER BY "createdAt", "id"`,
  );
  const taken = new Set(rows.map((row) => `${row.establishmentId} ${row.value}`));
  let rewritten = 0;
  for (const row of rows) {
    const value = canonicalIpv6(row.value);
    if (value === null || value === row.value) continue;
    const key = `${row.establishmentId} ${value}`;
    if (taken.has(key)) continue;
    await runner.query(`UPDATE "asset" SET "value" = ${param(1)} WHERE "id" = ${param(2)}`, [value, row.id]);
    taken.delete(`${row.establishmentId} ${row.value}`);
    taken.add(key);
    rewritten++;
  }
  return rewritten;
}
