import argon2 from 'argon2';

/** argon2id with OWASP's minimum recommended cost (19 MiB, 2 passes). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown e-mail cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('vigie-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

export const PASSWORD_RULES = 'at least 12 characters';
export const PASSWORD_MIN_LENGTH = 12;
