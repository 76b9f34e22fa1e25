import net from 'node:net';
import tls from 'node:tls';
import { beforeAll } from 'vitest';

// Tests never reach the network: any attempt to open a TCP or TLS socket fails loudly. Unix-domain
// sockets and pipes (used by child processes and worker threads) are local and stay allowed.
const refusal = 'network access attempted in a test';

function isLocalPath(target: unknown): boolean {
  return (
    typeof target === 'string' ||
    (typeof target === 'object' && target !== null && 'path' in target)
  );
}

beforeAll(() => {
  const originalConnect: (...args: unknown[]) => net.Socket = Reflect.get(
    net.Socket.prototype,
    'connect',
  ) as (...args: unknown[]) => net.Socket;
  Reflect.set(
    net.Socket.prototype,
    'connect',
    function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
      if (!isLocalPath(args[0])) throw new Error(refusal);
      return originalConnect.apply(this, args);
    },
  );
  Reflect.set(tls, 'connect', () => {
    throw new Error(refusal);
  });
  globalThis.fetch = () => Promise.reject(new Error(refusal));
});
