export interface Lease {
  partitionKey: string;
  holder: string;
  expiresAt: Date;
}

/**
 * Time-limited claims on partitions (and on leadership): two runs never work on one partition
 * at once. Time is the caller's `now`, so every holder must share one clock.
 */
export interface LeaseStore {
  /** Takes or renews the lease when free, expired or already ours; false when someone else holds it. */
  acquireLease(partitionKey: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLease(partitionKey: string, holder: string): Promise<void>;
  listLeases(now: Date): Promise<Lease[]>;
}
