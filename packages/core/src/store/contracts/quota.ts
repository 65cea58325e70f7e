export interface QuotaConsumeResult {
  granted: boolean;
  /** Count after this call (unchanged when not granted). */
  used: number;
}

/** Daily quota counts (UTC day `YYYY-MM-DD`), shared by every process on the store. */
export interface QuotaStore {
  /** Adds `n` to the day's count when it stays within `budget` (null: no budget). */
  consumeQuota(source: string, day: string, n: number, budget: number | null): Promise<QuotaConsumeResult>;
  quotaUsed(source: string, day: string): Promise<number>;
}
