import { DomainError } from '@vigie/common';
import { configFileName, configText } from './config-text';

describe('uploaded configuration text and names', () => {
  it('reads UTF-8 (with or without BOM) and UTF-16 with a byte-order mark, as secedit writes it', () => {
    const text = '[System Access]\r\nMinimumPasswordLength = 12\r\n';
    expect(configText('a', Buffer.from(text))).toBe(text);
    expect(configText('a', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(configText('a', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(
      text,
    );
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(configText('a', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text);
  });

  it('refuses binary content, naming the file', () => {
    expect(() => configText('nginx.conf', Buffer.from([0xc3, 0x28, 0x41]))).toThrow(
      /nginx\.conf is not a text file/,
    );
    expect(() => configText('sshd_config', Buffer.from('Port 22\u0000'))).toThrow(DomainError);
  });

  it('keeps relative and absolute paths, as includes name them, and refuses what escapes them', () => {
    expect(configFileName('sshd_config.d/10-local.conf')).toBe('sshd_config.d/10-local.conf');
    expect(configFileName('conf.d\\\\site.conf')).toBe('conf.d/site.conf');
    expect(configFileName('/etc/nginx//sites-enabled/./portail')).toBe('/etc/nginx/sites-enabled/portail');
    expect(() => configFileName('../../etc/shadow')).toThrow(/"\.\." is not allowed/);
    expect(() => configFileName('a\u0007b')).toThrow(/control characters/);
    expect(() => configFileName('/')).toThrow(/empty file name/);
  });
});
