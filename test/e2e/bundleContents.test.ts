import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { describe, expect, inject, it } from "vitest"

/**
 * What the CLI's bundle must not carry: the undici package (about 550 KB, 112 modules), which the barrel
 * import of @effect/platform-node brings in with NodeHttpClient. The CLI talks to OpenProject over node:http
 * (src/openproject/NodeHttpTransport.ts); evaluating undici cost every run's start-up. Its name appears
 * nowhere else in the minified bundle, so its absence is the check.
 */
describe("the built CLI's bundle", () => {
  it("holds no copy of undici", () => {
    const cli = readFileSync(join(dirname(inject("e2eBundle")), "chunks", "cli.cjs"), "utf8")
    expect(cli.length).toBeGreaterThan(100_000)
    expect(cli).not.toContain("undici")
  })
})
