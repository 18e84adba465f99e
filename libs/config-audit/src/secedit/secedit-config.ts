import type { ConfigWarning, ObservedValue, ParsedConfig, SourceRef } from '../model';
import { UploadedFileSet, type UploadedFiles } from '../uploaded-files';

interface SeceditEntry {
  key: string;
  value: string;
  source: SourceRef;
}

/**
 * Reads a Windows security template as written by `secedit /export /cfg file.inf` (UTF-16LE with BOM, or
 * UTF-8): `[Section]` headers and `Key = value` lines, keys compared case-insensitively. Registry values
 * (`MACHINE\...\NoLMHash=4,1`) keep only the data after the type number.
 */
export function parseSecedit(
  text: string,
  file: string,
  warnings: ConfigWarning[],
): Map<string, SeceditEntry> {
  const entries = new Map<string, SeceditEntry>();
  let section = '';
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';')) return;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1].trim();
      return;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || section === '') {
      warnings.push({
        level: 'warning',
        file,
        line: index + 1,
        message: 'ligne ignorée : ni section ni « clé = valeur ».',
      });
      return;
    }
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (section.toLowerCase() === 'registry values') value = value.replace(/^\d+,/, '');
    value = value.replace(/^"(.*)"$/, '$1');
    const id = `${section}/${key}`.toLowerCase();
    if (entries.has(id)) {
      warnings.push({
        level: 'warning',
        file,
        line: index + 1,
        message: `${key} apparaît deux fois ; la première valeur est retenue.`,
      });
      return;
    }
    entries.set(id, { key, value, source: { file, line: index + 1 } });
  });
  return entries;
}

export function readSeceditConfig(files: UploadedFiles, entry: string): ParsedConfig {
  const set = new UploadedFileSet(files, '/');
  const main = set.get(set.absolute(entry));
  const warnings: ConfigWarning[] = [];
  if (!main) {
    warnings.push({ level: 'error', message: `Le fichier principal « ${entry} » n’a pas été fourni.` });
    return { kind: 'secedit', files: [], warnings, items: () => [] };
  }
  const entries = parseSecedit(main.text, main.name, warnings);
  const sections = new Set([...entries.keys()].map((k) => k.split('/')[0]));
  if (!sections.has('system access') && !sections.has('registry values'))
    warnings.push({
      level: 'error',
      file: main.name,
      message: 'ce fichier ne ressemble pas à un export secedit (ni [System Access] ni [Registry Values]).',
    });
  const lookup = (key: string): ObservedValue | undefined => {
    const found = entries.get(key.toLowerCase());
    if (!found) return undefined;
    return {
      display: found.key.split('\\').pop() ?? found.key,
      occurrences: [{ text: found.value, args: found.value.split(','), source: found.source }],
    };
  };
  return {
    kind: 'secedit',
    files: [main.name],
    warnings,
    items: () => [{ label: 'stratégie de sécurité exportée', lookup }],
  };
}
