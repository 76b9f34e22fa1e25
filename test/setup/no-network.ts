import net from 'node:net';
import tls from 'node:tls';
import { beforeAll } from 'vitest';

// Tests never reach the network: any attempt to open a socket fails loudly. Unix-domain sockets
// and pipes used by child processes are local and stay allowed.
function refuse(): never {
  throw new Error('network access attempted in a test');
}

beforeAll(() => {
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function patchedConnect(
    this: net.Socket,
    ...args: unknown[]
  ): net.Socket {
    const first = args[0];
    const isPath =
      typeof first === 'string' ||
      (typeof first === 'object' && first !== null && 'path' in first);
    if (!isPath) refuse();
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  tls.connect = refuse as typeof tls.connect;
  globalThis.fetch = (() => Promise.reject(new Error('network access attempted in a test'))) as typeof fetch;
});
