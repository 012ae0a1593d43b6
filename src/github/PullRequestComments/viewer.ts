import { Schema } from "effect"

/** GitHub's GraphQL endpoint for a REST API root: `/graphql` on github.com, `/api/graphql` on GitHub Enterprise Server. */
export const graphqlUrl = (apiUrl: string): string =>
  /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, "/api/graphql") : `${apiUrl}/graphql`

export const VIEWER_QUERY = "query { viewer { login } }"

/** The answer to VIEWER_QUERY: the login of the token's user, app bot or person. */
export const ViewerAnswer = Schema.Struct({
  data: Schema.Struct({ viewer: Schema.Struct({ login: Schema.String }) })
})
