import * as nodeModule from "node:module"

/**
 * Turns on Node's module compile cache where the runtime has it (`module.enableCompileCache`, Node 22.1+;
 * absent on Node 20, where this does nothing), so a second run skips compiling the bundle's ES modules (the
 * entry, the loader of the CLI and the parse worker; the CLI itself has its own code cache, ./codeCache.ts).
 *
 * The cache lives where Node puts it by default: `$NODE_COMPILE_CACHE`, else `node-compile-cache` in the
 * system's temporary directory. Never next to the bundle, so a global npm install (often read-only) and a
 * CI checkout stay untouched. Node checks each entry against the source and its own version, ignores what
 * does not match, and never fails a run over the cache (it reports, it does not throw);
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off.
 */
export const enableCompileCache = (): void => {
  const enable: unknown = Reflect.get(nodeModule, "enableCompileCache")
  if (typeof enable === "function") enable.call(nodeModule)
}
