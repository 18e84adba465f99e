/** Field names whose values never leave the process: not in logs, not in the audit log, not in responses. */
const SECRET_FIELD = /pass(word)?|secret|token|hash|api[-_]?key|authorization|cookie/i;

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

export const REDACTED = '[redacted]';
