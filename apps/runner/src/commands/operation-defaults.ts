// Defaults the command table shows in its help, apart from the commands that use them (which load
// simulators and the sandbox's dependencies).

/** How much faster than the real quotas the sandbox runs (NIH's 1 request/s becomes ~20/s). */
export const SANDBOX_SPEEDUP = 20;
export const DEFAULT_SIM_PORT_BASE = 7400;
export const DEFAULT_SIM_SEED = 1;
