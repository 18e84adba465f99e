import { DomainError, ErrorCode, type ErrorDetail } from '@vigie/common';

/** An upload that cannot be a configuration: the message names the file and what is wrong with it. */
export const invalidConfig = (message: string, details: ErrorDetail[]) =>
  new DomainError(ErrorCode.ConfigFileInvalid, message, details);

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

/**
 * The text of an uploaded configuration. Windows' `secedit /export` writes UTF-16 with a byte-order mark; the
 * others are UTF-8. Anything else (binary, another encoding) is refused with the file's name.
 */
export function configText(name: string, bytes: Buffer): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = utf16le.decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = utf16be.decode(bytes.subarray(2));
    else
      text = utf8.decode(
        bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes,
      );
  } catch {
    throw invalidConfig(`${name} is not a text file (UTF-8, or UTF-16 with a byte-order mark)`, [
      { field: 'files', problem: `${name}: not UTF-8 or UTF-16 text` },
    ]);
  }
  if (text.includes('\u0000'))
    throw invalidConfig(`${name} is not a text file`, [
      { field: 'files', problem: `${name}: contains NUL bytes` },
    ]);
  return text;
}

/**
 * The name of an uploaded file as the configuration's includes refer to it: a path relative to the software's
 * folder (`sshd_config.d/10-local.conf`) or absolute (`/etc/nginx/sites-enabled/portail`). No `..`, no control
 * characters, bounded length.
 */
export function configFileName(original: string): string {
  const problem = (what: string) =>
    invalidConfig(`"${original}" is not a usable file name: ${what}`, [{ field: 'files', problem: what }]);
  if ([...original].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    throw problem('control characters');
  const absolute = /^[\\/]/.test(original);
  const segments = original.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0) throw problem('empty file name');
  if (segments.includes('..')) throw problem('".." is not allowed in a file name');
  const name = `${absolute ? '/' : ''}${segments.join('/')}`;
  if (name.length > 200) throw problem('longer than 200 characters');
  return name;
}
