import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface NmapRun {
  /** From spawning nmap to its exit, as a user of the peer would wait. */
  wallMs: number;
  /** nmap's own figure (`<finished elapsed>`), without process start-up. */
  elapsedMs: number;
  /** `address:port` of every port nmap calls open. */
  open: Set<string>;
  /** `address:port` → dicom-ping's verdict, when the script ran. */
  dicom: Map<string, 'accept' | 'reject'>;
}

/**
 * `nmap -n -Pn -sT -p <ports> <addresses> -oX -`, the connect scan our scanner is measured against, with
 * `--script` when given (dicom-ping: the peer for our DICOM verdicts).
 */
export async function nmapConnectScan(
  addresses: string[],
  ports: number[],
  script?: string,
): Promise<NmapRun> {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(
    'nmap',
    [
      '-n',
      '-Pn',
      '-sT',
      '-p',
      ports.join(','),
      ...(script ? ['--script', script] : []),
      '-oX',
      '-',
      ...addresses,
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const wallMs = performance.now() - started;
  const open = new Set<string>();
  const dicom = new Map<string, 'accept' | 'reject'>();
  for (const host of stdout.split('<host ').slice(1)) {
    const address = /<address addr="([^"]+)"/.exec(host)?.[1];
    for (const port of host.split('<port ').slice(1)) {
      const [, number, state] = /portid="(\d+)"><state state="(\w+)"/.exec(port) ?? [];
      if (state === 'open') open.add(`${address}:${number}`);
      if (port.includes('Any AET is accepted')) dicom.set(`${address}:${number}`, 'accept');
      if (port.includes('Called AET check enabled')) dicom.set(`${address}:${number}`, 'reject');
    }
  }
  const elapsed = Number(/<finished [^>]*elapsed="([\d.]+)"/.exec(stdout)?.[1] ?? NaN);
  return { wallMs, elapsedMs: elapsed * 1000, open, dicom };
}
