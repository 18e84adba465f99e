import { HttpCheckError } from './http-check-error';
import { parseOrigin } from './origin';

describe('what the user registered, read as the URLs to fetch', () => {
  it.each([
    [
      'portail.ch-exemple.fr',
      'http://portail.ch-exemple.fr/',
      'https://portail.ch-exemple.fr/',
      'portail.ch-exemple.fr',
    ],
    [
      'Portail.CH-Exemple.fr:8443',
      'http://portail.ch-exemple.fr:8443/',
      'https://portail.ch-exemple.fr:8443/',
      'portail.ch-exemple.fr:8443',
    ],
    [
      'https://portail.ch-exemple.fr:8443/dpi/',
      'http://portail.ch-exemple.fr/dpi/',
      'https://portail.ch-exemple.fr:8443/dpi/',
      'portail.ch-exemple.fr:8443',
    ],
    ['http://192.0.2.10:8080', 'http://192.0.2.10:8080/', 'https://192.0.2.10/', '192.0.2.10:8080'],
    ['[2001:db8::1]', 'http://[2001:db8::1]/', 'https://[2001:db8::1]/', '[2001:db8::1]'],
  ])('%s', (input, httpUrl, httpsUrl, display) => {
    expect(parseOrigin(input)).toMatchObject({ httpUrl, httpsUrl, display });
  });

  it('lets tests choose the ports and refuses credentials or garbage', () => {
    expect(parseOrigin('127.0.0.1', { httpPort: 8080, httpsPort: 8443 })).toMatchObject({
      httpUrl: 'http://127.0.0.1:8080/',
      httpsUrl: 'https://127.0.0.1:8443/',
      display: '127.0.0.1',
    });
    expect(() => parseOrigin('https://admin:secret@portail.ch-exemple.fr')).toThrow(HttpCheckError);
    expect(() => parseOrigin('exemple fr')).toThrow('is not a host name');
  });
});
