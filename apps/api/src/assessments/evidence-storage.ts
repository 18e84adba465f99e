import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/** Where evidence bytes live. Local disk by default; an object store would implement the same three calls. */
export interface EvidenceStorage {
  put(key: string, content: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');

export class LocalDiskEvidenceStorage implements EvidenceStorage {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(resolve(this.root) + sep))
      throw new Error(`storage key ${key} escapes the evidence folder`);
    return path;
  }

  async put(key: string, content: Buffer) {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a crash never leaves a half-written file under the final name.
    const temporary = `${path}.partial`;
    await writeFile(temporary, content, { mode: 0o600 });
    await rename(temporary, path);
  }

  get(key: string) {
    return readFile(this.path(key));
  }

  async delete(key: string) {
    await rm(this.path(key), { force: true });
  }
}

export function storageKey(assessmentId: string, fileId: string): string {
  return join(assessmentId.slice(0, 2), assessmentId, fileId);
}
