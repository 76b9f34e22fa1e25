import net from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';

describe('the no-network guard every test runs under', () => {
  it('refuses a TCP connection', () => {
    expect(() => net.connect(9, '127.0.0.1')).toThrow('network access attempted in a test');
  });

  it('refuses TLS and fetch', async () => {
    expect(() => tls.connect(443, 'example.org')).toThrow('network access attempted in a test');
    await expect(fetch('https://example.org/')).rejects.toThrow('network access attempted');
  });
});
