export const SCAN_FAMILIES = ['ports', 'tls', 'http', 'dns', 'config'] as const;
export type ScanFamily = (typeof SCAN_FAMILIES)[number];

export type ScannableAssetKind = 'domain' | 'hostname' | 'ipv4' | 'ipv6' | 'url';

export interface PlannedTask {
  family: ScanFamily;
  /** What the family probes: a host name or address, host:port, an origin URL, or a domain. */
  target: string;
}

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The check families run on one verified asset. A domain gets its e-mail DNS checks and, like a host name or an
 * address, the exposed-services, TLS (443) and HTTP checks of the host of the same name; a URL gets TLS (when
 * https) and HTTP on its own origin.
 */
export function planAssetTasks(kind: ScannableAssetKind, value: string): PlannedTask[] {
  if (kind === 'url') {
    const url = new URL(value);
    const tasks: PlannedTask[] = [];
    if (url.protocol === 'https:')
      tasks.push({ family: 'tls', target: `${url.hostname}:${url.port || '443'}` });
    tasks.push({ family: 'http', target: url.origin });
    return tasks;
  }
  const host = bracketed(value);
  const tasks: PlannedTask[] = [];
  if (kind === 'domain') tasks.push({ family: 'dns', target: value });
  tasks.push(
    { family: 'ports', target: value },
    { family: 'tls', target: `${host}:443` },
    { family: 'http', target: host },
  );
  return tasks;
}

export interface PlannedSubjectTask extends PlannedTask {
  subjectType: 'asset' | 'config_file';
  subjectId: string;
}

/** Every task of a scan, in the order they run: each asset's families, then one `config` task per file. */
export function planScanTasks(
  assets: { id: string; kind: ScannableAssetKind; value: string }[],
  configFiles: { id: string; entry: string }[],
): PlannedSubjectTask[] {
  return [
    ...assets.flatMap((asset) =>
      planAssetTasks(asset.kind, asset.value).map((task) => ({
        subjectType: 'asset' as const,
        subjectId: asset.id,
        ...task,
      })),
    ),
    ...configFiles.map((file) => ({
      subjectType: 'config_file' as const,
      subjectId: file.id,
      family: 'config' as const,
      target: file.entry,
    })),
  ];
}
