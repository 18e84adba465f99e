import { readSeceditConfig } from './secedit-config';

/** What `secedit /export /cfg policy.inf` writes on a Windows Server 2022 domain controller (abridged). */
const EXPORT = [
  '[Unicode]',
  'Unicode=yes',
  '[System Access]',
  'MinimumPasswordAge = 1',
  'MaximumPasswordAge = 42',
  'MinimumPasswordLength = 7',
  'PasswordComplexity = 1',
  'PasswordHistorySize = 24',
  'LockoutBadCount = 0',
  'NewAdministratorName = "Administrateur"',
  '[Registry Values]',
  'MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,1',
  'MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel=4,3',
  '[Version]',
  'signature="$CHICAGO$"',
  'Revision=1',
  '',
].join('\r\n');

describe('secedit security template reading', () => {
  it('reads a UTF-16LE export with BOM: sections, case-insensitive keys, registry data without its type', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EXPORT, 'utf16le')]);
    const config = readSeceditConfig({ 'policy.inf': utf16 }, 'policy.inf');
    expect(config.warnings).toEqual([]);
    const [item] = config.items(undefined, {});
    expect(item.lookup('system access/minimumpasswordlength')).toEqual({
      display: 'MinimumPasswordLength',
      occurrences: [{ text: '7', args: ['7'], source: { file: 'policy.inf', line: 6 } }],
    });
    expect(
      item.lookup('Registry Values/MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel'),
    ).toMatchObject({
      display: 'LmCompatibilityLevel',
      occurrences: [{ text: '3' }],
    });
    expect(item.lookup('System Access/NewAdministratorName')?.occurrences[0].text).toBe('Administrateur');
    expect(item.lookup('System Access/LockoutDuration')).toBeUndefined();
  });

  it('reads the same export saved as UTF-8, and says when a file is not an export', () => {
    const [item] = readSeceditConfig({ 'policy.inf': Buffer.from(EXPORT) }, 'policy.inf').items(
      undefined,
      {},
    );
    expect(item.lookup('System Access/PasswordHistorySize')?.occurrences[0].text).toBe('24');
    const other = readSeceditConfig({ 'notes.txt': 'hello\n' }, 'notes.txt');
    expect(other.warnings.map((w) => w.level)).toEqual(['warning', 'error']);
  });
});
