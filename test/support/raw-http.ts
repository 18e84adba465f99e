import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawRequest {
  method: string;
  /** Sent as is: percent-escapes (%00) are not re-encoded. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  text: string;
  json: unknown;
}

/**
 * A plain HTTP client on one keep-alive connection: unlike supertest (which listens anew for each request) and
 * fetch (which refuses bodies on GET), it sends any method with any body and any path.
 */
export async function rawClient(server: http.Server) {
  // Listening here also makes supertest reuse this server instead of listening and closing it per request.
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (request: RawRequest): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          agent,
          method: request.method,
          path: request.path,
          // Node sends no length for a GET or DELETE body by itself: the server would read it as the next request.
          headers: {
            ...request.headers,
            ...(request.body !== undefined
              ? { 'Content-Length': String(Buffer.byteLength(request.body)) }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, text, json });
          });
        },
      );
      req.on('error', reject);
      req.end(request.body);
    });
  return { send, close: () => agent.destroy() };
}
