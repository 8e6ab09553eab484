import type { Server } from 'node:http';

/**
 * Listens, or fails with one line an operator can act on: a busy port names itself and the setting
 * that moves it, instead of an EADDRINUSE stack trace.
 */
export function listenOn(server: Server, port: number, host: string, setting = 'PORT'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `端口 ${port} 已被占用 / port ${port} is in use: stop what holds it, or set ${setting}`
            : `无法监听端口 ${port} / cannot listen on port ${port}: ${e.code ?? e.message}`,
        ),
      );
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
