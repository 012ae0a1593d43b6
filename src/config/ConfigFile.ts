import { Schema } from "effect"

/**
 * The shape of `op-reconcile.yml`, decoded from the YAML's plain value. The key names are the config's
 * public contract (users, examples and op-reconcile.schema.json rely on them); unknown keys are refused
 * (decode with `onExcessProperty: "error"`) so that a typo never silently drops a setting.
 *
 * New settings are added here as one more optional field (as `routes:` and `selfHeal:` were): the key
 * checks, the "did you mean" suggestions and the JSON Schema all follow; loadConfig.ts carries the value into
 * RunConfig, and the CLI's planSelection.ts into the run.
 */

/** An optional key: absent or of its type, never `undefined` (YAML has no undefined, and errors stay single). */
const optional = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** The message replaces the schema's own ("Expected string, actual 5") with what the user should write. */
const expecting = (what: string) => ({ message: () => ({ message: `expected ${what}`, override: true }) })

/** For maps and lists: only when the value itself has the wrong type; the errors inside keep their own words. */
const expectingShape = (what: string) => ({ message: () => `expected ${what}` })

const text = (what: string) => Schema.String.pipe(Schema.minLength(1)).annotations(expecting(`${what} (text)`))

/** The plan's words → OpenProject's status names, e.g. `In progress: In Bearbeitung`. */
export const StatesMap = Schema.Record({ key: Schema.String, value: text("an OpenProject status name") }).annotations({
  description:
    "The plan's bold words mapped to OpenProject's status names (e.g. `In progress: In Bearbeitung`). " +
    "Each key is also a word the plan may use; a word not listed means the status of the same name.",
  ...expectingShape("a map of the plan's words to OpenProject's status names, e.g. { Done: Closed }")
})

export const TableSection = Schema.Struct({
  header: optional(
    Schema.Array(text("a column name"))
      .annotations(expectingShape("a list of column names, e.g. [Story, Owner, OP, State]"))
      .pipe(Schema.minItems(1))
      .annotations({
        description:
          "The tracking table's column names, in order, matched exactly (default: the runbook's §10 header).",
        ...expectingShape("at least one column name, e.g. [Story, Owner, OP, State]")
      })
  ),
  workPackageColumn: optional(
    text("a column name").annotations({ description: "The column holding wp#NN (one of `header`)." })
  ),
  statusColumn: optional(
    text("a column name").annotations({
      description: "The column whose bold prefix is the desired state (one of `header`)."
    })
  ),
  under: optional(
    text("heading text").annotations({
      description: 'Read only the table under the nearest heading that contains this text (e.g. "§13").'
    })
  )
}).annotations({
  description: "Which table of the plan is the tracking table (default: the runbook's §10 header).",
  ...expectingShape("a map with header, workPackageColumn, statusColumn or under")
})

export const PlanEntry = Schema.Struct({
  source: text("a path or a glob such as docs/missions/*.md").annotations({
    description: "The markdown plan: a path, or a glob (`*`, `?`, `**`), relative to this file's directory."
  }),
  table: optional(TableSection),
  states: optional(StatesMap)
}).annotations({
  description: "One plan document (or every document a glob matches).",
  ...expectingShape("a plan, e.g. { source: docs/PLAN.md }")
})

export const OpenProjectSection = Schema.Struct({
  url: optional(
    text("a URL such as https://openproject.example.com").annotations({
      description: "The OpenProject instance root; OPENPROJECT_URL and --url override it."
    })
  )
}).annotations({
  description: "Where OpenProject is (the API key is read only from OPENPROJECT_API_KEY).",
  ...expectingShape("a map with url")
})

/** The statuses a route passes through, in order (OpenProject's names). */
const RouteVia = Schema.Array(text("an OpenProject status name"))
  .annotations(expectingShape("a list of OpenProject status names to pass through, e.g. [In progress]"))
  .pipe(Schema.minItems(1))
  .annotations({
    description: "The statuses to pass through, in order, with OpenProject's names (e.g. [In progress]).",
    ...expectingShape("at least one status to pass through, e.g. [In progress]")
  })

