import type { SchemaAST } from "effect"

/**
 * The keys a schema accepts for the map at `path` (e.g. ["plans", 0, "table"]), read from the schema
 * itself so that the "did you mean" suggestions can never fall behind the config's fields.
 */
export const knownKeysAt = (ast: SchemaAST.AST, path: ReadonlyArray<PropertyKey>): ReadonlyArray<string> => {
  switch (ast._tag) {
    case "Refinement":
    case "Transformation":
      return knownKeysAt(ast.from, path)
    case "Suspend":
      return knownKeysAt(ast.f(), path)
    case "Union":
      return [...new Set(ast.types.flatMap((member) => knownKeysAt(member, path)))]
    case "TypeLiteral": {
      const [head, ...rest] = path
      if (head === undefined) return ast.propertySignatures.map((p) => String(p.name))
      const property = ast.propertySignatures.find((p) => p.name === head)
      if (property !== undefined) return knownKeysAt(property.type, rest)
      const index = ast.indexSignatures[0]
      return index === undefined ? [] : knownKeysAt(index.type, rest)
    }
    case "TupleType": {
      const [head, ...rest] = path
      const element = ast.rest[0]
      return typeof head === "number" && element !== undefined ? knownKeysAt(element.type, rest) : []
    }
    default:
      return []
  }
}
