import type { HelpDoc, Span } from "@effect/cli"

/** Plain text of @effect/cli's help and error documents (no colour, no layout), for our own renderer. */

export const spanText = (span: Span.Span): string => {
  switch (span._tag) {
    case "Text":
    case "URI":
      return span.value
    case "Highlight":
    case "Strong":
    case "Weak":
      return spanText(span.value)
    case "Sequence":
      return spanText(span.left) + spanText(span.right)
  }
}

/** The paragraphs of a document, in order (headers and lists included as their text). */
export const paragraphs = (doc: HelpDoc.HelpDoc): ReadonlyArray<string> => {
  switch (doc._tag) {
    case "Empty":
      return []
    case "Header":
    case "Paragraph":
      return [spanText(doc.value)]
    case "DescriptionList":
      return doc.definitions.flatMap(([span, inner]) => [spanText(span), ...paragraphs(inner)])
    case "Enumeration":
      return doc.elements.flatMap(paragraphs)
    case "Sequence":
      return [...paragraphs(doc.left), ...paragraphs(doc.right)]
  }
}

/** A document as one line of text: what a usage error says. */
export const docText = (doc: HelpDoc.HelpDoc): string =>
  paragraphs(doc)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .join(" ")
