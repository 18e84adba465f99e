import type { CheckFinding } from '../finding';
import type { HttpAnalysis } from './analyze';
import { DANGEROUSLY_BROAD, UNSAFE_INLINE } from './analyze-csp';
import { type Problem, worstSeverity } from './problem';

const quoted = (sources: string[]) => sources.map((s) => `« ${s} »`).join(', ');

/** What makes script-src and object-src unsafe, said directive by directive. */
function unsafeSourceProblems(directives: Map<string, Set<string>>): string[] {
  const texts: string[] = [];
  const script = directives.get('script-src') ?? directives.get('default-src');
  if (!script)
    texts.push('ni script-src ni default-src : des scripts de toute origine peuvent être exécutés');
  else {
    const inline = [...script].filter((s) => UNSAFE_INLINE.has(s));
    const broad = [...script].filter((s) => DANGEROUSLY_BROAD.has(s));
    const from = directives.has('script-src') ? 'script-src' : 'default-src (faute de script-src)';
    if (inline.length)
      texts.push(`${from} autorise ${quoted(inline)}, qui laisse s'exécuter des scripts injectés`);
    if (broad.length) texts.push(`${from} autorise des sources trop larges (${quoted(broad)})`);
  }
  const object = directives.get('object-src') ?? directives.get('default-src');
  if (!object)
    texts.push('ni object-src ni default-src : les plugins (object, embed) ne sont pas restreints');
  else {
    const broad = [...object].filter((s) => DANGEROUSLY_BROAD.has(s));
    if (broad.length) texts.push(`object-src autorise des sources trop larges (${quoted(broad)})`);
  }
  return texts;
}

function cspProblems(analysis: HttpAnalysis): Problem[] {
  const { csp } = analysis;
  switch (csp.result) {
    case 'csp-not-implemented':
      return [
        {
          severity: 'medium',
          text: "aucun en-tête Content-Security-Policy : rien ne limite l'exécution de scripts injectés (XSS)",
        },
      ];
    case 'csp-not-implemented-but-reporting-enabled':
      return [
        {
          severity: 'medium',
          text: 'seul Content-Security-Policy-Report-Only est envoyé : la politique est observée mais pas appliquée',
        },
      ];
    case 'csp-header-invalid':
      if (csp.syntaxError)
        return [
          {
            severity: 'medium',
            text: `la politique est illisible (${csp.syntaxError}) et peut être ignorée en tout ou partie`,
          },
        ];
  }
  const problems: Problem[] = [];
  if (csp.directives?.get('script-src')?.has("'strict-dynamic'") && !csp.flags?.strictDynamic)
    problems.push({ severity: 'medium', text: "'strict-dynamic' est utilisé sans nonce ni empreinte" });
  const flags = csp.flags;
  if (!flags || !csp.directives) return problems;
  if (flags.unsafeInline)
    problems.push(
      ...unsafeSourceProblems(csp.directives).map((text): Problem => ({ severity: 'medium', text })),
    );
  if (flags.insecureSchemeActive)
    problems.push({
      severity: 'medium',
      text: 'des scripts ou ressources actives peuvent être chargés en http: sur une page HTTPS',
    });
  if (flags.unsafeEval)
    problems.push({
      severity: 'low',
      text: "« 'unsafe-eval' » est autorisé (eval et constructions voisines)",
    });
  if (flags.insecureSchemePassive)
    problems.push({
      severity: 'low',
      text: 'des images ou médias peuvent être chargés en http: sur une page HTTPS',
    });
  return problems;
}

export function cspFinding(analysis: HttpAnalysis, target: string): CheckFinding | undefined {
  const problems = cspProblems(analysis);
  if (problems.length === 0) return undefined;
  return {
    checkId: 'http.csp',
    severity: worstSeverity(problems),
    target,
    title: 'Politique de sécurité du contenu (CSP) absente ou permissive',
    evidence: `Sur ${analysis.landing.url} : ${problems.map((p) => p.text).join(' ; ')}.`,
    remediation:
      "Déployer une CSP restrictive : default-src 'self' (ou 'none'), script-src sans 'unsafe-inline' ni 'unsafe-eval' (nonces ou empreintes pour les scripts en ligne), object-src 'none', frame-ancestors 'self' ; la tester d'abord en Content-Security-Policy-Report-Only.",
  };
}

function headerProblems(analysis: HttpAnalysis): Problem[] {
  const problems: Problem[] = [];
  const { contentTypeOptions: xcto, frameOptions: xfo, referrer, csp } = analysis;
  if (!xcto.pass)
    problems.push({
      severity: 'low',
      text:
        xcto.value === undefined
          ? 'X-Content-Type-Options absent'
          : `X-Content-Type-Options vaut « ${xcto.value} » au lieu de nosniff`,
      remedy: 'X-Content-Type-Options: nosniff',
    });
  if (!xfo.headerProtects && !(xfo.viaCsp && csp.flags?.antiClickjacking === true)) {
    const header =
      xfo.value === undefined
        ? 'ni X-Frame-Options ni directive CSP frame-ancestors'
        : `X-Frame-Options invalide (« ${xfo.value} ») et pas de directive CSP frame-ancestors`;
    problems.push({
      severity: 'medium',
      text: xfo.viaCsp
        ? "la directive CSP frame-ancestors autorise n'importe quel site à intégrer la page dans un cadre (détournement de clic)"
        : `${header} : un autre site peut intégrer la page dans un cadre (détournement de clic)`,
      remedy: "X-Frame-Options: DENY (ou SAMEORIGIN) ou, mieux, CSP frame-ancestors 'self'",
    });
  }
  if (referrer.result === 'referrer-policy-not-implemented')
    problems.push({
      severity: 'info',
      text: 'Referrer-Policy absent (les navigateurs récents appliquent strict-origin-when-cross-origin par défaut)',
      remedy: 'Referrer-Policy: strict-origin-when-cross-origin',
    });
  else if (!referrer.pass)
    problems.push({
      severity: 'low',
      text:
        referrer.result === 'referrer-policy-unsafe'
          ? `Referrer-Policy « ${referrer.value} » transmet l'adresse des pages consultées à des sites tiers`
          : `Referrer-Policy illisible (« ${referrer.value} »)`,
      remedy: 'Referrer-Policy: strict-origin-when-cross-origin',
    });
  return problems;
}

export function securityHeadersFinding(analysis: HttpAnalysis, target: string): CheckFinding | undefined {
  const problems = headerProblems(analysis);
  if (problems.length === 0) return undefined;
  return {
    checkId: 'http.security_headers',
    severity: worstSeverity(problems),
    target,
    title: 'En-têtes de sécurité HTTP manquants ou incorrects',
    evidence: `Sur ${analysis.landing.url} : ${problems.map((p) => p.text).join(' ; ')}.`,
    remediation: `Ajouter à toutes les réponses : ${[...new Set(problems.map((p) => p.remedy))].join(' ; ')}.`,
  };
}
