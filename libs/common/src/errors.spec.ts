import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeForStatus, ERROR_STATUS, ErrorCode } from './errors';

/** Rows of docs/errors.md: `| \`code\` | status | when | French text |`. */
function documentedCodes(): Map<string, { status: number; when: string; french: string }> {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'errors.md'), 'utf8');
  const rows = new Map<string, { status: number; when: string; french: string }>();
  for (const line of text.split('\n')) {
    const cells = /^\|\s*`([a-z_.]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (!cells) continue;
    const [status, when, french] = cells[2].split('|').map((c) => c.trim());
    if (rows.has(cells[1])) throw new Error(`docs/errors.md lists ${cells[1]} twice`);
    rows.set(cells[1], { status: Number(status), when, french });
  }
  return rows;
}

describe('error codes', () => {
  it('are domain words, each with a 4xx or 5xx status', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(code).toMatch(/^([a-z]+(_[a-z]+)*)(\.[a-z]+(_[a-z]+)*)?$/);
      expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code]).toBeLessThan(600);
    }
  });

  it('give framework errors the generic code of their status, which has that status', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 415, 423, 429, 503, 500]) {
      expect(ERROR_STATUS[codeForStatus(status)]).toBe(status);
    }
  });

  it('are listed in docs/errors.md exactly, with their status, when they happen and a French text', () => {
    const documented = documentedCodes();
    expect([...documented.keys()].sort()).toEqual(Object.values(ErrorCode).sort());
    for (const [code, row] of documented) {
      expect({ code, status: row.status }).toEqual({ code, status: ERROR_STATUS[code as ErrorCode] });
      expect(row.when.length).toBeGreaterThan(10);
      expect(row.french.length).toBeGreaterThan(5);
    }
  });
});
