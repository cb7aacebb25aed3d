import { fileURLToPath } from 'node:url';
import { loadConfig, type AppConfig } from './app-config.js';

let defaults: AppConfig | undefined;

/**
 * The shipped configuration's values (config/default.yaml, validated by the schema), with no
 * environment and no local file: the one source of every default. Code that has an AppConfig
 * reads it; tests, benches and tools that need "the defaults" read this instead of restating them.
 */
export function configDefaults(): AppConfig {
  // src/config/ and dist/config/ both sit two levels under the repository, beside config/.
  defaults ??= loadConfig({ env: {}, configDir: fileURLToPath(new URL('../../config', import.meta.url)) });
  return defaults;
}
