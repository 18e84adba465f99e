import type { ParsedConfig, SshdConnection } from '../model';
import { UploadedFileSet, type UploadedFiles } from '../uploaded-files';
import { sshdConnectionItem, sshdMatchBlockItem } from './sshd-effective';
import { parseSshdConfig, SSHD_DIR } from './sshd-parser';

export function readSshdConfig(files: UploadedFiles, entry: string): ParsedConfig {
  const parsed = parseSshdConfig(new UploadedFileSet(files, SSHD_DIR), entry);
  return {
    kind: 'sshd',
    files: parsed.files,
    warnings: parsed.warnings,
    items(scope: string | undefined, connection: SshdConnection) {
      if (parsed.files.length === 0) return [];
      const main = sshdConnectionItem(parsed, connection);
      if (scope !== 'every_match') return [main];
      return [
        main,
        ...parsed.matchBlocks
          .filter((b) => !b.criteria.every((c) => c.attribute === 'all'))
          .map((b) => sshdMatchBlockItem(parsed, b)),
      ];
    },
  };
}
