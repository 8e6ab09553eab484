import { Client } from 'pg';
import { DATA_VERSION_CHANNEL, readDataVersion } from '@district/common';

/**
 * Follows the version from one listening connection. `current()` is undefined while the connection
 * is down (then nothing may be cached); after a reconnect the version is read afresh, so a change
 * made while it was down is not missed.
 */
export class DataVersion {
  private value: string | undefined;
  private client: Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly url: string) {}

  current(): string | undefined {
    return this.value;
  }

  /** A write in this process committed: its version is known before the notification comes back. */
  saw(version: string): void {
    if (this.value !== undefined && BigInt(version) > BigInt(this.value)) this.value = version;
  }

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.url });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (msg.channel === DATA_VERSION_CHANNEL && msg.payload) this.saw(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
      this.client = client;
      this.value = await readDataVersion(client);
    } catch {
      this.lost(client);
    }
  }

  private lost(client: Client): void {
    if (this.client && this.client !== client) return;
    this.value = undefined;
    this.client = undefined;
    client.removeAllListeners();
    client.end().catch(() => undefined);
    if (!this.closed && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = undefined;
        void this.start();
      }, 1000);
      this.retry.unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.value = undefined;
    const c = this.client;
    this.client = undefined;
    if (c) {
      c.removeAllListeners();
      await c.end().catch(() => undefined);
    }
  }
}
