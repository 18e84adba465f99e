import type { Socket } from 'node:net';
import { checkExposedServices } from './exposed-services.check';
import { RISKY_PORTS, type RiskyPort } from './risky-ports';
import { LocalServices } from './testing/local-services';

const hl7Port = (port: number): RiskyPort => ({ ...RISKY_PORTS.find((p) => p.port === 2575)!, port });

/**
 * A tiny MLLP listener like an interface engine's: it acknowledges every framed message with an ACK quoting its
 * control id, and records what each connection sent.
 */
function mllpListener(received: Buffer[], connections: { open: number }) {
  return (socket: Socket) => {
    connections.open++;
    let data = Buffer.alloc(0);
    socket.once('close', () => {
      received.push(data);
      connections.open--;
    });
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf(0x1c);
      if (data[0] !== 0x0b || end < 0) return;
      const controlId = data.toString('latin1', 1, end).split('\r')[0].split('|')[9];
      socket.write(
        `\x0bMSH|^~\\&|EAI|CHU-EXEMPLE|VIGIE|VIGIE|20250101120000||ACK^N01^ACK|A${controlId}|T|2.5\rMSA|AA|${controlId}\r\x1c\r`,
      );
    });
  };
}

async function closed(connections: { open: number }) {
  for (let i = 0; i < 100 && connections.open > 0; i++) await new Promise((r) => setTimeout(r, 10));
}

describe('HL7 MLLP exposure against a Node MLLP listener on 127.0.0.1', () => {
  const services = new LocalServices();
  afterAll(() => services.close());

  it('checks HL7 ports by connection alone by default: the listener receives nothing', async () => {
    const received: Buffer[] = [];
    const connections = { open: 0 };
    const port = await services.tcp(mllpListener(received, connections));
    const [finding] = await checkExposedServices('127.0.0.1', { timeoutMs: 1000, ports: [hl7Port(port)] });
    expect(finding).toMatchObject({
      checkId: 'ports.hl7',
      severity: 'critical',
      title: 'HL7 MLLP (messages de soins) exposé sur Internet',
    });
    expect(finding.evidence).toBe(
      `Le port TCP ${port} de 127.0.0.1 accepte les connexions (vérifié par connexion seule : aucun message HL7 n’a été envoyé).`,
    );
    await closed(connections);
    expect(received).toEqual([Buffer.alloc(0)]);
  });

  it('when enabled, confirms the listener with a harmless test message and quotes its acknowledgement', async () => {
    const received: Buffer[] = [];
    const connections = { open: 0 };
    const port = await services.tcp(mllpListener(received, connections));
    const [finding] = await checkExposedServices('127.0.0.1', {
      timeoutMs: 1000,
      ports: [hl7Port(port)],
      mllpProbe: true,
      label: 'eai.ch-exemple.fr',
    });
    expect(finding.severity).toBe('critical');
    expect(finding.evidence).toMatch(
      /^Le port TCP \d+ de eai\.ch-exemple\.fr \(127\.0\.0\.1\) accepte les connexions ; le service a répondu à un message HL7 de test \(MLLP\) par un accusé de réception AA \(« MSH\|\^~\\&\|EAI\|CHU-EXEMPLE\|VIGIE\|VIGIE\|20250101120000\|\|ACK\^N01\^ACK\|AVIGIE[0-9A-F]{8}\|T\|2\.5 »\)\.$/,
    );
    await closed(connections);
    // One connection: the one that found the port open carried one framed network-management query.
    expect(received).toHaveLength(1);
    const frame = received[0];
    expect([frame[0], frame.at(-2), frame.at(-1)]).toEqual([0x0b, 0x1c, 0x0d]);
    const fields = frame
      .toString('latin1', 1, frame.length - 2)
      .split('\r')[0]
      .split('|');
    expect(fields.slice(0, 3)).toEqual(['MSH', '^~\\&', 'VIGIE']);
    expect([fields[8], fields[10], fields[11]]).toEqual(['NMQ^N01^NMQ_N01', 'T', '2.5']);
  });

  it('does not confirm a listener that answers the test message with something other than HL7', async () => {
    const port = await services.tcp((socket) => socket.once('data', () => socket.end('220 FTP prêt\r\n')));
    const [finding] = await checkExposedServices('127.0.0.1', {
      timeoutMs: 1000,
      ports: [hl7Port(port)],
      mllpProbe: true,
    });
    expect(finding.evidence).toBe(
      `Le port TCP ${port} de 127.0.0.1 accepte les connexions ; bannière « 220 FTP prêt ».`,
    );
  });
});
