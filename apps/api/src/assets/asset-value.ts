import { isIP } from 'node:net';
import { DomainError, ErrorCode } from '@vigie/common';
import type { AssetKind } from '@vigie/database';
import { judgeAddress, normalizeHost } from '@vigie/net-guard';
import type { BlockList } from 'node:net';

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const invalid = (problem: string) =>
  new DomainError(ErrorCode.AssetInvalid, `Invalid asset: ${problem}`, [{ field: 'value', problem }]);
const reserved = (problem: string) =>
  new DomainError(ErrorCode.AssetAddressReserved, `Invalid asset: ${problem}`, [{ field: 'value', problem }]);

/**
 * The canonical value of an asset, so that every spelling of one target is one asset: lower-case names, dotted
 * IPv4, RFC 5952 IPv6 (`2606:4700:4700:0:0:0:0:1111` is `2606:4700:4700::1111`). Private or reserved addresses
 * are refused unless allow-listed.
 */
export function normalizeAssetValue(kind: AssetKind, raw: string, allowed: BlockList): string {
  if (kind === 'url') {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw invalid(`"${raw}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw invalid('only http and https URLs are scanned');
    if (url.username || url.password) throw invalid('a URL must not carry credentials');
    url.hash = '';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const verdict = isIP(host) ? judgeAddress(host, allowed) : undefined;
    if (verdict && !verdict.allowed) throw reserved(`${host} is a ${verdict.reason}`);
    return url.toString();
  }
  let value: string;
  try {
    value = normalizeHost(raw);
  } catch {
    throw invalid(`"${raw}" is not a valid ${kind}`);
  }
  const family = isIP(value);
  if (kind === 'ipv4' || kind === 'ipv6') {
    if (family !== (kind === 'ipv4' ? 4 : 6))
      throw invalid(`"${raw}" is not an ${kind === 'ipv4' ? 'IPv4' : 'IPv6'} address`);
    const verdict = judgeAddress(value, allowed);
    if (!verdict.allowed)
      throw reserved(`${value} is a ${verdict.reason}: only public addresses are scanned`);
    // One address, one asset: an IPv4-mapped IPv6 is the IPv4 it carries, registered as such.
    if (kind === 'ipv6' && isIP(verdict.address) === 4)
      throw invalid(
        `${value} is the IPv4 address ${verdict.address} written as IPv6: register it as an ipv4 asset`,
      );
    return verdict.address;
  }
  if (family !== 0 || !DNS_NAME.test(value))
    throw invalid(`"${raw}" is not a valid ${kind === 'domain' ? 'domain' : 'host name'}`);
  return value;
}

/** The DNS name whose TXT records prove ownership, if the asset has one. */
export function dnsNameOf(kind: AssetKind, value: string): string | null {
  if (kind === 'domain' || kind === 'hostname') return value;
  if (kind === 'url') {
    const host = new URL(value).hostname;
    return isIP(host.replace(/^\[|\]$/g, '')) ? null : host;
  }
  return null;
}

/** Where /.well-known/vigie-verification.txt is looked for, in order. */
export function wellKnownUrls(kind: AssetKind, value: string): string[] {
  const path = '/.well-known/vigie-verification.txt';
  if (kind === 'url') return [new URL(path, new URL(value).origin).toString()];
  const host = kind === 'ipv6' ? `[${value}]` : value;
  return [`https://${host}${path}`, `http://${host}${path}`];
}
