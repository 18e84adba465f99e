/**
 * Grading in the manner of the MDN HTTP Observatory (algorithm 4, npm 1.4.8): baseline 100, one result
 * ("expectation") per test, each with a modifier; bonuses count only once the score without them is 90 or more.
 * Stored with every grade: change it whenever a modifier, a test or the chart changes. See docs/scans/http-grade.md.
 */
export const HTTP_GRADING_VERSION = 1;
/** The Observatory algorithm this version mirrors. */
export const OBSERVATORY_ALGORITHM_VERSION = 4;
export const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

/** Result → modifier, with the Observatory's names and values. Results at 0 still say what was seen. */
export const SCORED_MODIFIERS = {
  'content-security-policy': {
    'csp-implemented-with-no-unsafe-default-src-none': 10,
    'csp-implemented-with-no-unsafe': 5,
    'csp-implemented-with-unsafe-inline-in-style-src-only': 0,
    'csp-implemented-but-duplicate-directives': 0,
    'csp-implemented-with-insecure-scheme-in-passive-content-only': -10,
    'csp-implemented-with-unsafe-eval': -10,
    'csp-implemented-with-unsafe-inline': -20,
    'csp-implemented-with-insecure-scheme': -20,
    'csp-header-invalid': -25,
    'csp-not-implemented': -25,
    'csp-not-implemented-but-reporting-enabled': -25,
  },
  cookies: {
    'cookies-secure-with-httponly-sessions-and-samesite': 5,
    'cookies-secure-with-httponly-sessions': 0,
    'cookies-not-found': 0,
    'cookies-without-secure-flag-but-protected-by-hsts': -5,
    'cookies-session-without-secure-flag-but-protected-by-hsts': -10,
    'cookies-without-secure-flag': -20,
    'cookies-samesite-flag-invalid': -20,
    'cookies-anticsrf-without-samesite-flag': -20,
    'cookies-session-without-httponly-flag': -30,
    'cookies-session-without-secure-flag': -40,
  },
  'cross-origin-resource-sharing': {
    'cross-origin-resource-sharing-not-implemented': 0,
    'cross-origin-resource-sharing-implemented-with-public-access': 0,
    'cross-origin-resource-sharing-implemented-with-restricted-access': 0,
    'cross-origin-resource-sharing-implemented-with-universal-access': -50,
  },
  redirection: {
    'redirection-all-redirects-preloaded': 0,
    'redirection-to-https': 0,
    'redirection-not-needed-no-http': 0,
    'redirection-off-host-from-http': -5,
    'redirection-not-to-https-on-initial-redirection': -10,
    'redirection-not-to-https': -20,
    'redirection-missing': -20,
    'redirection-invalid-cert': -20,
  },
  'referrer-policy': {
    'referrer-policy-private': 5,
    'referrer-policy-not-implemented': 0,
    'referrer-policy-unsafe': -5,
    'referrer-policy-header-invalid': -5,
  },
  'strict-transport-security': {
    'hsts-preloaded': 5,
    'hsts-implemented-max-age-at-least-six-months': 0,
    'hsts-implemented-max-age-less-than-six-months': -10,
    'hsts-not-implemented': -20,
    'hsts-header-invalid': -20,
    'hsts-not-implemented-no-https': -20,
    'hsts-invalid-cert': -20,
  },
  'subresource-integrity': {
    'sri-implemented-and-all-scripts-loaded-securely': 5,
    'sri-implemented-and-external-scripts-loaded-securely': 5,
    'sri-not-implemented-response-not-html': 0,
    'sri-not-implemented-but-no-scripts-loaded': 0,
    'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': 0,
    'sri-not-implemented-but-external-scripts-loaded-securely': -5,
    'sri-implemented-but-external-scripts-not-loaded-securely': -20,
    'sri-not-implemented-and-external-scripts-not-loaded-securely': -50,
  },
  'x-content-type-options': {
    'x-content-type-options-nosniff': 0,
    'x-content-type-options-not-implemented': -5,
    'x-content-type-options-header-invalid': -5,
  },
  'x-frame-options': {
    'x-frame-options-implemented-via-csp': 5,
    'x-frame-options-sameorigin-or-deny': 0,
    'x-frame-options-allow-from-origin': 0,
    'x-frame-options-not-implemented': -20,
    'x-frame-options-header-invalid': -20,
  },
  'cross-origin-resource-policy': {
    'corp-implemented-with-same-origin': 10,
    'corp-implemented-with-same-site': 10,
    'corp-implemented-with-cross-origin': 0,
    'corp-not-implemented': 0,
    'corp-header-invalid': -5,
  },
} as const;

