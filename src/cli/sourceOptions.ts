import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect, Either, Option } from "effect"
import { checkTableSpec, DEFAULT_TABLE_SPEC, type TableSpec } from "../desired/TableSpec.js"

// Plain text, not Options.file: the reader reports a missing, unreadable or non-UTF-8 plan as a
// SourceUnreadable with the file's name, instead of a usage error (or a crash on a permission error).
export const sourceOption = Options.text("source").pipe(
  Options.withAlias("s"),
  Options.withPseudoName("FILE"),
  Options.withDescription(
    "The markdown plan whose tracking table is the desired state (one plan, no config). " +
      "Without --source and --config, op-reconcile.yml in the current directory is read."
  ),
  Options.optional
)

export const configOption = Options.text("config").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription(
    "The config naming the plans, their tables and the status names (default: ./op-reconcile.yml)."
  ),
  Options.optional
)

export const headerOption = Options.text("header").pipe(
  Options.withPseudoName("A,B,…"),
  Options.withDescription(
    `The tracking table's column names, separated by commas, matched exactly (default: ${DEFAULT_TABLE_SPEC.columns.join(",")}).`
  ),
  Options.optional
)

export const idColumnOption = Options.text("id-column").pipe(
  Options.withPseudoName("NAME"),
  Options.withDescription(`The column holding wp#NN (default: ${DEFAULT_TABLE_SPEC.idColumn}).`),
  Options.optional
)

export const statusColumnOption = Options.text("status-column").pipe(
  Options.withPseudoName("NAME"),
  Options.withDescription(
    `The column whose bold prefix is the desired state (default: ${DEFAULT_TABLE_SPEC.statusColumn}).`
  ),
  Options.optional
)

export const formatOption = Options.choice("format", ["text", "json"]).pipe(
  Options.withDescription("How to print the result on stdout: text or json (default: text)."),
  Options.withDefault("text")
)

export const strictOption = Options.boolean("strict").pipe(
  Options.withDescription(
    "Fail (exit 1), naming each row, when a row looks meant to be synced but is not as written: a bold " +
      "word that is not a state, a work package written as #43 or as a link without wp#" +
      " (and, on reconcile, a blocked row). Without it these are warnings."
  )
)

/** The raw values of the table options, as parsed from the command line. */
export interface TableSpecOptionValues {
  readonly header: Option.Option<string>
  readonly idColumn: Option.Option<string>
  readonly statusColumn: Option.Option<string>
}

/** The table spec the options ask for, or what is wrong with them (in the user's terms). */
export const tableSpecFrom = (options: TableSpecOptionValues): Either.Either<TableSpec, string> =>
  checkTableSpec({
    columns: Option.match(options.header, {
      onNone: () => DEFAULT_TABLE_SPEC.columns,
      onSome: (header) => header.split(",").map((name) => name.trim())
    }),
    idColumn: Option.getOrElse(options.idColumn, () => DEFAULT_TABLE_SPEC.idColumn).trim(),
    statusColumn: Option.getOrElse(options.statusColumn, () => DEFAULT_TABLE_SPEC.statusColumn).trim()
  })

/** `--header`, `--id-column` and `--status-column` combined into a checked TableSpec (a usage error otherwise). */
export const tableSpecOptions: Options.Options<TableSpec> = Options.all({
  header: headerOption,
  idColumn: idColumnOption,
  statusColumn: statusColumnOption
}).pipe(
  Options.mapEffect((values) =>
    Either.match(tableSpecFrom(values), {
      onLeft: (problem) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(`Invalid table options: ${problem}.`))),
      onRight: Effect.succeed
    })
  )
)

/** The options every command that reads plans shares: `--source` or `--config`, and the table options. */
export const sourceOptions = { source: sourceOption, config: configOption, tableSpec: tableSpecOptions }
