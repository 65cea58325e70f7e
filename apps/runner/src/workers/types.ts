/** A worker's part in a run that several workers share. */
export interface FleetRole {
  /** Leases the run's partitions: `host:pid:tag`, unique per worker process. */
  workerId: string;
  /** How long to wait before looking again when every partition left is another worker's. */
  pollMs: number;
}
