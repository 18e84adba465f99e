import type { CheckFinding } from '../finding';
import { describeDicomAnswer } from './dicom-probe';
import type { PortProbe } from './port-probe';
import type { RiskyPort } from './risky-ports';

export interface ExposureContext {
  /** The IP address connected to. */
  address: string;
  /** Display name of the target (host name); the address when there is none. */
  label: string;
  /** Whether HL7 ports were sent a test message, so the evidence does not claim otherwise. */
  mllpProbe?: boolean;
}

function opening(risky: RiskyPort, context: ExposureContext): string {
  const who = context.label === context.address ? context.address : `${context.label} (${context.address})`;
  return `Le port TCP ${risky.port} de ${who} accepte les connexions`;
}

function dicomFinding(
  risky: RiskyPort,
  probe: PortProbe,
  context: ExposureContext,
  base: Omit<CheckFinding, 'severity' | 'title' | 'evidence' | 'remediation'>,
): CheckFinding {
  const answer = probe.dicom;
  if (!answer)
    return {
      ...base,
      severity: 'medium',
      title: 'Port DICOM ouvert sur Internet, service non identifié',
      evidence: `${opening(risky, context)}, mais le service n’a pas répondu comme un service DICOM à une demande d’association${
        probe.banner ? ` (réponse « ${probe.banner} »)` : ''
      } : il peut s’agir d’un autre service, ou de DICOM sur TLS.`,
      remediation:
        'Identifier le service qui écoute sur ce port et le fermer sur Internet s’il n’a pas à y être joignable.',
    };
  const asked = `une demande d’association adressée à l’AE title inventé « ${answer.calledAeTitle} »`;
  if (answer.pdu === 'accept')
    return {
      ...base,
      severity: 'critical',
      title: `${risky.service} exposé sur Internet, associations acceptées sans contrôle d’AE title`,
      evidence: `${opening(risky, context)} ; le service DICOM a accepté ${asked} (A-ASSOCIATE-AC) : il accepte les associations de n’importe quelle application qui le joint.`,
      remediation: `${risky.remediation} En attendant, n’accepter que les AE titles et adresses des modalités connues.`,
    };
  return {
    ...base,
    severity: 'high',
    title: `${risky.service} exposé sur Internet (AE title contrôlé)`,
    evidence: `${opening(risky, context)} ; le service DICOM a répondu à ${asked} : ${describeDicomAnswer(answer)}. Il filtre les associations mais reste joignable depuis Internet.`,
    remediation: risky.remediation,
  };
}

function confirmation(risky: RiskyPort, probe: PortProbe, context: ExposureContext): string {
  if (risky.confirm === 'hl7') {
    if (probe.confirmed)
      return ` ; le service a répondu à un message HL7 de test (MLLP)${
        probe.hl7Ack ? ` par un accusé de réception ${probe.hl7Ack}` : ''
      }${probe.banner ? ` (« ${probe.banner} »)` : ''}`;
    if (!context.mllpProbe) return ' (vérifié par connexion seule : aucun message HL7 n’a été envoyé)';
  }
  if (probe.confirmed) return ` ; protocole confirmé${probe.banner ? ` (« ${probe.banner} »)` : ''}`;
  return probe.banner ? ` ; bannière « ${probe.banner} »` : '';
}

/**
 * The finding for an open risky port, worded after what the service answered. Its target is the host's name (the
 * label), so the finding keeps its identity when the host answers from another address next time.
 */
export function exposureFinding(risky: RiskyPort, probe: PortProbe, context: ExposureContext): CheckFinding {
  const host = context.label.includes(':') ? `[${context.label}]` : context.label;
  const base = { checkId: risky.checkId, target: `${host}:${risky.port}` };
  if (risky.confirm === 'dicom') return dicomFinding(risky, probe, context, base);
  return {
    ...base,
    severity: risky.severity,
    title: `${risky.service} exposé sur Internet`,
    evidence: `${opening(risky, context)}${confirmation(risky, probe, context)}.`,
    remediation: risky.remediation,
  };
}
