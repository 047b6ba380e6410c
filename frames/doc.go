// Package frames is the batch half of fountain's dataframe vocabulary:
// Frame, an immutable table of named, typed columns over Apache Arrow
// arrays, with column expressions (Col, Lit, When) and the operations
// users expect — Filter, Select, WithColumn, Sort, GroupBy/Agg, joins, as-of
// joins, Unique, Concat, Explode, Unnest, Describe.
//
// Operations build a logical plan (Explain prints it) that runs once, in
// compiled code on every core, when the rows are first needed: filters move
// toward the scans and Parquet files are read for only the columns and rows
// the plan uses. Interpreted notebook cells stay glue; the loops are here.
//
// Errors do not panic: a Frame that cannot be built or computed carries its
// error (Err), which names the column and type at fault, and every later
// operation passes it on.
//
// The package knows nothing of Jupyter; display renders a Frame as a table.
package frames
