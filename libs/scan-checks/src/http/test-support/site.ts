import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer, type Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, scheme: 'http' | 'https') => void;

export interface SiteRequest {
  scheme: 'http' | 'https';
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface Site {
  port: number;
  /** Every request received, in order. */
  requests: SiteRequest[];
  close(): Promise<void>;
}

/**
 * A web site on 127.0.0.1 answering plain http and, given a certificate, https on the same port (the first
 * byte of a connection tells a TLS handshake from an HTTP request), as the Observatory tries both schemes on
 * the port it is given.
 */
export async function startSite(handler: Handler, tls?: { key: string; cert: string }): Promise<Site> {
  const requests: SiteRequest[] = [];
  const serve = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ scheme, method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res, scheme);
  };
  const plain = createHttpServer(serve('http'));
  const secure = tls ? createHttpsServer(tls, serve('https')) : undefined;
  const sockets = new Set<Socket>();
  const front = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 && secure ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    port: (front.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        front.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (taken from the system, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
