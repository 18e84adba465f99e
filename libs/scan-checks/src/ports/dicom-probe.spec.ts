import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkExposedServices } from './exposed-services.check';
import { probePort } from './port-probe';
import { RISKY_PORTS, type RiskyPort } from './risky-ports';
import { describeWithTools, hasTool } from '@vigie/testing';
import { LocalServices } from './testing/local-services';

const dicomPort = (port: number): RiskyPort => ({ ...RISKY_PORTS.find((p) => p.port === 11112)!, port });
const settings = { timeoutMs: 1000, bannerMs: 1000 };

/** What nmap's dicom-ping script concludes on the same port: the reference for our verdict. */
async function nmapDicomPing(port: number): Promise<string> {
  const { stdout } = await promisify(execFile)('nmap', [
    '-n',
    '-Pn',
    '-sT',
    '-p',
    String(port),
    '--script',
    '+dicom-ping',
    '127.0.0.1',
    '-oX',
    '-',
  ]);
  return /output="([^"]*)"/.exec(stdout)?.[1] ?? '';
}

describeWithTools(['storescp', 'dcmqrscp'], 'DICOM association probe against dcmtk on 127.0.0.1', () => {
  const services = new LocalServices();
  afterAll(() => services.close());

  it('finds that storescp accepts a random called AE title, and releases the association', async () => {
    const port = await services.freePort();
    const storescp = await services.spawnListening(
      'storescp',
      ['-v', '-aet', 'PACS', '-od', services.folder(), String(port)],
      port,
    );
    const probe = await probePort('127.0.0.1', port, 'dicom', 1000, { dicomCalledAeTitle: 'NOT-THE-PACS' });
    expect(probe).toMatchObject({
      state: 'open',
      confirmed: true,
      dicom: { pdu: 'accept', calledAeTitle: 'NOT-THE-PACS' },
    });
    const [finding] = await checkExposedServices('127.0.0.1', {
      ...settings,
      ports: [dicomPort(port)],
      label: 'pacs.ch-exemple.fr',
    });
    expect(finding).toMatchObject({
      checkId: 'ports.dicom',
      severity: 'critical',
      target: `pacs.ch-exemple.fr:${port}`,
      title: 'DICOM (imagerie médicale) exposé sur Internet, associations acceptées sans contrôle d’AE title',
    });
    expect(finding.evidence).toMatch(
      /de pacs\.ch-exemple\.fr \(127\.0\.0\.1\) .*a accepté une demande d’association adressée à l’AE title inventé « Z[0-9A-F]{12} » \(A-ASSOCIATE-AC\)/,
    );
    // A polite client: the SCP saw a release request, not a dropped connection.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(storescp.output()).toContain('Association Release');
    // nmap's dicom-ping (Debian package nmap), when installed, is a second opinion on the same SCP.
    if (hasTool('nmap')) expect(await nmapDicomPing(port)).toContain('Any AET is accepted');
  });

  it('finds that dcmqrscp rejects an unknown called AE title, and accepts its own', async () => {
    const port = await services.freePort();
    const folder = services.folder();
    const config = join(folder, 'dcmqrscp.cfg');
    writeFileSync(
      config,
      [
        `NetworkTCPPort = ${port}`,
        'MaxPDUSize = 16384',
        'MaxAssociations = 4',
        'HostTable BEGIN',
        'HostTable END',
        'VendorTable BEGIN',
        'VendorTable END',
        'AETable BEGIN',
        `PACS ${folder} RW (10, 10mb) ANY`,
        'AETable END',
        '',
      ].join('\n'),
    );
    // Forking mode: in single-process mode dcmqrscp 3.6.7 crashes after releasing an association.
    await services.spawnListening('dcmqrscp', ['-c', config, String(port)], port);
    const [finding] = await checkExposedServices('127.0.0.1', { ...settings, ports: [dicomPort(port)] });
    expect(finding).toMatchObject({
      checkId: 'ports.dicom',
      severity: 'high',
      title: 'DICOM (imagerie médicale) exposé sur Internet (AE title contrôlé)',
    });
    expect(finding.evidence).toContain(
      'association refusée (A-ASSOCIATE-RJ : rejet définitif, AE title appelé non reconnu)',
    );
    // The refusal is about the AE title: the PACS's own title gets an association.
    expect(await probePort('127.0.0.1', port, 'dicom', 1000, { dicomCalledAeTitle: 'PACS' })).toMatchObject({
      confirmed: true,
      dicom: { pdu: 'accept' },
    });
    if (hasTool('nmap')) expect(await nmapDicomPing(port)).toContain('Called AET check enabled');
  });
});

describe('DICOM association probe against services that are not DICOM', () => {
  const services = new LocalServices();
  afterAll(() => services.close());

  it('reports a silent listener and an HTTP server on a DICOM port as unidentified, not as a PACS', async () => {
    const silent = await services.tcp(() => undefined);
    const http = await services.tcp((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')),
    );
    const findings = await checkExposedServices('127.0.0.1', {
      timeoutMs: 1000,
      bannerMs: 300,
      ports: [dicomPort(silent), dicomPort(http)],
    });
    const byPort = (port: number) => findings.find((f) => f.target === `127.0.0.1:${port}`)!;
    for (const port of [silent, http])
      expect(byPort(port)).toMatchObject({
        severity: 'medium',
        title: 'Port DICOM ouvert sur Internet, service non identifié',
      });
    expect(byPort(silent).evidence).not.toContain('réponse');
    expect(byPort(http).evidence).toContain('(réponse « HTTP/1.1 400 Bad Request »)');
  });

  it('reads an A-ABORT as a DICOM service that filters', async () => {
    const received: Buffer[] = [];
    const port = await services.tcp((socket) =>
      socket.once('data', (data) => {
        received.push(data);
        // A-ABORT from the service provider, reason 6: invalid PDU parameter value.
        socket.end(Buffer.from('07000000000400000206', 'hex'));
      }),
    );
    const [finding] = await checkExposedServices('127.0.0.1', { ...settings, ports: [dicomPort(port)] });
    expect(finding.severity).toBe('high');
    expect(finding.evidence).toContain(
      'association interrompue (A-ABORT : valeur de paramètre de PDU invalide)',
    );
    // What the service received was an A-ASSOCIATE-RQ, protocol version 1, from the calling AE title VIGIE.
    expect(received[0][0]).toBe(0x01);
    expect(received[0].readUInt16BE(6)).toBe(1);
    expect(received[0].toString('ascii', 26, 42)).toBe('VIGIE'.padEnd(16));
  });
});
