const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** Lower-case, without the final dot: the form every DNS name takes inside this family. */
export function normalizeDomain(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * A host-style DNS name with at least two labels. Underscores are allowed because `_dmarc`, `_domainkey` and
 * SPF include targets such as `_spf.example.fr` use them.
 */
export function isDomainName(name: string): boolean {
  const labels = name.split('.');
  return name.length <= 253 && labels.length >= 2 && labels.every((label) => LABEL.test(label));
}
