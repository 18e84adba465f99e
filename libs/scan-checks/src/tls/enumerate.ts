import { buildClientHello, WIRE } from './client-hello';
import { LEGACY_SUITES, SSLV3_SUITES, suiteTraits, TLS13_SUITES, type WireSuite } from './cipher-suites';
import type { Limiter } from './limiter';
import { handshake, type HandshakeRequest } from './node-probe';
import { sendClientHello, type RawOutcome } from './raw-probe';
import type { AcceptedSuite, ProtocolStatus, TlsProtocol, TlsTarget } from './tls-report';

export interface ProbeContext {
  target: TlsTarget;
  timeoutMs: number;
  limiter: Limiter;
  signal?: AbortSignal;
  /** Filled by the probes: what got no usable answer. */
  errors: string[];
  handshakes: number;
}

export interface Enumeration {
  status: ProtocolStatus;
  suites: AcceptedSuite[];
}

/** Every suite a server could pick stays on offer; a real server never needs more rounds than this. */
const MAX_ROUNDS = 200;

/** Everything OpenSSL 3 still implements, NULL and anonymous included (then `@SECLEVEL=0`, see scans.md §0). */
const ALL_CLASSIC = 'ALL:COMPLEMENTOFALL';

const BY_WIRE: Record<number, TlsProtocol> = {
  [WIRE.SSLv3]: 'SSLv3',
  [WIRE.TLSv1]: 'TLSv1',
  [WIRE['TLSv1.1']]: 'TLSv1.1',
  [WIRE['TLSv1.2']]: 'TLSv1.2',
};

/** Runs one connection under the target's limit; stops the whole check once the runner aborted it. */
export async function throttled<T>(context: ProbeContext, probe: () => Promise<T>): Promise<T> {
  return context.limiter.run(async () => {
    if (context.signal?.aborted) throw new Error('TLS check aborted');
    context.handshakes++;
    return probe();
  });
}

function statusAfter(found: number, ended: 'refused' | 'unknown'): ProtocolStatus {
  return found > 0 ? 'accepted' : ended;
}

/**
 * The suites one protocol accepts, the way sslscan and sslyze find them: offer everything, note the suite the
 * server picks, offer everything but that, until the server refuses. N accepted suites cost N + 1 handshakes.
 */
export async function enumerateWithNode(
  protocol: Exclude<TlsProtocol, 'SSLv3'>,
  context: ProbeContext,
): Promise<Enumeration> {
  const { address, port, serverName } = context.target;
  const suites: AcceptedSuite[] = [];
  const picked = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ciphers =
      protocol === 'TLSv1.3'
        ? TLS13_SUITES.filter((name) => !picked.has(name)).join(':')
        : [ALL_CLASSIC, ...[...picked].map((name) => `!${name}`), '@SECLEVEL=0'].join(':');
    if (!ciphers) break;
    const request: HandshakeRequest = {
      address,
      port,
      serverName,
      minVersion: protocol,
      maxVersion: protocol,
      ciphers,
      timeoutMs: context.timeoutMs,
    };
    const outcome = await throttled(context, () => handshake(request));
    if (outcome.kind !== 'accepted') {
      if (outcome.kind === 'unknown') context.errors.push(`${protocol}: ${outcome.code}`);
      return { status: statusAfter(suites.length, outcome.kind), suites };
    }
    if (picked.has(outcome.suite)) {
      context.errors.push(`${protocol}: the server picked ${outcome.suite}, which was not offered`);
      break;
    }
    picked.add(outcome.suite);
    suites.push({
      protocol,
      name: outcome.suite,
      ...suiteTraits(outcome.suite),
      ephemeralKey: outcome.ephemeral,
      via: 'node',
    });
  }
  return { status: statusAfter(suites.length, 'refused'), suites };
}

async function rawRound(context: ProbeContext, version: number, offer: WireSuite[]): Promise<RawOutcome> {
  const { address, port, serverName } = context.target;
  const hello = buildClientHello({ version, suites: offer.map((suite) => suite.code), serverName });
  return throttled(context, () => sendClientHello(address, port, hello, context.timeoutMs));
}

function rawSuite(protocol: TlsProtocol, suite: WireSuite): AcceptedSuite {
  return { protocol, name: suite.name, ...suiteTraits(suite.name), ephemeralKey: null, via: 'raw' };
}

/** One version's RC4, 3DES... suites: answers at a lower version are left to that version's own round. */
async function legacySuitesAt(context: ProbeContext, version: number): Promise<AcceptedSuite[]> {
  let offer = [...LEGACY_SUITES];
  const suites: AcceptedSuite[] = [];
  const protocol = BY_WIRE[version];
  while (offer.length) {
    const outcome = await rawRound(context, version, offer);
    if (outcome.kind === 'unknown') context.errors.push(`legacy suites (${protocol}): ${outcome.reason}`);
    if (outcome.kind !== 'accepted' || outcome.version < version) break;
    const chosen = offer.find((suite) => suite.code === outcome.suite);
    if (!chosen || outcome.version !== version) {
      context.errors.push(
        `legacy suites (${protocol}): unexpected ServerHello (0x${outcome.suite.toString(16)})`,
      );
      break;
    }
    suites.push(rawSuite(protocol, chosen));
    offer = offer.filter((suite) => suite !== chosen);
  }
  return suites;
}

/**
 * RC4, 3DES, DES, IDEA and EXPORT suites, which Node cannot offer: hand-built ClientHellos, one enumeration per
 * version from TLS 1.2 down, since a server may keep 3DES for its TLS 1.0 clients only. Only the ServerHello is
 * read, so no key exchange group is measured.
 */
export async function enumerateLegacySuites(context: ProbeContext): Promise<AcceptedSuite[]> {
  const versions = [WIRE['TLSv1.2'], WIRE['TLSv1.1'], WIRE.TLSv1];
  return (await Promise.all(versions.map((version) => legacySuitesAt(context, version)))).flat();
}

/** SSLv3: one hand-built SSLv3 ClientHello; accepted only if the server answers in SSLv3. */
export async function probeSslv3(context: ProbeContext): Promise<Enumeration> {
  const outcome = await rawRound(context, WIRE.SSLv3, SSLV3_SUITES);
  if (outcome.kind === 'unknown') {
    context.errors.push(`SSLv3: ${outcome.reason}`);
    return { status: 'unknown', suites: [] };
  }
  const chosen = outcome.kind === 'accepted' && SSLV3_SUITES.find((suite) => suite.code === outcome.suite);
  if (outcome.kind !== 'accepted' || outcome.version !== WIRE.SSLv3 || !chosen) {
    return { status: 'refused', suites: [] };
  }
  return { status: 'accepted', suites: [rawSuite('SSLv3', chosen)] };
}
