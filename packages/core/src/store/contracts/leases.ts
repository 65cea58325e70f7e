export interface Lease {
  partitionKey: string;
  holder: string;
  expiresAt: Date;
  /** The fencing token of this holding (see `LeaseGrant.token`). */
  token: number;
}

/** A lease taken or kept: its fencing token and when it runs out unless renewed. */
export interface LeaseGrant {
  /**
   * Grows every time the lease changes hands (a new holder, or the same holder after it
   * expired) and never goes back, even across releases; renewing keeps it. A commit checked
   * against it (`checkLease`) can never land after another holder took over.
   */
  token: number;
  expiresAt: Date;
}

/**
 * Time-limited claims on partitions (and on leadership): two holders never work on one key at
 * once. Time is the caller's `now`, so every holder must share one clock (NTP-synchronised hosts).
 */
export interface LeaseStore {
  /**
   * Takes the lease when free, expired or released, or keeps it when already ours and in force
   * (same token, new expiry); null when someone else holds it.
   */
  acquireLease(partitionKey: string, holder: string, ttlMs: number, now: Date): Promise<LeaseGrant | null>;
  /**
   * Extends a holding while its token is current, even past its expiry when nobody took over;
   * false when the lease changed hands (the holder must stop: its work is fenced off).
   */
  renewLease(partitionKey: string, holder: string, token: number, ttlMs: number, now: Date): Promise<boolean>;
  /** Ends the holder's lease (a no-op for anyone else); the token stays, so the next one is higher. */
  releaseLease(partitionKey: string, holder: string): Promise<void>;
  /**
   * Fails with LEASE_LOST unless `holder` still holds `partitionKey` with `token`. Called first
   * inside a write transaction, it fences the commit: on a database with row locks the lease row
   * stays locked until the commit, so a take-over waits for it and then reads what it wrote.
   */
  checkLease(partitionKey: string, holder: string, token: number): Promise<void>;
  listLeases(now: Date): Promise<Lease[]>;
}
