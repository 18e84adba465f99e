import { decodeConfigText, matchSegment, UploadedFileSet } from './uploaded-files';

describe('uploaded configuration files', () => {
  const text = '[System Access]\r\nMinimumPasswordLength = 14\r\n';

  it('decodes UTF-16LE with a BOM (secedit exports), UTF-16BE, UTF-8 with or without BOM, and CRLF', () => {
    const expected = '[System Access]\nMinimumPasswordLength = 14\n';
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(decodeConfigText(utf16le)).toBe(expected);
    expect(decodeConfigText(utf16be)).toBe(expected);
    expect(decodeConfigText(Buffer.from(text, 'utf16le'))).toBe(expected);
    expect(decodeConfigText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(
      expected,
    );
    expect(decodeConfigText(Buffer.from('Ciphers « é »\n'))).toBe('Ciphers « é »\n');
    expect(decodeConfigText('\uFEFFPort 22\r\n')).toBe('Port 22\n');
  });

  it('matches glob segments as glob(3) does: no crossing "/", no leading dot, classes', () => {
    expect(matchSegment('*.conf', '10-a.conf')).toBe(true);
    expect(matchSegment('*.conf', '.hidden.conf')).toBe(false);
    expect(matchSegment('.*.conf', '.hidden.conf')).toBe(true);
    expect(matchSegment('?0-*.conf', '10-a.conf')).toBe(true);
    expect(matchSegment('[0-4]*', '5x')).toBe(false);
    expect(matchSegment('[!0-4]*', '5x')).toBe(true);
    expect(matchSegment('a.conf', 'a-conf')).toBe(false);
    expect(matchSegment('[z-a].conf', 'b.conf')).toBe(false);
  });

  it('places relative names under the software folder and sorts glob results byte-wise', () => {
    const set = new UploadedFileSet(
      { sshd_config: 'a', 'sshd_config.d/b.conf': 'b', 'sshd_config.d/A.conf': 'A', '/opt/ssh/x.conf': 'x' },
      '/etc/ssh',
    );
    expect(set.glob('/etc/ssh/sshd_config.d/*.conf')).toEqual([
      '/etc/ssh/sshd_config.d/A.conf',
      '/etc/ssh/sshd_config.d/b.conf',
    ]);
    expect(set.get('/etc/ssh/sshd_config')).toEqual({ name: 'sshd_config', text: 'a' });
    expect(set.get('/opt/ssh/x.conf')?.name).toBe('/opt/ssh/x.conf');
    expect(set.absolute('../other', '/etc/ssh/sshd_config.d')).toBe('/etc/ssh/other');
    expect(set.glob('/etc/ssh/*')).toEqual(['/etc/ssh/sshd_config']);
  });
});
