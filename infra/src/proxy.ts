import http from 'node:http';

export interface ProxyBackend {
  /** for the proxy's counts, e.g. "workforce#2" */
  name: string;
  /** http://127.0.0.1:PORT */
  origin: string;
}

export interface BackendStats {
  /** requests sent to it whose answer has not come back yet */
  inFlight: number;
  answered: number;
  /** connections it refused: the request went to the next backend, nothing lost */
  refused: number;
  /** requests that reached it and got no answer (it died with them in flight): a 502 went back */
  lostInFlight: number;
}

export interface RunningProxy {
  url: string;
  port: number;
  stats: Map<string, BackendStats>;
  close(): Promise<void>;
}

/**
 * A round-robin HTTP load balancer for loopback fleets (tests, `pnpm fleet`): each request goes to
 * the next backend; a backend that refuses the connection is skipped and the request goes to the
 * next one, as a Kubernetes Service or any L7 balancer does for a dead endpoint. A request a backend
 * accepted and then never answered is not retried (it may have written): the client gets a 502, and
 * the proxy counts it as lost in flight on that backend. A new connection per forwarded request, so
 * a refused connection always means "not sent".
 */
export async function startRoundRobinProxy(backends: ProxyBackend[], port = 0, host = '127.0.0.1'): Promise<RunningProxy> {
  const stats = new Map(backends.map((b) => [b.name, { inFlight: 0, answered: 0, refused: 0, lostInFlight: 0 }]));
  let next = 0;

  // a refused request goes to the backend after the one that refused it, whatever other requests took meanwhile
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, first: number, attempt: number) => {
    if (attempt >= backends.length) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'no backend accepted the request', extensions: { code: 'UNAVAILABLE' } }] }));
      return;
    }
    const backend = backends[(first + attempt) % backends.length];
    const s = stats.get(backend.name)!;
    const target = new URL(req.url ?? '/', backend.origin);
    let connected = false;
    const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host }, agent: false });
    upstream.on('socket', (socket) =>
      socket.once('connect', () => {
        connected = true;
        s.inFlight++;
      }),
    );
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => {
        s.inFlight--;
        s.answered++;
      });
      answer.on('error', () => {
        s.inFlight--;
        s.lostInFlight++;
        res.destroy();
      });
    });
    upstream.on('error', () => {
      if (!connected) {
        s.refused++;
        forward(req, res, body, first, attempt + 1);
        return;
      }
      if (res.headersSent) return; // the answer's own error handler counted it
      s.inFlight--;
      s.lostInFlight++;
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ message: `${backend.name} went away with the request in flight`, extensions: { code: 'BAD_GATEWAY' } }],
        }),
      );
    });
    upstream.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), next++, 0));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
