import { toEpochDay } from '../../sim/dates.js';
import { Rng } from '../../sim/random.js';
import type { MutateOptions, MutationReport } from '../../sim/types.js';
import type { SamGovDatasetOptions } from './types.js';

const DEFAULTS = { seed: 1, entities: 1_000, asOf: '2025-06-30', multiRegistrationShare: 0.04 } as const;

/** The most registrations one UEI has here: the first, and up to two with an EFT indicator. */
export const MAX_REGISTRATIONS = 3;

/** A search hit: registration `r` (0 = the first) of the entity at index `i`, as one number. */
export function hitOf(i: number, r: number): number {
  return i * MAX_REGISTRATIONS + r;
}

/** `[i, r]` of a hit. */
export function splitHit(hit: number): [number, number] {
  return [Math.floor(hit / MAX_REGISTRATIONS), hit % MAX_REGISTRATIONS];
}

// UEIs replaced DUNS numbers in SAM.gov from April 2022; earlier UEIs were assigned in advance.
const FIRST_UEI_DAY = toEpochDay('2020-04-01');

/**
 * The registered entities of a seed. Columns hold what filters and `mutate` touch; the rest of a
 * record is built on demand from a PRNG seeded by the UEI (`record.ts`).
 */
export class SamDataset {
  readonly seed: number;
  readonly size: number;
  /** The dataset's "today", epoch days: registrations expiring before it are Inactive. */
  readonly asOfDay: number;
  /** UEIs, ascending: index order is the API's result order. */
  readonly uei: string[];
  readonly registrationDay: Int32Array;
  readonly ueiCreationDay: Int32Array;
  // Mutable: `mutate` renews registrations and changes their content, as an update in SAM.gov does.
  readonly activationDay: Int32Array;
  readonly expirationDay: Int32Array;
  readonly lastUpdateDay: Int32Array;
  readonly revision: Uint16Array;
  /**
   * Registrations per UEI: 1, or 2–3 for a seeded share. SAM.gov keeps a registration per EFT
   * indicator (an extra bank account), each with its own CAGE code, and a look-up returns all.
   */
  readonly registrations: Uint8Array;
  /** Bumped by every `mutate`, so cached searches know they are stale. */
  version = 0;
  readonly #index = new Map<string, number>();

  constructor(options: SamGovDatasetOptions = {}) {
    this.seed = options.seed ?? DEFAULTS.seed;
    const size = options.entities ?? DEFAULTS.entities;
    if (!Number.isInteger(size) || size < 0)
      throw new RangeError(`entities must be a whole number, got ${size}`);
    this.size = size;
    this.asOfDay = toEpochDay(options.asOf ?? DEFAULTS.asOf);
    const rng = new Rng(this.seed);

    const seen = new Set<string>();
    while (seen.size < size) seen.add(rng.uei());
    this.uei = [...seen].sort();
    for (const [i, u] of this.uei.entries()) this.#index.set(u, i);

    this.registrationDay = new Int32Array(size);
    this.ueiCreationDay = new Int32Array(size);
    this.activationDay = new Int32Array(size);
    this.expirationDay = new Int32Array(size);
    this.lastUpdateDay = new Int32Array(size);
    this.revision = new Uint16Array(size);
    for (let i = 0; i < size; i++) {
      const registered = this.asOfDay - rng.int(60, 15 * 365);
      // About three in four registrations were renewed within the last year and are Active.
      const lastUpdate = this.asOfDay - rng.int(1, 500);
      const activation = Math.max(registered, lastUpdate - rng.int(0, 30));
      this.registrationDay[i] = registered;
      this.ueiCreationDay[i] = Math.min(this.asOfDay, Math.max(FIRST_UEI_DAY, registered) + rng.int(0, 400));
      this.activationDay[i] = activation;
      this.expirationDay[i] = activation + 365;
      this.lastUpdateDay[i] = Math.max(lastUpdate, activation);
    }

    const share = options.multiRegistrationShare ?? DEFAULTS.multiRegistrationShare;
    if (!(share >= 0 && share <= 1))
      throw new RangeError(`multiRegistrationShare must be a fraction from 0 to 1, got ${share}`);
    // Drawn apart from the rest, so the share changes which UEIs have several, never the records.
    const multi = Rng.derive(this.seed, 'registrations');
    this.registrations = new Uint8Array(size).fill(1);
    for (let i = 0; i < size; i++) {
      if (multi.chance(share)) this.registrations[i] = multi.chance(0.25) ? 3 : 2;
    }
  }

  registrationCount(i: number): number {
    return this.registrations[i] ?? 0;
  }

  indexOf(uei: string): number | undefined {
    return this.#index.get(uei.toUpperCase());
  }

  active(i: number): boolean {
    return (this.expirationDay[i] as number) >= this.asOfDay;
  }

  /** Well-formed UEIs that are not in the dataset, the same ones for the same seed. */
  missingUeis(count: number): string[] {
    const rng = Rng.derive(this.seed, 'missing');
    const out = new Set<string>();
    while (out.size < count) {
      const candidate = rng.uei();
      if (!this.#index.has(candidate)) out.add(candidate);
    }
    return [...out];
  }

  /**
   * Changes `round(fraction × size)` entities the way an annual renewal does: a new activation
   * and expiration, a new lastUpdateDate and changed content (a new revision). UEIs never change.
   */
  mutate({ fraction, seed }: MutateOptions): MutationReport<string> {
    const rng = Rng.derive(this.seed, 'mutate', seed, this.version);
    const chosen = rng.sample(this.size, Math.round(fraction * this.size));
    this.version++;
    const updated = this.asOfDay + this.version;
    for (const i of chosen) {
      this.activationDay[i] = updated;
      this.expirationDay[i] = updated + 365;
      this.lastUpdateDay[i] = updated;
      this.revision[i] = (this.revision[i] as number) + 1;
    }
    return { changed: chosen.map((i) => this.uei[i] as string).sort() };
  }
}