/** What is wrong with one value under `routes:`, in the user's terms (the union's own words say little). */
const viaProblem = (value: unknown): string | undefined => {
  if (!Array.isArray(value)) return undefined
  if (value.length === 0) return "expected at least one status to pass through, e.g. [In progress]"
  const bad = value.find((name) => typeof name !== "string" || name === "")
  return bad === undefined ? undefined : `expected status names (text), not ${JSON.stringify(bad)}`
}

const routeValueProblem = (value: unknown): string => {
  const inList = viaProblem(value)
  if (inList !== undefined) return inList
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, via] of Object.entries(value)) {
      const problem = Array.isArray(via)
        ? viaProblem(via)
        : "expected a list of statuses to pass through, e.g. [In progress]"
      if (problem !== undefined) return `${JSON.stringify(key)}: ${problem}`
    }
  }
  return 'expected a list of statuses to pass through, e.g. [In progress], or a type\'s routes, e.g. { "New -> Closed": [In progress] }'
}

/** `"From -> To": [Via, …]` entries. */
const RouteEntries = Schema.Record({ key: Schema.String, value: RouteVia }).annotations({
  description: 'Routes for one work package type: "From -> To": [Via, …].',
  ...expectingShape('a map of routes, e.g. { "New -> Closed": [In progress] }')
})

/**
 * Where OpenProject's workflow refuses a transition, the statuses to pass through (README, "OpenProject's
 * workflow"); under a type's name, for that type only. The keys' "From -> To" form is checked after decoding
 * (config/configRoutes.ts), at the key's line.
 */
export const RoutesMap = Schema.Record({
  key: Schema.String,
  value: Schema.Union(RouteVia, RouteEntries).annotations({
    description:
      "A route, \"From -> To\": [Via, …], or under a work package type's name that type's own routes " +
      '(e.g. Task: { "New -> Closed": [In progress] }).',
    message: (issue) => ({ message: routeValueProblem(issue.actual), override: true })
  })
}).annotations({
  description:
    "Where OpenProject's workflow refuses a transition, the statuses to pass through, with OpenProject's status " +
    'names: "New -> Closed": [In progress]; under a type\'s name for that type only (Task: { … }). A change is ' +
    "routed only when the workflow check finds its direct transition refused.",
  ...expectingShape('a map of routes, e.g. { "New -> Closed": [In progress] }')
})

export const ConfigFile = Schema.Struct({
  version: Schema.Literal(1).annotations({
    description: "The config format; 1 is the only one so far.",
    ...expecting("version: 1 (the only config format so far)")
  }),
  openproject: optional(OpenProjectSection),
  states: optional(StatesMap),
  qualifiers: optional(
    Schema.Array(text("a qualifier word")).annotations({
      description:
        "Verdict words that may follow the bold state and are kept on the row (default: ABANDONED, LOCKED, KEEP_AVAILABLE).",
      ...expectingShape("a list of words, e.g. [ABANDONED, LOCKED, KEEP_AVAILABLE]")
    })
  ),
  routes: optional(RoutesMap),
  maxChanges: optional(
    Schema.Int.pipe(Schema.nonNegative()).annotations({
      description:
        "Apply refuses, before any write, a run with more transitions than this; --max-changes overrides it.",
      ...expecting("a whole number of 0 or more")
    })
  ),
  selfHeal: optional(
    Schema.Boolean.annotations({
      description:
        "Revert edits made in OpenProject since op-reconcile set a work package (true, the default: the plan " +
        "wins), or leave them and report them as drift (false). --no-self-heal and --self-heal override it.",
      ...expecting("true or false")
    })
  ),
  plans: Schema.Array(PlanEntry)
    .annotations(expectingShape("a list of plans, e.g. `plans: [{ source: docs/PLAN.md }]`"))
    .pipe(Schema.minItems(1))
    .annotations({
      description: "The plan documents this config reconciles, in one run.",
      ...expectingShape("at least one plan: plans is empty (e.g. `plans: [{ source: docs/PLAN.md }]`)")
    })
}).annotations({
  title: "op-reconcile.yml",
  description: "The declarative config of op-reconcile: which plans, which tables, and the team's status names.",
  ...expectingShape("a map of settings starting with `version: 1` and `plans:`")
})
export type ConfigFile = typeof ConfigFile.Type
