import type { CheckFinding, Severity } from '../finding';
import type { DmarcPolicy } from './dmarc-record';
import {
  SPF_LOOKUP_LIMIT,
  SPF_MX_NAME_LIMIT,
  SPF_VOID_LOOKUP_LIMIT,
  type SpfEvaluation,
  type SpfNode,
  type SpfStop,
} from './spf-evaluation';

/** The DMARC policy in force, which decides whether a softfail is enough. */
export interface DmarcEnforcement {
  policy?: DmarcPolicy;
  pct: number;
}

const PERMERROR =
  'les destinataires obtiennent une erreur permanente (permerror) et ignorent le SPF, ce qui revient à ne pas en avoir';

function findNode(node: SpfNode, domain: string): SpfNode | undefined {
  if (node.domain === domain) return node;
  for (const child of node.children) {
    const found = findNode(child, domain);
    if (found) return found;
  }
  return undefined;
}

/** Severity, title, evidence and remediation for the reason evaluation stopped. */
function stopFinding(domain: string, stop: SpfStop, root: SpfNode): [Severity, string, string, string] {
  const node = findNode(root, stop.domain);
  const where =
    stop.domain === domain ? `de ${domain}` : `de ${stop.domain} (appelé depuis le SPF de ${domain})`;
  switch (stop.reason) {
    case 'no-record':
      return stop.domain === domain
        ? [
            'high',
            'Aucun enregistrement SPF',
            `${domain} ne publie aucun enregistrement TXT « v=spf1 » : rien ne dit aux destinataires quels serveurs peuvent envoyer en son nom.`,
            'Publier un enregistrement SPF qui liste les serveurs d’envoi et se termine par « -all » (« v=spf1 -all » si le domaine n’envoie pas de courrier).',
          ]
        : [
            'high',
            'Inclusion SPF vers un domaine sans SPF',
            `Le SPF de ${domain} renvoie (include ou redirect) vers ${stop.domain}, qui ne publie pas d’enregistrement SPF : ${PERMERROR}.`,
            `Retirer l’inclusion de ${stop.domain} ou la remplacer par le nom que le prestataire documente.`,
          ];
    case 'multiple-records':
      return [
        'high',
        'Plusieurs enregistrements SPF',
        `${stop.domain} publie ${node?.spfRecords.length ?? 'plusieurs'} enregistrements « v=spf1 » (${(node?.spfRecords ?? []).map((r) => `« ${r} »`).join(', ')}) : ${PERMERROR}.`,
        'Fusionner les enregistrements en un seul enregistrement SPF.',
      ];
    case 'syntax':
      return [
        'high',
        'Erreur de syntaxe dans le SPF',
        `L’enregistrement SPF ${where} (« ${node?.record ?? ''} ») contient des erreurs : ${(node?.syntaxErrors ?? []).join(' ; ')}. Les destinataires le rejettent en entier (permerror).`,
        'Corriger l’enregistrement selon la RFC 7208 et le vérifier avec un outil de validation SPF.',
      ];
    case 'lookup-limit':
      return [
        'high',
        'SPF au-delà de la limite de 10 requêtes DNS',
        `L’évaluation du SPF de ${domain} demande plus de ${SPF_LOOKUP_LIMIT} requêtes DNS (include, a, mx, ptr, exists et redirect, comptés à travers les inclusions) ; la ${SPF_LOOKUP_LIMIT + 1}e est « ${stop.detail} » dans le SPF de ${stop.domain}, et ${PERMERROR}.`,
        'Réduire les requêtes : retirer les inclusions inutiles, remplacer a et mx par des ip4/ip6, demander aux prestataires une inclusion plus compacte.',
      ];
    case 'void-limit':
      return [
        'high',
        'SPF renvoyant vers des noms sans réponse',
        `Plus de ${SPF_VOID_LOOKUP_LIMIT} requêtes du SPF de ${domain} ne trouvent rien (nom inexistant ou sans enregistrement), dont ${stop.domain} : ${PERMERROR}.`,
        'Retirer du SPF les mécanismes qui désignent des noms qui n’existent plus.',
      ];
    case 'mx-limit':
      return [
        'high',
        'Mécanisme mx désignant plus de 10 serveurs',
        `Le mécanisme « ${stop.detail} » du SPF ${where} renvoie plus de ${SPF_MX_NAME_LIMIT} serveurs MX : ${PERMERROR}.`,
        'Remplacer ce mécanisme mx par les plages ip4/ip6 des serveurs d’envoi.',
      ];
    case 'loop':
      return [
        'high',
        'Boucle dans le SPF',
        `Le SPF de ${stop.domain} renvoie vers ${stop.detail}, déjà en cours d’évaluation : ${PERMERROR}.`,
        'Supprimer l’inclusion ou la redirection circulaire.',
      ];
    case 'temperror':
      return [
        'medium',
        'SPF partiellement invérifiable',
        `La requête DNS pour ${stop.domain}, appelé par le SPF de ${domain}, a échoué (${stop.detail}) : les destinataires obtiennent une erreur temporaire (temperror) et peuvent différer ou refuser le courrier.`,
        `Vérifier que les serveurs DNS de ${stop.domain} répondent, ou retirer cette inclusion.`,
      ];
  }
}

