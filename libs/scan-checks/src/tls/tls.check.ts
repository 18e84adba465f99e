import { DEFAULT_CIPHERS } from 'node:tls';
import { certificateFindings } from './certificate-findings';
import { inspectPeer, summarizeCertificate, type PeerCertificates } from './certificate';
import { suiteTraits } from './cipher-suites';
import {
  enumerateLegacySuites,
  enumerateWithNode,
  probeSslv3,
  throttled,
  type Enumeration,
  type ProbeContext,
} from './enumerate';
import { gradeTls, TLS_GRADING_VERSION } from './grade';
import { Limiter } from './limiter';
import { handshake, type HandshakeOutcome } from './node-probe';
import { protocolFindings } from './protocol-findings';
import {
  TLS_PROTOCOLS,
  type TlsCheckOptions,
  type TlsProtocol,
  type TlsReport,
  type TlsTarget,
} from './tls-report';
import { placeOf } from './wording';

/**
 * A handshake as a current client makes it (Node's defaults: TLS 1.2+, modern suites) and the one the
 * certificate and trust are read from. SECLEVEL=0 so that a weak key or a SHA-1 signature is reported by our
 * own checks instead of failing the handshake; `relaxed` also lets a legacy-only server show its certificate.
 */
function trustHandshake(
  context: ProbeContext,
  extraCa: string[],
  relaxed: boolean,
): Promise<HandshakeOutcome<PeerCertificates | null>> {
  const { address, port, serverName } = context.target;
  return throttled(context, () =>
    handshake(
      {
        address,
        port,
        serverName,
        ciphers: relaxed ? 'ALL:COMPLEMENTOFALL:@SECLEVEL=0' : `${DEFAULT_CIPHERS}:@SECLEVEL=0`,
        minVersion: relaxed ? 'TLSv1' : undefined,
        extraCa,
        timeoutMs: context.timeoutMs,
      },
      inspectPeer,
    ),
  );
}

/**
 * TLS configuration of one endpoint: protocol versions, every accepted suite, key exchange, certificate, grade.
 * Throws when the endpoint could not be reached at all, so that the runner retries instead of resolving the
 * previous scan's findings. Test time and handshake counts: see docs/scans/tls-grade.md.
 */
export async function checkTls(target: TlsTarget, options: TlsCheckOptions = {}): Promise<TlsReport> {
  const now = options.now ?? new Date();
  const extraCa = options.ca === undefined ? [] : [options.ca].flat();
  const context: ProbeContext = {
    target,
    timeoutMs: options.timeoutMs ?? 5000,
    limiter: new Limiter(Math.max(1, options.maxConcurrentHandshakes ?? 4)),
    signal: options.signal,
    errors: [],
    handshakes: 0,
  };
  const [modern, tls13, tls12, tls11, tls10, legacySuites, sslv3] = await Promise.all([
    trustHandshake(context, extraCa, false),
    enumerateWithNode('TLSv1.3', context),
    enumerateWithNode('TLSv1.2', context),
    enumerateWithNode('TLSv1.1', context),
    enumerateWithNode('TLSv1', context),
    enumerateLegacySuites(context),
    probeSslv3(context),
  ]);
  const byProtocol: Record<TlsProtocol, Enumeration> = {
    SSLv3: sslv3,
    TLSv1: tls10,
    'TLSv1.1': tls11,
    'TLSv1.2': tls12,
    'TLSv1.3': tls13,
  };
  const protocols = Object.fromEntries(
    TLS_PROTOCOLS.map((p) => [p, byProtocol[p].status]),
  ) as TlsReport['protocols'];
  // Node cannot offer RC4 or 3DES, so a server that only speaks those in TLS 1.0 is seen by the raw probe alone.
  for (const suite of legacySuites) protocols[suite.protocol] = 'accepted';
  const suites = [...TLS_PROTOCOLS]
    .reverse()
    .flatMap((p) => [...byProtocol[p].suites, ...legacySuites.filter((suite) => suite.protocol === p)]);

  if (!suites.length) {
    const unknown = TLS_PROTOCOLS.filter((p) => protocols[p] === 'unknown');
    if (unknown.length)
      throw new Error(`TLS probe of ${target.address}:${target.port} failed: ${context.errors.join('; ')}`);
  }

  let peer = modern.kind === 'accepted' ? modern.inspected : null;
  if (!peer && suites.length) {
    const relaxed = await trustHandshake(context, extraCa, true);
    peer = relaxed.kind === 'accepted' ? relaxed.inspected : null;
  }
  const certificate = peer
    ? summarizeCertificate(peer, { now, serverName: target.serverName, extraCa })
    : null;
  const facts = {
    protocols,
    suites,
    modernClient:
      modern.kind === 'accepted'
        ? {
            protocol: modern.protocol,
            suite: modern.suite,
            forwardSecrecy: suiteTraits(modern.suite).forwardSecrecy,
          }
        : null,
    certificate,
  };
  const place = placeOf(target.address, target.port, target.serverName);
  const graded = gradeTls(facts, now);
  return {
    target: place.target,
    ...(target.serverName ? { serverName: target.serverName } : {}),
    checkedAt: now.toISOString(),
    gradingVersion: TLS_GRADING_VERSION,
    grade: graded?.grade ?? null,
    gradeIgnoringTrust: graded?.gradeIgnoringTrust ?? null,
    score: graded?.score ?? null,
    caps: graded?.caps ?? [],
    ...facts,
    preferredSuites: Object.fromEntries(
      TLS_PROTOCOLS.filter((p) => byProtocol[p].suites.length).map((p) => [p, byProtocol[p].suites[0].name]),
    ),
    findings: [
      ...(suites.length ? protocolFindings(facts, place) : []),
      ...(certificate
        ? certificateFindings(certificate, place, {
            now,
            expiringDays: options.expiringDays ?? 30,
            serverName: target.serverName,
          })
        : []),
    ],
    complete: context.errors.length === 0,
    errors: context.errors,
    handshakes: context.handshakes,
  };
}
