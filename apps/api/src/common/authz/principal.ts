import type { Role } from '@vigie/database';

/** Who is calling: a signed-in user, or a machine with an API key acting within the key's scope. */
export interface Principal {
  kind: 'user' | 'api_key';
  /** User id, or API key id. */
  id: string;
  /** E-mail of the user, or name of the key: shown in the audit log. */
  label: string;
  /** Display name of a user (absent for API keys). */
  displayName?: string;
  /** The effective role; an API key acts as the CISO of its establishment or the analyst of its region. */
  role: Role;
  /** Region of an analyst (or of a region-scoped key). */
  regionCode: string | null;
  /** Establishments of a CISO (or the one of an establishment-scoped key). */
  establishmentIds: string[];
  /** Read-only API keys may only read. */
  readOnly: boolean;
}
