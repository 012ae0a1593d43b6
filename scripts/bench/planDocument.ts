// The plan documents the parse benchmark reads: a plain tracking table as a real plan writes it (a link
// per work package, a bold state and a note), about 150 bytes a row.
const STATES = ["Backlog", "New", "Specified", "In progress", "In testing", "Closed", "On hold", "Rejected"]

export const planDocument = (rows: number): string => {
  const lines = ["# Plan", "", "| Track | Phase | GH issue / OP wp | Status |", "| --- | --- | --- | --- |"]
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `| ${i} — Story number ${i} | phase ${i % 7} | OP [wp#${i}](https://openproject.example.com/work_packages/${i}) | **${STATES[i % STATES.length]}** — note ${i} |`
    )
  }
  return `${lines.join("\n")}\n`
}
