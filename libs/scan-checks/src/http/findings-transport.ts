import type { CheckFinding } from '../finding';
import type { HttpAnalysis } from './analyze';
import { SIX_MONTHS_SECONDS } from './analyze-transport';
import type { Chain, ChainFailure } from './observation';

/** Why a hop was not followed, for the people who read the finding. */
export function failureInFrench(failure: ChainFailure): string {
  switch (failure.kind) {
    case 'refused':
      return `Vigie n'a pas suivi la redirection vers ${failure.url} : cette destination n'est pas une adresse publique (réseau interne, boucle locale ou métadonnées d'hébergeur), ce qui trahit une erreur de configuration.`;
    case 'too_many_redirects':
      return `La chaîne de redirections a été interrompue après trop de sauts (vers ${failure.url}).`;
    case 'error':
      return `La destination ${failure.url} n'a pas répondu.`;
  }
}

function certificateError(chain: Chain): string | undefined {
  return chain.hops.find((hop) => hop.tls && !hop.tls.authorized)?.tls?.authorizationError;
}

export function redirectFinding(
  analysis: HttpAnalysis,
  http: Chain,
  target: string,
): CheckFinding | undefined {
  const { result, route } = analysis.redirection;
  const path = route.join(' → ');
  let severity: CheckFinding['severity'];
  let evidence: string;
  switch (result) {
    case 'redirection-to-https':
    case 'redirection-not-needed-no-http':
    case 'redirection-all-redirects-preloaded':
      return undefined;
    case 'redirection-missing':
      severity = 'high';
      evidence = `${route[0]} répond (HTTP ${http.hops[0].status}) sans rediriger vers HTTPS : les échanges avec le site peuvent passer en clair.`;
      break;
    case 'redirection-not-to-https':
      severity = 'high';
      evidence = `${path} : la destination finale n'est pas en HTTPS.`;
      break;
    case 'redirection-not-to-https-on-initial-redirection':
      severity = 'medium';
      evidence = `${path} : la première redirection mène à une autre adresse HTTP avant HTTPS, et ce premier saut reste interceptable.`;
      break;
    case 'redirection-off-host-from-http':
      severity = 'low';
      evidence = `${path} : la première redirection change de nom d'hôte, si bien que l'en-tête HSTS du nom d'origine n'est jamais reçu.`;
      break;
    case 'redirection-invalid-cert':
      severity = 'medium';
      evidence = `${path} : la redirection mène à un certificat invalide (${certificateError(http) ?? 'inconnu'}), que les navigateurs refusent.`;
      break;
  }
  if (http.failure) evidence += ` ${failureInFrench(http.failure)}`;
  return {
    checkId: 'http.redirect_https',
    severity,
    target,
    title: 'Redirection de HTTP vers HTTPS absente ou incomplète',
    evidence,
    remediation:
      "Rediriger toute requête http:// vers https:// sur le même nom d'hôte (code 301 ou 308), puis activer HSTS pour que les navigateurs n'essaient plus HTTP.",
  };
}

/** HSTS is judged on the https page only; a site without https is the redirection finding's and TLS's concern. */
export function hstsFinding(analysis: HttpAnalysis, https: Chain, target: string): CheckFinding | undefined {
  if (!https.final) return undefined;
  const url = https.final.url;
  const header = analysis.hsts.header;
  let severity: CheckFinding['severity'];
  let evidence: string;
  if (!header) {
    severity = 'high';
    evidence = `${url} n'envoie pas d'en-tête Strict-Transport-Security : un attaquant placé sur le réseau peut ramener le navigateur en HTTP (attaque par rétrogradation).`;
  } else if (header.invalid) {
    severity = 'high';
    evidence = `L'en-tête Strict-Transport-Security de ${url} est illisible (${header.invalid}) : « ${header.raw} ».`;
  } else if (header.maxAge === 0) {
    severity = 'high';
    evidence = `${url} envoie Strict-Transport-Security avec max-age=0, ce qui désactive HSTS.`;
  } else if (header.maxAge! < SIX_MONTHS_SECONDS) {
    severity = 'medium';
    const days = Math.floor(header.maxAge! / 86400);
    evidence = `${url} envoie Strict-Transport-Security avec max-age=${header.maxAge} (${days >= 1 ? `${days} jours` : "moins d'un jour"}), moins que les 6 mois (15552000 s) attendus.`;
  } else if (!header.includeSubDomains) {
    severity = 'info';
    evidence = `${url} active HSTS (max-age=${header.maxAge}) sans includeSubDomains : les sous-domaines ne sont pas couverts.`;
  } else {
    return undefined;
  }
  const badCertificate = certificateError(https);
  if (badCertificate)
    evidence += ` Le certificat présenté est invalide (${badCertificate}) : HSTS reste sans effet tant qu'il n'est pas corrigé.`;
  return {
    checkId: 'http.hsts',
    severity,
    target,
    title: 'Protection HSTS absente ou insuffisante',
    evidence,
    remediation:
      'Envoyer sur toutes les réponses HTTPS « Strict-Transport-Security: max-age=31536000; includeSubDomains », après avoir vérifié que tous les sous-domaines sont servis en HTTPS.',
  };
}