/**
 * Reported, not scored: later Observatory versions grade them, 1.4.8 does not, and their modifiers are not
 * settled here; scoring them is a new grading version.
 */
export const INFORMATIONAL_RESULTS = {
  'cross-origin-opener-policy': [
    'coop-not-implemented',
    'coop-implemented-with-same-origin',
    'coop-implemented-with-same-origin-allow-popups',
    'coop-implemented-with-noopener-allow-popups',
    'coop-implemented-with-unsafe-none',
    'coop-header-invalid',
  ],
  'cross-origin-embedder-policy': [
    'coep-not-implemented',
    'coep-implemented-with-require-corp',
    'coep-implemented-with-credentialless',
    'coep-implemented-with-unsafe-none',
    'coep-header-invalid',
  ],
} as const;

export type ScoredTest = keyof typeof SCORED_MODIFIERS;
export type InformationalTest = keyof typeof INFORMATIONAL_RESULTS;
export type HttpTest = ScoredTest | InformationalTest;
export type ResultOf<T extends HttpTest> = T extends ScoredTest
  ? keyof (typeof SCORED_MODIFIERS)[T]
  : T extends InformationalTest
    ? (typeof INFORMATIONAL_RESULTS)[T][number]
    : never;

/** One test's outcome, in the Observatory's words. */
export type ExpectationOutcome = {
  [T in HttpTest]: {
    test: T;
    result: ResultOf<T>;
    pass: boolean;
    /** 0 for informational tests. */
    modifier: number;
    scored: boolean;
  };
}[HttpTest];

export interface HttpGrade {
  version: typeof HTTP_GRADING_VERSION;
  /** Score with bonuses when the uncurved score reaches 90, otherwise the uncurved score; never below 0. */
  score: number;
  grade: string;
  /** 100 plus the penalties only. */
  uncurvedScore: number;
  testsPassed: number;
  testsFailed: number;
  testsQuantity: number;
  expectations: ExpectationOutcome[];
}

/** Lower bound of each band → grade, highest first, as the Observatory's chart. */
const GRADE_CHART: [number, string][] = [
  [100, 'A+'],
  [90, 'A'],
  [85, 'A-'],
  [80, 'B+'],
  [70, 'B'],
  [65, 'B-'],
  [60, 'C+'],
  [50, 'C'],
  [45, 'C-'],
  [40, 'D+'],
  [30, 'D'],
  [25, 'D-'],
  [0, 'F'],
];

export function gradeForScore(score: number): string {
  const clamped = Math.max(score, 0);
  return GRADE_CHART.find(([floor]) => clamped >= floor)![1];
}

export function modifierOf<T extends HttpTest>(test: T, result: ResultOf<T>): number {
  if (!(test in SCORED_MODIFIERS)) return 0;
  return (SCORED_MODIFIERS[test as ScoredTest] as Record<string, number>)[result as string];
}

export function outcome<T extends HttpTest>(test: T, result: ResultOf<T>, pass: boolean): ExpectationOutcome {
  const scored = test in SCORED_MODIFIERS;
  return {
    test,
    result,
    pass,
    modifier: scored ? modifierOf(test, result) : 0,
    scored,
  } as ExpectationOutcome;
}

export function gradeHttp(expectations: ExpectationOutcome[]): HttpGrade {
  const scored = expectations.filter((e) => e.scored);
  const uncurved = 100 + scored.reduce((sum, e) => sum + Math.min(e.modifier, 0), 0);
  const withExtraCredit = 100 + scored.reduce((sum, e) => sum + e.modifier, 0);
  const score = Math.max(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved, 0);
  const passed = scored.filter((e) => e.pass).length;
  return {
    version: HTTP_GRADING_VERSION,
    score,
    grade: gradeForScore(score),
    uncurvedScore: uncurved,
    testsPassed: passed,
    testsFailed: scored.length - passed,
    testsQuantity: scored.length,
    expectations,
  };
}