function allFinding(domain: string, spf: SpfEvaluation, dmarc: DmarcEnforcement): CheckFinding | undefined {
  const finding = (
    key: string,
    severity: Severity,
    title: string,
    evidence: string,
    remediation: string,
  ): CheckFinding => ({
    checkId: 'dns.spf',
    severity,
    target: domain,
    key,
    title,
    evidence,
    remediation,
  });
  const toFail = 'Terminer le SPF par « -all » une fois tous les serveurs d’envoi légitimes listés.';
  switch (spf.effectiveAll) {
    case '-':
      return undefined;
    case '+':
      return finding(
        'spf-all-pass',
        'critical',
        'SPF autorisant n’importe quel expéditeur (+all)',
        `Le SPF de ${domain} se termine par « +all » : tout serveur au monde est déclaré légitime pour envoyer en son nom.`,
        toFail,
      );
    case '?':
      return finding(
        'spf-all-neutral',
        'medium',
        'SPF neutre (?all)',
        `Le SPF de ${domain} se termine par « ?all » : les serveurs non listés obtiennent un résultat neutre, comme sans SPF.`,
        toFail,
      );
    case '~': {
      const enforced = dmarc.policy === 'reject' && dmarc.pct === 100;
      return finding(
        'spf-all-softfail',
        enforced ? 'info' : 'low',
        'SPF en échec souple (~all)',
        `Le SPF de ${domain} se termine par « ~all » : les serveurs non listés sont seulement marqués suspects${enforced ? ', ce que compense la politique DMARC « reject »' : ' et, sans politique DMARC « reject », leurs messages sont souvent acceptés'}.`,
        enforced ? 'Passer à « -all » quand les envois légitimes sont tous couverts.' : toFail,
      );
    }
    case undefined: {
      const root = spf.root;
      const redirects = root.terms.some((t) => t.kind === 'modifier' && t.name === 'redirect');
      // When evaluation stopped before reaching the redirect target, its ending is unknown, not missing.
      if (!root.record || (spf.stop && redirects)) return undefined;
      return finding(
        'spf-all-missing',
        'medium',
        'SPF sans mécanisme « all »',
        `Le SPF de ${domain} ne se termine ni par « all » ni par une redirection qui en contient un : les serveurs non listés obtiennent un résultat neutre.`,
        toFail,
      );
    }
  }
}

/** Findings of the SPF family from one evaluation of the domain's tree. */
export function spfFindings(domain: string, spf: SpfEvaluation, dmarc: DmarcEnforcement): CheckFinding[] {
  const findings: CheckFinding[] = [];
  if (spf.stop) {
    const { stop } = spf;
    const [severity, title, evidence, remediation] = stopFinding(domain, stop, spf.root);
    const key =
      stop.reason !== 'no-record'
        ? `spf-${stop.reason}`
        : stop.domain === domain
          ? 'spf-missing'
          : 'spf-include-without-record';
    findings.push({ checkId: 'dns.spf', severity, target: domain, key, title, evidence, remediation });
  }
  const all = allFinding(domain, spf, dmarc);
  if (all) findings.push(all);
  if (spf.ptrDomains.length > 0) {
    findings.push({
      checkId: 'dns.spf',
      severity: 'low',
      target: domain,
      key: 'spf-ptr',
      title: 'Mécanisme ptr déconseillé dans le SPF',
      evidence: `Le SPF de ${spf.ptrDomains.join(', ')} utilise « ptr », lent, peu fiable et à proscrire (RFC 7208 §5.5) ; certains destinataires l’ignorent.`,
      remediation: 'Remplacer « ptr » par les plages ip4/ip6 ou les noms (a:) des serveurs d’envoi.',
    });
  }
  return findings;
}
