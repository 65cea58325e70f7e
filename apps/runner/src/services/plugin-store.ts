import type { Logger, ServicePlugin, Store, StorePluginModule } from '@freshet/core';
import { importServicePlugin, pluginFunction } from './plugin-module.js';

/** Opens the store a `store: { use, … }` entry names. `migrate: false` leaves the schema alone. */
export async function openPluginStore(
  plugin: ServicePlugin,
  options: { logger: Logger; migrate?: boolean },
): Promise<Store> {
  const module = await importServicePlugin(plugin, 'store');
  const open = pluginFunction<StorePluginModule['openStore']>(module, 'openStore', plugin, 'store');
  return open(plugin.options, {
    logger: options.logger,
    ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
  });
}

/** Brings a plugin store's schema to the latest version (`freshet store migrate`). */
export async function migratePluginStore(
  plugin: ServicePlugin,
  options: { logger: Logger },
): Promise<Awaited<ReturnType<StorePluginModule['migrateStore']>>> {
  const module = await importServicePlugin(plugin, 'store');
  const migrate = pluginFunction<StorePluginModule['migrateStore']>(module, 'migrateStore', plugin, 'store');
  return migrate(plugin.options, { logger: options.logger });
}
