import { ErrorCodes, FreshetError, type ListPartitionsContext } from '@freshet/core';
import { SAM_GOV_SOURCE_ID } from './defaults.js';
import type { SamGovOptions } from './types.js';
import { resolveUeiList } from './uei-list.js';

/**
 * The UEI list one source instance works from. `listPartitions` reads it afresh and keeps it;
 * `fetchSlice` uses the kept list, or reads the file and inline UEIs itself when partitions
 * were not listed in this process (it cannot read other sources' records: only listing can).
 */
export class UeiListCache {
  #list: Promise<string[]> | undefined;

  async refresh(
    options: SamGovOptions,
    recordKeysOf?: ListPartitionsContext<SamGovOptions>['recordKeysOf'],
    rootDir?: string,
  ) {
    const pending = resolveUeiList(options, recordKeysOf, rootDir);
    this.#list = pending;
    try {
      return await pending;
    } catch (err) {
      if (this.#list === pending) this.#list = undefined;
      throw err;
    }
  }

  get(options: SamGovOptions, rootDir?: string): Promise<string[]> {
    if (this.#list) return this.#list;
    if (options.ueisFromSources?.length) {
      return Promise.reject(
        new FreshetError(
          ErrorCodes.INTERNAL,
          'the UEI list includes UEIs from other sources (option ueisFromSources), which only listPartitions can read: list the partitions before running them',
          { source: SAM_GOV_SOURCE_ID },
        ),
      );
    }
    return this.refresh(options, undefined, rootDir);
  }
}
