import type { CheckFinding } from '../finding';
import type { HttpAnalysis } from './analyze';
import type { CookieProblem } from './analyze-cookies';
import { isSessionCookie } from './cookies';
import { type HttpObservation, headerValues } from './observation';
import { type Problem, worstSeverity } from './problem';

const COOKIE_PROBLEMS: Record<CookieProblem, string> = {
  'session-without-secure': 'sans Secure',
  'without-secure': 'sans Secure',
  'session-without-httponly': 'sans HttpOnly',
  'samesite-invalid': 'avec un SameSite invalide',
  'samesite-none-without-secure': 'avec SameSite=None sans Secure (refusé par les navigateurs récents)',
  'anticsrf-without-samesite': 'sans SameSite',
  'session-without-samesite': 'sans SameSite',
};

function cookieSeverity(problem: CookieProblem, protectedByHsts: boolean): Problem['severity'] {
  switch (problem) {
    case 'session-without-secure':
      return protectedByHsts ? 'medium' : 'high';
    case 'session-without-httponly':
      return 'medium';
    default:
      return 'low';
  }
}

export function cookiesFinding(analysis: HttpAnalysis, target: string): CheckFinding | undefined {
  const { cookies, problems, protectedByHsts } = analysis.cookies;
  if (problems.size === 0) return undefined;
  const all: Problem[] = [];
  const described: string[] = [];
  for (const cookie of cookies) {
    const list = problems.get(cookie.name);
    if (!list?.length) continue;
    all.push(...list.map((p): Problem => ({ severity: cookieSeverity(p, protectedByHsts), text: p })));
    const kind = isSessionCookie(cookie) ? ' (cookie de session)' : '';
    described.push(
      `« ${cookie.name} »${kind} ${[...new Set(list.map((p) => COOKIE_PROBLEMS[p]))].join(', ')}`,
    );
  }
  return {
    checkId: 'http.cookies',
    severity: worstSeverity(all),
    target,
    title: 'Cookies sans attributs de sécurité',
    evidence: `Cookies déposés en visitant ${analysis.landing.url} : ${[...new Set(described)].join(' ; ')}.${
      !protectedByHsts && cookies.some((c) => !c.secure)
        ? ' Sans HSTS, un cookie sans Secure peut circuler en clair.'
        : ''
    }`,
    remediation:
      'Poser Secure sur tous les cookies, HttpOnly sur les cookies de session, et SameSite=Lax (ou Strict) ; préférer le préfixe __Host- pour le cookie de session.',
  };
}

export function corsFinding(
  analysis: HttpAnalysis,
  origin: string,
  target: string,
): CheckFinding | undefined {
  const { reflected, credentials, wildcard } = analysis.cors;
  const sent = `une requête portant « Origin: ${origin} » (un site inconnu)`;
  let problem: Problem | undefined;
  if (reflected && credentials)
    problem = {
      severity: 'high',
      text: `${sent} reçoit cette origine dans Access-Control-Allow-Origin avec Access-Control-Allow-Credentials: true : n'importe quel site peut lire les réponses avec la session de l'utilisateur`,
    };
  else if (wildcard && credentials)
    problem = {
      severity: 'medium',
      text: `${sent} reçoit Access-Control-Allow-Origin: * avec Access-Control-Allow-Credentials: true : les navigateurs refusent cette combinaison, qui montre une configuration CORS cherchant à tout autoriser avec authentification`,
    };
  else if (reflected)
    problem = {
      severity: 'low',
      text: `${sent} reçoit cette origine dans Access-Control-Allow-Origin : toute origine est acceptée (sans cookies)`,
    };
  if (!problem) return undefined;
  return {
    checkId: 'http.cors',
    severity: problem.severity,
    target,
    title: 'Partage entre origines (CORS) trop permissif',
    evidence: `Sur ${analysis.landing.url}, ${problem.text}.`,
    remediation:
      "N'autoriser dans Access-Control-Allow-Origin qu'une liste fermée d'origines connues, ne jamais recopier l'en-tête Origin reçu, et n'envoyer Access-Control-Allow-Credentials: true que pour ces origines.",
  };
}

const VERSION_HEADERS = [
  ['server', 'Server'],
  ['x-powered-by', 'X-Powered-By'],
  ['x-aspnet-version', 'X-AspNet-Version'],
  ['x-aspnetmvc-version', 'X-AspNetMvc-Version'],
] as const;
/** "Apache/2.4.57", "PHP/8.2.7", "Microsoft-IIS/10.0": a number with a dot is a version worth hiding. */
const HAS_VERSION = /\d+\.\d+/;

/** Product versions announced by any answer of either scheme, each header value once. */
export function disclosedVersions(observation: HttpObservation): string[] {
  const seen = new Set<string>();
  for (const hop of [...observation.http.hops, ...observation.https.hops])
    for (const [name, display] of VERSION_HEADERS)
      for (const value of headerValues(hop.headers, name))
        if (HAS_VERSION.test(value) || name.startsWith('x-aspnet'))
          seen.add(`${display}: ${value.slice(0, 200)}`);
  return [...seen];
}

export function versionDisclosureFinding(
  observation: HttpObservation,
  target: string,
): CheckFinding | undefined {
  const versions = disclosedVersions(observation);
  if (versions.length === 0) return undefined;
  return {
    checkId: 'http.version_disclosure',
    severity: 'medium',
    target,
    title: 'Versions logicielles divulguées dans les en-têtes HTTP',
    evidence: `Les réponses de ${observation.host} annoncent ${versions.map((v) => `« ${v} »`).join(', ')} : un attaquant peut y chercher directement les vulnérabilités connues de ces versions.`,
    remediation:
      'Masquer les numéros de version (Apache : ServerTokens Prod et ServerSignature Off ; nginx : server_tokens off ; PHP : expose_php = Off ; IIS : retirer X-Powered-By et X-AspNet-Version) et maintenir ces logiciels à jour.',
  };
}
