import type { AnySource } from '@freshet/core';
import type { Simulator } from '../sim/types.js';

/** What a companion's simulator offers the runner: the common surface and its dataset's size. */
export type CompanionSimulator = Simulator<string | number> & { readonly size: number };

/** How a configuration makes the source the simulator stands in for. */
export interface CompanionSource {
  /** The package the factory is imported from, as a printed configuration imports it. */
  package: string;
  /** The factory's export name in that package. */
  factory: string;
  /**
   * The factory itself, when the companion ships beside its source. Left out (as the testkit's
   * companions do), Freshet imports `factory` from `package`.
   */
  create?(options: Record<string, unknown>): AnySource;
}

export interface SimStartOptions {
  seed: number;
  /** Listen on this port; unset, a free one. */
  port?: number;
  /** Dataset sizes the user set, by the names `sim.sizes` declares; the rest keep their defaults. */
  sizes: Readonly<Record<string, number>>;
}

export interface SandboxStartOptions {
  seed: number;
  /** How much faster than the real API the rate limit runs, as the source's quota does. */
  speedup: number;
}

/**
 * Everything Freshet's runner knows of a source it simulates: `freshet sim` and the sandbox
 * (`pnpm start`) start, configure, describe and count a source only through its companion.
 */
export interface SourceCompanion<S extends CompanionSimulator = CompanionSimulator> {
  /** The id of the source the simulator stands in for (`sbir`). */
  sourceId: string;
  source: CompanionSource;
  /** The partition range that covers exactly the simulator's dataset; unset, the source's default. */
  range?(simulator: S): string | undefined;
  /** `freshet sim`: the default dataset, resizable, behind the real API's rate limit. */
  sim: {
    /** Dataset sizes `--size <sourceId>.<name>=<n>` sets: name and what it is (with its default). */
    sizes?: Readonly<Record<string, string>>;
    start(options: SimStartOptions): Promise<S>;
    /** Input files the source reads (SAM.gov's UEIs): file name and lines. */
    files?(simulator: S): Readonly<Record<string, readonly string[]>>;
    /** The source's options pointed at the simulator; `files` holds each input file's path. */
    options(simulator: S, files: Readonly<Record<string, string>>): Record<string, unknown>;
    /** One line on what it serves: dataset, range, key, rate limit. */
    describe(simulator: S): string;
  };
  /** The sandbox: a small dataset, each partition a few pages, the rate limit sped up. */
  sandbox: {
    start(options: SandboxStartOptions): Promise<S>;
    /** The source's options pointed at the simulator, with small pages. */
    options(simulator: S): Record<string, unknown>;
  };
}

/** Identity function that types a companion's simulator through every member. */
export function defineCompanion<S extends CompanionSimulator>(
  companion: SourceCompanion<S>,
): SourceCompanion<S> {
  return companion;
}
