import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@vigie/config';
import { loadPlanDirectory } from '@vigie/security-plan';
import { CONFIG_KINDS } from '../model';
import { loadRuleDirectory, parseRuleFile, rulesHash } from './rule-loader';
import { RuleValidationError } from './rule-validator';

const RULES = join(projectRoot(), 'config', 'scan-rules');

function problemsOf(text: string, source = 'test.yaml'): string[] {
  try {
    parseRuleFile(text, source);
  } catch (error) {
    if (error instanceof RuleValidationError) return error.problems;
    throw error;
  }
  return [];
}

const GOOD_RULE = `
  - id: SSHD-900
    checkId: config.sshd
    title: Titre
    rationale: Pourquoi
    remediation: Comment
    severity: low
    measures: [MCS.09]
    tests:
      - { key: maxauthtries, op: le, value: 4 }`;

describe('configuration rule files', () => {
  it('loads the published rules: at least 40, every kind covered, every measure observing the rule’s check', () => {
    const [plan] = loadPlanDirectory(join(projectRoot(), 'config', 'security-plan'));
    const measures = new Map(plan.measures.map((m) => [m.id, m.scanChecks]));
    const set = loadRuleDirectory(RULES, { measures });
    expect(set.rules.length).toBeGreaterThanOrEqual(40);
    for (const kind of CONFIG_KINDS)
      expect(set.rules.filter((r) => r.kind === kind).length).toBeGreaterThanOrEqual(10);
    expect(new Set(set.rules.map((r) => r.id)).size).toBe(set.rules.length);
    expect(set.version).toMatch(/^[0-9a-f]{12}$/);
    expect(rulesHash([...set.rules].reverse())).toBe(set.version);
  });

  it('accepts a minimal rule and fills the default condition', () => {
    expect(parseRuleFile(`kind: sshd\nversion: 1\nrules:${GOOD_RULE}\n`, 'ok.yaml')[0]).toMatchObject({
      id: 'SSHD-900',
      kind: 'sshd',
      fileVersion: 1,
      condition: 'all',
    });
  });

  it('names the file, the path and the rule for every problem, all at once', () => {
    const problems = problemsOf(
      [
        'kind: nginx',
        'version: 0',
        'rules:',
        '  - id: NGX-1',
        '    checkId: config.sshd',
        '    title: ""',
        '    rationale: r',
        '    remediation: r',
        '    severity: urgent',
        '    measures: [mcs9]',
        '    scope: every_match',
        '    context: { user: root }',
        '    color: blue',
        '    tests:',
        '      - { key: Server_Tokens, op: eq, value: "off" }',
        '      - { key: ssl_protocols, op: contains }',
        '      - { key: add_header, op: matches, value: "([" }',
        '      - { key: keepalive_timeout, op: le, value: "60", unit: minutes }',
      ].join('\n'),
      'nginx.yaml',
    );
    expect(problems).toEqual([
      'nginx.yaml: version: must be a positive integer, raised whenever a rule changes',
      'nginx.yaml: rules[0].color (NGX-1): is not a known field',
      'nginx.yaml: rules[0].id (NGX-1): must look like "NGINX-001"',
      'nginx.yaml: rules[0].checkId (NGX-1): must be "config.nginx" for nginx rules',
      'nginx.yaml: rules[0].title (NGX-1): must be a non-empty string (in French)',
      'nginx.yaml: rules[0].severity (NGX-1): must be one of critical, high, medium, low, info',
      'nginx.yaml: rules[0].measures[0] (NGX-1): must be a measure id like "MCS.09"',
      'nginx.yaml: rules[0].scope (NGX-1): must be one of main, http, server, location for nginx rules',
      'nginx.yaml: rules[0].context (NGX-1): only sshd rules take a connection context',
      'nginx.yaml: rules[0].tests[0].key (NGX-1): must be a directive name in lower case',
      expect.stringMatching(/^nginx\.yaml: rules\[0\]\.tests\[0\]\.op \(NGX-1\): must be one of equals, /),
      'nginx.yaml: rules[0].tests[1].value (NGX-1): contains needs a value or a non-empty list of values',
      expect.stringMatching(
        /^nginx\.yaml: rules\[0\]\.tests\[2\]\.value \(NGX-1\): Invalid regular expression: /,
      ),
      'nginx.yaml: rules[0].tests[3].value (NGX-1): le needs a number',
      'nginx.yaml: rules[0].tests[3].unit (NGX-1): only lt, le, gt and ge take a unit (seconds or bytes)',
    ]);
  });

  it('rejects sshd keywords sshd -T does not print, YAML errors and duplicate keys', () => {
    expect(
      problemsOf(`kind: sshd\nversion: 1\nrules:${GOOD_RULE.replace('maxauthtries', 'MaxAuthTries')}\n`),
    ).toEqual([
      'test.yaml: rules[0].tests[0].key (SSHD-900): "MaxAuthTries" is not an sshd keyword as sshd -T prints it (lower case, no alias)',
    ]);
    expect(
      problemsOf(
        `kind: sshd\nversion: 1\nrules:${GOOD_RULE.replace('maxauthtries', 'challengeresponseauthentication')}\n`,
      )[0],
    ).toContain('no alias');
    expect(problemsOf('kind: sshd\nkind: nginx\n')[0]).toMatch(/^test\.yaml: \(syntax\): /);
    expect(problemsOf('- a\n- b\n')).toEqual([
      'test.yaml: (root): must be a mapping with kind, version and rules',
    ]);
  });

  it('checks measures against the plan and rule ids across files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-rules-'));
    try {
      writeFileSync(join(dir, 'a.yaml'), `kind: sshd\nversion: 1\nrules:${GOOD_RULE}\n`);
      writeFileSync(
        join(dir, 'b.yaml'),
        `kind: sshd\nversion: 2\nrules:${GOOD_RULE.replace('MCS.09', 'MCS.10')}\n`,
      );
      const measures = new Map([
        ['MCS.09', ['config.sshd']],
        ['MCS.10', ['config.nginx']],
      ]);
      expect(() => loadRuleDirectory(dir, { measures })).toThrow(RuleValidationError);
      try {
        loadRuleDirectory(dir, { measures });
      } catch (error) {
        expect((error as RuleValidationError).problems).toEqual([
          'b.yaml: rules[0].measures[0] (SSHD-900): measure MCS.10 does not list config.sshd in its scanChecks',
        ]);
      }
      writeFileSync(join(dir, 'b.yaml'), `kind: sshd\nversion: 2\nrules:${GOOD_RULE}\n`);
      expect(() => loadRuleDirectory(dir)).toThrow(
        'b.yaml: id (SSHD-900): duplicate rule id, first defined in a.yaml',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
